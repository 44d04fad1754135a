/* mado-today-report.h — the end-of-day report, per vaccine and lot, as PDF or CSV
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

gboolean   mado_today_report_write_csv (GPtrArray            *rows,
                                        const char           *path,
                                        GError              **error);
gboolean   mado_today_report_write_pdf (GPtrArray            *rows,
                                        GPtrArray            *handoffs,
                                        const MadoSiteConfig *config,
                                        const char           *path,
                                        GError              **error);

G_END_DECLS
