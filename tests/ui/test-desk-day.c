/* test-desk-day.c — one desk's day on the resident screen: visits one after another
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a keyboard-only day at the desk meets from one visit to the next:
 * each visit starts at the top of the screen, the clipboard forgets the
 * last resident, and the pages fit the small screens desks have. The
 * resident screen is built as the desk window builds it (the view over
 * an action bar with Done) in a window of the real application.
 */
#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-consent-page.h"
#include "mado-pin-page.h"
#include "mado-resident-view.h"
#include "mado-window.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define INSTITUTION_CODE "1312345678"

typedef struct {
  GtkWidget *window;
  GtkWidget *stack;
  GtkWidget *view;
  GtkWidget *done;
} Desk;

static void
desk_init (Desk      *desk,
           GtkWindow *app_window,
           int        width,
           int        height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_action_bar_new ();

  desk->window = gtk_window_new ();
  desk->view = mado_resident_view_new ();
  desk->done = gtk_button_new_with_mnemonic ("_Done (Esc)");
  gtk_widget_set_vexpand (desk->view, TRUE);
  gtk_box_append (GTK_BOX (box), desk->view);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), desk->done);
  gtk_box_append (GTK_BOX (box), bar);
  desk->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (desk->stack), adw_status_page_new (), "idle");
  gtk_stack_add_named (GTK_STACK (desk->stack), box, "resident");
  gtk_window_set_application (GTK_WINDOW (desk->window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (desk->window), width, height);
  gtk_window_set_child (GTK_WINDOW (desk->window), desk->stack);
  gtk_window_present (GTK_WINDOW (desk->window));
}

/* One visit's resident on screen, as the window shows it: the view, then
 * the focus on Done. */
static void
desk_show (Desk       *desk,
           const char *file)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle (file, MADO_HUB_CONSENT_ALL);
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  MadoReceptionFreshness freshness = { 0 };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  freshness.checked_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness.confirmed_at = g_date_time_ref (freshness.checked_at);
  freshness.identity = MADO_IDENTITY_CHECK_PIN;
  mado_resident_view_show (MADO_RESIDENT_VIEW (desk->view), bundle, &freshness,
                           INSTITUTION_CODE, &today);
  g_date_time_unref (freshness.checked_at);
  g_date_time_unref (freshness.confirmed_at);
  gtk_stack_set_visible_child_name (GTK_STACK (desk->stack), "resident");
  gtk_widget_grab_focus (desk->done);
  visit_env_wait_resident (desk->view);
  mado_ui_test_wait_for_frames (desk->window, 3);
}

static GtkAdjustment *
desk_vadjustment (Desk *desk)
{
  GtkWidget *name = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk->view), "resident-name");
  GtkWidget *scroller = gtk_widget_get_ancestor (name, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static gboolean
inside (GtkWidget *widget,
        GtkWidget *area)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  return bounds.origin.y >= 0 && bounds.origin.x >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (area) &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (area);
}

/* Whether all of @widget can be seen: inside the window, and inside every
 * scrolled window around it (which would otherwise hide it below the fold). */
static gboolean
fully_on_screen (GtkWidget *widget,
                 GtkWidget *window)
{
  for (GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
       scroller != NULL;
       scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW))
    if (!inside (widget, scroller))
      return FALSE;
  return inside (widget, window);
}

/* Done: the screen empties and the desk waits for the next card. */
static void
desk_end (Desk *desk)
{
  mado_resident_view_clear (MADO_RESIDENT_VIEW (desk->view));
  gtk_stack_set_visible_child_name (GTK_STACK (desk->stack), "idle");
  mado_ui_test_wait_for_frames (desk->window, 3);
}

/* Tab into the screen and Page Down in one visit; the next visit still
 * opens at the top, the name and the print button in full view. */
static void
check_each_visit_starts_at_top (GtkWindow *app_window,
                                gpointer   user_data)
{
  const int *size = user_data;
  Desk desk;
  gboolean scrolled = FALSE;

  desk_init (&desk, app_window, size[0], size[1]);
  desk_show (&desk, "resident-infant.json");
  for (guint i = 0; i < 6; i++)
    g_assert_true (gtk_widget_child_focus (desk.window, GTK_DIR_TAB_FORWARD));
  g_signal_emit_by_name (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (desk.window)),
                                                  GTK_TYPE_SCROLLED_WINDOW),
                         "scroll-child", GTK_SCROLL_PAGE_DOWN, FALSE, &scrolled);
  mado_ui_test_wait_for_frames (desk.window, 60);
  g_assert_cmpfloat (gtk_adjustment_get_value (desk_vadjustment (&desk)), >, 0.0);

  desk_end (&desk);
  desk_show (&desk, "resident-mother.json");
  desk_end (&desk);
  desk_show (&desk, "resident-infant.json");
  g_assert_cmpfloat (gtk_adjustment_get_value (desk_vadjustment (&desk)), ==, 0.0);
  g_assert_true (fully_on_screen (mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view),
                                                                 "resident-name"), desk.window));
  g_assert_true (fully_on_screen (mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view),
                                                                 "resident-print"), desk.window));
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

static gboolean
clipboard_holds (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  return gdk_content_formats_get_gtypes (gdk_clipboard_get_formats (clipboard), NULL) != NULL;
}

static void
wait_seconds (GtkWidget *widget,
              guint      seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    mado_ui_test_wait_for_frames (widget, 1);
}

/* A copied payer number leaves the clipboard with the visit; the button
 * says "Copied", then offers to copy again. What staff copied elsewhere
 * afterwards stays. */
static void
check_clipboard_forgets (GtkWindow *app_window,
                         gpointer   user_data)
{
  Desk desk;
  GtkWidget *copy;
  GdkClipboard *clipboard;
  const char *offer = _("Copy the payer number");

  desk_init (&desk, app_window, 1024, 600);
  desk_show (&desk, "resident-nanbyo.json");
  copy = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view), "subsidy-copy-insurer-0");
  clipboard = gtk_widget_get_clipboard (copy);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy), ==, offer);
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (clipboard_holds (copy));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy), ==, _("Copied"));
  wait_seconds (desk.window, 3);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy), ==, offer);

  desk_end (&desk);
  g_assert_false (clipboard_holds (desk.window));

  desk_show (&desk, "resident-nanbyo.json");
  copy = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view), "subsidy-copy-recipient-0");
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_set_text (clipboard, "staff note");
  desk_end (&desk);
  g_assert_true (clipboard_holds (desk.window));
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* Whether any label below @root shows @text anywhere in it. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The bundle's codes are words on screen: check-up kinds, a subsidy's
 * extra conditions, and the signed-in staff member's role. */
static void
check_no_raw_codes (GtkWindow *app_window,
                    gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (app_window));
  g_autoptr(MadoStaffSession) staff =
    mado_staff_session_new ("demo", MADO_STAFF_ROLE_RECEPTION, 3600, g_get_real_time ());
  g_autofree char *item = NULL;
  g_autofree char *signed_in = NULL;
  g_autofree char *menu_label = NULL;
  GMenuModel *menu;
  Desk desk;

  desk_init (&desk, app_window, 1280, 800);
  desk_show (&desk, "resident-infant.json");
  g_assert_false (shows_text (desk.view, "1month"));
  g_assert_false (shows_text (desk.view, "3-4months"));
  g_assert_nonnull (mado_ui_test_find_label (desk.view, _("1-month check-up")));
  g_assert_nonnull (mado_ui_test_find_label (desk.view, _("3–4-month check-up")));
  desk_end (&desk);

  desk_show (&desk, "resident-nanbyo.json");
  g_assert_false (shows_text (desk.view, "01-1;02-0"));
  item = g_strdup_printf (_("Item %s: condition %s"), "01", "1");
  g_assert_true (shows_text (desk.view, item));
  gtk_window_destroy (GTK_WINDOW (desk.window));

  mado_application_set_staff_session (app, staff);
  menu = mado_application_get_operator_menu (app);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &menu_label));
  signed_in = g_strdup_printf (_("Signed in: %s (%s)"), "demo", _("reception"));
  g_assert_cmpstr (menu_label, ==, signed_in);
  g_assert_null (strstr (menu_label, "(reception)"));
}

/* The desk window at a small screen's size, signed in, on one page. */
static GtkWidget *
desk_window_page (GtkWindow  *window,
                  int         width,
                  int         height,
                  const char *name)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  g_autoptr(MadoStaffSession) staff =
    mado_staff_session_new ("staff-007", MADO_STAFF_ROLE_RECEPTION, 3600, g_get_real_time ());
  GtkWidget *page = mado_window_get_page (MADO_WINDOW (window), name);

  mado_application_set_staff_session (app, staff);
  /* Without a window manager a mapped window keeps its size: map it anew. */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (page)), page);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  /* The screen's size; the window's own (without its frame) is inside it. */
  g_assert_cmpint (gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))), ==, height);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, height);
  return page;
}

/* At 1024×600 the consent page's main button is in view without scrolling. */
static void
check_consent_fits (GtkWindow *window,
                    gpointer   user_data)
{
  GtkWidget *page = desk_window_page (window, 1024, 600, "consent");
  g_autofree char *png = NULL;

  mado_consent_page_reset (MADO_CONSENT_PAGE (page));
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  png = mado_ui_test_save_png (GTK_WIDGET (window), "desk-consent-1024x600.png");
  g_assert_true (fully_on_screen (mado_ui_test_find_named (page, "consent-continue"), GTK_WIDGET (window)));
}

/* At 1100×720 the one-try page shows its face-check button whole. */
static void
check_last_try_fits (GtkWindow *window,
                     gpointer   user_data)
{
  GtkWidget *page = desk_window_page (window, 1100, 720, "pin");
  g_autofree char *png = NULL;

  mado_pin_page_prepare (MADO_PIN_PAGE (page), 1, TRUE, NULL);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  png = mado_ui_test_save_png (GTK_WIDGET (window), "desk-last-try-1100x720.png");
  g_assert_true (fully_on_screen (mado_ui_test_find_named (page, "pin-visual-instead"), GTK_WIDGET (window)));
  g_assert_true (fully_on_screen (mado_ui_test_find_named (page, "pin-acknowledge"), GTK_WIDGET (window)));
}

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  guint n = GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

/* The family Pango chose for the first run of @label's text. */
static char *
first_family (GtkWidget *widget)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (gtk_label_get_layout (GTK_LABEL (widget)), 0);
  PangoGlyphItem *run = line->runs->data;
  g_autoptr(PangoFontDescription) font = pango_font_describe (run->item->analysis.font);

  return g_strdup (pango_font_description_get_family (font));
}

/* The due table says what is due today and what was missed; the history's
 * heading is not the section's twice; bold digits are in the screen's face. */
static void
check_due_and_faces (GtkWindow *app_window,
                     gpointer   user_data)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-infant.json",
                                                                   MADO_HUB_CONSENT_ALL);
  MadoImmunizationDue *second = g_ptr_array_index (bundle->immunizations_due, 1);
  g_autofree char *number_family = NULL;
  g_autofree char *text_family = NULL;
  GtkWidget *state;
  GDate today;
  Desk desk;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  /* The second dose was due by the end of October; the first is due now. */
  g_date_set_dmy (&second->due_to, 31, G_DATE_OCTOBER, 2026);
  desk_init (&desk, app_window, 1280, 800);
  mado_resident_view_show (MADO_RESIDENT_VIEW (desk.view), bundle, NULL, INSTITUTION_CODE, &today);
  gtk_stack_set_visible_child_name (GTK_STACK (desk.stack), "resident");
  visit_env_wait_resident (desk.view);
  mado_ui_test_wait_for_frames (desk.window, 3);

  state = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view), "vaccination-due-state-0");
  g_assert_nonnull (mado_ui_test_find_label (state, _("Due now")));
  state = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view), "vaccination-due-state-1");
  g_assert_nonnull (mado_ui_test_find_label (state, _("Overdue")));
  g_assert_true (gtk_widget_has_css_class (state, "error"));

  g_assert_cmpuint (count_labels (desk.view, _("Vaccination history")), ==, 1);

  number_family = first_family (mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view),
                                                               "subsidy-insurer-0"));
  {
    /* The same digits as the screen's ordinary text would set them. */
    g_autoptr(PangoLayout) plain = gtk_widget_create_pango_layout (desk.view, "88138243");
    PangoGlyphItem *run = pango_layout_get_line_readonly (plain, 0)->runs->data;
    g_autoptr(PangoFontDescription) font = pango_font_describe (run->item->analysis.font);

    text_family = g_strdup (pango_font_description_get_family (font));
  }
  g_test_message ("numbers in %s, text in %s", number_family, text_family);
  g_assert_cmpstr (number_family, ==, text_family);
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* Names with JIS X 0213 level 3–4 kanji (髙, 﨑, 𠮷, 𩸽) and ideographic
 * variation sequences (葛 and 辻 with VS17): no glyph may be missing,
 * neither in the desk's fonts nor in the printed summary's face. */
static const char * const rare_names[] = {
  "髙﨑 𠮷太郎",
  "𩸽野 葛\xf3\xa0\x84\x80子",
  "辻\xf3\xa0\x84\x80 綾",
};

static int
unknown_glyphs_on_paper (const char *text)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 12");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  int unknown;

  /* The face mado-visit-summary-print.c sets, through fontconfig as printing does. */
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  unknown = pango_layout_get_unknown_glyphs_count (layout);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return unknown;
}

static void
check_rare_kanji (GtkWindow *app_window,
                  gpointer   user_data)
{
  Desk desk;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  desk_init (&desk, app_window, 1280, 800);
  for (guint i = 0; i < G_N_ELEMENTS (rare_names); i++)
    {
      g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-nanbyo.json",
                                                                       MADO_HUB_CONSENT_ALL);
      GtkWidget *name;
      GtkWidget *kana;

      g_free (bundle->basic_info.name);
      bundle->basic_info.name = g_strdup (rare_names[i]);
      mado_resident_view_clear (MADO_RESIDENT_VIEW (desk.view));
      mado_resident_view_show (MADO_RESIDENT_VIEW (desk.view), bundle, NULL, INSTITUTION_CODE,
                               &today);
      gtk_stack_set_visible_child_name (GTK_STACK (desk.stack), "resident");
      visit_env_wait_resident (desk.view);
      mado_ui_test_wait_for_frames (desk.window, 2);
      name = mado_resident_view_find_named (MADO_RESIDENT_VIEW (desk.view), "resident-name");
      g_test_message ("%s", rare_names[i]);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, rare_names[i]);
      g_assert_cmpint (pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (GTK_LABEL (name))),
                       ==, 0);
      g_assert_cmpint (unknown_glyphs_on_paper (rare_names[i]), ==, 0);
      /* The kana right under the name, for whoever cannot read the kanji. */
      kana = GTK_WIDGET (mado_ui_test_find_label (desk.view, bundle->basic_info.name_kana));
      g_assert_nonnull (kana);
      g_assert_true (gtk_widget_get_parent (kana) == gtk_widget_get_parent (name));
      g_assert_true (gtk_widget_get_next_sibling (name) == kana);
    }
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

static void
run (gconstpointer data)
{
  const MadoUiTestFunc *func = data;

  g_assert_cmpint (mado_ui_test_run_app (func[0], (gpointer) func[1]), ==, 0);
}

int
main (int argc, char **argv)
{
  static const int small[] = { 1024, 600 };
  static const int large[] = { 1280, 800 };
  static const gpointer top_small[] = { check_each_visit_starts_at_top, (gpointer) small };
  static const gpointer top_large[] = { check_each_visit_starts_at_top, (gpointer) large };
  static const gpointer clipboard[] = { check_clipboard_forgets, NULL };
  static const gpointer codes[] = { check_no_raw_codes, NULL };
  static const gpointer consent[] = { check_consent_fits, NULL };
  static const gpointer due[] = { check_due_and_faces, NULL };
  static const gpointer rare[] = { check_rare_kanji, NULL };
  static const gpointer last_try[] = { check_last_try_fits, NULL };

  g_setenv ("TZ", "JST-9", TRUE);
  mado_ui_test_init (&argc, &argv);

  g_test_add_data_func ("/ui/desk-day/top/1024x600", top_small, run);
  g_test_add_data_func ("/ui/desk-day/top/1280x800", top_large, run);
  g_test_add_data_func ("/ui/desk-day/clipboard", clipboard, run);
  g_test_add_data_func ("/ui/desk-day/no-raw-codes", codes, run);
  g_test_add_data_func ("/ui/desk-day/consent-1024x600", consent, run);
  g_test_add_data_func ("/ui/desk-day/due-and-faces", due, run);
  g_test_add_data_func ("/ui/desk-day/rare-kanji", rare, run);
  g_test_add_data_func ("/ui/desk-day/last-try-1100x720", last_try, run);

  return g_test_run ();
}
