/* mado-today-report.c — the end-of-day report, per vaccine and lot, as PDF or CSV
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a venue reconciles its claim with at the end of the day: for each
 * vaccine and lot, the doses given (corrections apart), and for each
 * vaccine the visits that ended as 予診のみ, which have a claim of their
 * own. The core counts them (mado_store_records_report()) and writes the
 * CSV for the venue's spreadsheet; this file draws the PDF for the binder
 * with cairo. Neither holds names: the counts are what the claim needs.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "mado-today-report.h"
#include "mado-venue-records.h"

/* A4 in points, with 15 mm margins. */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN       42.5

/**
 * mado_today_report_write_csv:
 * @rows: (element-type MadoDayReportRow): the day's report
 *
 * Writes the core's CSV of @rows (the same as `madoguchi-cli report --csv`).
 */
gboolean
mado_today_report_write_csv (GPtrArray   *rows,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *csv = mado_store_records_report_csv (rows);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static char *
report_markup (GPtrArray            *lines,
               const MadoSiteConfig *config)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d %H:%M");
  GString *markup = g_string_new (NULL);
  guint given = 0, examined = 0;

  g_string_append_printf (markup, "<span size='x-large' weight='bold'>%s</span>\n",
                          _("End-of-day vaccination report"));
  g_string_append_printf (markup, _("Institution %s · terminal %s · made %s"),
                          config != NULL && config->institution_code ? config->institution_code : "—",
                          config != NULL && config->terminal_id ? config->terminal_id : "—", day);
  g_string_append_printf (markup, "\n\n<b>%s\t%s\t%s\t%s\t%s</b>\n", _("Vaccine"), _("Lot"), _("Given"),
                          _("Entered in error"), _("Examined only"));
  for (guint i = 0; i < lines->len; i++)
    {
      const MadoDayReportRow *line = g_ptr_array_index (lines, i);
      gboolean examined_only = g_strcmp0 (line->outcome, "examination-only") == 0;
      g_autofree char *vaccine = g_markup_escape_text (line->vaccine_name != NULL ? line->vaccine_name : "—", -1);
      g_autofree char *lot = g_markup_escape_text (!examined_only && line->lot_number != NULL
                                                   ? line->lot_number : "—", -1);

      g_string_append_printf (markup, "%s\t%s\t%u\t%u\t%u\n", vaccine, lot,
                              examined_only ? 0 : line->count, line->entered_in_error,
                              examined_only ? line->count : 0);
      given += examined_only ? 0 : line->count;
      examined += examined_only ? line->count : 0;
    }
  g_string_append (markup, "\n<b>");
  g_string_append_printf (markup, _("Total: %u given · %u examined only (予診のみ)"), given, examined);
  g_string_append (markup, "</b>");
  return g_string_free (markup, FALSE);
}

static PangoTabArray *
report_tabs (void)
{
  PangoTabArray *tabs = pango_tab_array_new (4, TRUE);

  pango_tab_array_set_tab (tabs, 0, PANGO_TAB_LEFT, 220);
  pango_tab_array_set_tab (tabs, 1, PANGO_TAB_LEFT, 330);
  pango_tab_array_set_tab (tabs, 2, PANGO_TAB_LEFT, 390);
  pango_tab_array_set_tab (tabs, 3, PANGO_TAB_LEFT, 450);
  return tabs;
}

/* Page by page: each page shows the part of the layout that fits. */
static void
show_pages (cairo_t     *cr,
            PangoLayout *layout)
{
  int height;
  double offset = 0;
  double page = PAGE_HEIGHT - 2 * MARGIN;

  pango_layout_get_size (layout, NULL, &height);
  do
    {
      cairo_save (cr);
      cairo_rectangle (cr, MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, page);
      cairo_clip (cr);
      cairo_move_to (cr, MARGIN, MARGIN - offset);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      cairo_show_page (cr);
      offset += page;
    }
  while (offset < (double) height / PANGO_SCALE);
}

gboolean
mado_today_report_write_pdf (GPtrArray            *rows,
                             const MadoSiteConfig *config,
                             const char           *path,
                             GError              **error)
{
  g_autofree char *markup = report_markup (rows, config);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  PangoTabArray *tabs = report_tabs ();
  cairo_status_t status;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  show_pages (cr, layout);
  pango_tab_array_free (tabs);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Could not write the report to %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}
