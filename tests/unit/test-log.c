/* test-log.c — the desk's log: structured fields, only the allowed ones, GLib's debug rule
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

/* What reached the sink, one "KEY=value" per field, one message per entry. */
static GPtrArray *captured;

static GLogWriterOutput
capture (GLogLevelFlags   level,
         const GLogField *fields,
         gsize            n_fields,
         gpointer         user_data)
{
  GString *message = g_string_new (NULL);

  for (gsize i = 0; i < n_fields; i++)
    {
      g_string_append_printf (message, "%s=", fields[i].key);
      if (fields[i].length < 0)
        g_string_append (message, fields[i].value);
      else
        g_string_append_len (message, fields[i].value, fields[i].length);
      g_string_append_c (message, '\n');
    }
  g_ptr_array_add (captured, g_string_free (message, FALSE));
  return G_LOG_WRITER_HANDLED;
}

static const char *
last (void)
{
  g_assert_cmpuint (captured->len, >, 0);
  return g_ptr_array_index (captured, captured->len - 1);
}

static gboolean
has_line (const char *message,
          const char *line)
{
  g_autofree char *needle = g_strdup_printf ("%s\n", line);
  g_autofree char *inner = g_strdup_printf ("\n%s", needle);

  return g_str_has_prefix (message, needle) || strstr (message, inner) != NULL;
}

static void
test_fields (void)
{
  g_autoptr(GError) error = g_error_new_literal (MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED, "x");
  const char *message;

  g_ptr_array_set_size (captured, 0);
  mado_log_event (G_LOG_LEVEL_WARNING, "reception", "17", error, "reading-card → failed");
  message = last ();
  g_test_message ("%s", message);
  g_assert_true (has_line (message, "MADO_COMPONENT=reception"));
  g_assert_true (has_line (message, "MADO_VISIT_ID=17"));
  g_assert_true (has_line (message, "MADO_ERROR=card-removed"));
  g_assert_true (has_line (message, "MESSAGE=reading-card → failed: card-removed"));
  g_assert_true (has_line (message, "PRIORITY=4"));
  g_assert_true (has_line (message, "SYSLOG_IDENTIFIER=madoguchi-test"));

  /* Without a visit or an error, no empty fields. */
  mado_log_event (G_LOG_LEVEL_MESSAGE, "outbox", NULL, NULL, "3 delivered");
  message = last ();
  g_assert_true (has_line (message, "MADO_COMPONENT=outbox"));
  g_assert_null (strstr (message, "MADO_VISIT_ID="));
  g_assert_null (strstr (message, "MADO_ERROR="));
}

/* A field nobody allowed never leaves the process. */
static void
test_unknown_field_dropped (void)
{
  const GLogField fields[] = {
    { "MESSAGE", "visit confirmed", -1 },
    { "PRIORITY", "5", -1 },
    { "RESIDENT_NAME", "山田 陽翔", -1 },
    { "MADO_PIN", "1234", -1 },
  };

  g_ptr_array_set_size (captured, 0);
  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, G_N_ELEMENTS (fields));
  g_assert_true (has_line (last (), "MESSAGE=visit confirmed"));
  g_assert_null (strstr (last (), "山田"));
  g_assert_null (strstr (last (), "1234"));
}

static void
test_debug_rule (void)
{
  g_ptr_array_set_size (captured, 0);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_debug ("not wanted");
  g_info ("not wanted either");
  g_assert_cmpuint (captured->len, ==, 0);
  g_setenv ("G_MESSAGES_DEBUG", "Madoguchi-Test", TRUE);
  g_debug ("wanted");
  g_assert_cmpuint (captured->len, ==, 1);
  g_setenv ("G_MESSAGES_DEBUG", "Somebody-Else", TRUE);
  g_debug ("not for us");
  g_assert_cmpuint (captured->len, ==, 1);
  g_unsetenv ("G_MESSAGES_DEBUG");
  /* Warnings are never dropped. */
  g_message ("always");
  g_assert_cmpuint (captured->len, ==, 2);
}

static void
test_recent (void)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  mado_log_event (G_LOG_LEVEL_MESSAGE, "hub", NULL, NULL, "probe %d", 1);
  for (guint i = 0; i < MADO_LOG_RECENT_LINES + 5; i++)
    g_message ("line %u", i);
  mado_log_event (G_LOG_LEVEL_MESSAGE, "hub", "9", NULL, "the last one");
  lines = mado_log_dup_recent ();
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, MADO_LOG_RECENT_LINES);
  g_assert_nonnull (strstr (lines[n - 1], "[hub] visit 9: the last one"));
  /* The oldest went first. */
  g_assert_null (strstr (lines[0], "probe 1"));
}

static void
test_target (void)
{
  g_setenv ("MADOGUCHI_LOG", "journal", TRUE);
  g_assert_cmpint (mado_log_choose_target (FALSE), ==, MADO_LOG_TARGET_JOURNAL);
  g_setenv ("MADOGUCHI_LOG", "stderr", TRUE);
  g_assert_cmpint (mado_log_choose_target (TRUE), ==, MADO_LOG_TARGET_STDERR);
  g_unsetenv ("MADOGUCHI_LOG");
  /* A desktop session does not count for a command in a terminal. */
  g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  g_unsetenv ("JOURNAL_STREAM");
  g_assert_cmpint (mado_log_choose_target (FALSE), ==, MADO_LOG_TARGET_STDERR);
  g_unsetenv ("XDG_CURRENT_DESKTOP");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  captured = g_ptr_array_new_with_free_func (g_free);
  mado_log_init ("madoguchi-test", MADO_LOG_TARGET_STDERR);
  mado_log_set_sink (capture, NULL);

  g_test_add_func ("/log/fields", test_fields);
  g_test_add_func ("/log/unknown-field-dropped", test_unknown_field_dropped);
  g_test_add_func ("/log/debug-rule", test_debug_rule);
  g_test_add_func ("/log/recent", test_recent);
  g_test_add_func ("/log/target", test_target);
  return g_test_run ();
}
