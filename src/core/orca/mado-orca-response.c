/* mado-orca-response.c — one answer of ORCA's API, read strictly and bounded
 *
 * ORCA is another program on the network: its answers are untrusted. The
 * text goes through the project's JSON guard (depth, duplicates, UTF-8,
 * grammar) before json-glib sees it; then only the members the desk uses
 * are read, each checked for type, length and format. Members ORCA adds in
 * later versions are ignored; a member the desk uses with the wrong shape
 * refuses the whole answer. Free text (ORCA's messages) is sanitised before
 * anyone shows it: control and bidirectional-override characters removed,
 * length bounded.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mado-orca-response.h"
#include "mado-orca-error.h"
#include "mado-json-guard.h"
#include "mado-date.h"

#define MAX_DEPTH         8
#define MAX_NUMBER_CHARS 20
#define MAX_NAME_CHARS  100
#define MAX_UID_CHARS    64

typedef struct {
  const char  *where;   /* the member being read, for the error */
  GError     **error;
} Reader;

static gboolean
fail (Reader     *r,
      const char *member,
      const char *why)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE,
                 _("The receipt computer’s answer is not readable (%s.%s: %s)."),
                 r->where, member, why);
  return FALSE;
}

/**
 * mado_orca_response_sanitise:
 * @text: (nullable): UTF-8 text from ORCA
 * @max_chars: the most characters kept
 *
 * Returns: (transfer full) (nullable): @text without control, format or
 *   bidirectional-override characters, spaces trimmed, at most @max_chars
 *   characters; %NULL when nothing is left
 */
char *
mado_orca_response_sanitise (const char *text,
                             guint       max_chars)
{
  g_autoptr(GString) out = NULL;
  guint kept = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && kept < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
          type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        continue;
      g_string_append_unichar (out, c);
      kept++;
    }
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    return NULL;
  return g_strdup (out->str);
}

/* A string member: absent is fine (NULL), any other type is not. */
static gboolean
read_text (Reader      *r,
           JsonObject  *object,
           const char  *name,
           guint        max_chars,
           char       **out)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (r, name, "not a string");
  text = json_node_get_string (node);
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    return fail (r, name, "too long");
  *out = mado_orca_response_sanitise (text, max_chars);
  return TRUE;
}

/* A member that must be 1..max of ASCII characters from @allowed. */
static gboolean
read_token (Reader      *r,
            JsonObject  *object,
            const char  *name,
            guint        max_chars,
            const char  *allowed,
            char       **out)
{
  if (!read_text (r, object, name, max_chars, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  for (const char *p = *out; *p != '\0'; p++)
    if (strchr (allowed, *p) == NULL)
      {
        g_clear_pointer (out, g_free);
        return fail (r, name, "unexpected characters");
      }
  return TRUE;
}

#define DIGITS "0123456789"
#define UPPER_DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define UID_CHARS "0123456789abcdefABCDEF-"

/* ORCA writes dates as YYYY-MM-DD; 9999-12-31 is "no end". */
static gboolean
read_date (Reader     *r,
           JsonObject *object,
           const char *name,
           GDate      *out)
{
  g_autofree char *text = NULL;

  g_date_clear (out, 1);
  if (!read_token (r, object, name, 10, DIGITS "-", &text))
    return FALSE;
  if (text == NULL || strcmp (text, "9999-12-31") == 0)
    return TRUE;
  if (strlen (text) != 10 || !mado_date_parse_iso (text, out))
    return fail (r, name, "not a YYYY-MM-DD date");
  return TRUE;
}

static MadoOrcaPublic *
read_public (Reader     *r,
             JsonObject *object)
{
  g_autoptr(MadoOrcaPublic) item = mado_orca_patient_public_new ();

  if (!read_token (r, object, "PublicInsurance_Id", MADO_ORCA_PUBLIC_ID_DIGITS, DIGITS, &item->id) ||
      !read_token (r, object, "PublicInsurance_Class", 3, DIGITS, &item->class_code) ||
      !read_text (r, object, "PublicInsurance_Name", MAX_NAME_CHARS, &item->name) ||
      !read_text (r, object, "PublicInsurer_Number", MAX_NUMBER_CHARS, &item->payer_number) ||
      !read_text (r, object, "PublicInsuredPerson_Number", MAX_NUMBER_CHARS,
                  &item->recipient_number) ||
      !read_date (r, object, "Certificate_IssuedDate", &item->issued) ||
      !read_date (r, object, "Certificate_ExpiredDate", &item->expired) ||
      !read_date (r, object, "Certificate_CheckDate", &item->checked))
    return NULL;
  if (item->id == NULL)
    {
      fail (r, "PublicInsurance_Id", "missing");
      return NULL;
    }
  return g_steal_pointer (&item);
}

/* Calls @each on every non-empty object of the array @name, at most
 * MADO_ORCA_MAX_ARRAY of them; ORCA pads its arrays with empty objects. */
typedef gboolean (*EachFunc) (Reader *r, JsonObject *object, gpointer data);

static gboolean
read_array (Reader     *r,
            JsonObject *object,
            const char *name,
            EachFunc    each,
            gpointer    data)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  /* A single element may come as an object rather than an array. */
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) == 0 ||
           each (r, json_node_get_object (node), data);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, name, "not an array");
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MADO_ORCA_MAX_ARRAY)
    return fail (r, name, "too many elements");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (r, name, "an element is not an object");
      if (json_object_get_size (json_node_get_object (element)) == 0)
        continue;
      if (!each (r, json_node_get_object (element), data))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_public (Reader     *r,
            JsonObject *object,
            gpointer    data)
{
  MadoOrcaPublic *item = read_public (r, object);

  if (item == NULL)
    return FALSE;
  g_ptr_array_add (data, item);
  return TRUE;
}

static gboolean
read_publics (Reader          *r,
              JsonObject      *body,
              MadoOrcaPatient *patient)
{
  JsonNode *node = json_object_get_member (body, "PublicInsurance_Information");
  const char *where = r->where;
  gboolean ok;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (r, "PublicInsurance_Information", "not an object");
  r->where = "PublicInsurance_Information";
  ok = read_array (r, json_node_get_object (node), "PublicInsurance_Info", add_public,
                   patient->publics);
  r->where = where;
  return ok;
}

static MadoOrcaPatient *
read_patient (Reader     *r,
              JsonObject *object)
{
  g_autoptr(MadoOrcaPatient) patient = mado_orca_patient_new ();

  if (!read_token (r, object, "Patient_ID", MADO_ORCA_MAX_PATIENT_ID, DIGITS, &patient->id) ||
      !read_text (r, object, "WholeName", MAX_NAME_CHARS, &patient->name) ||
      !read_text (r, object, "WholeName_inKana", MAX_NAME_CHARS, &patient->name_kana) ||
      !read_date (r, object, "BirthDate", &patient->birth_date))
    return NULL;
  if (patient->id == NULL)
    {
      fail (r, "Patient_ID", "missing");
      return NULL;
    }
  return g_steal_pointer (&patient);
}

static gboolean
add_candidate (Reader     *r,
               JsonObject *object,
               gpointer    data)
{
  MadoOrcaPatient *patient = read_patient (r, object);

  if (patient == NULL)
    return FALSE;
  g_ptr_array_add (data, patient);
  return TRUE;
}

static gboolean
add_message (Reader     *r,
             JsonObject *object,
             gpointer    data)
{
  char *text = NULL;

  if (!read_text (r, object, "Patient_Result_Message", MADO_ORCA_MAX_MESSAGE_CHARS, &text))
    return FALSE;
  if (text == NULL &&
      !read_text (r, object, "Patient_Warning_Message", MADO_ORCA_MAX_MESSAGE_CHARS, &text))
    return FALSE;
  if (text != NULL)
    g_ptr_array_add (data, text);
  return TRUE;
}

/* Patient_Message_Information / Patient_Warning_Information: texts only. */
static gboolean
read_messages (Reader           *r,
               JsonObject       *body,
               MadoOrcaResponse *response)
{
  static const char *const groups[][2] = {
    { "Patient_Message_Information", "Patient_Message_Info" },
    { "Patient_Warning_Information", "Patient_Warning_Info" },
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      JsonNode *node = json_object_get_member (body, groups[i][0]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (r, groups[i][0], "not an object");
      if (!read_array (r, json_node_get_object (node), groups[i][1], add_message, texts))
        return FALSE;
    }
  g_ptr_array_add (texts, NULL);
  response->messages = (GStrv) g_ptr_array_steal (texts, NULL);
  return TRUE;
}

static gboolean
read_select (Reader           *r,
             JsonObject       *body,
             MadoOrcaResponse *response)
{
  JsonNode *node = json_object_get_member (body, "Patient_Select_Information");
  JsonObject *object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (r, "Patient_Select_Information", "not an object");
  object = json_node_get_object (node);
  return read_token (r, object, "Patient_Select", 8, UPPER_DIGITS, &response->select_code) &&
         read_text (r, object, "Patient_Select_Message", MADO_ORCA_MAX_MESSAGE_CHARS,
                    &response->select_message);
}

/* Patient_Information is an object (one patient, with 公費 beside it in the
 * body) or, in a search's answer, an array of patients. */
static gboolean
read_patients (Reader           *r,
               JsonObject       *body,
               MadoOrcaResponse *response)
{
  JsonNode *node = json_object_get_member (body, "Patient_Information");

  response->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_orca_patient_free);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return read_array (r, body, "Patient_Information", add_candidate, response->candidates);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (r, "Patient_Information", "not an object");
  r->where = "Patient_Information";
  response->patient = read_patient (r, json_node_get_object (node));
  r->where = "$";
  return response->patient != NULL && read_publics (r, body, response->patient);
}

static gboolean
read_body (Reader           *r,
           JsonObject       *body,
           MadoOrcaResponse *response)
{
  if (!read_token (r, body, "Api_Result", 8, UPPER_DIGITS, &response->api_result) ||
      !read_text (r, body, "Api_Result_Message", MADO_ORCA_MAX_MESSAGE_CHARS,
                  &response->api_message) ||
      !read_token (r, body, "Request_Number", 2, DIGITS, &response->request_number) ||
      !read_token (r, body, "Response_Number", 2, DIGITS, &response->response_number) ||
      !read_token (r, body, "Orca_Uid", MAX_UID_CHARS, UID_CHARS, &response->orca_uid) ||
      !read_patients (r, body, response) ||
      !read_messages (r, body, response) ||
      !read_select (r, body, response))
    return FALSE;
  if (response->api_result == NULL)
    return fail (r, "Api_Result", "missing");
  return TRUE;
}

/**
 * mado_orca_response_parse:
 * @data: the body ORCA sent (not NUL-terminated)
 * @length: its length
 * @root_name: the one member the body must have (e.g. `patientmodv3res2`)
 * @error: %MADO_ORCA_ERROR_RESPONSE_TOO_LARGE or
 *   %MADO_ORCA_ERROR_MALFORMED_RESPONSE
 *
 * Reads the answer's result code, messages, lock token, patient and 公費;
 * nothing partially read is ever returned.
 *
 * Returns: (transfer full) (nullable): the answer
 */
MadoOrcaResponse *
mado_orca_response_parse (const char  *data,
                          gsize        length,
                          const char  *root_name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(MadoOrcaResponse) response = g_new0 (MadoOrcaResponse, 1);
  g_autoptr(GError) local_error = NULL;
  Reader r = { "$", error };
  JsonNode *root;
  JsonNode *body;

  if (length > MADO_ORCA_MAX_RESPONSE_BYTES)
    {
      g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_RESPONSE_TOO_LARGE,
                   _("The receipt computer’s answer is larger than %d bytes."),
                   MADO_ORCA_MAX_RESPONSE_BYTES);
      return NULL;
    }
  if (!mado_json_guard_check (data, length, MAX_DEPTH, &local_error))
    return fail (&r, "", local_error->message), NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    return fail (&r, "", local_error->message), NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      json_object_get_size (json_node_get_object (root)) != 1)
    return fail (&r, root_name, "expected one object member"), NULL;
  body = json_object_get_member (json_node_get_object (root), root_name);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return fail (&r, root_name, "missing or not an object"), NULL;
  if (!read_body (&r, json_node_get_object (body), response))
    return NULL;
  return g_steal_pointer (&response);
}

void
mado_orca_response_free (MadoOrcaResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->api_result);
  g_free (response->api_message);
  g_free (response->request_number);
  g_free (response->response_number);
  g_free (response->orca_uid);
  g_free (response->select_code);
  g_free (response->select_message);
  g_strfreev (response->messages);
  g_clear_pointer (&response->patient, mado_orca_patient_free);
  g_clear_pointer (&response->candidates, g_ptr_array_unref);
  g_free (response);
}

/**
 * mado_orca_response_is_ok:
 * @response: an answer
 *
 * Returns: whether Api_Result says the call succeeded: zeros, or a W
 *   (a warning) followed by zeros, as ORCA's API documents
 */
gboolean
mado_orca_response_is_ok (const MadoOrcaResponse *response)
{
  const char *p = response->api_result;

  if (*p == 'W')
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (*p != '0')
      return FALSE;
  return TRUE;
}

static char *
join_messages (const MadoOrcaResponse *response)
{
  g_autoptr(GString) text = g_string_new (response->api_message);

  for (guint i = 0; response->messages != NULL && response->messages[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " / " : "", response->messages[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * mado_orca_response_check:
 * @response: an answer
 * @error: the named error for a result code that is not a success, with
 *   ORCA's own (sanitised) message and code in its text
 *
 * Returns: whether the answer is a success
 */
gboolean
mado_orca_response_check (const MadoOrcaResponse  *response,
                          GError                 **error)
{
  const char *code = response->api_result;
  g_autofree char *said = NULL;
  MadoOrcaError kind;

  if (mado_orca_response_is_ok (response))
    return TRUE;
  said = join_messages (response);
  if (strcmp (code, "E90") == 0 || strcmp (code, "E9999") == 0)
    kind = MADO_ORCA_ERROR_LOCKED;
  else if (strcmp (code, "E10") == 0 || strcmp (code, "10") == 0)
    kind = MADO_ORCA_ERROR_PATIENT_NOT_FOUND;
  else if (strcmp (code, "S20") == 0)
    {
      g_free (said);
      said = g_strdup (response->select_message != NULL ? response->select_message : "");
      kind = MADO_ORCA_ERROR_QUESTION;
    }
  else if (strcmp (code, "E50") == 0)
    kind = MADO_ORCA_ERROR_VALIDATION;
  else
    kind = MADO_ORCA_ERROR_REFUSED;
  /* Translators: ORCA's result code, then its message */
  g_set_error (error, MADO_ORCA_ERROR, kind, _("ORCA answered %s: %s"), code, said);
  return FALSE;
}
