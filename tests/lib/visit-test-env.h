/* visit-test-env.h — the virtual card, the training hub and a signed-in desk for visit tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For programs run inside tests/integration/card-env.sh (a private pcscd
 * with vpcd readers) under tests/ui/run-ui-test.sh (Xvfb).
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-resident-view.h"
#include "mado-window.h"

G_BEGIN_DECLS

gboolean    visit_env_setup        (const char  *hub_binary);
void        visit_env_stop_hub     (void);
void        visit_env_teardown     (void);
gint64      visit_env_records_count (const char *member);
void        visit_env_card_insert  (const char  *card);
void        visit_env_card_remove  (void);
void        visit_env_sign_in      (GtkWindow   *window);
void        visit_env_wait_page    (MadoWindow  *window,
                                    const char  *page);
void        visit_env_wait_resident (GtkWidget  *root);
MadoResidentView *visit_env_find_resident_view (GtkWidget *root);
void        visit_env_wait         (gboolean   (*done) (gpointer data),
                                    gpointer     data,
                                    const char  *what);
GtkWidget  *visit_env_find_named   (GtkWidget   *root,
                                    const char  *name);
void        visit_env_type         (GtkWidget   *page,
                                    const guint *keyvals,
                                    gsize        n_keyvals);

G_END_DECLS
