/* mado-gs1.h — a vaccine package's GS1 element string: GTIN, expiry and lot
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_GS1_GTIN_LENGTH   14
#define MADO_GS1_LOT_MAX       20

/**
 * MadoGs1:
 * @gtin: (01) the GTIN-14, digits only
 * @expiry: (17) the last day the lot may be used
 * @expiry_day_zero: the scan said day 00 (the end of the month)
 * @lot: (10) the lot number (製造番号), 1–20 characters
 */
typedef struct {
  char     gtin[MADO_GS1_GTIN_LENGTH + 1];
  GDate    expiry;
  gboolean expiry_day_zero;
  char     lot[MADO_GS1_LOT_MAX + 1];
} MadoGs1;

gboolean mado_gs1_parse             (const char  *text,
                                     gssize       length,
                                     MadoGs1     *out,
                                     GError     **error);
gboolean mado_gs1_gtin_is_valid     (const char  *gtin);
gboolean mado_gs1_parse_expiry      (const char  *yymmdd,
                                     GDate       *out,
                                     gboolean    *day_zero);
gboolean mado_gs1_lot_is_valid      (const char  *lot);

G_END_DECLS
