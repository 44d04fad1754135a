/* mado-handoff-slip.c — the hand-off slip: its content, its drawing with cairo and pango, its PDF
 *
 * One A4 (or whatever the printer has) page for a desk without ORCA: the
 * resident's name and birth date, the time the hub confirmed the subsidies,
 * then per subsidy valid today the payer and recipient numbers in large
 * digits, the period and the monthly cap; the QR code of the same data
 * (docs/orca.md) at the foot, for an electronic record station's reader.
 * The app prints it through GTK (mado-handoff-print.c) and the CLI writes
 * it as PDF; both draw it here, so the two cannot differ.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "mado-handoff-slip.h"
#include "mado-orca-error.h"
#include "mado-date.h"
#include "mado-subsidy-validity.h"

#define TEXT_POINTS    12.0
#define DIGIT_POINTS   26.0
#define QR_POINTS     150.0

/* The PDF's page: A4 in points, with 20 mm margins. */
#define PDF_WIDTH     595.0
#define PDF_HEIGHT    842.0
#define PDF_MARGIN     56.7

typedef struct {
  char *payer;
  char *recipient;
  char *period;
  char *cap;       /* nullable */
  char *name;      /* nullable: the certificate */
} SlipLine;

struct _MadoHandoffSlip {
  char      *name;
  char      *birth;
  char      *checked;
  GPtrArray *lines;   /* (element-type SlipLine) */
  char      *text;    /* what the QR code holds */
  MadoQr    *qr;      /* nullable when the text does not fit */
};

static void
slip_line_free (SlipLine *line)
{
  g_free (line->payer);
  g_free (line->recipient);
  g_free (line->period);
  g_free (line->cap);
  g_free (line->name);
  g_free (line);
}

static SlipLine *
slip_line_new (const MadoSubsidy *subsidy)
{
  SlipLine *line = g_new0 (SlipLine, 1);

  line->payer = g_strdup (subsidy->medical_subsidy_insurer_number);
  line->recipient = g_strdup (subsidy->medical_subsidy_recipient_number);
  line->period = mado_subsidy_validity_describe_period (subsidy);
  line->name = g_strdup (subsidy->certification_name);
  if (subsidy->has_max_copayment)
    {
      g_autofree char *yen = g_strdup_printf ("%" G_GINT64_FORMAT, subsidy->max_copayment_monthly_yen);

      line->cap = g_strdup_printf (_("Monthly cap %s yen"), yen);
    }
  return line;
}

/**
 * mado_handoff_slip_new:
 * @bundle: what the hub confirmed; not kept
 * @today: the desk's today
 * @checked_at: when the hub confirmed it
 *
 * Returns: (transfer full): the slip's content and its QR code
 */
MadoHandoffSlip *
mado_handoff_slip_new (const MadoResidentBundle *bundle,
                       const GDate              *today,
                       GDateTime                *checked_at)
{
  MadoHandoffSlip *slip = g_new0 (MadoHandoffSlip, 1);
  g_autoptr(GPtrArray) subsidies = mado_handoff_subsidies (bundle, today);
  g_autoptr(GError) error = NULL;

  slip->name = g_strdup (bundle->basic_info.name);
  slip->birth = g_date_valid (&bundle->basic_info.birth_date)
                  ? mado_date_format (&bundle->basic_info.birth_date) : g_strdup ("—");
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (checked_at);

    /* Written as a time staff read, not the QR code's ISO form. */
    slip->checked = g_date_time_format (local, "%Y-%m-%d %H:%M");
  }
  slip->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) slip_line_free);
  for (guint i = 0; i < subsidies->len; i++)
    g_ptr_array_add (slip->lines, slip_line_new (g_ptr_array_index (subsidies, i)));
  slip->text = mado_handoff_text (bundle, today, checked_at);
  slip->qr = mado_qr_encode (slip->text, &error);
  if (slip->qr == NULL)
    g_warning ("handoff: no QR code: %s", error->message);
  return slip;
}

void
mado_handoff_slip_free (MadoHandoffSlip *slip)
{
  if (slip == NULL)
    return;
  g_free (slip->name);
  g_free (slip->birth);
  g_free (slip->checked);
  g_ptr_array_unref (slip->lines);
  g_free (slip->text);
  g_clear_pointer (&slip->qr, mado_qr_free);
  g_free (slip);
}

const MadoQr *
mado_handoff_slip_get_qr (MadoHandoffSlip *slip)
{
  return slip->qr;
}

const char *
mado_handoff_slip_get_text (MadoHandoffSlip *slip)
{
  return slip->text;
}

/**
 * mado_handoff_slip_draw_qr:
 * @cr: where to draw
 * @qr: the code
 * @x: left edge
 * @y: top edge
 * @size: the side, quiet zone included
 *
 * Black modules on white, with the quiet zone readers need.
 */
void
mado_handoff_slip_draw_qr (cairo_t      *cr,
                           const MadoQr *qr,
                           double        x,
                           double        y,
                           double        size)
{
  guint modules = qr->width + 2 * MADO_QR_QUIET_ZONE;
  double module = size / modules;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint my = 0; my < qr->width; my++)
    for (guint mx = 0; mx < qr->width; mx++)
      if (mado_qr_is_dark (qr, mx, my))
        cairo_rectangle (cr, x + (mx + MADO_QR_QUIET_ZONE) * module,
                         y + (my + MADO_QR_QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Draws @markup at @y in @points; returns the y below it. */
static double
show (cairo_t    *cr,
      double      width,
      const char *markup,
      double      points,
      double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int height;

  /* One user unit is one point, on paper and in the PDF alike. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return y + (double) height / PANGO_SCALE + points * 0.4;
}

static double
show_line (cairo_t        *cr,
           double          width,
           const SlipLine *line,
           double          y)
{
  g_autofree char *numbers = g_markup_printf_escaped (_("Payer <b>%s</b>   Recipient <b>%s</b>"),
                                                      line->payer, line->recipient);
  g_autofree char *details = g_markup_printf_escaped ("%s%s%s%s%s", line->name ? line->name : "",
                                                      line->name ? "   " : "", line->period,
                                                      line->cap ? "   " : "",
                                                      line->cap ? line->cap : "");

  y = show (cr, width, numbers, DIGIT_POINTS, y);
  return show (cr, width, details, TEXT_POINTS, y) + TEXT_POINTS;
}

/**
 * mado_handoff_slip_draw:
 * @slip: the slip
 * @cr: where to draw, one user unit a point, the origin at the top left of the printable area
 * @width: the printable width, in points
 *
 * Draws the slip's one page.
 */
void
mado_handoff_slip_draw (MadoHandoffSlip *slip,
                        cairo_t         *cr,
                        double           width)
{
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", _("Subsidy hand-off slip (公費 引き継ぎ票)"));
  g_autofree char *who = g_markup_printf_escaped (_("<b>%s</b>   born %s"), slip->name, slip->birth);
  g_autofree char *when = g_markup_printf_escaped (_("Confirmed with the hub at %s"), slip->checked);
  double y = 0;

  y = show (cr, width, title, TEXT_POINTS * 1.5, y);
  y = show (cr, width, who, DIGIT_POINTS * 0.8, y);
  y = show (cr, width, when, TEXT_POINTS, y) + TEXT_POINTS;
  if (slip->lines->len == 0)
    y = show (cr, width, _("No subsidy is valid today."), TEXT_POINTS * 1.5, y);
  for (guint i = 0; i < slip->lines->len; i++)
    y = show_line (cr, width, g_ptr_array_index (slip->lines, i), y);
  if (slip->qr != NULL)
    mado_handoff_slip_draw_qr (cr, slip->qr, 0, y, QR_POINTS);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* A new file only readable by its owner (the slip holds a name and a birth
 * date); an existing one only when @overwrite. */
static int
open_output (const char  *path,
             gboolean     overwrite,
             GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL), 0600);
  int saved = errno;

  if (fd < 0 && saved == EEXIST)
    g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_SLIP_EXISTS,
                 _("%s already exists; the slip was not written."), path);
  else if (fd < 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 _("Could not write the slip to %s: %s"), path, g_strerror (saved));
  /* An existing file keeps its mode through O_TRUNC: make it private too. */
  else if (overwrite && fchmod (fd, 0600) != 0)
    g_warning ("handoff: the slip's file mode could not be set: %s", g_strerror (errno));
  return fd;
}

/**
 * mado_handoff_slip_write_pdf:
 * @slip: the slip
 * @path: where to write the PDF (mode 0600)
 * @overwrite: replace a file already at @path
 * @error: %MADO_ORCA_ERROR_SLIP_EXISTS when @path exists and not @overwrite,
 *   or a #GFileError
 *
 * Writes the slip as a one-page A4 PDF.
 *
 * Returns: whether the PDF was written
 */
gboolean
mado_handoff_slip_write_pdf (MadoHandoffSlip  *slip,
                             const char       *path,
                             gboolean          overwrite,
                             GError          **error)
{
  int fd = open_output (path, overwrite, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (fd < 0)
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (write_cb, GINT_TO_POINTER (fd), PDF_WIDTH, PDF_HEIGHT);
  cr = cairo_create (surface);
  cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
  mado_handoff_slip_draw (slip, cr, PDF_WIDTH - 2 * PDF_MARGIN);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (close (fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    status = CAIRO_STATUS_WRITE_ERROR;
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_unlink (path);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Could not write the slip to %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}
