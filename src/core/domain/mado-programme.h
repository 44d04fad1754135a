/* mado-programme.h — 法別番号: which subsidy programme a payer number belongs to
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MadoSourceStrength:
 * @MADO_SOURCE_CONFIRMED: an official list or several independent sources agree
 * @MADO_SOURCE_UNCONFIRMED: one secondary source; shown, but marked in JSON output
 */
typedef enum {
  MADO_SOURCE_CONFIRMED,
  MADO_SOURCE_UNCONFIRMED,
} MadoSourceStrength;

typedef struct {
  guint              houbetsu;   /* 法別番号, the first two digits */
  const char        *name;       /* untranslated; mado_programme_describe() translates it */
  MadoSourceStrength strength;
  const char        *source;     /* where the row comes from, for the curious */
} MadoProgramme;

const MadoProgramme *mado_programme_lookup         (guint houbetsu);
gboolean             mado_programme_is_municipal   (guint houbetsu);
char                *mado_programme_describe       (guint houbetsu);
char                *mado_programme_describe_payer (const char *payer_number);

G_END_DECLS
