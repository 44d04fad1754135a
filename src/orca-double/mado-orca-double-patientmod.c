/* mado-orca-double-patientmod.c — patientmodv32 (公費 of an existing patient) in the ORCA double
 *
 * The steps as ORCA documents them: 00 reads, 01 reads and locks, 02 takes
 * the changes, 03 commits them (and may ask a question, S20, to be answered
 * with Select_Answer), 99 releases the lock. The double refuses, with HTTP
 * 400, any element it does not know and any value of the wrong JSON type;
 * it answers with ORCA's result codes for what ORCA itself checks (a
 * missing patient, a held lock, invalid 公費 data). docs/orca.md lists the
 * codes and which of them are guesses.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-orca-double.h"

static const char *const top_members[] = {
  "Request_Number", "Karte_Uid", "Orca_Uid", "Base_Date", "Patient_Information",
  "PublicInsurance_Information", "Select_Answer", NULL,
};
static const char *const patient_members[] = {
  "Patient_ID", "WholeName", "WholeName_inKana", "BirthDate", "Sex", NULL,
};
static const char *const public_members[] = {
  "PublicInsurance_Mode", "PublicInsurance_Id", "PublicInsurance_Class", "PublicInsurance_Name",
  "PublicInsurer_Number", "PublicInsuredPerson_Number", "Certificate_IssuedDate",
  "Certificate_ExpiredDate", "Certificate_CheckDate", NULL,
};
/* What ORCA refuses in place of a number (the handoff notes name one). */
static const char *const placeholders[] = { "記載なし", "なし", "不明", "-", NULL };

typedef struct {
  MadoOrcaDouble        *self;
  SoupServerMessage     *msg;
  JsonObject            *request;
  const char            *number;
  MadoOrcaDoublePatient *patient;
  GPtrArray             *messages;   /* E50's texts */
} Step;

/* Every member known, every value a string (or, where ORCA nests, an object). */
static const char *
unknown_member (JsonObject         *object,
                const char *const  *known)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!g_strv_contains (known, l->data))
        return l->data;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
        return l->data;
    }
  return NULL;
}

static void
add_patient (JsonBuilder                 *b,
             const MadoOrcaDoublePatient *patient)
{
  json_builder_set_member_name (b, "Patient_Information");
  json_builder_begin_object (b);
  mado_orca_double_add_text (b, "Patient_ID", patient->id);
  mado_orca_double_add_text (b, "WholeName", patient->name);
  mado_orca_double_add_text (b, "WholeName_inKana", patient->kana);
  mado_orca_double_add_text (b, "BirthDate", patient->birth);
  mado_orca_double_add_text (b, "Sex", patient->sex);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "PublicInsurance_Information");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "PublicInsurance_Info");
  json_builder_begin_array (b);
  for (guint i = 0; i < patient->publics->len; i++)
    mado_orca_double_add_public (b, g_ptr_array_index (patient->publics, i));
  /* ORCA pads its arrays with empty objects up to their fixed size. */
  for (guint i = 0; i < 3; i++)
    {
      json_builder_begin_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_messages (JsonBuilder *b,
              GPtrArray   *messages)
{
  json_builder_set_member_name (b, "Patient_Message_Information");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Patient_Message_Info");
  json_builder_begin_array (b);
  for (guint i = 0; i < messages->len; i++)
    {
      json_builder_begin_object (b);
      mado_orca_double_add_text (b, "Patient_Result", "0081");
      mado_orca_double_add_text (b, "Patient_Result_Message", g_ptr_array_index (messages, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
answer (Step       *s,
        const char *response_number,
        const char *result,
        const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  const char *id = mado_orca_double_text (json_object_get_object_member (s->request, "Patient_Information"), "Patient_ID");

  g_ptr_array_add (s->self->log, g_strdup_printf ("patientmodv32 %s %s %s", s->number,
                                                  id != NULL ? id : "-", result));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "patientmodv3res2");
  json_builder_begin_object (b);
  mado_orca_double_add_text (b, "Request_Number", s->number);
  mado_orca_double_add_text (b, "Response_Number", response_number);
  mado_orca_double_add_text (b, "Karte_Uid", mado_orca_double_text (s->request, "Karte_Uid"));
  mado_orca_double_add_text (b, "Orca_Uid", s->patient != NULL ? s->patient->orca_uid : NULL);
  mado_orca_double_add_text (b, "Information_Date", date);
  mado_orca_double_add_text (b, "Information_Time", time);
  mado_orca_double_add_text (b, "Api_Result", result);
  mado_orca_double_add_text (b, "Api_Result_Message", message);
  mado_orca_double_add_text (b, "Reskey", "Acceptance_Info");
  if (s->patient != NULL)
    add_patient (b, s->patient);
  if (s->messages != NULL && s->messages->len > 0)
    add_messages (b, s->messages);
  if (strcmp (result, "S20") == 0)
    {
      json_builder_set_member_name (b, "Patient_Select_Information");
      json_builder_begin_object (b);
      mado_orca_double_add_text (b, "Patient_Select", "K910");
      mado_orca_double_add_text (b, "Patient_Select_Message", "公費の期間が変わると期間外の診療が発生します。登録しますか？");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  mado_orca_double_respond (s->msg, SOUP_STATUS_OK, b);
}

static gboolean
holds_lock (Step *s)
{
  return s->patient->orca_uid != NULL &&
         g_strcmp0 (mado_orca_double_text (s->request, "Orca_Uid"), s->patient->orca_uid) == 0 &&
         g_strcmp0 (mado_orca_double_text (s->request, "Karte_Uid"), s->patient->karte_uid) == 0;
}

static void
unlock (MadoOrcaDoublePatient *patient)
{
  g_clear_pointer (&patient->orca_uid, g_free);
  g_clear_pointer (&patient->karte_uid, g_free);
  g_clear_pointer (&patient->pending, g_free);
  patient->asked = FALSE;
}

static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The "changed" fault: another ORCA terminal typed the certificate in
 * between the desk's read and its lock. */
static void
intrude (Step *s)
{
  MadoOrcaDoublePublic *p = g_new0 (MadoOrcaDoublePublic, 1);

  p->id = g_strdup_printf ("%010u", s->self->next_public_id++);
  p->class_code = g_strdup_printf ("0%.2s", s->self->changed_payer);
  p->name = g_strdup ("他端末で入力");
  p->payer = g_strdup (s->self->changed_payer);
  p->recipient = g_strdup (s->self->changed_recipient);
  p->issued = day_from_today (-30);
  p->expired = g_strdup ("9999-12-31");
  p->checked = day_from_today (-1);
  g_ptr_array_add (s->patient->publics, p);
}

static void
lock (Step *s)
{
  const char *karte = mado_orca_double_text (s->request, "Karte_Uid");

  if (karte == NULL || *karte == '\0')
    {
      mado_orca_double_refuse (s->msg, "step 01 needs Karte_Uid");
      return;
    }
  if (s->patient->orca_uid == NULL && mado_orca_double_take_fault (s->self, "changed"))
    intrude (s);
  if (s->patient->orca_uid != NULL || mado_orca_double_take_fault (s->self, "locked"))
    {
      answer (s, "01", "E90", "他端末で使用中です");
      return;
    }
  s->patient->orca_uid = g_uuid_string_random ();
  s->patient->karte_uid = g_strdup (karte);
  answer (s, "02", "000", "検索処理終了");
}

static gboolean
is_placeholder (const char *value)
{
  return value != NULL && g_strv_contains (placeholders, value);
}

static gboolean
is_digits (const char *value,
           gsize       length)
{
  if (value == NULL || strlen (value) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static MadoOrcaDoublePublic *
find_public (MadoOrcaDoublePatient *patient,
             const char            *id)
{
  guint64 wanted = g_ascii_strtoull (id != NULL ? id : "", NULL, 10);

  for (guint i = 0; i < patient->publics->len; i++)
    {
      MadoOrcaDoublePublic *item = g_ptr_array_index (patient->publics, i);

      if (g_ascii_strtoull (item->id, NULL, 10) == wanted)
        return item;
    }
  return NULL;
}

/* ORCA's own checks of one 公費, as E50 messages. */
static void
check_values (Step       *s,
              JsonObject *item)
{
  const char *payer = mado_orca_double_text (item, "PublicInsurer_Number");
  const char *recipient = mado_orca_double_text (item, "PublicInsuredPerson_Number");
  const char *from = mado_orca_double_text (item, "Certificate_IssuedDate");
  const char *to = mado_orca_double_text (item, "Certificate_ExpiredDate");
  const char *checked = mado_orca_double_text (item, "Certificate_CheckDate");

  if (is_placeholder (payer) || is_placeholder (recipient))
    g_ptr_array_add (s->messages, g_strdup ("番号に文字が入力されています"));
  else if (!is_digits (payer, 8) || !is_digits (recipient, 7))
    g_ptr_array_add (s->messages, g_strdup ("負担者番号は8桁、受給者番号は7桁で入力して下さい"));
  if (!mado_orca_double_fixtures_is_date (from) || !mado_orca_double_fixtures_is_date (to) ||
      !mado_orca_double_fixtures_is_date (checked))
    g_ptr_array_add (s->messages, g_strdup ("日付をYYYY-MM-DDで入力して下さい"));
  else if (strcmp (from, to) > 0)
    g_ptr_array_add (s->messages, g_strdup ("適用開始日は適用終了日以前にして下さい"));
}

/* A structural problem: the text for a 400; NULL when the item is well formed. */
static const char *
check_item (Step       *s,
            JsonObject *item)
{
  const char *mode = mado_orca_double_text (item, "PublicInsurance_Mode");
  const char *id = mado_orca_double_text (item, "PublicInsurance_Id");

  if (unknown_member (item, public_members) != NULL)
    return "an unknown element or a non-string value in PublicInsurance_Info";
  if (mode == NULL || *mode == '\0')
    return NULL;
  if (strcmp (mode, "New") == 0)
    {
      if (id == NULL || g_ascii_strtoull (id, NULL, 10) != 0)
        return "New needs PublicInsurance_Id 0";
    }
  else if (strcmp (mode, "Modify") == 0 || strcmp (mode, "Delete") == 0)
    {
      if (find_public (s->patient, id) == NULL)
        return "Modify and Delete need the ID of a 公費 the patient has";
    }
  else
    return "PublicInsurance_Mode is New, Modify, Delete or empty";
  if (strcmp (mode, "Delete") != 0)
    check_values (s, item);
  return NULL;
}

static JsonArray *
changes_of (Step        *s,
            const char **why)
{
  JsonObject *info = json_object_get_member (s->request, "PublicInsurance_Information") != NULL
                       ? json_object_get_object_member (s->request, "PublicInsurance_Information")
                       : NULL;
  JsonArray *array;

  *why = "PublicInsurance_Information with a PublicInsurance_Info array is required";
  if (info == NULL || json_object_get_size (info) != 1 ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (info, "PublicInsurance_Info")))
    return NULL;
  array = json_object_get_array_member (info, "PublicInsurance_Info");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      *why = JSON_NODE_HOLDS_OBJECT (node) ? check_item (s, json_node_get_object (node))
                                           : "PublicInsurance_Info holds objects";
      if (*why != NULL)
        return NULL;
    }
  return array;
}

static char *
serialise (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
}

static void
take_changes (Step *s)
{
  const char *why = NULL;

  if (!holds_lock (s))
    {
      answer (s, s->number, "E13", "排他制御の情報が一致しません");
      return;
    }
  if (changes_of (s, &why) == NULL)
    {
      mado_orca_double_refuse (s->msg, why);
      return;
    }
  if (s->messages->len > 0 || mado_orca_double_take_fault (s->self, "validation"))
    {
      if (s->messages->len == 0)
        g_ptr_array_add (s->messages, g_strdup ("公費の適用期間が他の公費と重複しています"));
      answer (s, "02", "E50", "保険・公費にエラーがあります");
      return;
    }
  if (mado_orca_double_take_fault (s->self, "refused"))
    {
      answer (s, "02", "E70", "この患者の公費は変更できません");
      return;
    }
  g_free (s->patient->pending);
  s->patient->pending = serialise (s->request, "PublicInsurance_Information");
  answer (s, "03", "000", "処理終了");
}

static MadoOrcaDoublePublic *
public_from (MadoOrcaDouble *self,
             JsonObject     *item,
             const char     *id)
{
  MadoOrcaDoublePublic *p = g_new0 (MadoOrcaDoublePublic, 1);
  const char *payer = mado_orca_double_text (item, "PublicInsurer_Number");

  p->id = g_strdup (id);
  if (id == NULL)
    p->id = g_strdup_printf ("%010u", self->next_public_id++);
  /* ORCA derives the class from the payer number's programme (法別番号). */
  p->class_code = g_strdup_printf ("0%.2s", payer);
  p->name = g_strdup (mado_orca_double_text (item, "PublicInsurance_Name"));
  p->payer = g_strdup (payer);
  p->recipient = g_strdup (mado_orca_double_text (item, "PublicInsuredPerson_Number"));
  p->issued = g_strdup (mado_orca_double_text (item, "Certificate_IssuedDate"));
  p->expired = g_strdup (mado_orca_double_text (item, "Certificate_ExpiredDate"));
  p->checked = g_strdup (mado_orca_double_text (item, "Certificate_CheckDate"));
  return p;
}

static void
apply (Step      *s,
       JsonArray *changes)
{
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *item = json_array_get_object_element (changes, i);
      const char *mode = mado_orca_double_text (item, "PublicInsurance_Mode");
      MadoOrcaDoublePublic *stored = find_public (s->patient, mado_orca_double_text (item, "PublicInsurance_Id"));

      if (g_strcmp0 (mode, "New") == 0)
        g_ptr_array_add (s->patient->publics, public_from (s->self, item, NULL));
      else if (g_strcmp0 (mode, "Modify") == 0)
        {
          g_ptr_array_add (s->patient->publics, public_from (s->self, item, stored->id));
          g_ptr_array_remove (s->patient->publics, stored);
        }
      else if (g_strcmp0 (mode, "Delete") == 0)
        g_ptr_array_remove (s->patient->publics, stored);
    }
}

static void
commit (Step *s)
{
  g_autofree char *sent = NULL;
  const char *why = NULL;
  const char *reply = mado_orca_double_text (s->request, "Select_Answer");
  JsonArray *changes;

  if (!holds_lock (s) || s->patient->pending == NULL)
    {
      answer (s, s->number, "E13", "排他制御の情報が一致しません");
      return;
    }
  changes = changes_of (s, &why);
  sent = serialise (s->request, "PublicInsurance_Information");
  if (changes == NULL || strcmp (sent, s->patient->pending) != 0)
    {
      mado_orca_double_refuse (s->msg, "step 03 must send the changes step 02 accepted");
      return;
    }
  if (reply != NULL && strcmp (reply, "Ok") != 0 && strcmp (reply, "Ng") != 0)
    {
      mado_orca_double_refuse (s->msg, "Select_Answer is Ok or Ng");
      return;
    }
  if (!s->patient->asked && mado_orca_double_take_fault (s->self, "question"))
    s->patient->asked = TRUE;
  if (s->patient->asked && reply == NULL)
    {
      answer (s, "03", "S20", "選択項目があります");
      return;
    }
  if (g_strcmp0 (reply, "Ng") != 0)
    apply (s, changes);
  unlock (s->patient);
  answer (s, "00", "000", "登録処理終了");
}

static gboolean
check_request (Step *s)
{
  JsonObject *patient;
  const char *unknown = unknown_member (s->request, top_members);

  if (unknown != NULL)
    {
      g_autofree char *why = g_strdup_printf ("unknown element or non-string value: %s", unknown);

      mado_orca_double_refuse (s->msg, why);
      return FALSE;
    }
  if (s->number == NULL || !g_strv_contains ((const char *const[]) { "00", "01", "02", "03", "99", NULL },
                                             s->number))
    {
      mado_orca_double_refuse (s->msg, "Request_Number is 00, 01, 02, 03 or 99");
      return FALSE;
    }
  patient = JSON_NODE_HOLDS_OBJECT (json_object_get_member (s->request, "Patient_Information"))
              ? json_object_get_object_member (s->request, "Patient_Information") : NULL;
  if (patient == NULL || unknown_member (patient, patient_members) != NULL)
    {
      mado_orca_double_refuse (s->msg, "Patient_Information holds Patient_ID (and what ORCA answered)");
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_orca_double_patientmod:
 * @self: the double
 * @msg: the request, answered here
 * @request: the body's patientmodv3req2 object
 */
void
mado_orca_double_patientmod (MadoOrcaDouble    *self,
                             SoupServerMessage *msg,
                             JsonObject        *request)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  Step s = { self, msg, request, mado_orca_double_text (request, "Request_Number"), NULL, messages };
  const char *id;

  if (!check_request (&s))
    return;
  id = mado_orca_double_text (json_object_get_object_member (request, "Patient_Information"), "Patient_ID");
  if (id == NULL || *id == '\0')
    {
      answer (&s, s.number, "01", "患者番号が未設定です");
      return;
    }
  s.patient = g_hash_table_lookup (self->patients, id);
  if (s.patient == NULL || (strcmp (s.number, "01") <= 0 &&
                            mado_orca_double_take_fault (self, "not-found")))
    {
      s.patient = NULL;
      answer (&s, s.number, "E10", "患者番号に該当する患者が存在しません");
      return;
    }
  if (strcmp (s.number, "00") == 0)
    answer (&s, "00", "000", "検索処理終了");
  else if (strcmp (s.number, "01") == 0)
    lock (&s);
  else if (strcmp (s.number, "02") == 0)
    take_changes (&s);
  else if (strcmp (s.number, "03") == 0)
    commit (&s);
  else if (!holds_lock (&s))
    answer (&s, "99", "E13", "排他制御の情報が一致しません");
  else
    {
      unlock (s.patient);
      answer (&s, "00", "000", "解除処理終了");
    }
}
