/* mado-orca-request.c — the bodies the desk sends to ORCA's API
 *
 * JSON, as ORCA's API takes it with ?format=json: one member named after
 * the request (patientmodv3req2, patientlst3req), then ORCA's element
 * names. Only the elements ORCA documents for each step are written.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "mado-orca-request.h"
#include "mado-json-write.h"

static void
add (JsonBuilder *b,
     const char  *name,
     const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* ORCA's dates; an open end is 9999-12-31. */
static void
add_date (JsonBuilder *b,
          const char  *name,
          const GDate *date)
{
  char text[16] = "9999-12-31";

  if (g_date_valid (date))
    g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date),
                g_date_get_month (date), g_date_get_day (date));
  add (b, name, text);
}

static JsonBuilder *
begin (const char *root,
       const char *request_number)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, root);
  json_builder_begin_object (b);
  if (request_number != NULL)
    add (b, "Request_Number", request_number);
  return b;
}

static char *
finish (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_object_unref (b);
  return mado_json_write_to_string (root, FALSE);
}

static void
add_edit (JsonBuilder        *b,
          const MadoOrcaEdit *edit)
{
  add (b, "Karte_Uid", edit->karte_uid);
  if (edit->orca_uid != NULL)
    add (b, "Orca_Uid", edit->orca_uid);
  json_builder_set_member_name (b, "Patient_Information");
  json_builder_begin_object (b);
  add (b, "Patient_ID", edit->patient_id);
  json_builder_end_object (b);
}

/**
 * mado_orca_request_read:
 * @patient_id: the ORCA patient number
 *
 * Returns: (transfer full): patientmodv32's step 00: read without locking
 */
char *
mado_orca_request_read (const char *patient_id)
{
  JsonBuilder *b = begin ("patientmodv3req2", "00");

  json_builder_set_member_name (b, "Patient_Information");
  json_builder_begin_object (b);
  add (b, "Patient_ID", patient_id);
  json_builder_end_object (b);
  return finish (b);
}

/**
 * mado_orca_request_lock:
 * @edit: the patient and the desk's token
 *
 * Returns: (transfer full): step 01: read and lock the patient
 */
char *
mado_orca_request_lock (const MadoOrcaEdit *edit)
{
  JsonBuilder *b = begin ("patientmodv3req2", "01");

  add_edit (b, edit);
  return finish (b);
}

static void
add_change (JsonBuilder          *b,
            const MadoOrcaChange *change,
            const GDate          *today)
{
  gboolean is_new = change->kind == MADO_ORCA_CHANGE_ADD;

  json_builder_begin_object (b);
  add (b, "PublicInsurance_Mode", is_new ? "New" : "Modify");
  add (b, "PublicInsurance_Id", is_new ? "0" : change->stored->id);
  add (b, "PublicInsurer_Number", change->payer_number);
  add (b, "PublicInsuredPerson_Number", change->recipient_number);
  add_date (b, "Certificate_IssuedDate", &change->valid_from);
  add_date (b, "Certificate_ExpiredDate", &change->valid_to);
  add_date (b, "Certificate_CheckDate", today);
  json_builder_end_object (b);
}

/**
 * mado_orca_request_changes:
 * @edit: the locked patient
 * @request_number: "02" (send the changes) or "03" (commit them)
 * @diff: what staff confirmed; unchanged 公費 are not sent, so ORCA keeps
 *   them (and every 公費 the hub did not send) as they are
 * @answered: whether staff answered Ok to the question ORCA asked (S20);
 *   a No is never sent: the desk unlocks instead (step 99)
 *
 * Returns: (transfer full): the body of step 02 or 03
 */
char *
mado_orca_request_changes (const MadoOrcaEdit *edit,
                           const char         *request_number,
                           const MadoOrcaDiff *diff,
                           gboolean            answered)
{
  JsonBuilder *b = begin ("patientmodv3req2", request_number);

  add_edit (b, edit);
  json_builder_set_member_name (b, "PublicInsurance_Information");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "PublicInsurance_Info");
  json_builder_begin_array (b);
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);

      if (change->kind != MADO_ORCA_CHANGE_UNCHANGED)
        add_change (b, change, &diff->today);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  /* The answer to the question ORCA asked at the last step 03. */
  if (answered)
    add (b, "Select_Answer", "Ok");
  return finish (b);
}

/**
 * mado_orca_request_unlock:
 * @edit: the locked patient
 *
 * Returns: (transfer full): step 99: release the lock without registering
 */
char *
mado_orca_request_unlock (const MadoOrcaEdit *edit)
{
  JsonBuilder *b = begin ("patientmodv3req2", "99");

  add_edit (b, edit);
  return finish (b);
}

/**
 * mado_orca_request_search:
 * @name: the name as ORCA holds it (full-width space between family and given name)
 * @birth_date: the birth date
 *
 * Returns: (transfer full): patientlst3v2's search by name and birth date
 */
char *
mado_orca_request_search (const char  *name,
                          const GDate *birth_date)
{
  JsonBuilder *b = begin ("patientlst3req", NULL);

  add (b, "WholeName", name);
  add_date (b, "Birth_StartDate", birth_date);
  add_date (b, "Birth_EndDate", birth_date);
  return finish (b);
}
