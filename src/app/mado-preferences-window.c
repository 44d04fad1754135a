/* mado-preferences-window.c — the desk's preferences
 *
 * Everything here is a GSettings key, applied live by the application
 * (text size, idle lock, reader, patient-facing window, sound cues). The
 * identity modes belong to the site configuration, which the administrator
 * installs as root; the desk cannot write it, so they are shown read-only
 * with where to change them.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-preferences-window.h"

struct _MadoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwComboRow          *reader_row;
  AdwActionRow         *identity_row;
  GtkSpinButton        *text_scale_spin;
  AdwActionRow         *idle_lock_row;
  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *patient_window_switch;
  GtkSwitch            *sound_cues_switch;

  MadoApplication      *application;
  MadoDesk             *desk;
  GtkStringList        *readers;      /* row 0 is "Automatic" */
};

G_DEFINE_FINAL_TYPE (MadoPreferencesWindow, mado_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DESK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
identity_modes_text (MadoIdentityModes modes)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (modes & MADO_IDENTITY_MODE_PIN)
    g_ptr_array_add (names, (gpointer) _("PIN"));
  if (modes & MADO_IDENTITY_MODE_VISUAL)
    g_ptr_array_add (names, (gpointer) _("Visual check"));
  g_ptr_array_add (names, NULL);
  /* Translators: separates identity modes, as in "PIN, Visual check" */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
show_identity_modes (MadoPreferencesWindow *self)
{
  const MadoSiteConfig *config = mado_desk_get_site_config (self->desk);
  MadoStaffSession *session = mado_application_get_staff_session (self->application);
  gboolean administrator = session != NULL &&
                           mado_staff_session_get_role (session) == MADO_STAFF_ROLE_ADMINISTRATOR;
  g_autofree char *modes = NULL;
  g_autofree char *subtitle = NULL;

  if (config == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row),
                                     _("Identity checks: not configured"));
      adw_action_row_set_subtitle (self->identity_row,
                                   _("There is no site configuration. Ask the administrator."));
      return;
    }
  modes = identity_modes_text (config->identity_modes);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), modes);
  if (administrator)
    subtitle = g_strdup_printf (_("Set in the site configuration %s (identity-modes). Edit that "
                                  "file as root and restart Madoguchi to change them."),
                                config->path);
  else
    subtitle = g_strdup (_("Set by the administrator in the site configuration."));
  adw_action_row_set_subtitle (self->identity_row, subtitle);
}

static void
fill_readers (MadoPreferencesWindow *self)
{
  MadoReaderMonitor *monitor = mado_desk_get_reader_monitor (self->desk);
  GSettings *settings = mado_application_get_settings (self->application);
  g_autoptr(GPtrArray) infos = mado_reader_monitor_dup_readers (monitor);
  g_autofree char *pinned = g_settings_get_string (settings, "pinned-reader");
  gboolean is_pinned = g_settings_get_enum (settings, "reader-choice") == 1;
  guint selected = 0;
  gboolean listed = FALSE;

  gtk_string_list_append (self->readers, _("Automatic"));
  for (guint i = 0; i < infos->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (infos, i);

      gtk_string_list_append (self->readers, info->name);
      if (is_pinned && g_strcmp0 (info->name, pinned) == 0)
        {
          selected = i + 1;
          listed = TRUE;
        }
    }
  /* A pinned reader that is unplugged now stays choosable. */
  if (is_pinned && !listed && pinned[0] != '\0')
    {
      gtk_string_list_append (self->readers, pinned);
      selected = g_list_model_get_n_items (G_LIST_MODEL (self->readers)) - 1;
    }
  adw_combo_row_set_model (self->reader_row, G_LIST_MODEL (self->readers));
  adw_combo_row_set_selected (self->reader_row, selected);
}

static void
reader_selected_cb (MadoPreferencesWindow *self)
{
  GSettings *settings = mado_application_get_settings (self->application);
  guint selected = adw_combo_row_get_selected (self->reader_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    {
      g_settings_set_enum (settings, "reader-choice", 0);
      return;
    }
  g_settings_set_string (settings, "pinned-reader",
                         gtk_string_list_get_string (self->readers, selected));
  g_settings_set_enum (settings, "reader-choice", 1);
}

/* A kiosk's site sets the longest idle time: the spin button stops there
 * and says why. The desk applies the same limit to whatever is stored. */
static void
cap_idle_lock (MadoPreferencesWindow *self)
{
  const MadoSiteConfig *config = mado_desk_get_site_config (self->desk);
  guint max = config != NULL ? config->idle_lock_max_seconds : 0;
  g_autofree char *subtitle = NULL;

  if (max == 0)
    return;
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->idle_lock_spin),
                            MAX (1, max / 60));
  if (max < 60)
    subtitle = g_strdup_printf (ngettext ("This terminal locks after %u second at most (set in the "
                                          "site configuration). Applies from the next sign-in",
                                          "This terminal locks after %u seconds at most (set in the "
                                          "site configuration). Applies from the next sign-in", max),
                                max);
  else
    subtitle = g_strdup_printf (ngettext ("At most %u minute on this terminal (set in the site "
                                          "configuration). Applies from the next sign-in",
                                          "At most %u minutes on this terminal (set in the site "
                                          "configuration). Applies from the next sign-in", max / 60),
                                max / 60);
  adw_action_row_set_subtitle (self->idle_lock_row, subtitle);
}

static void
mado_preferences_window_dispose (GObject *object)
{
  MadoPreferencesWindow *self = MADO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->application);
  g_clear_object (&self->desk);
  g_clear_object (&self->readers);

  G_OBJECT_CLASS (mado_preferences_window_parent_class)->dispose (object);
}

static void
mado_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MadoPreferencesWindow *self = MADO_PREFERENCES_WINDOW (object);

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
mado_preferences_window_class_init (MadoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_preferences_window_dispose;
  object_class->set_property = mado_preferences_window_set_property;

  /* Whose readers and site configuration are shown. */
  properties[PROP_DESK] =
    g_param_spec_object ("desk", NULL, NULL, MADO_TYPE_DESK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, reader_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, identity_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, text_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, idle_lock_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, patient_window_switch);
  gtk_widget_class_bind_template_child (widget_class, MadoPreferencesWindow, sound_cues_switch);
}

static void
mado_preferences_window_init (MadoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->readers = gtk_string_list_new (NULL);
}

/**
 * mado_preferences_window_new:
 *
 * Returns: (transfer floating): the preferences of @application's desk
 */
GtkWidget *
mado_preferences_window_new (MadoApplication *application)
{
  MadoPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (MADO_IS_APPLICATION (application), NULL);

  self = g_object_new (MADO_TYPE_PREFERENCES_WINDOW,
                       "desk", mado_application_get_desk (application),
                       NULL);
  self->application = g_object_ref (application);
  settings = mado_application_get_settings (application);
  cap_idle_lock (self);

  g_settings_bind (settings, "text-scale",
                   gtk_spin_button_get_adjustment (self->text_scale_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_lock_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "patient-window", self->patient_window_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sound-cues", self->sound_cues_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  fill_readers (self);
  g_signal_connect_object (self->reader_row, "notify::selected",
                           G_CALLBACK (reader_selected_cb), self, G_CONNECT_SWAPPED);
  show_identity_modes (self);
  return GTK_WIDGET (self);
}
