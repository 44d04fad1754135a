/* mado-resident-view.c — the resident screen: what the hub shares, read at a glance
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-expiry-banner.h"
#include "mado-handoff-section.h"
#include "mado-resident-sections.h"
#include "mado-resident-subsidies.h"
#include "mado-resident-view.h"
#include "mado-visit-summary-print.h"

struct _MadoResidentView
{
  GtkWidget         parent_instance;

  GtkWidget        *scroller;
  GtkBox           *content_box;

  char             *terminal_id;
  MadoVisitSummary *summary;   /* (nullable): what resident.print prints */
  GdkContentProvider *copied;  /* (nullable): a number this view put on the clipboard */

  GPtrArray        *deferred;       /* sections still hidden, in screen order */
  guint             reveal_tick_id;
  gint64            top_frame;      /* the frame that painted the top, or -1 */
};

G_DEFINE_FINAL_TYPE (MadoResidentView, mado_resident_view, GTK_TYPE_WIDGET)

static void
remove_all_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* ---- the sections below the top ------------------------------------------
 *
 * The top of the screen (name, freshness, subsidies, hand-off) is laid out
 * and painted in the first frame; the sections below it (questionnaires,
 * vaccinations, maternal and child health) follow one per frame. The clerk
 * reads the resident's name and numbers without waiting for a long history
 * to be measured, and the desk answers keys between two sections. */

/* Only while the view is on screen: a tick asks for a frame every time. */
static void
stop_ticking (MadoResidentView *self)
{
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick_id);
  self->reveal_tick_id = 0;
}

static void
stop_revealing (MadoResidentView *self)
{
  stop_ticking (self);
  g_ptr_array_set_size (self->deferred, 0);
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (widget);
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);
  g_autoptr(GtkWidget) section = NULL;

  /* Ticks run before the frame's layout: the first one is the frame that
   * paints the top. */
  if (self->top_frame < 0 || frame == self->top_frame)
    {
      self->top_frame = frame;
      return G_SOURCE_CONTINUE;
    }
  section = g_ptr_array_steal_index (self->deferred, 0);
  gtk_widget_set_visible (section, TRUE);
  if (self->deferred->len > 0)
    return G_SOURCE_CONTINUE;
  self->reveal_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_ticking (MadoResidentView *self)
{
  if (self->deferred->len == 0 || self->reveal_tick_id != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->top_frame = -1;
  self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb,
                                                       NULL, NULL);
}

/* Hides what follows @last_on_top in the content box until the top has
 * been painted on screen. */
static void
defer_after (MadoResidentView *self,
             GtkWidget        *last_on_top)
{
  GtkWidget *child = last_on_top != NULL ? gtk_widget_get_next_sibling (last_on_top)
                                         : gtk_widget_get_first_child (GTK_WIDGET (self->content_box));

  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        gtk_widget_set_visible (child, FALSE);
        g_ptr_array_add (self->deferred, g_object_ref (child));
      }
  start_ticking (self);
}

static void
mado_resident_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mado_resident_view_parent_class)->map (widget);
  start_ticking (MADO_RESIDENT_VIEW (widget));
}

static void
mado_resident_view_unmap (GtkWidget *widget)
{
  stop_ticking (MADO_RESIDENT_VIEW (widget));
  GTK_WIDGET_CLASS (mado_resident_view_parent_class)->unmap (widget);
}

/**
 * mado_resident_view_is_complete:
 *
 * Returns: %TRUE once every section of the resident shown is visible
 *   (after the top was painted), or when nothing is shown
 */
gboolean
mado_resident_view_is_complete (MadoResidentView *self)
{
  g_return_val_if_fail (MADO_IS_RESIDENT_VIEW (self), FALSE);

  return self->deferred->len == 0;
}

static void
set_printable (MadoResidentView *self,
               gboolean          printable)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resident.print", printable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resident.save-pdf", printable);
}

/* The last resident's numbers leave the clipboard with the visit, unless
 * staff have copied something else since. */
static void
forget_copied (MadoResidentView *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  if (self->copied == NULL)
    return;
  if (gdk_clipboard_get_content (clipboard) == self->copied)
    gdk_clipboard_set_content (clipboard, NULL);
  g_clear_object (&self->copied);
}

/**
 * mado_resident_view_clear:
 *
 * Empties the screen and forgets the summary: nothing of the last resident
 * stays on the desk.
 */
void
mado_resident_view_clear (MadoResidentView *self)
{
  g_return_if_fail (MADO_IS_RESIDENT_VIEW (self));

  stop_revealing (self);
  remove_all_children (self->content_box);
  /* A fresh adjustment: the last visit's position, and a Page Down still
   * animating towards it, must not carry over to the next resident. */
  gtk_scrolled_window_set_vadjustment (GTK_SCROLLED_WINDOW (self->scroller), NULL);
  g_clear_pointer (&self->summary, mado_visit_summary_free);
  forget_copied (self);
  set_printable (self, FALSE);
}

static const char *
sex_to_words (MadoSex sex)
{
  switch (sex)
    {
    case MADO_SEX_MALE:
      return _("Male");
    case MADO_SEX_FEMALE:
      return _("Female");
    case MADO_SEX_NOT_DISCLOSED:
    default:
      return NULL;
    }
}

static GtkWidget *
print_button_new (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "printer-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Print Summary"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "resident.print");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_name (button, "resident-print");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Print the visit summary"), -1);
  return button;
}

static void
add_header (MadoResidentView             *self,
            const MadoResidentBundle     *bundle,
            const GDate                  *today)
{
  const MadoBasicInfo *info = &bundle->basic_info;
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *who = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = mado_resident_label_new (info->name, "resident-name");
  g_autofree char *born = mado_visit_summary_describe_birth (info, today);

  gtk_widget_set_name (name, "resident-name");
  gtk_widget_set_hexpand (who, TRUE);
  gtk_box_append (GTK_BOX (who), name);

  /* hub-api.md: for a not-disclosed resident show nothing beyond what
   * reception needs, even if more were sent. */
  if (!bundle->is_not_disclosed && info->name_kana != NULL)
    gtk_box_append (GTK_BOX (who), mado_resident_label_new (info->name_kana, "resident-kana"));
  gtk_box_append (GTK_BOX (who), mado_resident_label_new (born, "resident-facts"));
  if (!bundle->is_not_disclosed && sex_to_words (info->sex) != NULL)
    {
      g_autofree char *sex = g_strdup_printf (_("Sex: %s"), sex_to_words (info->sex));

      gtk_box_append (GTK_BOX (who), mado_resident_label_new (sex, "resident-facts"));
    }

  gtk_box_append (GTK_BOX (top), who);
  gtk_box_append (GTK_BOX (top), print_button_new ());
  gtk_box_append (self->content_box, top);

  if (bundle->is_not_disclosed)
    {
      GtkWidget *note = mado_resident_note_new ("security-high-symbolic",
                                                _("Not disclosed (非開示): this resident is "
                                                  "protected. Use only what reception needs and "
                                                  "never confirm to anyone that they are here."),
                                                "warning");

      gtk_widget_set_name (note, "resident-not-disclosed");
      gtk_widget_add_css_class (note, "not-disclosed");
      gtk_box_append (self->content_box, note);
    }
}

static void
add_freshness (MadoResidentView             *self,
               const MadoResidentBundle     *bundle,
               const MadoReceptionFreshness *freshness)
{
  g_autofree char *fresh = mado_visit_summary_describe_freshness (freshness);
  g_autofree char *as_of = mado_resident_bundle_describe_as_of (bundle);
  g_autofree char *identity = mado_visit_summary_describe_identity (freshness);
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s", fresh, as_of, identity);
  gboolean offline = freshness == NULL || freshness->offline;
  GtkWidget *note = mado_resident_note_new (offline ? "network-offline-symbolic"
                                                    : "emblem-ok-symbolic",
                                            text, offline ? "warning" : "success");

  gtk_widget_set_name (note, "resident-freshness");
  gtk_widget_add_css_class (note, "freshness");
  gtk_box_append (self->content_box, note);
}

static void
add_attention_summary (MadoResidentView         *self,
                       const MadoResidentBundle *bundle)
{
  guint n = mado_resident_bundle_count_attention (bundle);
  g_autofree char *text = NULL;

  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u questionnaire answer needs the doctor's attention",
                                       "%u questionnaire answers need the doctor's attention", n),
                          n);
  gtk_box_append (self->content_box,
                  mado_resident_note_new ("dialog-warning-symbolic", text, "attention-summary"));
}

/**
 * mado_resident_view_show:
 * @bundle: the decoded bundle; not kept
 * @freshness: (nullable): how fresh @bundle is; not kept
 * @institution_code: (nullable): this site's institution code, for the
 *   designated-institution check
 * @today: the day the verdicts are for (today in Japan)
 *
 * Replaces what the screen shows with @bundle.
 */
void
mado_resident_view_show (MadoResidentView             *self,
                         const MadoResidentBundle     *bundle,
                         const MadoReceptionFreshness *freshness,
                         const char                   *institution_code,
                         const GDate                  *today)
{
  GtkWidget *last_on_top;

  g_return_if_fail (MADO_IS_RESIDENT_VIEW (self));
  g_return_if_fail (bundle != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  mado_resident_view_clear (self);
  add_header (self, bundle, today);
  add_freshness (self, bundle, freshness);
  add_attention_summary (self, bundle);
  mado_resident_subsidies_add (self->content_box, bundle, institution_code, today);
  mado_handoff_section_add (self->content_box, bundle, freshness, today);
  last_on_top = gtk_widget_get_last_child (GTK_WIDGET (self->content_box));
  mado_resident_sections_add_questionnaires (self->content_box, bundle);
  mado_resident_sections_add_vaccinations (self->content_box, bundle, today);
  mado_resident_sections_add_maternal_child (self->content_box, bundle);
  defer_after (self, last_on_top);

  self->summary = mado_visit_summary_new (bundle, freshness, institution_code,
                                          self->terminal_id, today);
  set_printable (self, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0.0);
}

/**
 * mado_resident_view_show_card_expiry:
 * @certificate: (nullable): the card's certificate, read at this visit
 *
 * Under the freshness note, says when the card's certificate ends within
 * the warning period, and where the resident renews it; call after _show().
 */
void
mado_resident_view_show_card_expiry (MadoResidentView *self,
                                     MadoCertificate  *certificate)
{
  GtkWidget *note;

  g_return_if_fail (MADO_IS_RESIDENT_VIEW (self));

  note = mado_expiry_banner_card_note_new (certificate != NULL ? mado_certificate_get_not_after (certificate)
                                                               : NULL, NULL);
  if (note != NULL)
    gtk_box_insert_child_after (self->content_box, note,
                                mado_resident_view_find_named (self, "resident-freshness"));
}

/**
 * mado_resident_view_set_terminal_id:
 * @terminal_id: (nullable): printed on the summary; set before _show()
 */
void
mado_resident_view_set_terminal_id (MadoResidentView *self,
                                    const char       *terminal_id)
{
  g_return_if_fail (MADO_IS_RESIDENT_VIEW (self));

  g_free (self->terminal_id);
  self->terminal_id = g_strdup (terminal_id);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *child;

  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
mado_resident_view_find_named (MadoResidentView *self,
                               const char       *name)
{
  g_return_val_if_fail (MADO_IS_RESIDENT_VIEW (self), NULL);

  return find_named (GTK_WIDGET (self), name);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (widget);

  (void) action_name;
  (void) parameter;
  /* The dialog offers "Print to File" (PDF) as well as the printers. */
  if (self->summary != NULL)
    mado_visit_summary_print_run (self->summary, widget);
}

/**
 * mado_resident_view_save_summary:
 * @path: the file the clerk chose
 *
 * Saves the visit summary at @path (mode 0600) and audits it.
 */
gboolean
mado_resident_view_save_summary (MadoResidentView  *self,
                                 const char        *path,
                                 GError           **error)
{
  g_return_val_if_fail (MADO_IS_RESIDENT_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->summary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No resident on screen."));
      return FALSE;
    }
  return mado_visit_summary_print_save (self->summary, GTK_WIDGET (self), path, error);
}

static void
save_pdf_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->summary != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !mado_resident_view_save_summary (self, path, &error))
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          GtkWidget *alert = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     _("The Visit Summary Was Not Saved"),
                                                     error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GFile) folder = mado_visit_summary_print_default_folder ();

  (void) action_name;
  (void) parameter;
  dialog = gtk_file_chooser_native_new (_("Save the Visit Summary as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "visit-summary.pdf");
  g_signal_connect (dialog, "response", G_CALLBACK (save_pdf_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (widget);
  GValue value = G_VALUE_INIT;

  (void) action_name;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, g_variant_get_string (parameter, NULL));
  g_clear_object (&self->copied);
  self->copied = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), self->copied);
}

static void
mado_resident_view_dispose (GObject *object)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (object);

  forget_copied (self);
  if (self->deferred != NULL)
    stop_revealing (self);
  /* Only the direct child: gtk_widget_dispose_template() would also unparent
   * content_box from inside the AdwClamp, leaving the clamp a dangling child. */
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->content_box = NULL;
  G_OBJECT_CLASS (mado_resident_view_parent_class)->dispose (object);
}

static void
mado_resident_view_finalize (GObject *object)
{
  MadoResidentView *self = MADO_RESIDENT_VIEW (object);

  g_free (self->terminal_id);
  g_clear_pointer (&self->summary, mado_visit_summary_free);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
  G_OBJECT_CLASS (mado_resident_view_parent_class)->finalize (object);
}

static void
mado_resident_view_class_init (MadoResidentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_resident_view_dispose;
  object_class->finalize = mado_resident_view_finalize;
  widget_class->map = mado_resident_view_map;
  widget_class->unmap = mado_resident_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/ui/mado-resident-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoResidentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MadoResidentView, content_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "resident.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "resident.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "resident.copy", "s", copy_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "resident.print", NULL);
}

static void
mado_resident_view_init (MadoResidentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deferred = g_ptr_array_new_with_free_func (g_object_unref);
  self->top_frame = -1;
  gtk_widget_set_name (GTK_WIDGET (self->content_box), "resident-content");
  set_printable (self, FALSE);
}

GtkWidget *
mado_resident_view_new (void)
{
  return g_object_new (MADO_TYPE_RESIDENT_VIEW, NULL);
}
