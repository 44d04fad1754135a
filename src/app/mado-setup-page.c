/* mado-setup-page.c — the administrator's page: what this terminal still lacks
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff cannot sign in without a site configuration, an offline store (it
 * holds the staff accounts) and at least one account in it. The window
 * shows this page instead of a sign-in that cannot succeed: one row per
 * thing missing, each with the exact command that fixes it (the local
 * checks of `madoguchi-cli config check` when the configuration does not
 * load). The configuration is read once at start-up, so once it loads the
 * page asks for a restart rather than pretending to have applied it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-setup-page.h"

struct _MadoSetupPage
{
  AdwBin      parent_instance;

  /* template children */
  GtkListBox *problem_list;
  GtkWidget  *restart_label;

  MadoDesk   *desk;     /* weak */
  gboolean    needed;
};

G_DEFINE_FINAL_TYPE (MadoSetupPage, mado_setup_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NEEDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
add_problem (MadoSetupPage *self,
             const char    *message,
             const char    *fix)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), make_label (message, "heading"));
  if (fix != NULL)
    gtk_box_append (GTK_BOX (box), make_label (fix, "monospace"));
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  gtk_list_box_append (self->problem_list, row);
}

static void
clear_problems (MadoSetupPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, child);
}

/* The configuration did not load: the local checks say what and how. */
static void
add_configuration_problems (MadoSetupPage *self)
{
  g_autoptr(GPtrArray) checks = mado_site_check_run (NULL, MADO_SITE_CHECK_FLAGS_NO_HUB |
                                                     MADO_SITE_CHECK_FLAGS_NO_READER, NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      const MadoSiteCheck *check = g_ptr_array_index (checks, i);

      if (check->status == MADO_SITE_CHECK_FAIL)
        add_problem (self, check->message, check->fix);
    }
  gtk_widget_set_visible (self->restart_label, mado_site_check_all_passed (checks));
}

static guint
count_active_staff (MadoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = mado_store_staff_list (store, &error);
  guint active = 0;

  if (accounts == NULL)
    {
      g_warning ("setup page: staff accounts: %s", mado_error_name (error));
      return 0;
    }
  for (guint i = 0; i < accounts->len; i++)
    if (!((MadoStaffAccount *) g_ptr_array_index (accounts, i))->disabled)
      active++;
  return active;
}

static void
add_store_problems (MadoSetupPage *self)
{
  const GError *error = mado_desk_get_setup_error (self->desk);

  switch (mado_desk_get_store_state (self->desk))
    {
    case MADO_DESK_STORE_NOT_CONFIGURED:
      add_problem (self, _("The site configuration names no offline store ([cache] database and key-file): it holds the staff accounts, so nobody can sign in."),
                   "sudo madoguchi-cli setup install --cache-dir /var/lib/madoguchi --desk-group GROUP");
      break;
    case MADO_DESK_STORE_FAILED:
      add_problem (self, error != NULL ? error->message : _("The offline store cannot be opened."),
                   "sudo madoguchi-cli store check");
      break;
    case MADO_DESK_STORE_READY:
      if (count_active_staff (mado_desk_get_store (self->desk)) == 0)
        {
          /* As the user the desk runs as: the store's files stay theirs. */
          g_autofree char *fix = g_strdup_printf ("sudo -u %s madoguchi-cli user add ID --role administrator",
                                                  g_get_user_name ());

          add_problem (self, _("There is no staff account yet. Add the first administrator; add the other staff the same way."),
                       fix);
        }
      break;
    case MADO_DESK_STORE_CLOSED:
    case MADO_DESK_STORE_OPENING:
    default:
      break;
    }
}

static void
update (MadoSetupPage *self)
{
  gboolean needed;

  clear_problems (self);
  gtk_widget_set_visible (self->restart_label, FALSE);
  if (self->desk == NULL)
    return;
  if (mado_desk_get_site_config (self->desk) == NULL)
    add_configuration_problems (self);
  else
    add_store_problems (self);
  needed = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list)) != NULL;
  if (needed != self->needed)
    {
      self->needed = needed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDED]);
    }
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  update (MADO_SETUP_PAGE (widget));
}

static void
mado_setup_page_dispose (GObject *object)
{
  MadoSetupPage *self = MADO_SETUP_PAGE (object);

  g_clear_weak_pointer (&self->desk);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_SETUP_PAGE);
  G_OBJECT_CLASS (mado_setup_page_parent_class)->dispose (object);
}

static void
mado_setup_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MadoSetupPage *self = MADO_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_NEEDED:
      g_value_set_boolean (value, self->needed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_setup_page_class_init (MadoSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_setup_page_dispose;
  object_class->get_property = mado_setup_page_get_property;

  /**
   * MadoSetupPage:needed:
   *
   * Whether something keeps staff from signing in: the window shows this
   * page instead of the sign-in page while it is %TRUE.
   */
  properties[PROP_NEEDED] =
    g_param_spec_boolean ("needed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoSetupPage, problem_list);
  gtk_widget_class_bind_template_child (widget_class, MadoSetupPage, restart_label);
  gtk_widget_class_install_action (widget_class, "setup.check-again", NULL, check_again_action);
}

static void
mado_setup_page_init (MadoSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mado_setup_page_new (void)
{
  return g_object_new (MADO_TYPE_SETUP_PAGE, NULL);
}

/**
 * mado_setup_page_set_desk:
 * @desk: the desk whose configuration, store and staff accounts are checked
 *
 * Checks now, and again whenever the store's state changes.
 */
void
mado_setup_page_set_desk (MadoSetupPage *self,
                          MadoDesk      *desk)
{
  g_return_if_fail (MADO_IS_SETUP_PAGE (self));

  g_set_weak_pointer (&self->desk, desk);
  g_signal_connect_object (desk, "notify::store-state", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

gboolean
mado_setup_page_get_needed (MadoSetupPage *self)
{
  g_return_val_if_fail (MADO_IS_SETUP_PAGE (self), FALSE);

  return self->needed;
}
