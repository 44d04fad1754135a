/* mado-window.c — the desk's main window: status, sign-in and the visit flow
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window renders the states of the current visit's reception session
 * (through MadoVisitController) as pages of one stack and forwards what
 * staff and the resident type. It never touches the card, the hub or the
 * store itself: the desk counts the outbox and says when the count changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-consent-page.h"
#include "mado-expiry-banner.h"
#include "mado-offline-banner.h"
#include "mado-patient-window.h"
#include "mado-pin-page.h"
#include "mado-resident-view.h"
#include "mado-setup-page.h"
#include "mado-sign-in-page.h"
#include "mado-status-icons.h"
#include "mado-venue-bar.h"
#include "mado-venue-strip.h"
#include "mado-visit-words.h"
#include "mado-visual-check-page.h"
#include "mado-window.h"
#include "mado-window-private.h"

G_DEFINE_FINAL_TYPE (MadoWindow, mado_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DESK,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The idle page agrees with the status bar: a card left on the reader
 * is named, with a way to read it again. */
static void
update_idle (MadoWindow *self)
{
  gboolean card = mado_reader_monitor_get_state (self->reader_monitor) == MADO_READER_STATE_CARD_PRESENT;
  g_autofree char *description = NULL;
  const char *title;

  mado_visit_words_for_idle (card, self->closed_by_lock, &title, &description);
  adw_status_page_set_title (self->idle_page, title);
  adw_status_page_set_description (self->idle_page, description);
  gtk_widget_set_visible (self->read_again_button, card);
}

static void
reader_state_changed_cb (MadoWindow *self)
{
  MadoReaderState state = mado_reader_monitor_get_state (self->reader_monitor);

  gtk_label_set_label (self->reader_status_label, mado_reader_state_describe (state));
  gtk_image_set_from_icon_name (self->reader_status_icon, mado_status_icons_reader (state));
  update_idle (self);
}

/* Records the hub has not yet acknowledged: a desk that has been offline
 * must see that its visits still have to reach the hub. */
static void
waiting_records_cb (MadoWindow *self)
{
  guint waiting = mado_desk_get_waiting_records (self->desk);
  g_autofree char *text = NULL;

  if (waiting > 0)
    {
      text = g_strdup_printf (ngettext ("%u record waiting to be sent",
                                        "%u records waiting to be sent", waiting),
                              waiting);
      gtk_label_set_label (self->outbox_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_label), waiting > 0);
}

static void
hub_state_changed_cb (MadoWindow *self)
{
  MadoHubState state = mado_hub_monitor_get_state (self->hub_monitor);
  g_autofree char *text = mado_hub_monitor_describe (self->hub_monitor);

  gtk_label_set_label (self->hub_status_label, text);
  gtk_image_set_from_icon_name (self->hub_status_icon, mado_status_icons_hub (state));
}

static const char *
staff_id (MadoWindow *self)
{
  MadoStaffSession *staff = mado_application_get_staff_session (self->application);

  return staff != NULL ? mado_staff_session_get_staff_id (staff) : NULL;
}

static void
show_page (MadoWindow *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->desk_stack, name);
  /* Cached data is only ever on the resident page; elsewhere the banner
   * would describe nothing. */
  if (g_strcmp0 (name, "resident") != 0)
    mado_offline_banner_set_freshness (self->offline_banner, NULL);
}

static void
end_visit (MadoWindow *self)
{
  mado_visit_controller_end (self->visit);
  mado_window_pages_reset (self);
  show_page (self, "idle");
  update_idle (self);
}

static void
show_problem (MadoWindow *self,
              const char *title,
              const char *message,
              const char *hint)
{
  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, message);
  gtk_label_set_label (self->problem_hint_label, hint);
  show_page (self, "problem");
  gtk_widget_grab_focus (self->problem_done_button);
}

static void
show_failure (MadoWindow   *self,
              const GError *error)
{
  const char *title;
  const char *hint;

  mado_visit_words_for_failure (error, &title, &hint);
  show_problem (self, title, error != NULL ? error->message : _("The visit stopped."), hint);
}

static void
show_result (MadoWindow *self)
{
  MadoReceptionSession *session = mado_visit_controller_get_session (self->visit);
  const MadoSiteConfig *config = mado_desk_get_site_config (self->desk);
  const MadoReceptionFreshness *freshness = mado_reception_session_get_freshness (session);
  GDate today;

  mado_date_today (&today);
  mado_resident_view_show (self->resident_view, mado_reception_session_get_bundle (session),
                           freshness, config->institution_code, &today);
  mado_resident_view_show_card_expiry (self->resident_view,
                                       mado_reception_session_get_certificate (session));
  show_page (self, "resident");
  mado_offline_banner_set_freshness (self->offline_banner, freshness);
  gtk_widget_grab_focus (self->done_button);
}

static void
prepare_pin (MadoWindow *self,
             const char *problem)
{
  MadoReceptionSession *session = mado_visit_controller_get_session (self->visit);
  MadoIdentityModes modes = mado_reception_session_get_offered_modes (session);

  show_page (self, "pin");
  mado_pin_page_set_pin_pad (self->pin_page, mado_reception_session_uses_pin_pad (session));
  mado_pin_page_prepare (self->pin_page, mado_reception_session_get_tries_left (session),
                         (modes & MADO_IDENTITY_MODE_VISUAL) != 0, problem);
}

static void
prepare_visual (MadoWindow *self)
{
  MadoReceptionSession *session = mado_visit_controller_get_session (self->visit);
  gboolean blocked = mado_reception_session_get_state (session) == MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK &&
                     mado_reception_session_get_tries_left (session) == 0;

  show_page (self, "visual");
  mado_visual_check_page_prepare (self->visual_page, blocked, staff_id (self));
}

static void
visit_state_changed_cb (MadoWindow         *self,
                        MadoReceptionState  old_state,
                        MadoReceptionState  new_state)
{
  MadoReceptionSession *session = mado_visit_controller_get_session (self->visit);

  switch (new_state)
    {
    case MADO_RECEPTION_STATE_READING_CARD:
    case MADO_RECEPTION_STATE_CARD_READ:
      show_page (self, "reading");
      break;
    case MADO_RECEPTION_STATE_AWAITING_PIN:
      /* Back from a refused PIN: step-finished brings the reason. */
      if (old_state == MADO_RECEPTION_STATE_CARD_READ)
        prepare_pin (self, NULL);
      break;
    case MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK:
      prepare_visual (self);
      break;
    case MADO_RECEPTION_STATE_PROVING:
      /* Only the page on screen is busy: a hidden one keeps no busy title. */
      if (g_strcmp0 (mado_window_get_visible_page (self), "visual") == 0)
        mado_visual_check_page_set_busy (self->visual_page, TRUE);
      else
        mado_pin_page_set_busy (self->pin_page, TRUE);
      break;
    case MADO_RECEPTION_STATE_AWAITING_CONSENT:
      mado_pin_page_reset (self->pin_page);
      show_page (self, "consent");
      mado_consent_page_reset (self->consent_page);
      break;
    case MADO_RECEPTION_STATE_CONFIRMING:
      show_page (self, "working");
      break;
    case MADO_RECEPTION_STATE_CONFIRMED:
    case MADO_RECEPTION_STATE_CONFIRMED_OFFLINE:
      show_result (self);
      break;
    case MADO_RECEPTION_STATE_NO_CACHED_DATA:
    case MADO_RECEPTION_STATE_FAILED:
      {
        const GError *error = mado_reception_session_get_error (session);

        /* The card left before anything was shown: nothing to look at. */
        if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED))
          end_visit (self);
        else
          show_failure (self, error);
      }
      break;
    case MADO_RECEPTION_STATE_IDLE:
    case MADO_RECEPTION_STATE_FINISHED:
    default:
      break;
    }
}

static void
visit_step_finished_cb (MadoWindow   *self,
                        const GError *error)
{
  MadoReceptionState state = mado_visit_controller_get_state (self->visit);

  if (error == NULL)
    return;
  switch (state)
    {
    case MADO_RECEPTION_STATE_AWAITING_PIN:
      /* A wrong PIN is never re-sent: the resident types it again. */
      prepare_pin (self, error->message);
      break;
    case MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK:
      prepare_visual (self);
      break;
    case MADO_RECEPTION_STATE_AWAITING_CONSENT:
      mado_consent_page_reset (self->consent_page);
      break;
    case MADO_RECEPTION_STATE_IDLE:
    case MADO_RECEPTION_STATE_READING_CARD:
    case MADO_RECEPTION_STATE_CARD_READ:
    case MADO_RECEPTION_STATE_PROVING:
    case MADO_RECEPTION_STATE_CONFIRMING:
    case MADO_RECEPTION_STATE_CONFIRMED:
    case MADO_RECEPTION_STATE_CONFIRMED_OFFLINE:
    case MADO_RECEPTION_STATE_NO_CACHED_DATA:
    case MADO_RECEPTION_STATE_FAILED:
    case MADO_RECEPTION_STATE_FINISHED:
    default:
      break;
    }
}

static gboolean
desk_is_open (MadoWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->top_stack), "desk") == 0;
}

static void
card_inserted_cb (MadoWindow *self,
                  const char *reader,
                  const char *atr_hex)
{
  const GError *setup_error = mado_desk_get_setup_error (self->desk);

  /* Nobody to record as the operator: the card waits for the sign-in. */
  if (!desk_is_open (self))
    return;
  mado_window_pages_ensure (self);
  self->closed_by_lock = FALSE;
  mado_resident_view_clear (self->resident_view);
  mado_visit_controller_set_operator (self->visit, staff_id (self));
  if (!mado_visit_controller_start (self->visit, reader))
    {
      show_problem (self, _("This desk is not set up"),
                    setup_error != NULL ? setup_error->message
                                        : _("The site configuration could not be loaded."),
                    _("Ask the administrator to fix the site configuration, then restart Madoguchi."));
      return;
    }
  show_page (self, "reading");
}

static void
card_removed_cb (MadoWindow *self,
                 const char *reader)
{
  const char *page = gtk_stack_get_visible_child_name (self->desk_stack);

  /* What is on screen for the desk stays until Done; anything else is over. */
  if (g_strcmp0 (page, "resident") == 0 || g_strcmp0 (page, "problem") == 0)
    mado_visit_controller_card_removed (self->visit);
  else if (g_strcmp0 (page, "idle") != 0)
    end_visit (self);
}

static void
pin_submit_cb (MadoWindow *self)
{
  /* The PIN goes straight to the session, which wipes and frees it. */
  mado_visit_controller_submit_pin (self->visit, mado_pin_page_take_pin (self->pin_page));
}

static gboolean
pin_pad_idle_cb (gpointer user_data)
{
  MadoWindow *self = MADO_WINDOW (user_data);

  self->pin_pad_idle_id = 0;
  /* Still waiting for this PIN and nothing under way: a NULL PIN has the
   * reader prompt the resident once. */
  if (mado_visit_controller_get_state (self->visit) == MADO_RECEPTION_STATE_AWAITING_PIN &&
      !mado_visit_controller_get_busy (self->visit) &&
      mado_pin_page_get_pin_pad (self->pin_page))
    mado_visit_controller_submit_pin (self->visit, NULL);
  return G_SOURCE_REMOVE;
}

static void
pin_pad_start_cb (MadoWindow *self)
{
  /* The page asks from inside the session's state change, while the
   * controller still counts the last step as running: start just after. */
  if (self->pin_pad_idle_id == 0)
    self->pin_pad_idle_id = g_idle_add (pin_pad_idle_cb, self);
}

static void
pin_visual_cb (MadoWindow *self)
{
  mado_pin_page_reset (self->pin_page);
  prepare_visual (self);
}

static void
visual_submit_cb (MadoWindow *self)
{
  g_autofree char *operator_id =
    g_strstrip (g_strdup (mado_visual_check_page_get_operator_id (self->visual_page)));

  mado_visit_controller_confirm_visual (self->visit, operator_id);
}

static void
consent_submit_cb (MadoWindow *self)
{
  mado_visit_controller_give_consent (self->visit,
                                      mado_consent_page_get_consent (self->consent_page));
}

static void
page_cancel_cb (MadoWindow *self)
{
  end_visit (self);
}

static void
visit_end_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  end_visit (MADO_WINDOW (widget));
}

static void
read_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MadoWindow *self = MADO_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "idle") == 0)
    card_inserted_cb (self, mado_reader_monitor_get_reader_name (self->reader_monitor), NULL);
}

static void
staff_session_changed_cb (MadoWindow *self)
{
  gboolean signed_in = mado_application_get_staff_session (self->application) != NULL;

  /* A locked screen shows nothing of a resident: the visit ends with it,
   * and the idle page says so after the next sign-in. */
  if (!signed_in && g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "idle") != 0)
    self->closed_by_lock = TRUE;
  if (!signed_in)
    end_visit (self);
  /* Never a sign-in that cannot succeed: the administrator's page instead. */
  gtk_stack_set_visible_child_name (self->top_stack,
                                    signed_in ? "desk"
                                    : mado_setup_page_get_needed (self->setup_page) ? "setup"
                                    : "sign-in");
}

static void
show_setup_error (MadoWindow *self)
{
  const GError *error = mado_desk_get_setup_error (self->desk);

  if (error != NULL)
    gtk_label_set_label (self->setup_error_label, error->message);
  gtk_widget_set_visible (self->setup_error_box, error != NULL);
}

static void
visible_page_changed_cb (MadoWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
close_patient_window (MadoWindow *self)
{
  GtkWindow *window = g_steal_pointer (&self->patient_window);

  if (window == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &self->patient_window);
  gtk_window_destroy (window);
}

/* The `patient-window` setting, live: the second window mirrors this
 * desk's visit (same controller, same PIN buffer) or is gone. */
static void
patient_window_setting_cb (MadoWindow *self)
{
  GSettings *settings = mado_application_get_settings (self->application);
  gboolean wanted = settings != NULL && g_settings_get_boolean (settings, "patient-window");

  if (wanted && self->patient_window == NULL)
    {
      self->patient_window = GTK_WINDOW (mado_patient_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->patient_window),
                                 (gpointer *) &self->patient_window);
      /* Shown, not presented: presenting would take the keyboard focus,
       * and the desk's Escape and Ctrl+L must keep reaching the desk. */
      gtk_widget_set_visible (GTK_WIDGET (self->patient_window), TRUE);
    }
  else if (!wanted)
    close_patient_window (self);
}

static void
mado_window_constructed (GObject *object)
{
  MadoWindow *self = MADO_WINDOW (object);

  G_OBJECT_CLASS (mado_window_parent_class)->constructed (object);

  self->reader_monitor = mado_desk_get_reader_monitor (self->desk);
  self->hub_monitor = mado_desk_get_hub_monitor (self->desk);
  g_signal_connect_object (self->desk, "notify::waiting-records",
                           G_CALLBACK (waiting_records_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "notify::setup-error",
                           G_CALLBACK (show_setup_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader_monitor, "notify::state",
                           G_CALLBACK (reader_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hub_monitor, "notify::state",
                           G_CALLBACK (hub_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hub_monitor, "notify::offline-since",
                           G_CALLBACK (hub_state_changed_cb), self, G_CONNECT_SWAPPED);
  reader_state_changed_cb (self);
  hub_state_changed_cb (self);
  waiting_records_cb (self);
  show_setup_error (self);
}

/* What needs the application: the sign-in state and the settings. */
static void
attach_application (MadoWindow      *self,
                    MadoApplication *application)
{
  self->application = application;
  self->visit = mado_visit_controller_new (self->desk);
  g_signal_connect_object (self->visit, "state-changed",
                           G_CALLBACK (visit_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->visit, "step-finished",
                           G_CALLBACK (visit_step_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader_monitor, "card-inserted",
                           G_CALLBACK (card_inserted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader_monitor, "card-removed",
                           G_CALLBACK (card_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::staff-session",
                           G_CALLBACK (staff_session_changed_cb), self, G_CONNECT_SWAPPED);
  mado_setup_page_set_desk (self->setup_page, self->desk);
  g_signal_connect_object (self->setup_page, "notify::needed",
                           G_CALLBACK (staff_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->top_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  if (mado_application_get_settings (application) != NULL)
    g_signal_connect_object (mado_application_get_settings (application), "changed::patient-window",
                             G_CALLBACK (patient_window_setting_cb), self, G_CONNECT_SWAPPED);
  staff_session_changed_cb (self);
  patient_window_setting_cb (self);
}

static void
mado_window_dispose (GObject *object)
{
  MadoWindow *self = MADO_WINDOW (object);

  g_clear_handle_id (&self->pin_pad_idle_id, g_source_remove);
  mado_window_pages_cancel (self);
  close_patient_window (self);
  if (self->visit != NULL)
    mado_visit_controller_end (self->visit);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_WINDOW);
  g_clear_object (&self->visit);
  g_clear_object (&self->desk);

  G_OBJECT_CLASS (mado_window_parent_class)->dispose (object);
}

static void
mado_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MadoWindow *self = MADO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DESK:
      self->desk = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MadoWindow *self = MADO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, mado_window_get_visible_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_window_class_init (MadoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mado_window_constructed;
  object_class->dispose = mado_window_dispose;
  object_class->set_property = mado_window_set_property;
  object_class->get_property = mado_window_get_property;

  /* Whose readers, hub, store and outbox the window shows. */
  properties[PROP_DESK] =
    g_param_spec_object ("desk", NULL, NULL, MADO_TYPE_DESK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What mado_window_get_visible_page() returns; the patient-facing window follows it. */
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Done on the resident screen and on a problem: the desk ends the visit. */
  gtk_widget_class_install_action (widget_class, "visit.end", NULL, visit_end_action);
  /* A card still on the reader after Done: the same card, read again. */
  gtk_widget_class_install_action (widget_class, "visit.read-again", NULL, read_again_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "visit.end", NULL);

  g_type_ensure (MADO_TYPE_EXPIRY_BANNER);
  g_type_ensure (MADO_TYPE_SETUP_PAGE);
  g_type_ensure (MADO_TYPE_SIGN_IN_PAGE);
  g_type_ensure (MADO_TYPE_OFFLINE_BANNER);
  g_type_ensure (MADO_TYPE_PIN_PAGE);
  g_type_ensure (MADO_TYPE_VISUAL_CHECK_PAGE);
  g_type_ensure (MADO_TYPE_CONSENT_PAGE);
  g_type_ensure (MADO_TYPE_RESIDENT_VIEW);
  g_type_ensure (MADO_TYPE_VENUE_BAR);
  g_type_ensure (MADO_TYPE_VENUE_STRIP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, top_stack);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, desk_stack);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, idle_page);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, read_again_button);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, setup_error_box);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, setup_error_label);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, reader_status_label);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, reader_status_icon);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, hub_status_label);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, hub_status_icon);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, outbox_label);
}

static void
mado_window_init (MadoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mado_window_pages_build_later (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

MadoWindow *
mado_window_new (MadoApplication *application)
{
  MadoWindow *self = g_object_new (MADO_TYPE_WINDOW,
                                   "application", application,
                                   "desk", mado_application_get_desk (application),
                                   NULL);

  attach_application (self, application);
  return self;
}

/* The visit pages' signal handlers, for their builder (mado-window-pages.c). */
GtkBuilderScope *
mado_window_page_scope_new (void)
{
  GtkBuilderScope *scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback (scope, pin_submit_cb);
  gtk_builder_cscope_add_callback (scope, pin_visual_cb);
  gtk_builder_cscope_add_callback (scope, pin_pad_start_cb);
  gtk_builder_cscope_add_callback (scope, visual_submit_cb);
  gtk_builder_cscope_add_callback (scope, consent_submit_cb);
  gtk_builder_cscope_add_callback (scope, page_cancel_cb);
  return scope;
}

GtkWidget *
mado_window_get_idle_page (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->idle_page);
}

/**
 * mado_window_get_visit_controller:
 *
 * Returns: (transfer none): the controller of the desk's visits
 */
MadoVisitController *
mado_window_get_visit_controller (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  return self->visit;
}

/**
 * mado_window_get_visible_page:
 *
 * Returns: "sign-in" while nobody is signed in ("setup" while nobody can
 *   sign in yet), else the visit page on screen: "idle", "reading", "pin", "visual", "consent", "working",
 *   "resident" or "problem"
 */
const char *
mado_window_get_visible_page (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  if (!desk_is_open (self))
    return gtk_stack_get_visible_child_name (self->top_stack);
  return gtk_stack_get_visible_child_name (self->desk_stack);
}

/**
 * mado_window_get_page:
 * @name: a page name as mado_window_get_visible_page() returns it
 *
 * Returns: (nullable) (transfer none): that page's widget (a MadoPinPage,
 *   MadoConsentPage, MadoVisualCheckPage, the box around the
 *   MadoResidentView, …)
 */
GtkWidget *
mado_window_get_page (MadoWindow *self,
                      const char *name)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  /* A visit page asked for before its time is built now. */
  if (gtk_stack_get_child_by_name (self->desk_stack, name) == NULL)
    mado_window_pages_ensure (self);
  return gtk_stack_get_child_by_name (self->desk_stack, name);
}

/**
 * mado_window_get_patient_window:
 *
 * Returns: (nullable) (transfer none): the patient-facing window, while the
 *   `patient-window` setting is on
 */
GtkWindow *
mado_window_get_patient_window (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  return self->patient_window;
}

/**
 * mado_window_get_offline_banner:
 *
 * Returns: (transfer none): the offline banner (visible only over cached data)
 */
GtkWidget *
mado_window_get_offline_banner (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->offline_banner);
}
