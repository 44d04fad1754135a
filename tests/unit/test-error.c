/* test-error.c — the error registry: a row for every code, and what hub errors mean
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

/* Every error domain, with the first exit status of its block as docs/cli.md
 * documents it: a status, once documented, never changes. */
static const struct {
  const char *label;
  GQuark    (*domain) (void);
  GType     (*get_type) (void);
  int         exit_base;
} domains[] = {
  { "card", mado_card_error_quark, mado_card_error_get_type, 10 },
  { "store", mado_store_error_quark, mado_store_error_get_type, 40 },
  { "hub", mado_hub_error_quark, mado_hub_error_get_type, 60 },
  { "reception", mado_reception_error_quark, mado_reception_error_get_type, 100 },
  { "site configuration", mado_site_config_error_quark, mado_site_config_error_get_type, 120 },
  { "record", mado_record_error_quark, mado_record_error_get_type, 140 },
  { "ORCA", mado_orca_error_quark, mado_orca_error_get_type, 160 },
  { "staff", mado_staff_error_quark, mado_staff_error_get_type, 180 },
};

/* What each hub error means, written out here rather than read from the
 * registry: a row deleted or changed there fails this test. */
enum { R = 1 << 0, O = 1 << 1, P = 1 << 2, U = 1 << 3, C = 1 << 4 };

static const struct {
  MadoHubError code;
  guint        meaning;  /* R retryable, O offline, P permanent, U unsent, C refuses the card */
} hub_meanings[] = {
  { MADO_HUB_ERROR_NOT_CONFIGURED,             O | U },
  { MADO_HUB_ERROR_TLS_SETUP,                  0 },
  { MADO_HUB_ERROR_UNREACHABLE,                R | O | U },
  { MADO_HUB_ERROR_TIMEOUT,                    R | O },
  { MADO_HUB_ERROR_CONNECTION_LOST,            R | O },
  { MADO_HUB_ERROR_SERVER_UNTRUSTED,           0 },
  { MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED, 0 },
  { MADO_HUB_ERROR_TLS_FAILED,                 0 },
  { MADO_HUB_ERROR_REDIRECTED,                 0 },
  { MADO_HUB_ERROR_SERVER_ERROR,               R | O },
  { MADO_HUB_ERROR_MALFORMED_RESPONSE,         0 },
  { MADO_HUB_ERROR_RESPONSE_TOO_LARGE,         0 },
  { MADO_HUB_ERROR_INVALID_REQUEST,            P },
  { MADO_HUB_ERROR_REFUSED,                    P },
  { MADO_HUB_ERROR_BAD_REQUEST,                P },
  { MADO_HUB_ERROR_UNSUPPORTED_VERSION,        0 },
  { MADO_HUB_ERROR_CHALLENGE_UNKNOWN,          0 },
  { MADO_HUB_ERROR_CHALLENGE_EXPIRED,          0 },
  { MADO_HUB_ERROR_CHALLENGE_REPLAYED,         0 },
  { MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL,   0 },
  { MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED,      C },
  { MADO_HUB_ERROR_CERTIFICATE_EXPIRED,        C },
  { MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID,  C },
  { MADO_HUB_ERROR_CERTIFICATE_REVOKED,        C },
  { MADO_HUB_ERROR_SIGNATURE_INVALID,          0 },
  { MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED,      0 },
  { MADO_HUB_ERROR_RESIDENT_NOT_FOUND,         0 },
  { MADO_HUB_ERROR_TOKEN_INVALID,              0 },
  { MADO_HUB_ERROR_CONSENT_REQUIRED,           0 },
  { MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED,   P },
  { MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED,     P },
  { MADO_HUB_ERROR_RECORD_INVALID,             P },
  { MADO_HUB_ERROR_PAYLOAD_TOO_LARGE,          P },
  { MADO_HUB_ERROR_RATE_LIMITED,               R | O },
  { MADO_HUB_ERROR_INTERNAL,                   R | O },
  { MADO_HUB_ERROR_TERMINAL_MISMATCH,          0 },
  { MADO_HUB_ERROR_FAILED,                     0 },
  { MADO_HUB_ERROR_BUNDLE_NOT_BOUND,           0 },
  { MADO_HUB_ERROR_BUNDLE_ROLLED_BACK,         0 },
};

static gboolean
is_kebab_case (const char *name)
{
  return g_regex_match_simple ("^[a-z]+(-[a-z]+)*$", name, 0, 0);
}

static guint
meaning_of (const GError *error)
{
  return (mado_error_is_retryable (error) ? R : 0) |
         (mado_error_means_offline (error) ? O : 0) |
         (mado_error_is_permanent (error) ? P : 0) |
         (mado_error_is_unsent (error) ? U : 0) |
         (mado_error_refuses_card (error) ? C : 0);
}

static void
test_every_code_has_a_row (void)
{
  g_autoptr(GHashTable) statuses = g_hash_table_new (NULL, NULL);

  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (domains[d].get_type ());
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      GQuark domain = domains[d].domain ();

      for (guint i = 0; i < klass->n_values; i++)
        {
          int code = klass->values[i].value;
          g_autoptr(GError) error = g_error_new_literal (domain, code, "");
          const char *name = mado_error_code_name (domain, code);
          int status = mado_error_exit_status (error);

          g_test_message ("%s %d: %s, exit %d", domains[d].label, code, name, status);
          g_assert_nonnull (name);
          g_assert_true (is_kebab_case (name));
          g_assert_cmpstr (mado_error_name (error), ==, name);
          g_assert_false (g_hash_table_contains (names, name));
          g_hash_table_add (names, (gpointer) name);

          g_assert_cmpint (status, ==, domains[d].exit_base + code);
          g_assert_cmpint (mado_error_code_exit_status (domain, code), ==, status);
          g_assert_false (g_hash_table_contains (statuses, GINT_TO_POINTER (status)));
          g_hash_table_add (statuses, GINT_TO_POINTER (status));

          g_assert_cmpstr (mado_error_advice (domain, code), !=, "");
        }
      /* No row for a code the enum does not have. */
      g_assert_null (mado_error_code_name (domain, (int) klass->n_values));
      g_assert_cmpint (mado_error_code_exit_status (domain, (int) klass->n_values), ==,
                       MADO_ERROR_EXIT_FAILED);
    }
  g_assert_false (g_hash_table_contains (statuses, GINT_TO_POINTER (MADO_ERROR_EXIT_FAILED)));
}

static void
test_names (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "");
  g_autoptr(GError) site = g_error_new_literal (MADO_SITE_CONFIG_ERROR,
                                                MADO_SITE_CONFIG_ERROR_INVALID_URL, "");

  g_assert_cmpstr (mado_error_code_name (MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED), ==,
                   "pin-blocked");
  g_assert_cmpstr (mado_error_code_name (MADO_CARD_ERROR, MADO_CARD_ERROR_NOT_MY_NUMBER_CARD), ==,
                   "not-my-number-card");
  g_assert_cmpstr (mado_error_code_name (MADO_HUB_ERROR, MADO_HUB_ERROR_RESPONSE_TOO_LARGE), ==,
                   "response-too-large");
  g_assert_cmpstr (mado_error_name (site), ==, "invalid-url");
  g_assert_cmpstr (mado_error_name (NULL), ==, "none");
  g_assert_cmpstr (mado_error_name (cancelled), ==, "cancelled");
  g_assert_cmpstr (mado_error_name (other), ==, "failed");
  g_assert_cmpint (mado_error_exit_status (other), ==, MADO_ERROR_EXIT_FAILED);
  g_assert_cmpint (mado_error_exit_status (site), ==, 123);
}

static void
test_hub_meanings (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MADO_TYPE_HUB_ERROR);

  g_assert_cmpuint (G_N_ELEMENTS (hub_meanings), ==, klass->n_values);
  for (guint i = 0; i < G_N_ELEMENTS (hub_meanings); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (MADO_HUB_ERROR, hub_meanings[i].code, "");

      g_test_message ("%s", mado_error_name (error));
      g_assert_cmpuint (meaning_of (error), ==, hub_meanings[i].meaning);
    }
}

/* Only hub errors say anything about the hub: the same code in another
 * domain, or no error, means nothing. */
static void
test_other_domains_mean_nothing (void)
{
  g_autoptr(GError) unreachable = g_error_new_literal (MADO_HUB_ERROR, MADO_HUB_ERROR_UNREACHABLE, "");
  g_autoptr(GError) untrusted = g_error_new_literal (MADO_HUB_ERROR, MADO_HUB_ERROR_SERVER_UNTRUSTED, "");
  g_autoptr(GError) replayed = g_error_new_literal (MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_REPLAYED, "");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, MADO_HUB_ERROR_UNREACHABLE, "");

  g_assert_true (mado_error_is_retryable (unreachable));
  g_assert_false (mado_error_is_retryable (untrusted));
  g_assert_false (mado_error_is_retryable (replayed));
  g_assert_false (mado_error_is_retryable (other));
  g_assert_cmpuint (meaning_of (other), ==, 0);
  g_assert_cmpuint (meaning_of (NULL), ==, 0);

  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (domains[d].get_type ());

      if (domains[d].domain () == MADO_HUB_ERROR)
        continue;
      for (guint i = 0; i < klass->n_values; i++)
        {
          g_autoptr(GError) error = g_error_new_literal (domains[d].domain (),
                                                         klass->values[i].value, "");

          g_assert_cmpuint (meaning_of (error), ==, 0);
        }
    }
}

/* docs/cli.md documents every status with its name. */
static void
test_documented (void)
{
  const char *root = g_getenv ("MADOGUCHI_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    {
      g_test_skip ("MADOGUCHI_SOURCE_ROOT is not set");
      return;
    }
  path = g_build_filename (root, "docs", "cli.md", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (domains[d].get_type ());
      GQuark domain = domains[d].domain ();

      for (guint i = 0; i < klass->n_values; i++)
        {
          int code = klass->values[i].value;
          g_autofree char *row = g_strdup_printf ("\n| %d | %s: ",
                                                  mado_error_code_exit_status (domain, code),
                                                  domains[d].label);
          g_autofree char *name = g_strdup_printf ("`%s`", mado_error_code_name (domain, code));
          const char *line = strstr (text, row);
          const char *end = line != NULL ? strchr (line + 1, '\n') : NULL;

          g_test_message ("%s", row + 1);
          g_assert_nonnull (line);
          g_assert_nonnull (g_strstr_len (line, end - line, name));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/error/every-code-has-a-row", test_every_code_has_a_row);
  g_test_add_func ("/core/error/names", test_names);
  g_test_add_func ("/core/error/hub-meanings", test_hub_meanings);
  g_test_add_func ("/core/error/other-domains-mean-nothing", test_other_domains_mean_nothing);
  g_test_add_func ("/core/error/documented", test_documented);
  return g_test_run ();
}
