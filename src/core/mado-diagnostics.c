/* mado-diagnostics.c — a plain-text report of the terminal's state for support
 *
 * The report is pasted into support tickets, so it is plain English and
 * not translated: whoever reads it at the vendor reads the same words on
 * every desk. It holds no secret (no key, no password, no private key
 * path's content) and no personal data (no resident, no staff member).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <PCSC/pcsclite.h>
#include <sqlite3.h>

#include "mado-diagnostics.h"
#include "mado-error.h"
#include "mado-terminal-cert.h"
#include "store/mado-store-outbox.h"

static void
add_line (GString    *report,
          const char *key,
          const char *value)
{
  g_string_append_printf (report, "  %-22s %s\n", key, value != NULL ? value : "(none)");
}

static void
add_versions (GString                    *report,
              const MadoDiagnosticsInput *input)
{
  const curl_version_info_data *curl = curl_version_info (CURLVERSION_NOW);
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);

  g_string_append (report, "Versions\n");
  add_line (report, input->program != NULL ? input->program : "Madoguchi", PACKAGE_VERSION);
  for (guint i = 0; input->extra_versions != NULL && input->extra_versions[i] != NULL; i += 2)
    {
      if (input->extra_versions[i + 1] == NULL)
        break;
      add_line (report, input->extra_versions[i], input->extra_versions[i + 1]);
    }
  add_line (report, "GLib", glib);
  /* pcsc-lite has no run-time version call; this is the headers' version. */
  add_line (report, "pcsc-lite (built)", PCSCLITE_VERSION_NUMBER);
  add_line (report, "OpenSSL", OpenSSL_version (OPENSSL_VERSION));
  add_line (report, "libcurl", curl->version);
  add_line (report, "SQLite", sqlite3_libversion ());
  g_string_append (report, "\n");
}

static void
add_readers (GString                    *report,
             const MadoDiagnosticsInput *input)
{
  g_string_append (report, "Card readers\n");
  if (input->readers == NULL || input->readers->len == 0)
    {
      g_string_append (report, "  (no reader)\n\n");
      return;
    }
  for (guint i = 0; i < input->readers->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (input->readers, i);

      g_string_append_printf (report, "  %s\n", info->name);
      g_string_append_printf (report, "    state %s, ATR %s, events %u\n",
                              mado_reader_state_to_string (info->state),
                              info->atr_hex != NULL ? info->atr_hex : "-",
                              info->event_count);
    }
  g_string_append (report, "\n");
}

static void
add_hub (GString                    *report,
         const MadoDiagnosticsInput *input)
{
  const MadoSiteConfig *config = input->site_config;
  MadoHubState state = MADO_HUB_STATE_UNKNOWN;

  /* A configuration without a hub says so, whatever the monitor heard. */
  if (config != NULL && !config->has_hub)
    state = MADO_HUB_STATE_NOT_CONFIGURED;
  else if (input->hub_monitor != NULL)
    state = mado_hub_monitor_get_state (input->hub_monitor);

  g_string_append (report, "Hub\n");
  add_line (report, "URL", config != NULL && config->has_hub ? config->hub_url : NULL);
  add_line (report, "State", mado_hub_state_to_string (state));
  if (state == MADO_HUB_STATE_OFFLINE)
    {
      GDateTime *since = mado_hub_monitor_get_offline_since (input->hub_monitor);
      g_autofree char *text = since != NULL ? g_date_time_format_iso8601 (since) : NULL;

      add_line (report, "Offline since", text);
    }
  g_string_append (report, "\n");
}

static char *
identity_modes_text (MadoIdentityModes modes)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (modes & MADO_IDENTITY_MODE_PIN)
    g_ptr_array_add (names, (gpointer) "pin");
  if (modes & MADO_IDENTITY_MODE_VISUAL)
    g_ptr_array_add (names, (gpointer) "visual");
  g_ptr_array_add (names, NULL);
  return g_strjoinv (";", (char **) names->pdata);
}

/* The terminal certificate's end: expired certificates are among the
 * desk's commonest failures, so the report says it 90 days ahead. */
static void
add_certificate_end (GString    *report,
                     const char *certificate,
                     GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTerminalCertDates) dates = NULL;
  g_autofree char *end = NULL;
  g_autofree char *line = NULL;
  gint64 days;

  if (certificate == NULL)
    return;
  dates = mado_terminal_cert_read_dates (certificate, &error);
  if (dates == NULL)
    {
      add_line (report, "Certificate ends", mado_error_name (error));
      return;
    }
  end = g_date_time_format (dates->not_after, "%Y-%m-%d");
  days = mado_terminal_cert_days_left (dates, now);
  line = g_strdup_printf ("%s (%" G_GINT64_FORMAT " days)%s", end, days,
                          days < 0 ? " EXPIRED: renew it (madoguchi-cli setup request)"
                          : days < MADO_TERMINAL_CERT_WARN_DAYS
                          ? " RENEW SOON: madoguchi-cli setup request" : "");
  add_line (report, "Certificate ends", line);
}

static void
add_configuration (GString                    *report,
                   const MadoDiagnosticsInput *input)
{
  const MadoSiteConfig *config = input->site_config;
  g_autofree char *modes = NULL;
  g_autofree char *retention = NULL;

  g_string_append (report, "Configuration\n");
  add_line (report, "Site configuration",
            config != NULL ? config->path : input->site_config_path);
  if (input->setup_error != NULL)
    add_line (report, "Setup problem", input->setup_error->message);
  if (config == NULL)
    {
      g_string_append (report, "\n");
      return;
    }
  modes = identity_modes_text (config->identity_modes);
  retention = g_strdup_printf ("%u days", config->retention_days);
  add_line (report, "Institution code", config->institution_code);
  add_line (report, "Terminal ID", config->terminal_id);
  add_line (report, "Identity modes", modes);
  /* Paths only: never the files' content (the client key is a secret). */
  add_line (report, "Hub CA", config->hub_ca);
  add_line (report, "Client certificate", config->client_certificate);
  add_certificate_end (report, config->client_certificate, input->now);
  add_line (report, "Trust anchors", config->trust_anchors);
  add_line (report, "Reader", config->reader != NULL ? config->reader : "automatic");
  add_line (report, "Cache database", config->cache_database);
  add_line (report, "Cache retention", retention);
  g_string_append (report, "\n");
}

static void
add_outbox (GString                    *report,
            const MadoDiagnosticsInput *input)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[MADO_OUTBOX_REJECTED + 1] = { 0 };

  g_string_append (report, "Outbox\n");
  if (input->store == NULL)
    {
      g_string_append (report, "  (no store)\n");
      return;
    }
  records = mado_store_outbox_list (input->store, TRUE, &error);
  if (records == NULL)
    {
      add_line (report, "Unreadable", error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const MadoOutboxRecord *record = g_ptr_array_index (records, i);

      if ((guint) record->state < G_N_ELEMENTS (counts))
        counts[record->state]++;
    }
  for (guint state = 0; state < G_N_ELEMENTS (counts); state++)
    {
      g_autofree char *count = g_strdup_printf ("%u", counts[state]);

      add_line (report, mado_outbox_state_to_string ((MadoOutboxState) state), count);
    }
}

/**
 * mado_diagnostics_report:
 * @input: what to report on; any member may be %NULL
 *
 * Builds the support report: versions, readers with their ATRs and states,
 * the hub's URL and reachability, the configuration (paths and codes — no
 * secrets, no personal data) and the outbox's counts by state.
 *
 * Returns: (transfer full): the report, plain text ending in a newline
 */
char *
mado_diagnostics_report (const MadoDiagnosticsInput *input)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  now = input->now != NULL ? g_date_time_ref (input->now) : g_date_time_new_now_utc ();
  time = g_date_time_format_iso8601 (now);
  g_string_append_printf (report, "Madoguchi diagnostics report, %s\n\n", time);
  add_versions (report, input);
  add_readers (report, input);
  add_hub (report, input);
  add_configuration (report, input);
  add_outbox (report, input);
  return g_string_free (g_steal_pointer (&report), FALSE);
}
