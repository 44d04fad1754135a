/* mado-application.c — the reception application
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-accessible.h"
#include "mado-application.h"
#include "mado-diagnostics-window.h"
#include "mado-first-frame.h"
#include "mado-preferences-window.h"
#include "mado-staff-admin-roles.h"
#include "mado-staff-admin-window.h"
#include "mado-window.h"

struct _MadoApplication
{
  AdwApplication     parent_instance;

  /* Everything from the site configuration: store, hub client, monitors,
   * outbox. Without a configuration the desk still watches the readers and
   * its setup error says what is missing (the window shows it). */
  MadoDesk          *desk;
  MadoFirstFrame    *desk_start;   /* the desk starts after the window's first frame */
  GSettings         *settings;

  MadoStaffSession  *staff_session;
  char              *locked_staff_id;    /* who was signed in when the desk locked */
  guint              idle_lock_seconds;  /* 0: from GSettings; tests set a few seconds */
  guint              idle_check_id;
  GMenu             *operator_menu;

  /* The platform's font resolution, before the text-scale preference. */
  int                base_xft_dpi;
};

G_DEFINE_FINAL_TYPE (MadoApplication, mado_application, ADW_TYPE_APPLICATION)

/* A window that paints nothing (kept hidden) still gets its desk started. */
#define DESK_START_LATEST_MS 1000

/* GTK's font resolution unit: 1024 × dots per inch. */
#define DEFAULT_XFT_DPI (96 * 1024)

enum {
  PROP_0,
  PROP_STAFF_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The site configuration names the hub and the store; without it the desk
 * still shows reader status and explains what is missing. */
static MadoDesk *
load_desk (void)
{
  g_autoptr(GError) error = NULL;
  MadoSiteConfig *config = mado_site_config_load (g_getenv ("MADOGUCHI_SITE_CONFIG"), &error);

  return mado_desk_new (config, error);
}

/* The text-scale preference scales the font resolution: every font size in
 * points (the theme's, libadwaita's title classes, our own CSS in em)
 * grows with it, in every window of the application, live. A CSS font-size
 * on the window would miss popovers and dialogs and the theme's own
 * absolute sizes. */
static void
apply_text_scale (MadoApplication *self)
{
  GtkSettings *settings = gtk_settings_get_default ();
  double scale = g_settings_get_double (self->settings, "text-scale");

  if (settings == NULL)
    return;
  if (self->base_xft_dpi <= 0)
    {
      g_object_get (settings, "gtk-xft-dpi", &self->base_xft_dpi, NULL);
      if (self->base_xft_dpi <= 0)
        self->base_xft_dpi = DEFAULT_XFT_DPI;
    }
  g_object_set (settings, "gtk-xft-dpi", (int) (self->base_xft_dpi * scale + 0.5), NULL);
}

static void
text_scale_changed_cb (MadoApplication *self)
{
  apply_text_scale (self);
}

static void
update_operator_menu (MadoApplication *self)
{
  g_autoptr(GMenuItem) who = NULL;
  g_autofree char *label = NULL;
  gboolean signed_in = self->staff_session != NULL;
  GAction *action;

  g_menu_remove_all (self->operator_menu);
  if (signed_in)
    {
      /* Translators: the signed-in staff member in the menu: "<ID> (<role>)" */
      label = g_strdup_printf (_("Signed in: %s (%s)"),
                               mado_staff_session_get_staff_id (self->staff_session),
                               mado_staff_admin_roles_words (mado_staff_session_get_role (self->staff_session)));
      /* No action: shown as information, not as something to click. */
      who = g_menu_item_new (label, NULL);
      g_menu_append_item (self->operator_menu, who);
      g_menu_append (self->operator_menu, _("_Lock Desk"), "app.lock");
      g_menu_append (self->operator_menu, _("Sign _Out"), "app.sign-out");
    }
  /* Only an administrator sees it; the store checks the role again. */
  if (mado_staff_admin_window_may_open (self))
    g_menu_append (self->operator_menu, _("_Staff Accounts"), "app.staff-accounts");
  g_menu_append (self->operator_menu, _("_Preferences"), "app.preferences");
  g_menu_append (self->operator_menu, _("_Diagnostics"), "app.diagnostics");

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "staff-accounts");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), mado_staff_admin_window_may_open (self));
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's primary menu gets the operator section (who is signed in,
 * lock, sign out, preferences, diagnostics) on top. */
static void
add_operator_menu (MadoApplication *self,
                   GtkWindow       *window)
{
  GtkMenuButton *button = find_primary_menu_button (GTK_WIDGET (window));
  GMenuModel *model = button != NULL ? gtk_menu_button_get_menu_model (button) : NULL;

  if (!G_IS_MENU (model) || g_object_get_data (G_OBJECT (model), "mado-operator-menu") != NULL)
    return;
  g_menu_prepend_section (G_MENU (model), NULL, G_MENU_MODEL (self->operator_menu));
  g_object_set_data (G_OBJECT (model), "mado-operator-menu", self->operator_menu);
}

static void
start_desk_cb (gpointer data)
{
  MadoApplication *self = data;

  g_clear_pointer (&self->desk_start, mado_first_frame_free);
  mado_desk_start (self->desk);
}

static void
mado_application_activate (GApplication *app)
{
  MadoApplication *self = MADO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (mado_window_new (self));
      mado_application_watch_window (self, window);
      add_operator_menu (self, window);
      /* The readers' thread, the hub's TLS handshake, the purge and the
       * outbox's first round would share the cores with the first frame. */
      if (self->desk_start == NULL)
        self->desk_start = mado_first_frame_new (GTK_WIDGET (window), DESK_START_LATEST_MS,
                                                 start_desk_cb, self);
    }

  gtk_window_present (window);
}

static void
stop_idle_check (MadoApplication *self)
{
  g_clear_handle_id (&self->idle_check_id, g_source_remove);
}

static void
mado_application_dispose (GObject *object)
{
  MadoApplication *self = MADO_APPLICATION (object);

  g_clear_pointer (&self->desk_start, mado_first_frame_free);
  if (self->desk != NULL)
    mado_desk_stop (self->desk);
  stop_idle_check (self);
  g_clear_object (&self->staff_session);
  g_clear_pointer (&self->locked_staff_id, g_free);
  g_clear_object (&self->operator_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->desk);

  G_OBJECT_CLASS (mado_application_parent_class)->dispose (object);
}

static void
mado_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  static const char *developers[] = { "The Madoguchi authors", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Madoguchi"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Madoguchi authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Madoguchi authors"),
                        "comments", _("Reception terminal for My Number Card identity checks, "
                                      "subsidy eligibility, questionnaires and vaccination history"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/madoguchi/madoguchi",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
mado_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
mado_application_lock_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  mado_application_lock (MADO_APPLICATION (user_data));
}

static void
mado_application_sign_out_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  mado_application_sign_out (MADO_APPLICATION (user_data));
}

static void
mado_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  MadoApplication *self = MADO_APPLICATION (user_data);
  GtkWidget *window = mado_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
mado_application_diagnostics_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  MadoApplication *self = MADO_APPLICATION (user_data);
  GtkWidget *window = mado_diagnostics_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
mado_application_staff_accounts_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  MadoApplication *self = MADO_APPLICATION (user_data);
  GtkWidget *window;

  if (!mado_staff_admin_window_may_open (self))
    return;
  window = mado_staff_admin_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = mado_application_about_action },
  { .name = "quit", .activate = mado_application_quit_action },
  { .name = "lock", .activate = mado_application_lock_action },
  { .name = "sign-out", .activate = mado_application_sign_out_action },
  { .name = "preferences", .activate = mado_application_preferences_action },
  { .name = "diagnostics", .activate = mado_application_diagnostics_action },
  { .name = "staff-accounts", .activate = mado_application_staff_accounts_action },
};

static void
setup_error_cb (MadoApplication *self)
{
  const GError *error = mado_desk_get_setup_error (self->desk);

  if (error != NULL)
    g_message ("site setup: %s", mado_error_name (error));
}

static void
mado_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  MadoApplication *self = MADO_APPLICATION (app);

  G_APPLICATION_CLASS (mado_application_parent_class)->startup (app);
  mado_accessible_init ();
  /* Only the primary instance builds a desk: a second launch just
   * activates the first one's window. */
  self->desk = load_desk ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::text-scale",
                           G_CALLBACK (text_scale_changed_cb), self, G_CONNECT_SWAPPED);
  apply_text_scale (self);
  self->operator_menu = g_menu_new ();
  update_operator_menu (self);
  g_signal_connect_object (self->desk, "notify::setup-error",
                           G_CALLBACK (setup_error_cb), self, G_CONNECT_SWAPPED);
  setup_error_cb (self);
  /* The store opens and is checked off the main thread from now on; the
   * window shows its idle page meanwhile and a sign-in waits for it. The
   * rest of the desk starts after the window's first frame. */
  if (mado_desk_get_store_state (self->desk) == MADO_DESK_STORE_CLOSED)
    mado_desk_open_store_async (self->desk, NULL, NULL, NULL);
}

static void
mado_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MadoApplication *self = MADO_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STAFF_SESSION:
      g_value_set_object (value, self->staff_session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_application_class_init (MadoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mado_application_dispose;
  object_class->get_property = mado_application_get_property;

  /* The signed-in staff member; %NULL while nobody is signed in. */
  properties[PROP_STAFF_SESSION] =
    g_param_spec_object ("staff-session", NULL, NULL, MADO_TYPE_STAFF_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  app_class->activate = mado_application_activate;
  app_class->startup = mado_application_startup;
}

static void
mado_application_init (MadoApplication *self)
{
}

MadoApplication *
mado_application_new (void)
{
  return g_object_new (MADO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APPLICATION_PATH,
                       NULL);
}

/**
 * mado_application_get_desk:
 *
 * Returns: (transfer none): the desk: store, hub client, monitors, outbox
 */
MadoDesk *
mado_application_get_desk (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->desk;
}

MadoReaderMonitor *
mado_application_get_reader_monitor (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return mado_desk_get_reader_monitor (self->desk);
}

MadoHubMonitor *
mado_application_get_hub_monitor (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return mado_desk_get_hub_monitor (self->desk);
}

/**
 * mado_application_get_store:
 *
 * Returns: (nullable) (transfer none): the desk's store, once it is open
 */
MadoStore *
mado_application_get_store (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return mado_desk_get_store (self->desk);
}

/**
 * mado_application_get_settings:
 *
 * Returns: (transfer none): the desk preferences
 */
GSettings *
mado_application_get_settings (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * mado_application_get_staff_session:
 *
 * Returns: (nullable) (transfer none): the signed-in staff member
 */
MadoStaffSession *
mado_application_get_staff_session (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->staff_session;
}

void
mado_application_set_staff_session (MadoApplication  *self,
                                    MadoStaffSession *session)
{
  g_return_if_fail (MADO_IS_APPLICATION (self));

  if (!g_set_object (&self->staff_session, session))
    return;
  if (session == NULL)
    stop_idle_check (self);
  else
    g_clear_pointer (&self->locked_staff_id, g_free);
  if (self->operator_menu != NULL)
    update_operator_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_SESSION]);
}

/* The clerk's preference, never past the site's maximum (the kiosk). */
static guint
idle_lock_seconds (MadoApplication *self)
{
  guint seconds = self->idle_lock_seconds > 0 ? self->idle_lock_seconds
                  : g_settings_get_uint (self->settings, "idle-lock-minutes") * 60;

  return mado_site_config_idle_lock_seconds (mado_desk_get_site_config (self->desk), seconds);
}

static gboolean
idle_check_cb (gpointer user_data)
{
  MadoApplication *self = MADO_APPLICATION (user_data);

  if (self->staff_session != NULL &&
      mado_staff_session_is_locked (self->staff_session, g_get_monotonic_time ()))
    {
      g_debug ("idle lock after %u s", idle_lock_seconds (self));
      self->idle_check_id = 0;
      mado_application_lock (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoApplication *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(MadoStaffSession) session = mado_desk_sign_in_finish (MADO_DESK (source), result, &error);

  if (session == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mado_application_set_staff_session (self, session);
  stop_idle_check (self);
  self->idle_check_id = g_timeout_add_seconds (1, idle_check_cb, self);
  g_task_return_boolean (task, TRUE);
}

/**
 * mado_application_sign_in_async:
 * @staff_id: the staff ID typed
 * @password: the password typed; not kept
 *
 * Checks the password against the store (which audits the attempt) off the
 * main thread and, on success, makes the staff member the desk's signed-in
 * staff-session, with the idle lock running.
 */
void
mado_application_sign_in_async (MadoApplication     *self,
                                const char          *staff_id,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MADO_IS_APPLICATION (self));
  g_return_if_fail (staff_id != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_application_sign_in_async);
  mado_desk_sign_in_async (self->desk, staff_id, password, idle_lock_seconds (self),
                           cancellable, sign_in_done_cb, task);
}

/**
 * mado_application_sign_in_finish:
 * @error: %MADO_STORE_ERROR_AUTH_FAILED, %MADO_STORE_ERROR_ACCOUNT_DISABLED,
 *   %MADO_STORE_ERROR_NOT_FOUND when the desk has no store, or another
 *   #MADO_STORE_ERROR
 *
 * Returns: %TRUE when signed in
 */
gboolean
mado_application_sign_in_finish (MadoApplication  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
end_session (MadoApplication *self)
{
  g_autoptr(GError) error = NULL;
  MadoStore *store = mado_desk_get_store (self->desk);

  if (store != NULL && !mado_store_staff_sign_out (store, self->staff_session, &error))
    g_warning ("the sign-out could not be audited: %s", error->message);
  mado_application_set_staff_session (self, NULL);
}

/**
 * mado_application_sign_out:
 *
 * Ends the staff session (audited); the sign-in page shows empty.
 */
void
mado_application_sign_out (MadoApplication *self)
{
  g_return_if_fail (MADO_IS_APPLICATION (self));

  if (self->staff_session == NULL)
    return;
  g_clear_pointer (&self->locked_staff_id, g_free);
  end_session (self);
}

/**
 * mado_application_lock:
 *
 * Locks the desk: the staff session ends (the sign-out is audited) and the
 * sign-in page shows with the staff ID filled in and a "locked" note.
 */
void
mado_application_lock (MadoApplication *self)
{
  g_return_if_fail (MADO_IS_APPLICATION (self));

  if (self->staff_session == NULL)
    return;
  /* Set before the session ends, so the sign-in page sees it when the
   * window switches to it. */
  g_free (self->locked_staff_id);
  self->locked_staff_id = g_strdup (mado_staff_session_get_staff_id (self->staff_session));
  end_session (self);
}

/**
 * mado_application_get_locked_staff_id:
 *
 * Returns: (nullable): who was signed in when the desk last locked, until
 *   someone signs in or out
 */
const char *
mado_application_get_locked_staff_id (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->locked_staff_id;
}

/**
 * mado_application_set_idle_lock_seconds:
 * @seconds: the idle time before the lock, or 0 for the `idle-lock-minutes` setting
 *
 * For tests: a lock after seconds rather than minutes. Applies from the
 * next sign-in.
 */
void
mado_application_set_idle_lock_seconds (MadoApplication *self,
                                        guint            seconds)
{
  g_return_if_fail (MADO_IS_APPLICATION (self));

  self->idle_lock_seconds = seconds;
}

static void
activity_cb (MadoApplication *self)
{
  if (self->staff_session != NULL)
    mado_staff_session_touch (self->staff_session, g_get_monotonic_time ());
}

static gboolean
key_activity_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 MadoApplication       *self)
{
  activity_cb (self);
  return GDK_EVENT_PROPAGATE;
}

/**
 * mado_application_watch_window:
 *
 * Counts key presses, clicks, pointer movement and scrolling in @window as
 * activity that keeps the desk unlocked. The resident typing their PIN on
 * the desk or on the patient-facing window counts too.
 */
void
mado_application_watch_window (MadoApplication *self,
                               GtkWindow       *window)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();

  g_return_if_fail (MADO_IS_APPLICATION (self));

  /* Capture phase: activity is seen before any widget handles the event. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_activity_cb), self, 0);
  g_signal_connect_object (motion, "motion", G_CALLBACK (activity_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scroll, "scroll-begin", G_CALLBACK (activity_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "pressed", G_CALLBACK (activity_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), key);
  gtk_widget_add_controller (GTK_WIDGET (window), motion);
  gtk_widget_add_controller (GTK_WIDGET (window), scroll);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (click));
}

static void
add_gtk_versions (GStrvBuilder *versions)
{
  g_autofree char *gtk = g_strdup_printf ("%u.%u.%u", gtk_get_major_version (),
                                          gtk_get_minor_version (), gtk_get_micro_version ());
  g_autofree char *adw = g_strdup_printf ("%u.%u.%u", adw_get_major_version (),
                                          adw_get_minor_version (), adw_get_micro_version ());

  g_strv_builder_add_many (versions, "GTK", gtk, "libadwaita", adw, NULL);
}

/**
 * mado_application_diagnostics_report:
 *
 * Returns: (transfer full): the support report (see mado_diagnostics_report())
 */
char *
mado_application_diagnostics_report (MadoApplication *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) versions = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autofree char *path = NULL;
  MadoDiagnosticsInput input = { 0 };

  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  add_gtk_versions (builder);
  versions = g_strv_builder_end (builder);
  readers = mado_reader_monitor_dup_readers (mado_desk_get_reader_monitor (self->desk));
  path = mado_site_config_default_path ();
  input.program = "madoguchi";
  input.extra_versions = (const char * const *) versions;
  input.site_config = mado_desk_get_site_config (self->desk);
  input.site_config_path = path;
  input.setup_error = mado_desk_get_setup_error (self->desk);
  input.readers = readers;
  input.hub_monitor = mado_desk_get_hub_monitor (self->desk);
  input.store = mado_desk_get_store (self->desk);
  return mado_diagnostics_report (&input);
}

/**
 * mado_application_get_operator_menu:
 *
 * Returns: (transfer none): the operator's menu section: who is signed in,
 *   lock, sign out, preferences, diagnostics
 */
GMenuModel *
mado_application_get_operator_menu (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->operator_menu);
}
