/* ui-test-util.h — helpers for tests that drive the real window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"
#include "mado-sign-in-page.h"

G_BEGIN_DECLS

typedef void (*MadoUiTestFunc) (GtkWindow *window, gpointer user_data);

void       mado_ui_test_init              (int *argc, char ***argv);
int        mado_ui_test_run_app           (MadoUiTestFunc func, gpointer user_data);
void       mado_ui_test_wait_for_frames   (GtkWidget *widget, guint n_frames);
char      *mado_ui_test_save_png          (GtkWidget *widget, const char *name);
GtkLabel  *mado_ui_test_find_label        (GtkWidget *root, const char *text);
GtkWidget *mado_ui_test_find_named        (GtkWidget *root, const char *name);
GtkWindow *mado_ui_test_wait_for_toplevel (GType type);
GtkWidget *mado_ui_test_find_widget       (GtkWidget *root, GType type);
void       mado_ui_test_wait_for_page     (GtkWindow *window, const char *page);
MadoSignInPage *mado_ui_test_sign_in      (GtkWindow *window, const char *staff_id, const char *password);

void       mado_ui_test_run_visit         (gconstpointer data);
int        mado_ui_test_visit_setup       (int argc, char **argv);

MadoResidentBundle *mado_ui_test_load_bundle (const char *file, MadoHubConsent consent);
void       mado_ui_test_day               (GDate *today);

G_END_DECLS
