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
 * The PDF ends with the day's hand-offs to ORCA, counted by state.
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

/* Column left edges and widths, in points from the left margin. */
static const double column_x[] = { 0, 200, 290, 350, 440 };
static const double column_width[] = { 195, 85, 55, 85, 70 };

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
} Page;

static void
page_break_if_needed (Page   *page,
                      double  height)
{
  if (page->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

/* One paragraph across the page; markup. */
static void
show_paragraph (Page       *page,
                const char *markup)
{
  int height;

  pango_layout_set_width (page->layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_markup (page->layout, markup, -1);
  pango_layout_get_size (page->layout, NULL, &height);
  page_break_if_needed (page, (double) height / PANGO_SCALE);
  cairo_move_to (page->cr, MARGIN, page->y);
  pango_cairo_show_layout (page->cr, page->layout);
  page->y += (double) height / PANGO_SCALE + 6;
}

/* One table row: each cell wrapped within its own column. */
static void
show_row (Page               *page,
          const char * const *cells,
          gboolean            bold)
{
  double row_height = 0;
  int height;

  for (guint pass = 0; pass < 2; pass++)
    for (guint c = 0; c < G_N_ELEMENTS (column_x); c++)
      {
        g_autofree char *escaped = g_markup_escape_text (cells[c], -1);
        g_autofree char *markup = bold ? g_strdup_printf ("<b>%s</b>", escaped) : g_strdup (escaped);

        pango_layout_set_width (page->layout, (int) (column_width[c] * PANGO_SCALE));
        pango_layout_set_markup (page->layout, markup, -1);
        pango_layout_get_size (page->layout, NULL, &height);
        if (pass == 0)
          row_height = MAX (row_height, (double) height / PANGO_SCALE);
        else
          {
            cairo_move_to (page->cr, MARGIN + column_x[c], page->y);
            pango_cairo_show_layout (page->cr, page->layout);
          }
        if (pass == 0 && c + 1 == G_N_ELEMENTS (column_x))
          page_break_if_needed (page, row_height);
      }
  page->y += row_height + 3;
}

static void
show_report (Page                 *page,
             GPtrArray            *lines,
             const MadoSiteConfig *config)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *title = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>",
                                                    _("End-of-day vaccination report"));
  g_autofree char *where = g_markup_printf_escaped (_("Institution %s · terminal %s · made %s"),
                                                    config != NULL && config->institution_code ? config->institution_code : "—",
                                                    config != NULL && config->terminal_id ? config->terminal_id : "—", day);
  const char *headers[] = { _("Vaccine"), _("Lot"), _("Given"), _("Entered in error"), _("Examined only") };
  guint given = 0, examined = 0;
  g_autofree char *total = NULL;
  g_autofree char *total_markup = NULL;

  show_paragraph (page, title);
  show_paragraph (page, where);
  page->y += 6;
  show_row (page, headers, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      const MadoDayReportRow *line = g_ptr_array_index (lines, i);
      gboolean examined_only = g_strcmp0 (line->outcome, "examination-only") == 0;
      g_autofree char *n_given = g_strdup_printf ("%u", examined_only ? 0 : line->count);
      g_autofree char *n_error = g_strdup_printf ("%u", line->entered_in_error);
      g_autofree char *n_examined = g_strdup_printf ("%u", examined_only ? line->count : 0);
      const char *cells[] = {
        line->vaccine_name != NULL ? line->vaccine_name : "—",
        !examined_only && line->lot_number != NULL && *line->lot_number != '\0' ? line->lot_number : "—",
        n_given, n_error, n_examined,
      };

      show_row (page, cells, FALSE);
      given += examined_only ? 0 : line->count;
      examined += examined_only ? line->count : 0;
    }
  page->y += 6;
  total = g_strdup_printf (_("Total: %u given · %u examined only (予診のみ)"), given, examined);
  total_markup = g_markup_printf_escaped ("<b>%s</b>", total);
  show_paragraph (page, total_markup);
}

/* The hand-offs by state; the list itself (with residents) stays on screen. */
static void
show_handoffs (Page      *page,
               GPtrArray *handoffs)
{
  guint count[MADO_ORCA_AUDIT_NOT_SENT + 1] = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (handoffs == NULL || handoffs->len == 0)
    return;
  for (guint i = 0; i < handoffs->len; i++)
    count[((const MadoOrcaAuditEntry *) g_ptr_array_index (handoffs, i))->state]++;
  text = g_strdup_printf (_("Hand-offs to ORCA: %u sent · %u unchanged · %u not sent"),
                          count[MADO_ORCA_AUDIT_SENT], count[MADO_ORCA_AUDIT_UNCHANGED],
                          count[MADO_ORCA_AUDIT_NOT_SENT]);
  markup = g_markup_escape_text (text, -1);
  page->y += 6;
  show_paragraph (page, markup);
}

/**
 * mado_today_report_write_pdf:
 * @rows: (element-type MadoDayReportRow): the day's report
 * @handoffs: (nullable) (element-type MadoOrcaAuditEntry): the day's hand-offs to ORCA
 * @config: (nullable): the site, named in the heading
 *
 * Draws the report on A4 pages, as many as it takes.
 */
gboolean
mado_today_report_write_pdf (GPtrArray            *rows,
                             GPtrArray            *handoffs,
                             const MadoSiteConfig *config,
                             const char           *path,
                             GError              **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  Page page = { cr, pango_cairo_create_layout (cr), MARGIN };
  cairo_status_t status;

  pango_layout_set_font_description (page.layout, font);
  pango_layout_set_wrap (page.layout, PANGO_WRAP_WORD_CHAR);
  show_report (&page, rows, config);
  show_handoffs (&page, handoffs);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (page.layout);
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
