/* mado-test-util.h — temporary folders, fixtures, PINs, script checks, waits and timings for tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "madoguchi-core.h"
#include "mado-scripted-transport.h"

G_BEGIN_DECLS

typedef gboolean (*MadoTestDoneFunc) (gpointer data);

char     *mado_test_make_dir          (const char            *name_template);
void      mado_test_remove_dir        (const char            *dir);
void      mado_test_write_file        (const char            *dir,
                                       const char            *name,
                                       const char            *text);
char     *mado_test_read_source_file  (const char            *relative,
                                       gsize                 *length);
gboolean  mado_test_contains          (const char            *haystack,
                                       gsize                  length,
                                       const char            *needle);
MadoPin  *mado_test_pin_new           (const char            *digits);
void      mado_test_assert_script_done (MadoScriptedTransport *card);
void      mado_test_assert_script_sent (MadoScriptedTransport *card);
guint     mado_test_timeout_scale     (void);
void      mado_test_wait_until        (MadoTestDoneFunc       done,
                                       gpointer               data,
                                       guint                  seconds,
                                       const char            *what);
GDate     mado_test_date              (const char            *iso);
int       mado_test_compare_doubles   (gconstpointer          a,
                                       gconstpointer          b);
char     *mado_test_load_average      (void);
double    mado_test_process_cpu_seconds (const char          *pid);
char     *mado_test_make_desk_site    (const char            *dir,
                                       const char            *staff_id,
                                       const char            *password,
                                       MadoStore            **out_store);

G_END_DECLS
