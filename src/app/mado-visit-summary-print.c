/* mado-visit-summary-print.c — the one-page visit summary: print or save as PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-visit-summary-print.h"

#define SUMMARY_FONT_POINTS     11.0
#define SUMMARY_MIN_FONT_POINTS  5.0

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  (void) context;
  (void) user_data;
  gtk_print_operation_set_n_pages (operation, 1);
}

/* Shrinks the type until the page holds everything: one page, always. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  MadoVisitSummary *summary = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *markup = mado_visit_summary_to_markup (summary, now);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double points = SUMMARY_FONT_POINTS;
  int layout_height;

  (void) operation;
  (void) page_nr;
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  do
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

      pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, NULL, &layout_height);
      points -= 0.5;
    }
  while ((double) layout_height / PANGO_SCALE > height && points >= SUMMARY_MIN_FONT_POINTS);

  cairo_move_to (gtk_print_context_get_cairo_context (context), 0, 0);
  pango_cairo_show_layout (gtk_print_context_get_cairo_context (context), layout);
}

/**
 * mado_visit_summary_print_create_operation:
 *
 * Returns: (transfer full): a print operation drawing @summary on one page;
 *   @summary must outlive it
 */
GtkPrintOperation *
mado_visit_summary_print_create_operation (MadoVisitSummary *summary)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  g_return_val_if_fail (summary != NULL, operation);

  gtk_print_operation_set_job_name (operation, _("Visit summary"));
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), summary);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), summary);
  return operation;
}

/**
 * mado_visit_summary_print_export_pdf:
 * @path: where to write the PDF
 *
 * Saves the summary as a one-page PDF without a dialog.
 */
gboolean
mado_visit_summary_print_export_pdf (MadoVisitSummary  *summary,
                                     const char        *path,
                                     GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = mado_visit_summary_print_create_operation (summary);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
