/* mado-cli-cache.c — `madoguchi-cli cache stats|purge`
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mado-cli.h"
#include "mado-cli-store.h"

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static int
cache_stats (MadoStore           *store,
             MadoCliStoreOptions *options,
             gboolean             json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *wal = g_strconcat (options->database, "-wal", NULL);
  gint64 bytes = file_size (options->database) + file_size (wal);
  MadoCacheStats stats;

  if (!mado_store_cache_stats (store, &stats, &error))
    return mado_cli_store_fail ("cache stats", error);
  oldest = mado_cli_format_time (stats.oldest_fetched_at);
  newest = mado_cli_format_time (stats.newest_fetched_at);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "entries");
      json_builder_add_int_value (b, stats.entries);
      json_builder_set_member_name (b, "confirmedLocally");
      json_builder_add_int_value (b, (long long) stats.confirmed_locally);
      json_builder_set_member_name (b, "encryptedBytes");
      json_builder_add_int_value (b, stats.sealed_bytes);
      json_builder_set_member_name (b, "fileBytes");
      json_builder_add_int_value (b, bytes);
      json_builder_set_member_name (b, "oldestFetched");
      json_builder_add_string_value (b, oldest);
      json_builder_set_member_name (b, "newestFetched");
      json_builder_add_string_value (b, newest);
      json_builder_set_member_name (b, "retentionDays");
      json_builder_add_int_value (b, options->retention_days);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mado_cli_json_print (root);
      return MADO_EXIT_OK;
    }
  g_print (_("Cached residents: %lld\n"), (long long) stats.entries);
  g_print (_("Last confirmed offline: %lld\n"), (long long) stats.confirmed_locally);
  g_print (_("Encrypted data: %lld bytes; database file: %lld bytes\n"),
           (long long) stats.sealed_bytes, (long long) bytes);
  g_print (_("Oldest fetched from the hub: %s\n"), oldest);
  g_print (_("Newest fetched from the hub: %s\n"), newest);
  g_print (_("Retention: %u days\n"), options->retention_days);
  return MADO_EXIT_OK;
}

static int
cache_purge (MadoStore           *store,
             MadoCliStoreOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *operator_id = mado_cli_operator ();
  g_autofree char *detail = NULL;
  gint64 purged = mado_store_cache_purge (store, g_get_real_time (), options->retention_days,
                                          &error);

  if (purged < 0)
    return mado_cli_store_fail ("cache purge", error);
  detail = g_strdup_printf ("purged %" G_GINT64_FORMAT " older than %u days", purged,
                            options->retention_days);
  if (mado_store_audit_append (store, operator_id, MADO_AUDIT_CACHE_PURGE, NULL,
                               MADO_AUDIT_SUCCESS, detail, &error) == 0)
    return mado_cli_store_fail ("cache purge", error);
  g_print (_("Purged %lld cached residents fetched more than %u days ago.\n"),
           (long long) purged, options->retention_days);
  return MADO_EXIT_OK;
}

int
mado_cli_cache (int argc, char **argv)
{
  MadoCliStoreOptions options = { 0, };
  gboolean json = FALSE;
  int retention = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "retention-days", 0, 0, G_OPTION_ARG_INT, &retention,
      N_("Purge what the hub sent more than DAYS ago (default: the site configuration's, or 90)"),
      N_("DAYS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("stats|purge — figures about the offline cache, or purge old entries"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("cache", "%s", error->message);
  else if (argc != 2 || (!g_str_equal (argv[1], "stats") && !g_str_equal (argv[1], "purge")))
    status = mado_cli_usage_error ("cache", "%s", _("expected “stats” or “purge”"));
  else if (retention < 0)
    status = mado_cli_usage_error ("cache", "%s", _("--retention-days must not be negative"));
  else if ((store = mado_cli_store_open ("cache", &options, &status)) != NULL)
    {
      if (retention > 0)
        options.retention_days = (guint) retention;
      status = g_str_equal (argv[1], "stats") ? cache_stats (store, &options, json)
                                              : cache_purge (store, &options);
    }
  mado_cli_store_options_clear (&options);
  return status;
}
