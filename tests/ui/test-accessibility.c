/* test-accessibility.c — every interactive widget of the desk has an accessible name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Walks the widget tree of each screen as it is shown and fails on any
 * interactive widget that a screen reader would announce without a name.
 * GTK 4.8 has no getter for accessible attributes, so the names are read
 * through the public test API (gtk_test_accessible_*), which asks the
 * widget's real AT context. A LABELLED_BY relation only counts when the
 * widgets it points at carry text: GTK labels an icon-only button by its
 * (nameless) image, and an untitled row by its empty title label.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-consent-page.h"
#include "mado-diagnostics-window.h"
#include "mado-patient-window.h"
#include "mado-pin-page.h"
#include "mado-preferences-window.h"
#include "mado-resident-view.h"
#include "mado-visual-check-page.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

/* No real label is this string, so checking a property against it makes
 * GTK hand back the actual value. */
#define PROBE "\x01mado-a11y-probe\x01"

typedef struct {
  GHashTable *by_address;   /* "%p" of every widget in the window → widget */
  GPtrArray  *offenders;    /* (element-type utf8) one line per nameless widget */
  GPtrArray  *content_only; /* named only by a child label's text */
  guint       checked;      /* interactive widgets seen */
} Walk;

static void
index_widgets (GHashTable *by_address,
               GtkWidget  *widget)
{
  g_hash_table_insert (by_address, g_strdup_printf ("%p", (gpointer) widget), widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    index_widgets (by_address, child);
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The LABEL property's value, if set and not blank. */
static char *
label_property (GtkWidget *widget)
{
  g_autofree char *value = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, PROBE);
  return has_text (value) ? g_steal_pointer (&value) : NULL;
}

/* What a labelling widget contributes: its own label, or its text. */
static char *
text_of (GtkWidget *widget)
{
  char *text = label_property (widget);

  if (text != NULL)
    return text;
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      return has_text (label) ? g_strdup (label) : NULL;
    }
  if (GTK_IS_IMAGE (widget) || GTK_IS_PICTURE (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child) && (text = text_of (child)) != NULL)
        return text;
    }
  return NULL;
}

/* The text of the widgets a LABELLED_BY relation points at. GTK prints a
 * reference list as "Type<0x…> Type<0x…>"; the addresses are only compared
 * with those of widgets in the window, never followed. */
static char *
labelled_by_text (Walk      *walk,
                  GtkWidget *widget)
{
  g_autofree char *value = NULL;
  const char *p;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return NULL;
  value = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  for (p = value != NULL ? strchr (value, '<') : NULL; p != NULL; p = strchr (p + 1, '<'))
    {
      const char *end = strchr (p, '>');
      g_autofree char *address = NULL;
      GtkWidget *target;
      char *text;

      if (end == NULL)
        break;
      address = g_strndup (p + 1, end - p - 1);
      target = g_hash_table_lookup (walk->by_address, address);
      if (target != NULL && (text = text_of (target)) != NULL)
        return text;
    }
  return NULL;
}

/* The name an assistive technology reads: the LABEL property, the text of
 * the LABELLED_BY widgets (mnemonic labels set that relation), or for Adw
 * rows their title. */
static char *
accessible_name (Walk      *walk,
                 GtkWidget *widget)
{
  char *name;

  if ((name = label_property (widget)) != NULL ||
      (name = labelled_by_text (walk, widget)) != NULL)
    return name;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))))
    return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return NULL;
}

/* A button whose child (a box of icon + label, say) shows text: sighted
 * users see a name, and it counts here, but GTK 4.8 does not pass it
 * to the screen reader — reported as a warning, not a failure. */
static char *
content_name (GtkWidget *widget)
{
  if (!GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget) && !ADW_IS_SPLIT_BUTTON (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *text;

      if (gtk_widget_get_visible (child) && (text = text_of (child)) != NULL)
        return text;
    }
  return NULL;
}

/* A name a screen reader would read wrongly: with a mnemonic underscore
 * ("_Done"), or the same text twice ("Payer number Payer number", the
 * label property repeating what the widget's label says). */
static const char *
name_fault (const char *name)
{
  g_autofree char *plain = g_strstrip (g_strdup (name));
  gsize n = strlen (plain);

  for (const char *p = strchr (plain, '_'); p != NULL; p = strchr (p + 1, '_'))
    if (p[1] != '\0' && !g_ascii_isspace (p[1]) && p[1] != '_')
      return "a mnemonic underscore";
  for (gsize half = 1; half * 2 <= n; half++)
    {
      const char *rest = plain + half;

      while (*rest == ' ')
        rest++;
      if (strlen (rest) == half && strncmp (plain, rest, half) == 0)
        return "the same text twice";
    }
  return NULL;
}

static gboolean
is_entry_wrapper (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget);
}

/* Widgets that only arrange others: focusable or not, they take no input
 * of their own. */
static gboolean
is_plain_container (GtkWidget *widget)
{
  const GType types[] = {
    GTK_TYPE_BOX, GTK_TYPE_GRID, GTK_TYPE_CENTER_BOX, GTK_TYPE_STACK, GTK_TYPE_OVERLAY,
    GTK_TYPE_SCROLLED_WINDOW, GTK_TYPE_VIEWPORT, GTK_TYPE_LIST_BOX, GTK_TYPE_FLOW_BOX,
    GTK_TYPE_LIST_VIEW, GTK_TYPE_GRID_VIEW, GTK_TYPE_COLUMN_VIEW, GTK_TYPE_PANED,
    GTK_TYPE_REVEALER, GTK_TYPE_FRAME, GTK_TYPE_WINDOW, GTK_TYPE_POPOVER, GTK_TYPE_HEADER_BAR,
    GTK_TYPE_WINDOW_HANDLE, GTK_TYPE_ACTION_BAR, GTK_TYPE_LABEL, GTK_TYPE_IMAGE,
    ADW_TYPE_BIN, ADW_TYPE_CLAMP, ADW_TYPE_LEAFLET, ADW_TYPE_FLAP, ADW_TYPE_HEADER_BAR,
    ADW_TYPE_TOAST_OVERLAY, ADW_TYPE_VIEW_STACK, ADW_TYPE_PREFERENCES_PAGE,
    ADW_TYPE_PREFERENCES_GROUP, ADW_TYPE_CAROUSEL,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (widget, types[i]))
      return TRUE;
  return FALSE;
}

/* GTK 4 keeps the focus out of a whole subtree whose root cannot focus
 * (AdwComboRow's display of the current item, for one). */
static gboolean
takes_focus (GtkWidget *widget)
{
  if (!gtk_widget_get_focusable (widget))
    return FALSE;
  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    if (!gtk_widget_get_can_focus (up))
      return FALSE;
  return TRUE;
}

static gboolean
is_interactive (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* A menu button's inner toggle button is checked with the menu button;
   * a spin button's +/− buttons take no keyboard focus (the arrow keys do
   * their work) and are GTK's own. */
  if (GTK_IS_BUTTON (widget) && parent != NULL &&
      (GTK_IS_MENU_BUTTON (parent) || GTK_IS_SPIN_BUTTON (parent)))
    return FALSE;
  /* The text of an entry is checked as the entry: the wrapper carries the
   * name, and a nameless wrapper is already reported once. */
  if (GTK_IS_TEXT (widget))
    {
      for (GtkWidget *up = parent; up != NULL; up = gtk_widget_get_parent (up))
        if (is_entry_wrapper (up))
          return FALSE;
      return TRUE;
    }
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget) ||
      GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) ||
      GTK_IS_COMBO_BOX (widget) || GTK_IS_SCALE (widget) || is_entry_wrapper (widget) ||
      ADW_IS_COMBO_ROW (widget) || ADW_IS_EXPANDER_ROW (widget))
    return TRUE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) || takes_focus (widget);
  if (GTK_IS_FLOW_BOX_CHILD (widget))
    return takes_focus (widget);
  return takes_focus (widget) && gtk_widget_is_sensitive (widget) &&
         !is_plain_container (widget);
}

static char *
describe (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *name = gtk_widget_get_name (widget);

  /* A template's own object has its class name as buildable ID, and
   * objects without an ID get a generated one. */
  if (id != NULL && g_strcmp0 (id, G_OBJECT_TYPE_NAME (widget)) != 0 &&
      !g_str_has_prefix (id, "___object_"))
    return g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (widget), id);
  if (g_strcmp0 (name, G_OBJECT_TYPE_NAME (widget)) != 0)
    return g_strdup_printf ("%s(%s)", G_OBJECT_TYPE_NAME (widget), name);
  return g_strdup (G_OBJECT_TYPE_NAME (widget));
}

static char *
path_of (GtkWidget *widget,
         GtkWidget *root)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
    {
      g_autofree char *step = describe (up);

      g_string_prepend (path, step);
      if (up == root)
        break;
      g_string_prepend (path, " > ");
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
visit (Walk      *walk,
       GtkWidget *root,
       GtkWidget *widget)
{
  /* What is not on screen is checked when it is shown. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_mapped (widget))
    return;

  if (is_interactive (widget))
    {
      g_autofree char *name = accessible_name (walk, widget);
      g_autofree char *content = NULL;

      walk->checked++;
      if (name == NULL && GTK_IS_MENU_BUTTON (widget))
        {
          GtkWidget *inner = gtk_widget_get_first_child (widget);

          name = inner != NULL ? accessible_name (walk, inner) : NULL;
        }
      if (name != NULL && g_test_verbose ())
        {
          g_autofree char *what = describe (widget);

          g_test_message ("  %s: “%s”", what, name);
        }
      if (name == NULL && (content = content_name (widget)) != NULL)
        {
          g_autofree char *path = path_of (widget, root);

          g_ptr_array_add (walk->content_only, g_strdup_printf ("%s (shows “%s”)", path, content));
        }
      else if (name == NULL)
        g_ptr_array_add (walk->offenders, path_of (widget, root));
      else if (name_fault (name) != NULL)
        {
          g_autofree char *path = path_of (widget, root);

          g_ptr_array_add (walk->offenders, g_strdup_printf ("%s (“%s”: %s)", path, name,
                                                             name_fault (name)));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    visit (walk, root, child);
}

/* Returns: (transfer full) (element-type utf8): one line per interactive
 * widget below @root that has no accessible name: type#id and path. */
static GPtrArray *
collect_unnamed (GtkWidget  *root,
                 GPtrArray **content_only,
                 guint      *checked)
{
  GtkWidget *top = GTK_WIDGET (gtk_widget_get_root (root));
  Walk walk = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
    0,
  };

  index_widgets (walk.by_address, top != NULL ? top : root);
  visit (&walk, root, root);
  g_hash_table_unref (walk.by_address);
  if (checked != NULL)
    *checked = walk.checked;
  if (content_only != NULL)
    *content_only = walk.content_only;
  else
    g_ptr_array_unref (walk.content_only);
  return walk.offenders;
}

/* Fails the current test, listing every nameless interactive widget. */
static void
assert_all_named (GtkWidget  *root,
                  const char *screen)
{
  g_autoptr(GPtrArray) content_only = NULL;
  guint checked = 0;
  g_autoptr(GPtrArray) offenders = collect_unnamed (root, &content_only, &checked);
  g_autoptr(GString) list = g_string_new (NULL);

  g_test_message ("%s: %u interactive widgets checked", screen, checked);
  /* Every screen has at least the main menu or a button. */
  g_assert_cmpuint (checked, >, 0);

  for (guint i = 0; i < content_only->len; i++)
    g_test_message ("%s: named only by its visible text (GTK 4.8 does not announce it): %s",
                    screen, (const char *) content_only->pdata[i]);
  for (guint i = 0; i < offenders->len; i++)
    {
      g_test_message ("%s: no accessible name: %s", screen, (const char *) offenders->pdata[i]);
      g_string_append_printf (list, "\n  %s", (const char *) offenders->pdata[i]);
    }
  if (offenders->len > 0)
    g_test_fail_printf ("%s: %u interactive widget(s) without an accessible name:%s",
                        screen, offenders->len, list->str);
}

/* ---- The screens ---------------------------------------------------- */

static void
sign_in (GtkWindow *window)
{
  g_autoptr(MadoStaffSession) staff =
    mado_staff_session_new ("staff-001", MADO_STAFF_ROLE_RECEPTION, 3600, g_get_real_time ());

  mado_application_set_staff_session (MADO_APPLICATION (gtk_window_get_application (window)), staff);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "idle");
}

static void
check_sign_in (GtkWindow *window,
               gpointer   user_data)
{
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "sign-in");
  assert_all_named (GTK_WIDGET (window), "sign-in");
}

/* Without a site configuration: the administrator's page. */
static void
check_setup (GtkWindow *window,
             gpointer   user_data)
{
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "setup");
  assert_all_named (GTK_WIDGET (window), "setup");
}

static void
check_idle (GtkWindow *window,
            gpointer   user_data)
{
  sign_in (window);
  assert_all_named (GTK_WIDGET (window), "idle");
}

static void
check_app_window (GtkWindow  *main_window,
                  const char *action,
                  GType       type)
{
  GtkApplication *app = gtk_window_get_application (main_window);
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  window = mado_ui_test_wait_for_toplevel (type);
  assert_all_named (GTK_WIDGET (window), action);
  gtk_window_destroy (window);
}

static void
check_preferences (GtkWindow *window,
                   gpointer   user_data)
{
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  check_app_window (window, "preferences", MADO_TYPE_PREFERENCES_WINDOW);
}

static void
check_diagnostics (GtkWindow *window,
                   gpointer   user_data)
{
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  check_app_window (window, "diagnostics", MADO_TYPE_DIAGNOSTICS_WINDOW);
}

/* Puts one of the desk's pages on screen the way the window does, without
 * a card: the page is a child of the desk stack. */
static GtkWidget *
show_desk_page (GtkWindow  *window,
                const char *name)
{
  GtkWidget *page = mado_window_get_page (MADO_WINDOW (window), name);

  g_assert_nonnull (page);
  g_assert_true (GTK_IS_STACK (gtk_widget_get_parent (page)));
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (page)), page);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, name);
  return page;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_visit_pages (GtkWindow *window,
                   gpointer   user_data)
{
  GtkWidget *page;

  sign_in (window);

  show_desk_page (window, "reading");
  assert_all_named (GTK_WIDGET (window), "reading");

  page = show_desk_page (window, "pin");
  mado_pin_page_prepare (MADO_PIN_PAGE (page), 3, TRUE, NULL);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  assert_all_named (GTK_WIDGET (window), "pin");
  /* The last try and a problem line bring their own widgets. */
  mado_pin_page_prepare (MADO_PIN_PAGE (page), 1, TRUE, "The PIN was wrong.");
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  assert_all_named (GTK_WIDGET (window), "pin (last try)");
  mado_pin_page_reset (MADO_PIN_PAGE (page));

  page = show_desk_page (window, "visual");
  mado_visual_check_page_prepare (MADO_VISUAL_CHECK_PAGE (page), TRUE, "staff-001");
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  assert_all_named (GTK_WIDGET (window), "visual");

  page = show_desk_page (window, "consent");
  mado_consent_page_reset (MADO_CONSENT_PAGE (page));
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  assert_all_named (GTK_WIDGET (window), "consent");

  show_desk_page (window, "working");
  assert_all_named (GTK_WIDGET (window), "working");

  show_desk_page (window, "problem");
  assert_all_named (GTK_WIDGET (window), "problem");
}

/* The patient-facing window on each of its screens, and the PIN page for a
 * PIN-pad reader waiting for staff to try again. */
static void
check_patient_window (GtkWindow *window,
                      gpointer   user_data)
{
  GSettings *settings = mado_application_get_settings (MADO_APPLICATION (gtk_window_get_application (window)));
  GtkWidget *patient;
  GtkWidget *page;

  sign_in (window);
  g_settings_set_boolean (settings, "patient-window", TRUE);
  patient = GTK_WIDGET (mado_window_get_patient_window (MADO_WINDOW (window)));
  g_assert_nonnull (patient);
  mado_ui_test_wait_for_frames (patient, 2);
  /* Its idle screen has nothing to operate; the walker needs something. */
  g_assert_cmpstr (mado_patient_window_get_visible_page (MADO_PATIENT_WINDOW (patient)), ==, "idle");

  page = show_desk_page (window, "pin");
  mado_pin_page_prepare (MADO_PIN_PAGE (page), 3, FALSE, NULL);
  mado_ui_test_wait_for_frames (patient, 2);
  /* Only the PIN display (a box, like the desk's) is there to focus. */
  g_assert_cmpstr (mado_patient_window_get_visible_page (MADO_PATIENT_WINDOW (patient)), ==, "pin");

  mado_pin_page_set_pin_pad (MADO_PIN_PAGE (page), TRUE);
  mado_pin_page_prepare (MADO_PIN_PAGE (page), 2, FALSE, "The PIN was wrong.");
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  assert_all_named (GTK_WIDGET (window), "pin (PIN pad, try again)");
  mado_pin_page_set_pin_pad (MADO_PIN_PAGE (page), FALSE);
  mado_pin_page_reset (MADO_PIN_PAGE (page));

  page = show_desk_page (window, "consent");
  mado_consent_page_reset (MADO_CONSENT_PAGE (page));
  mado_ui_test_wait_for_frames (patient, 2);
  g_assert_cmpstr (mado_patient_window_get_visible_page (MADO_PATIENT_WINDOW (patient)), ==, "consent");
  assert_all_named (patient, "patient (consent)");

  g_settings_set_boolean (settings, "patient-window", FALSE);
  g_assert_null (mado_window_get_patient_window (MADO_WINDOW (window)));
}

static void
show_resident (GtkWindow  *window,
               const char *file,
               gboolean    offline)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle (file, MADO_HUB_CONSENT_ALL);
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  MadoReceptionFreshness freshness = { 0 };
  GtkWidget *view;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  freshness.offline = offline;
  freshness.checked_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness.confirmed_at = offline ? g_date_time_new (jst, 2026, 11, 19, 10, 30, 0)
                                   : g_date_time_ref (freshness.checked_at);
  freshness.age_seconds = g_date_time_difference (freshness.checked_at, freshness.confirmed_at) /
                          G_USEC_PER_SEC;
  freshness.identity = offline ? MADO_IDENTITY_CHECK_VISUAL_LOCAL : MADO_IDENTITY_CHECK_PIN;
  freshness.operator_id = offline ? g_strdup ("suzuki") : NULL;

  view = find_widget (show_desk_page (window, "resident"), MADO_TYPE_RESIDENT_VIEW);
  g_assert_nonnull (view);
  mado_resident_view_show (MADO_RESIDENT_VIEW (view), bundle, &freshness, "1312345678", &today);
  visit_env_wait_resident (view);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);

  g_date_time_unref (freshness.checked_at);
  g_date_time_unref (freshness.confirmed_at);
  g_free (freshness.operator_id);
}

static void
check_resident (GtkWindow *window,
                gpointer   user_data)
{
  const char *files[] = { "resident-infant.json", "resident-nanbyo.json", "resident-mother.json" };

  sign_in (window);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      show_resident (window, files[i], i == 2);
      assert_all_named (GTK_WIDGET (window), files[i]);
    }
}

static void
run (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app ((MadoUiTestFunc) data, NULL), ==, 0);
}

/* The sign-in page shows only where staff can sign in: a site with a store
 * and an account in it. */
static void
run_with_site (gconstpointer data)
{
  g_autofree char *dir = mado_test_make_dir ("mado-test-a11y-XXXXXX");
  g_autofree char *conf = mado_test_make_desk_site (dir, "staff-001", "correct-horse-battery",
                                                    NULL);

  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  run (data);
  g_unsetenv ("MADOGUCHI_SITE_CONFIG");
  mado_test_remove_dir (dir);
}

/* ---- The walker itself can fail -------------------------------------- */

static GtkWidget *
add_button (GtkWidget  *box,
            const char *id,
            GtkWidget  *button)
{
  gtk_widget_set_name (button, id);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
test_walker_reports (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic ("_Staff ID");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *named_icon, *hidden, *list, *row;
  g_autoptr(GPtrArray) offenders = NULL;

  gtk_window_set_child (GTK_WINDOW (window), box);
  add_button (box, "unnamed_icon", gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  named_icon = add_button (box, "named_icon", gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (named_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
  add_button (box, "text", gtk_button_new_with_label ("Copy"));
  hidden = add_button (box, "hidden", gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  gtk_widget_set_visible (hidden, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  add_button (box, "labelled_entry", entry);
  add_button (box, "bare_spin", gtk_spin_button_new_with_range (0, 1, 0.1));
  list = gtk_list_box_new ();
  gtk_box_append (GTK_BOX (box), list);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Text size");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  row = adw_action_row_new ();
  gtk_widget_set_name (row, "untitled_row");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  gtk_window_present (GTK_WINDOW (window));
  mado_ui_test_wait_for_frames (window, 2);
  offenders = collect_unnamed (window, NULL, NULL);

  for (guint i = 0; i < offenders->len; i++)
    g_test_message ("reported: %s", (const char *) offenders->pdata[i]);
  /* The icon-only button GTK labels with its nameless image, the spin
   * button with no label at all, and the row without a title. Nothing else:
   * not the named ones, not the hidden button. */
  g_assert_cmpuint (offenders->len, ==, 3);
  g_assert_true (g_str_has_suffix (offenders->pdata[0], "GtkButton(unnamed_icon)"));
  g_assert_true (g_str_has_prefix (offenders->pdata[0], "GtkWindow > GtkBox > "));
  g_assert_true (g_str_has_suffix (offenders->pdata[1], "GtkSpinButton(bare_spin)"));
  g_assert_true (g_str_has_suffix (offenders->pdata[2], "AdwActionRow(untitled_row)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  /* The names live in the AT context; "none" has none to read. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("TZ", "JST-9", TRUE);
  mado_ui_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/a11y/walker-reports", test_walker_reports);
  g_test_add_data_func ("/ui/a11y/setup", check_setup, run);
  g_test_add_data_func ("/ui/a11y/sign-in", check_sign_in, run_with_site);
  g_test_add_data_func ("/ui/a11y/idle", check_idle, run);
  g_test_add_data_func ("/ui/a11y/preferences", check_preferences, run);
  g_test_add_data_func ("/ui/a11y/diagnostics", check_diagnostics, run);
  g_test_add_data_func ("/ui/a11y/visit-pages", check_visit_pages, run);
  g_test_add_data_func ("/ui/a11y/patient-window", check_patient_window, run);
  g_test_add_data_func ("/ui/a11y/resident", check_resident, run);

  return g_test_run ();
}
