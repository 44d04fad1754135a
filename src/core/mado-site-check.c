/* mado-site-check.c — is this terminal set up? One verdict per thing to check
 *
 * `madoguchi-cli config check` prints these one per line, and the app's
 * first-run page shows the failures of the local ones (no network, no
 * reader) so that an administrator sees what is missing and the command
 * that fixes it. Each failure carries the exact command where there is one.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mado-site-check.h"
#include "mado-error.h"
#include "mado-site-config.h"
#include "mado-terminal-cert.h"
#include "card/mado-card-error.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-reader-monitor.h"
#include "hub/mado-hub-client.h"

/* Group and others may do nothing with a secret, beyond the group reading it. */
#define SECRET_FORBIDDEN_BITS  (S_IWGRP | S_IXGRP | S_IRWXO)
#define SHARED_FORBIDDEN_BITS  (S_IWGRP | S_IWOTH)

typedef struct {
  GPtrArray            *checks;
  const MadoSiteConfig *config;
  GDateTime            *now;
} Run;

static void add (Run                 *run,
                 const char          *name,
                 MadoSiteCheckStatus  status,
                 const GError        *error,
                 char                *fix,
                 const char          *format,
                 ...) G_GNUC_PRINTF (6, 7);

/* Takes @fix. The message is @format's, or @error's when @format is NULL. */
static void
add (Run                 *run,
     const char          *name,
     MadoSiteCheckStatus  status,
     const GError        *error,
     char                *fix,
     const char          *format,
     ...)
{
  MadoSiteCheck *check = g_new0 (MadoSiteCheck, 1);
  va_list args;

  check->name = g_strdup (name);
  check->status = status;
  check->fix = fix;
  check->error_name = error != NULL ? g_strdup (mado_error_name (error)) : NULL;
  if (format != NULL)
    {
      va_start (args, format);
      check->message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  else
    check->message = g_strdup (error != NULL ? error->message : "");
  g_ptr_array_add (run->checks, check);
}

static char *
config_fix (const GError *error,
            const char   *path)
{
  if (g_error_matches (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_NOT_FOUND))
    /* Translators: keep the command as it is; only ID and CODE are placeholders */
    return g_strdup (_("Set the terminal up: sudo madoguchi-cli setup request --terminal-id ID --institution-code CODE"));
  if (g_error_matches (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE))
    return g_strdup_printf (_("Install the missing file, or correct the key in %s (docs/site-configuration.md)"),
                            path);
  return g_strdup_printf (_("Correct %s as the message says (docs/site-configuration.md), then run: madoguchi-cli config check"),
                          path);
}

static char *
owner_fix (const char *path,
           gboolean    secret)
{
  if (secret)
    return g_strdup_printf (_("Run: sudo chown root %s && sudo chmod 0600 %s (or 0640 with the desk user's group)"),
                            path, path);
  return g_strdup_printf (_("Run: sudo chown root %s && sudo chmod go-w %s"), path, path);
}

static void
check_mode (Run        *run,
            const char *name,
            const char *path,
            gboolean    secret)
{
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint forbidden = secret ? SECRET_FORBIDDEN_BITS : SHARED_FORBIDDEN_BITS;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (&error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE,
                   _("%s cannot be examined"), path);
      add (run, name, MADO_SITE_CHECK_FAIL, error, owner_fix (path, secret), NULL);
      return;
    }
  if ((st.st_mode & forbidden) != 0 || (st.st_uid != 0 && st.st_uid != getuid ()))
    {
      g_set_error (&error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_UNSAFE_PERMISSIONS,
                   _("%s has mode %04o and owner %u: others may read or change it"),
                   path, (guint) (st.st_mode & 07777), (guint) st.st_uid);
      add (run, name, MADO_SITE_CHECK_FAIL, error, owner_fix (path, secret), NULL);
      return;
    }
  add (run, name, MADO_SITE_CHECK_PASS, NULL, NULL, _("%s: mode %04o, owner %u"),
       path, (guint) (st.st_mode & 07777), (guint) st.st_uid);
}

static void
check_modes (Run *run)
{
  const MadoSiteConfig *c = run->config;

  check_mode (run, "configuration-permissions", c->path, FALSE);
  if (c->has_hub)
    {
      check_mode (run, "hub-ca-permissions", c->hub_ca, FALSE);
      check_mode (run, "client-certificate-permissions", c->client_certificate, FALSE);
      check_mode (run, "client-key-permissions", c->client_key, TRUE);
    }
  if (c->trust_anchors != NULL)
    check_mode (run, "trust-anchors-permissions", c->trust_anchors, FALSE);
  if (c->cache_key_file != NULL && g_file_test (c->cache_key_file, G_FILE_TEST_EXISTS))
    check_mode (run, "cache-key-permissions", c->cache_key_file, TRUE);
}

static char *
renew_fix (const char *name)
{
  if (g_str_equal (name, "client-certificate-dates"))
    return g_strdup (_("Renew it: sudo madoguchi-cli setup request, send the request to the hub operator, then sudo madoguchi-cli setup install --certificate FILE"));
  if (g_str_equal (name, "hub-ca-dates"))
    return g_strdup (_("Ask the hub operator for the current hub CA, then: sudo madoguchi-cli setup install --hub-ca FILE"));
  return g_strdup (_("Install the current J-LIS trust anchors and name them in [card] trust-anchors"));
}

static void
check_dates (Run        *run,
             const char *name,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTerminalCertDates) dates = mado_terminal_cert_read_dates (path, &error);
  g_autofree char *end = NULL;
  gint64 days;

  if (dates == NULL)
    {
      add (run, name, MADO_SITE_CHECK_FAIL, error, renew_fix (name), NULL);
      return;
    }
  end = g_date_time_format (dates->not_after, "%Y-%m-%d");
  days = mado_terminal_cert_days_left (dates, run->now);
  if (days < 0 || g_date_time_compare (dates->not_before, run->now) > 0)
    {
      g_set_error (&error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_CERTIFICATE_EXPIRED,
                   _("%s is not valid today (valid until %s); check the clock too"), path, end);
      add (run, name, MADO_SITE_CHECK_FAIL, error, renew_fix (name), NULL);
    }
  else if (days < MADO_TERMINAL_CERT_WARN_DAYS)
    add (run, name, MADO_SITE_CHECK_WARN, NULL, renew_fix (name),
         g_dngettext (GETTEXT_PACKAGE, "%s expires on %s, in %d day",
                      "%s expires on %s, in %d days", (gulong) days),
         path, end, (int) days);
  else
    add (run, name, MADO_SITE_CHECK_PASS, NULL, NULL, _("%s is valid until %s"), path, end);
}

static void
check_certificates (Run *run)
{
  const MadoSiteConfig *c = run->config;
  g_autoptr(GError) error = NULL;

  if (c->has_hub)
    {
      if (mado_terminal_cert_key_matches (c->client_certificate, c->client_key, &error))
        add (run, "client-key-matches", MADO_SITE_CHECK_PASS, NULL, NULL,
             _("The key %s belongs to the certificate %s"), c->client_key, c->client_certificate);
      else
        add (run, "client-key-matches", MADO_SITE_CHECK_FAIL, error,
             g_strdup (_("Install the certificate issued for this terminal's request: sudo madoguchi-cli setup install --certificate FILE")),
             NULL);
      check_dates (run, "client-certificate-dates", c->client_certificate);
      check_dates (run, "hub-ca-dates", c->hub_ca);
    }
  if (c->trust_anchors != NULL)
    check_dates (run, "trust-anchors-dates", c->trust_anchors);
}

static void
check_hub (Run                *run,
           MadoSiteCheckFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubClient) hub = NULL;
  g_autoptr(MadoHubStatus) status = NULL;

  if (!run->config->has_hub)
    {
      mado_error_set (&error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
      add (run, "hub", MADO_SITE_CHECK_FAIL, error,
           g_strdup (_("Install the hub's details: sudo madoguchi-cli setup install --hub-url URL --hub-ca FILE --certificate FILE")),
           _("%s names no hub ([hub] group)"), run->config->path);
      return;
    }
  if ((flags & MADO_SITE_CHECK_FLAGS_NO_HUB) != 0)
    {
      add (run, "hub", MADO_SITE_CHECK_SKIP, NULL, NULL, _("The hub was not asked"));
      return;
    }
  hub = mado_hub_client_new (run->config, &error);
  if (hub != NULL)
    status = mado_hub_client_get_status (hub, NULL, &error);
  if (status == NULL)
    {
      add (run, "hub", MADO_SITE_CHECK_FAIL, error, g_strdup (mado_error_advice (error->domain, error->code)), NULL);
      return;
    }
  add (run, "hub", MADO_SITE_CHECK_PASS, NULL, NULL,
       _("The hub %s answers at %s over TLS with this terminal's certificate (API %s)"),
       status->hub_name, run->config->hub_url, status->api_version);
}

static gboolean
has_reader (GPtrArray  *readers,
            const char *name)
{
  for (guint i = 0; i < readers->len; i++)
    if (g_str_equal (((MadoReaderInfo *) g_ptr_array_index (readers, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
check_readers (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = mado_pcsc_context_dup_reader_infos (&error);
  const char *pinned = run->config->reader;

  if (readers == NULL)
    {
      add (run, "pcscd", MADO_SITE_CHECK_FAIL, error,
           g_strdup (_("Run: sudo apt install pcscd && sudo systemctl enable --now pcscd.socket")), NULL);
      add (run, "reader", MADO_SITE_CHECK_SKIP, NULL, NULL, _("The smart-card service did not answer"));
      return;
    }
  add (run, "pcscd", MADO_SITE_CHECK_PASS, NULL, NULL, _("The smart-card service (pcscd) answers"));
  if (readers->len == 0 || (pinned != NULL && !has_reader (readers, pinned)))
    {
      mado_error_set (&error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
      if (pinned != NULL)
        add (run, "reader", MADO_SITE_CHECK_FAIL, error,
             g_strdup (_("Connect that reader, or correct [card] reader; run: madoguchi-cli readers")),
             _("The reader “%s” named in [card] reader is not connected"), pinned);
      else
        add (run, "reader", MADO_SITE_CHECK_FAIL, error,
             g_strdup (_("Connect the card reader, then run: madoguchi-cli readers")), NULL);
      return;
    }
  add (run, "reader", MADO_SITE_CHECK_PASS, NULL, NULL,
       g_dngettext (GETTEXT_PACKAGE, "%u card reader is connected", "%u card readers are connected",
                    readers->len),
       readers->len);
}

const char *
mado_site_check_status_to_string (MadoSiteCheckStatus status)
{
  switch (status)
    {
    case MADO_SITE_CHECK_PASS: return "pass";
    case MADO_SITE_CHECK_WARN: return "warn";
    case MADO_SITE_CHECK_FAIL: return "fail";
    case MADO_SITE_CHECK_SKIP: return "skip";
    default: g_return_val_if_reached ("fail");
    }
}

/**
 * mado_site_check_run:
 * @path: (nullable): the site configuration, or %NULL for
 *   mado_site_config_default_path()
 * @flags: what not to check
 * @now: (nullable): the time certificates are judged at (default: now)
 *
 * Runs every check in order. When the configuration cannot be loaded that is
 * the only check: the others need what it names.
 *
 * Returns: (transfer full) (element-type MadoSiteCheck): the verdicts
 */
GPtrArray *
mado_site_check_run (const char          *path,
                     MadoSiteCheckFlags   flags,
                     GDateTime           *now)
{
  g_autofree char *chosen = path != NULL ? g_strdup (path) : mado_site_config_default_path ();
  g_autoptr(GDateTime) local_now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = mado_site_config_load (chosen, &error);
  Run run = { g_ptr_array_new_with_free_func ((GDestroyNotify) mado_site_check_free),
              config, local_now };

  if (config == NULL)
    {
      add (&run, "configuration", MADO_SITE_CHECK_FAIL, error, config_fix (error, chosen), NULL);
      return run.checks;
    }
  add (&run, "configuration", MADO_SITE_CHECK_PASS, NULL, NULL,
       _("%s: terminal %s of institution %s"), chosen, config->terminal_id,
       config->institution_code);
  check_modes (&run);
  check_certificates (&run);
  check_hub (&run, flags);
  if ((flags & MADO_SITE_CHECK_FLAGS_NO_READER) != 0)
    add (&run, "reader", MADO_SITE_CHECK_SKIP, NULL, NULL, _("The card readers were not asked"));
  else
    check_readers (&run);
  return run.checks;
}

/**
 * mado_site_check_all_passed:
 * @checks: (element-type MadoSiteCheck): what mado_site_check_run() returned
 *
 * Returns: %TRUE when no check failed (warnings and skipped checks pass)
 */
gboolean
mado_site_check_all_passed (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (((MadoSiteCheck *) g_ptr_array_index (checks, i))->status == MADO_SITE_CHECK_FAIL)
      return FALSE;
  return TRUE;
}

void
mado_site_check_free (MadoSiteCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->name);
  g_free (check->message);
  g_free (check->fix);
  g_free (check->error_name);
  g_free (check);
}
