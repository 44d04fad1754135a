/* mado-application.h — the reception application
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_APPLICATION (mado_application_get_type ())
G_DECLARE_FINAL_TYPE (MadoApplication, mado_application, MADO, APPLICATION, AdwApplication)

MadoApplication   *mado_application_new                (void);
MadoDesk          *mado_application_get_desk           (MadoApplication *self);
MadoReaderMonitor *mado_application_get_reader_monitor (MadoApplication *self);
MadoHubMonitor    *mado_application_get_hub_monitor    (MadoApplication *self);
MadoStore         *mado_application_get_store          (MadoApplication *self);
GSettings         *mado_application_get_settings       (MadoApplication *self);
MadoStaffSession  *mado_application_get_staff_session  (MadoApplication *self);
void               mado_application_set_staff_session  (MadoApplication *self,
                                                        MadoStaffSession *session);
void               mado_application_sign_in_async      (MadoApplication *self,
                                                        const char      *staff_id,
                                                        const char      *password,
                                                        GCancellable    *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer         user_data);
gboolean           mado_application_sign_in_finish     (MadoApplication *self,
                                                        GAsyncResult    *result,
                                                        GError         **error);
void               mado_application_sign_out           (MadoApplication *self);
void               mado_application_lock               (MadoApplication *self);
const char        *mado_application_get_locked_staff_id (MadoApplication *self);
void               mado_application_set_idle_lock_seconds (MadoApplication *self,
                                                        guint            seconds);
void               mado_application_watch_window       (MadoApplication *self,
                                                        GtkWindow       *window);
char              *mado_application_diagnostics_report (MadoApplication *self);
GMenuModel        *mado_application_get_operator_menu  (MadoApplication *self);

G_END_DECLS
