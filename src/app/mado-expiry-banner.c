/* mado-expiry-banner.c — certificates that end soon: the terminal's in the status bar, a card's on the resident screen
 *
 * Expired certificates are among a desk's commonest failures, and both
 * kinds end on a date known long before: the terminal's (every hub call
 * fails after it) and the resident's card (only the municipal office can
 * renew it). The desk says so from MADO_CERTIFICATE_EXPIRY_WARN_DAYS days
 * ahead, by the same rule as `config check` and the support report.
 *
 * The status-bar part re-reads the terminal certificate every hour while
 * it is on screen, so a certificate installed with `setup install` clears
 * the warning without a restart.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-application.h"
#include "mado-expiry-banner.h"
#include "mado-resident-sections.h"

#define REFRESH_SECONDS 3600

struct _MadoExpiryBanner
{
  GtkBox    parent_instance;

  GtkImage *icon;
  GtkLabel *label;
  guint     first_id;
  guint     refresh_id;
};

G_DEFINE_FINAL_TYPE (MadoExpiryBanner, mado_expiry_banner, GTK_TYPE_BOX)

/**
 * mado_expiry_banner_format_day:
 * @not_after: a certificate's end
 *
 * Returns: (transfer full): its day in the desk's own calendar (Japan),
 *   in the desk's words
 */
char *
mado_expiry_banner_format_day (GDateTime *not_after)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (not_after);

  /* Translators: a certificate's end, g_date_time_format(); Japanese: "%Y年%-m月%-d日" */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

static char *
terminal_words (MadoCertificateExpiry  expiry,
                int                    days,
                const char            *day)
{
  if (expiry == MADO_CERTIFICATE_EXPIRY_PASSED)
    return g_strdup_printf (_("The terminal certificate expired on %s: the hub refuses this "
                              "desk until it is renewed"), day);
  return g_strdup_printf (ngettext ("The terminal certificate expires in %d day (%s): "
                                    "have it renewed",
                                    "The terminal certificate expires in %d days (%s): "
                                    "have it renewed", (gulong) days),
                          days, day);
}

static char *
card_words (MadoCertificateExpiry  expiry,
            int                    days,
            const char            *day)
{
  if (expiry == MADO_CERTIFICATE_EXPIRY_PASSED)
    return g_strdup_printf (_("This card’s certificate expired on %s. The resident can renew "
                              "it at their city, town or village office (市区町村の窓口)."), day);
  return g_strdup_printf (ngettext ("This card’s certificate expires on %s, in %d day. The "
                                    "resident can renew it at their city, town or village "
                                    "office (市区町村の窓口).",
                                    "This card’s certificate expires on %s, in %d days. The "
                                    "resident can renew it at their city, town or village "
                                    "office (市区町村の窓口).", (gulong) days),
                          day, days);
}

/* The warning, or NULL while the end is further than the warning period. */
static char *
describe (GDateTime *not_after,
          GDateTime *now,
          char     *(*words) (MadoCertificateExpiry, int, const char *))
{
  g_autofree char *day = NULL;
  MadoCertificateExpiry expiry;
  gint64 days;

  g_return_val_if_fail (not_after != NULL, NULL);

  expiry = mado_certificate_expiry_judge (not_after, now, &days);
  if (expiry == MADO_CERTIFICATE_EXPIRY_FAR)
    return NULL;
  day = mado_expiry_banner_format_day (not_after);
  return words (expiry, (int) days, day);
}

/**
 * mado_expiry_banner_describe_terminal:
 * @not_after: the terminal certificate's end
 * @now: (nullable): the time to judge at (default: now)
 *
 * Returns: (transfer full) (nullable): the status bar's warning, or %NULL
 *   while the end is further than the warning period
 */
char *
mado_expiry_banner_describe_terminal (GDateTime *not_after,
                                      GDateTime *now)
{
  return describe (not_after, now, terminal_words);
}

/**
 * mado_expiry_banner_describe_card:
 * @not_after: the card certificate's end
 * @now: (nullable): the time to judge at (default: now)
 *
 * Returns: (transfer full) (nullable): what staff tell the resident, or
 *   %NULL while the end is further than the warning period
 */
char *
mado_expiry_banner_describe_card (GDateTime *not_after,
                                  GDateTime *now)
{
  return describe (not_after, now, card_words);
}

/**
 * mado_expiry_banner_card_note_new:
 * @not_after: (nullable): the card certificate's end
 * @now: (nullable): the time to judge at (default: now)
 *
 * Returns: (transfer floating) (nullable): the resident screen's note
 *   (named "resident-card-expiry"), or %NULL when there is nothing to say
 */
GtkWidget *
mado_expiry_banner_card_note_new (GDateTime *not_after,
                                  GDateTime *now)
{
  g_autofree char *text = not_after != NULL ? mado_expiry_banner_describe_card (not_after, now)
                                            : NULL;
  GtkWidget *note;

  if (text == NULL)
    return NULL;
  note = mado_resident_note_new ("x-office-calendar-symbolic", text, "warning");
  gtk_widget_set_name (note, "resident-card-expiry");
  return note;
}

static MadoDesk *
find_desk (MadoExpiryBanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                                     : NULL;

  return MADO_IS_APPLICATION (application) ? mado_application_get_desk (MADO_APPLICATION (application))
                                           : NULL;
}

static char *
terminal_warning (MadoExpiryBanner *self,
                  gboolean         *out_expired)
{
  MadoDesk *desk = find_desk (self);
  const MadoSiteConfig *config = desk != NULL ? mado_desk_get_site_config (desk) : NULL;
  g_autoptr(MadoTerminalCertDates) dates = NULL;

  *out_expired = FALSE;
  if (config == NULL || !config->has_hub)
    return NULL;
  /* An unreadable certificate is the setup page's and config check's
   * concern: the status bar speaks only of dates. */
  dates = mado_terminal_cert_read_dates (config->client_certificate, NULL);
  if (dates == NULL)
    return NULL;
  *out_expired = mado_terminal_cert_days_left (dates, NULL) < 0;
  return mado_expiry_banner_describe_terminal (dates->not_after, NULL);
}

/**
 * mado_expiry_banner_refresh:
 *
 * Reads the terminal certificate again and shows or hides the warning.
 */
void
mado_expiry_banner_refresh (MadoExpiryBanner *self)
{
  gboolean expired;
  g_autofree char *text = NULL;

  g_return_if_fail (MADO_IS_EXPIRY_BANNER (self));

  text = terminal_warning (self, &expired);
  gtk_widget_set_visible (GTK_WIDGET (self), text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_label (self->label, text);
  gtk_image_set_from_icon_name (self->icon, expired ? "dialog-error-symbolic"
                                                    : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self), expired ? "warning" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self), expired ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static gboolean
refresh_cb (gpointer user_data)
{
  MadoExpiryBanner *self = MADO_EXPIRY_BANNER (user_data);

  mado_expiry_banner_refresh (self);
  if (self->first_id != 0)
    {
      /* The first look, just after the window has its application. */
      self->first_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop (MadoExpiryBanner *self)
{
  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
}

/* A hidden banner is never mapped: the window's life decides instead. */
static void
mado_expiry_banner_root (GtkWidget *widget)
{
  MadoExpiryBanner *self = MADO_EXPIRY_BANNER (widget);

  GTK_WIDGET_CLASS (mado_expiry_banner_parent_class)->root (widget);
  stop (self);
  self->first_id = g_idle_add (refresh_cb, self);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
mado_expiry_banner_unroot (GtkWidget *widget)
{
  stop (MADO_EXPIRY_BANNER (widget));
  GTK_WIDGET_CLASS (mado_expiry_banner_parent_class)->unroot (widget);
}

static void
mado_expiry_banner_dispose (GObject *object)
{
  stop (MADO_EXPIRY_BANNER (object));

  G_OBJECT_CLASS (mado_expiry_banner_parent_class)->dispose (object);
}

static void
mado_expiry_banner_class_init (MadoExpiryBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_expiry_banner_dispose;
  widget_class->root = mado_expiry_banner_root;
  widget_class->unroot = mado_expiry_banner_unroot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
mado_expiry_banner_init (MadoExpiryBanner *self)
{
  self->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));
  gtk_widget_set_name (GTK_WIDGET (self), "terminal-cert-status");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("An administrator renews it: sudo madoguchi-cli setup request, "
                                 "then sudo madoguchi-cli setup install --certificate NEW.pem "
                                 "(see the installation guide)"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "expiry-banner");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
