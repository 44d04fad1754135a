/* mado-handoff-section.c — the resident screen's hand-off: 「レセコンへ送る」, the slip, the QR code
 *
 * What the hub confirmed today goes to the receipt computer (ORCA) after
 * staff saw the diff, or onto a slip and a QR code for every other desk.
 * Only a fresh online confirmation is handed off; offline data shows why
 * not. The ORCA exchanges run in the core's workers (mado-orca-handoff.c);
 * this file only asks, shows and forwards. The state line says what came
 * of the last hand-off: sent, unchanged, or refused and why.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-application.h"
#include "mado-handoff-dialog.h"
#include "mado-handoff-section.h"
#include "mado-handoff-print.h"
#include "mado-resident-sections.h"

#define QR_PIXELS 168

typedef struct {
  GtkWidget       *section;      /* weak: the handler data lives on it */
  GtkLabel        *state;
  GtkWidget       *send;
  GBytes          *bundle;       /* the confirmed bundle, encoded: for the workers */
  GDate            today;
  gboolean         fresh;        /* confirmed online today */
  MadoHandoffSlip *slip;
  GCancellable    *cancellable;
  char            *patient_id;   /* the last hand-off's ORCA patient */
  MadoOrcaAnswer   answer;       /* Ok once staff answered ORCA's question */
} Handoff;

static void
handoff_free (Handoff *h)
{
  g_cancellable_cancel (h->cancellable);
  g_clear_object (&h->cancellable);
  g_clear_pointer (&h->bundle, g_bytes_unref);
  g_clear_pointer (&h->slip, mado_handoff_slip_free);
  g_free (h->patient_id);
  g_free (h);
}

static void
set_state (Handoff    *h,
           const char *text,
           const char *css_class)
{
  gtk_label_set_text (h->state, text);
  gtk_widget_remove_css_class (GTK_WIDGET (h->state), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (h->state), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (h->state), css_class);
  gtk_widget_set_visible (GTK_WIDGET (h->state), text != NULL && *text != '\0');
}

static void
set_refused (Handoff      *h,
             const GError *error)
{
  g_autofree char *text = NULL;
  const char *advice = mado_error_advice (error->domain, error->code);

  /* Translators: why ORCA refused, then what to do */
  text = g_strdup_printf (_("Not sent: %s %s"), error->message, advice != NULL ? _(advice) : "");
  set_state (h, text, "error");
  gtk_widget_set_sensitive (h->send, TRUE);
}

static MadoDesk *
desk (void)
{
  GApplication *app = g_application_get_default ();

  return MADO_IS_APPLICATION (app) ? mado_application_get_desk (MADO_APPLICATION (app)) : NULL;
}

static const char *
operator_id (void)
{
  GApplication *app = g_application_get_default ();
  MadoStaffSession *staff = MADO_IS_APPLICATION (app)
                              ? mado_application_get_staff_session (MADO_APPLICATION (app)) : NULL;

  return staff != NULL ? mado_staff_session_get_staff_id (staff) : NULL;
}

static void prepare (Handoff *h, const char *patient_id);
static void confirmed_cb (MadoOrcaDiff *diff, MadoOrcaAnswer answer, const char *patient_id,
                          gpointer user_data);

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Handoff *h = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%H:%M");
  g_autofree char *text = NULL;
  MadoOrcaSendResult sent;

  if (!mado_orca_handoff_send_finish (result, &sent, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_refused (h, error);
      if (g_error_matches (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_QUESTION))
        mado_handoff_dialog_question (h->section, error, h->patient_id, confirmed_cb, h);
      return;
    }
  h->answer = MADO_ORCA_ANSWER_ASK;
  text = sent.sent ? g_strdup_printf (_("Sent to ORCA at %s (ORCA answered %s)."), at, sent.api_result)
                   : g_strdup (_("ORCA already holds these subsidies: nothing was sent."));
  set_state (h, text, "success");
  gtk_widget_set_sensitive (h->send, TRUE);
  mado_orca_send_result_clear (&sent);
}

static void
send (Handoff        *h,
      MadoOrcaDiff   *diff,
      MadoOrcaAnswer  answer)
{
  MadoDesk *d = desk ();

  set_state (h, _("Sending to ORCA…"), NULL);
  gtk_widget_set_sensitive (h->send, FALSE);
  g_free (h->patient_id);
  h->patient_id = g_strdup (diff->patient_id);
  mado_orca_handoff_send_async (mado_desk_get_orca_client (d, NULL), mado_desk_get_store (d),
                                operator_id (), h->bundle, diff, answer, h->cancellable,
                                send_done_cb, h);
}

static void
confirmed_cb (MadoOrcaDiff   *diff,
              MadoOrcaAnswer  answer,
              const char     *patient_id,
              gpointer        user_data)
{
  Handoff *h = user_data;

  h->answer = answer;
  if (patient_id != NULL)
    prepare (h, patient_id);
  else if (diff != NULL)
    send (h, diff, answer);
  else
    {
      set_state (h, answer == MADO_ORCA_ANSWER_NG
                      ? _("Not sent: ORCA’s question was answered No; nothing was registered.")
                      : _("Nothing was sent."), NULL);
      h->answer = MADO_ORCA_ANSWER_ASK;
      gtk_widget_set_sensitive (h->send, TRUE);
    }
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Handoff *h = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaPrepared) prepared = mado_orca_handoff_prepare_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (prepared == NULL && !g_error_matches (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_PATIENT_NOT_FOUND))
    {
      set_refused (h, error);
      return;
    }
  set_state (h, NULL, NULL);
  mado_handoff_dialog_present (h->section, g_steal_pointer (&prepared), error, h->answer,
                               confirmed_cb, h);
}

static void
prepare (Handoff    *h,
         const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  MadoDesk *d = desk ();
  MadoOrcaClient *client = d != NULL ? mado_desk_get_orca_client (d, &error) : NULL;
  GDate today = h->today;

  if (client == NULL)
    {
      if (error == NULL)
        mado_error_set (&error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_NOT_CONFIGURED);
      set_refused (h, error);
      return;
    }
  set_state (h, _("Asking ORCA…"), NULL);
  gtk_widget_set_sensitive (h->send, FALSE);
  mado_orca_handoff_prepare_async (client, h->bundle, patient_id, &today, h->cancellable,
                                   prepared_cb, h);
}

static void
send_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  Handoff *h = user_data;

  h->answer = MADO_ORCA_ANSWER_ASK;
  prepare (h, NULL);
}

static void
print_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  Handoff *h = user_data;
  g_autoptr(GtkPrintOperation) operation = mado_handoff_print_create_operation (h->slip);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the hand-off slip: %s", error->message);
}

static void
draw_qr (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  Handoff *h = user_data;
  const MadoQr *qr = mado_handoff_slip_get_qr (h->slip);

  if (qr != NULL)
    mado_handoff_slip_draw_qr (cr, qr, 0, 0, MIN (width, height));
}

static GtkWidget *
button_new (const char *label,
            const char *icon,
            const char *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_name (button, name);
  return button;
}

static GtkWidget *
qr_new (Handoff *h)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), QR_PIXELS);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), QR_PIXELS);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_qr, h, NULL);
  gtk_widget_set_name (area, "handoff-qr");
  gtk_widget_set_halign (area, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (area, mado_handoff_slip_get_text (h->slip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code of the subsidies for the electronic record station"), -1);
  return area;
}

static void
add_controls (GtkBox  *section,
              Handoff *h)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *print = button_new (_("Print _Slip"), "printer-symbolic", "handoff-print");
  GtkWidget *state = gtk_label_new (NULL);

  h->send = button_new (_("_Send to ORCA (レセコンへ送る)"), "document-send-symbolic", "handoff-send");
  gtk_widget_add_css_class (h->send, "suggested-action");
  gtk_widget_set_sensitive (h->send, h->fresh);
  g_signal_connect (h->send, "clicked", G_CALLBACK (send_clicked_cb), h);
  g_signal_connect (print, "clicked", G_CALLBACK (print_clicked_cb), h);
  gtk_box_append (GTK_BOX (row), h->send);
  gtk_box_append (GTK_BOX (row), print);
  gtk_box_append (section, row);

  h->state = GTK_LABEL (state);
  gtk_label_set_wrap (h->state, TRUE);
  gtk_label_set_xalign (h->state, 0.0f);
  gtk_widget_set_name (state, "handoff-state");
  gtk_box_append (section, state);
  set_state (h, h->fresh ? NULL : _("Only subsidies confirmed by the hub today can be sent to "
                                    "ORCA. The slip says when they were confirmed."), NULL);
  gtk_box_append (section, qr_new (h));
}

/**
 * mado_handoff_section_add:
 * @box: the resident screen's content
 * @bundle: what the hub sent; not kept (its encoding is)
 * @freshness: (nullable): how fresh @bundle is
 * @today: the desk's today
 *
 * Adds the hand-off section: 「レセコンへ送る」, the slip and the QR code.
 */
void
mado_handoff_section_add (GtkBox                       *box,
                          const MadoResidentBundle     *bundle,
                          const MadoReceptionFreshness *freshness,
                          const GDate                  *today)
{
  GtkBox *section = mado_resident_section_new (box, _("Hand-off (引き継ぎ)"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *checked = freshness != NULL && freshness->confirmed_at != NULL
                         ? freshness->confirmed_at : now;
  Handoff *h = g_new0 (Handoff, 1);

  h->section = GTK_WIDGET (section);
  h->bundle = mado_bundle_encode_bytes (bundle);
  h->today = *today;
  h->fresh = freshness != NULL && !freshness->offline && freshness->confirmed_at != NULL;
  h->slip = mado_handoff_slip_new (bundle, today, checked);
  h->cancellable = g_cancellable_new ();
  gtk_widget_set_name (GTK_WIDGET (section), "handoff-section");
  g_object_set_data_full (G_OBJECT (section), "mado-handoff", h, (GDestroyNotify) handoff_free);
  add_controls (section, h);
}
