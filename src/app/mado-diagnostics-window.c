/* mado-diagnostics-window.c — the terminal's state, live, with the support report to copy
 *
 * The rows on top say, in the desk's language, what the reader, the hub,
 * the outbox and the terminal certificate are doing now and where the log
 * goes (the journalctl command, or what standard error is); under them,
 * this process's last log lines and the support report, which stays in
 * English for whoever reads it at the vendor (mado-diagnostics.c). All of
 * it is refreshed every REFRESH_SECONDS and whenever a monitor changes.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-diagnostics-window.h"
#include "mado-expiry-banner.h"

#define REFRESH_SECONDS 2

struct _MadoDiagnosticsWindow
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwActionRow    *reader_row;
  AdwActionRow    *hub_row;
  AdwActionRow    *outbox_row;
  AdwActionRow    *certificate_row;
  AdwActionRow    *logs_row;
  GtkTextView     *log_view;
  GtkTextView     *report_view;

  MadoApplication *application;
  char            *report;
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (MadoDiagnosticsWindow, mado_diagnostics_window, ADW_TYPE_WINDOW)

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MadoDiagnosticsWindow *self = MADO_DIAGNOSTICS_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->report);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Report copied")));
}

static char *
outbox_text (MadoDesk *desk)
{
  guint waiting = mado_desk_get_waiting_records (desk);

  if (waiting == 0)
    return g_strdup (_("Nothing waiting to be sent"));
  return g_strdup_printf (ngettext ("%u record waiting to be sent",
                                    "%u records waiting to be sent", waiting), waiting);
}

static char *
certificate_text (MadoDesk *desk)
{
  const MadoSiteConfig *config = mado_desk_get_site_config (desk);
  g_autoptr(MadoTerminalCertDates) dates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  char *warning;

  if (config == NULL || !config->has_hub)
    return g_strdup (_("None: the site configuration names no hub"));
  dates = mado_terminal_cert_read_dates (config->client_certificate, &error);
  if (dates == NULL)
    return g_strdup_printf (_("Cannot be read: %s"), error->message);
  warning = mado_expiry_banner_describe_terminal (dates->not_after, NULL);
  if (warning != NULL)
    return warning;
  day = mado_expiry_banner_format_day (dates->not_after);
  return g_strdup_printf (_("Valid until %s"), day);
}

static void
show_logs_place (MadoDiagnosticsWindow *self)
{
  const char *id = mado_log_get_identifier () != NULL ? mado_log_get_identifier () : "madoguchi";
  g_autofree char *stderr_is = NULL;
  g_autofree char *text = NULL;

  if (mado_log_get_target () == MADO_LOG_TARGET_JOURNAL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->logs_row), _("Logs: the journal"));
      /* Translators: both %s are the journal identifier, e.g. madoguchi */
      text = g_strdup_printf (_("journalctl -t %s (as an administrator: every user’s), or "
                                "journalctl --user -t %s as the desk user"), id, id);
    }
  else
    {
      stderr_is = mado_log_describe_stderr ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->logs_row),
                                     _("Logs: standard error"));
      text = g_strdup_printf (_("Written to %s; start Madoguchi from a desktop session or a "
                                "systemd unit to keep them in the journal"),
                              stderr_is != NULL ? stderr_is : _("nowhere (closed)"));
    }
  adw_action_row_set_subtitle (self->logs_row, text);
}

static void
show_recent_lines (MadoDiagnosticsWindow *self)
{
  g_auto(GStrv) lines = mado_log_dup_recent ();
  g_autofree char *text = g_strjoinv ("\n", lines);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->log_view),
                            lines[0] != NULL ? text : _("Nothing logged yet"), -1);
}

static void
refresh (MadoDiagnosticsWindow *self)
{
  MadoDesk *desk = mado_application_get_desk (self->application);
  g_autofree char *hub = mado_hub_monitor_describe (mado_desk_get_hub_monitor (desk));
  g_autofree char *outbox = outbox_text (desk);
  g_autofree char *certificate = certificate_text (desk);
  MadoReaderState reader = mado_reader_monitor_get_state (mado_desk_get_reader_monitor (desk));

  adw_action_row_set_subtitle (self->reader_row, mado_reader_state_describe (reader));
  adw_action_row_set_subtitle (self->hub_row, hub);
  adw_action_row_set_subtitle (self->outbox_row, outbox);
  adw_action_row_set_subtitle (self->certificate_row, certificate);
  show_logs_place (self);
  show_recent_lines (self);
  g_free (self->report);
  self->report = mado_application_diagnostics_report (self->application);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view), self->report, -1);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh (MADO_DIAGNOSTICS_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
mado_diagnostics_window_dispose (GObject *object)
{
  MadoDiagnosticsWindow *self = MADO_DIAGNOSTICS_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (mado_diagnostics_window_parent_class)->dispose (object);
}

static void
mado_diagnostics_window_finalize (GObject *object)
{
  MadoDiagnosticsWindow *self = MADO_DIAGNOSTICS_WINDOW (object);

  g_free (self->report);

  G_OBJECT_CLASS (mado_diagnostics_window_parent_class)->finalize (object);
}

static void
mado_diagnostics_window_class_init (MadoDiagnosticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_diagnostics_window_dispose;
  object_class->finalize = mado_diagnostics_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-diagnostics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, reader_row);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, hub_row);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, outbox_row);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, logs_row);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, log_view);
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, report_view);
  gtk_widget_class_install_action (widget_class, "diagnostics.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mado_diagnostics_window_init (MadoDiagnosticsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mado_diagnostics_window_new:
 * @application: whose desk the window shows
 *
 * Returns: (transfer floating): the window, refreshing itself while open
 */
GtkWidget *
mado_diagnostics_window_new (MadoApplication *application)
{
  MadoDiagnosticsWindow *self = g_object_new (MADO_TYPE_DIAGNOSTICS_WINDOW, NULL);
  MadoDesk *desk = mado_application_get_desk (application);

  self->application = g_object_ref (application);
  g_signal_connect_object (mado_desk_get_reader_monitor (desk), "notify::state",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mado_desk_get_hub_monitor (desk), "notify::state",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "notify::waiting-records",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  refresh (self);
  return GTK_WIDGET (self);
}

/**
 * mado_diagnostics_window_get_report:
 *
 * Returns: the support report as last refreshed (what Copy copies)
 */
const char *
mado_diagnostics_window_get_report (MadoDiagnosticsWindow *self)
{
  g_return_val_if_fail (MADO_IS_DIAGNOSTICS_WINDOW (self), NULL);

  return self->report;
}
