/* fuzz-orca-response.c — ORCA's answer parser on arbitrary bytes
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

/* What the desk shows must be clean text: no control characters. */
static void
assert_clean (const char *text)
{
  if (text == NULL)
    return;
  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (g_utf8_strlen (text, -1) <= MADO_ORCA_MAX_MESSAGE_CHARS);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_assert (g_unichar_type (g_utf8_get_char (p)) != G_UNICODE_CONTROL);
}

static void
check_patient (const MadoOrcaPatient *patient)
{
  g_assert (mado_orca_patient_is_id (patient->id));
  for (guint i = 0; i < patient->publics->len; i++)
    {
      const MadoOrcaPublic *item = g_ptr_array_index (patient->publics, i);

      g_assert (item->id != NULL && strlen (item->id) <= MADO_ORCA_PUBLIC_ID_DIGITS);
      assert_clean (item->payer_number);
      assert_clean (item->recipient_number);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(MadoOrcaResponse) response = NULL;

  response = mado_orca_response_parse ((const char *) data, size, "patientmodv3res2", &error);
  /* Either a whole answer or a named error, never both, never neither. */
  if (response == NULL)
    {
      g_assert (error != NULL && error->domain == MADO_ORCA_ERROR);
      g_assert (error->code == MADO_ORCA_ERROR_MALFORMED_RESPONSE ||
                error->code == MADO_ORCA_ERROR_RESPONSE_TOO_LARGE);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (response->api_result != NULL && response->messages != NULL);
  assert_clean (response->api_message);
  assert_clean (response->select_message);
  for (guint i = 0; response->messages[i] != NULL; i++)
    assert_clean (response->messages[i]);
  if (response->patient != NULL)
    check_patient (response->patient);
  for (guint i = 0; i < response->candidates->len; i++)
    check_patient (g_ptr_array_index (response->candidates, i));
  /* A success or a named ORCA error, whatever the code says. */
  if (!mado_orca_response_check (response, &check_error))
    g_assert (check_error != NULL && check_error->domain == MADO_ORCA_ERROR);
  return 0;
}
