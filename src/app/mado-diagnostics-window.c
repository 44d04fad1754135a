/* mado-diagnostics-window.c — shows the support report, with a Copy button
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-diagnostics-window.h"

struct _MadoDiagnosticsWindow
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkTextView     *report_view;

  char            *report;
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

  object_class->finalize = mado_diagnostics_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-diagnostics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoDiagnosticsWindow, toast_overlay);
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
 * @report: the report's text
 *
 * Returns: (transfer floating): a window showing @report
 */
GtkWidget *
mado_diagnostics_window_new (const char *report)
{
  MadoDiagnosticsWindow *self = g_object_new (MADO_TYPE_DIAGNOSTICS_WINDOW, NULL);

  self->report = g_strdup (report);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->report_view), report, -1);
  return GTK_WIDGET (self);
}

const char *
mado_diagnostics_window_get_report (MadoDiagnosticsWindow *self)
{
  g_return_val_if_fail (MADO_IS_DIAGNOSTICS_WINDOW (self), NULL);

  return self->report;
}
