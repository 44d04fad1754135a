/* mado-handoff-print.c — the hand-off slip on the desk's printer
 *
 * GTK's print dialog around the core's drawing of the slip
 * (mado_handoff_slip_draw()), which the CLI's PDF uses too.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-handoff-print.h"

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  mado_handoff_slip_draw (user_data, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context));
}

/**
 * mado_handoff_print_create_operation:
 * @slip: the slip; must outlive the operation
 *
 * Returns: (transfer full): a one-page print operation, in points
 */
GtkPrintOperation *
mado_handoff_print_create_operation (MadoHandoffSlip *slip)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_job_name (operation, _("Subsidy hand-off slip"));
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), slip);
  return operation;
}
