/* mado-visit-summary-print.c — the one-page visit summary: print or save as PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mado-venue-records.h"
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
 * mado_visit_summary_print_default_folder:
 *
 * Returns: (transfer full): where the clerk is first offered to save: the
 *   documents folder, else home; never the folder the desk was started in
 */
GFile *
mado_visit_summary_print_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * mado_visit_summary_print_export_pdf:
 * @path: where to write the PDF
 *
 * Saves the summary as a one-page PDF without a dialog. The file is
 * readable by its owner only (0600): it holds a resident's numbers. It is
 * written beside @path first and renamed, so a failed export leaves
 * nothing half-written and an older file at @path keeps no wider mode.
 */
gboolean
mado_visit_summary_print_export_pdf (MadoVisitSummary  *summary,
                                     const char        *path,
                                     GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  GtkPrintOperationResult result;
  int fd;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  partial = g_build_filename (dir, ".visit-summary-XXXXXX.pdf", NULL);
  fd = g_mkstemp_full (partial, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not save in %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  operation = mado_visit_summary_print_create_operation (summary);
  gtk_print_operation_set_export_filename (operation, partial);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not save %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* What this desk recorded for the resident today goes on the page in
 * place of the plan; the last of each kind counts, a corrected dose not. */
static void
take_records (MadoVisitSummary *summary,
              GtkWidget        *widget)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *resident_ref = mado_visit_summary_get_resident_ref (summary);

  if (resident_ref == NULL)
    return;
  rows = mado_venue_records_list_today (widget, resident_ref, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const MadoVenueRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->kind, "vaccination") == 0 && !row->corrected)
        mado_visit_summary_set_recorded (summary, row->vaccine, row->description, row->author, row->at);
      else if (g_strcmp0 (row->kind, "judgement") == 0)
        mado_visit_summary_set_judged (summary, row->description, row->author, row->at);
    }
}

static gboolean
audit (MadoVisitSummary  *summary,
       GtkWidget         *widget,
       gboolean           saved,
       const char        *where,
       GError           **error)
{
  MadoStaffSession *staff = NULL;
  MadoStore *store = mado_venue_records_author_and_store (widget, &staff, error);

  return store != NULL
         && mado_visit_summary_audit (summary, store, mado_staff_session_get_staff_id (staff),
                                      saved, where, error);
}

/**
 * mado_visit_summary_print_save:
 * @widget: a widget in the desk's window, for the store and the signed-in person
 * @path: the file the clerk chose
 *
 * Saves the summary, with today's records at this desk, as a PDF at @path
 * (mode 0600) and audits who saved whose summary where. Without an audit
 * entry there is no file: one that cannot be written removes it again.
 */
gboolean
mado_visit_summary_print_save (MadoVisitSummary  *summary,
                               GtkWidget         *widget,
                               const char        *path,
                               GError           **error)
{
  g_return_val_if_fail (summary != NULL && path != NULL, FALSE);

  take_records (summary, widget);
  if (!mado_visit_summary_print_export_pdf (summary, path, error))
    return FALSE;
  if (!audit (summary, widget, TRUE, path, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  MadoVisitSummary *summary;
  GtkWidget        *widget;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_object_unref (job->widget);
  g_free (job);
}

/* Printing to a file leaves its path in the settings. */
static char *
output_path (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;

  return uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
}

/* After the dialog, before anything is drawn: no audit entry, no print. */
static void
audit_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = user_data;
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autofree char *path = output_path (operation);
  const char *printer = settings != NULL ? gtk_print_settings_get_printer (settings) : NULL;
  g_autoptr(GError) error = NULL;

  (void) context;
  if (!audit (job->summary, job->widget, path != NULL, path != NULL ? path : printer != NULL ? printer : "—",
              &error))
    {
      g_warning ("Visit summary not printed: the audit entry could not be written: %s", error->message);
      gtk_print_operation_cancel (operation);
    }
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path (operation);

  (void) user_data;
  /* GTK's file printer writes with the default mode. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_chmod (path, 0600);
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  g_warning ("Printing the visit summary failed: %s", error ? error->message : "unknown");
}

/**
 * mado_visit_summary_print_run:
 * @widget: a widget in the desk's window
 *
 * Opens the print dialog for the summary with today's records at this
 * desk. Printing is audited when the clerk confirms the dialog; a file
 * printed to is offered in the documents folder and left mode 0600.
 */
void
mado_visit_summary_print_run (MadoVisitSummary *summary,
                              GtkWidget        *widget)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GFile) folder = mado_visit_summary_print_default_folder ();
  g_autofree char *folder_uri = g_file_get_uri (folder);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  PrintJob *job = g_new0 (PrintJob, 1);

  take_records (summary, widget);
  job->summary = summary;
  job->widget = g_object_ref (widget);
  operation = mado_visit_summary_print_create_operation (summary);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, folder_uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, "visit-summary");
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (audit_print_cb), job,
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), NULL);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the visit summary: %s", error->message);
}
