/* mado-vaccine-products.h — the vaccine products this desk knows: GTIN, code, dose and route
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MadoVaccineRoute:
 * @MADO_ROUTE_SUBCUTANEOUS: 皮下 (`subcutaneous`)
 * @MADO_ROUTE_INTRAMUSCULAR: 筋肉内 (`intramuscular`)
 * @MADO_ROUTE_ORAL: 経口 (`oral`)
 * @MADO_ROUTE_PERCUTANEOUS: 経皮 (`percutaneous`, BCG)
 */
typedef enum {
  MADO_ROUTE_SUBCUTANEOUS,
  MADO_ROUTE_INTRAMUSCULAR,
  MADO_ROUTE_ORAL,
  MADO_ROUTE_PERCUTANEOUS,
} MadoVaccineRoute;

/**
 * MadoVaccineProduct:
 * @gtin: the package's GTIN-14
 * @code: the vaccine code sent to the hub (`vaccineCode.code`)
 * @display: the product's name as staff know it (untranslated, Japanese)
 * @kind_id: the schedule kind (mado-vaccination-rules.h)
 * @target_disease: the diseases, NULL-terminated (Japanese, as the hub names them)
 * @dose_ml: the default dose volume in mL (0 for percutaneous BCG)
 * @route: the default route
 */
typedef struct {
  const char        *gtin;
  const char        *code;
  const char        *display;
  const char        *kind_id;
  const char *const *target_disease;
  double             dose_ml;
  MadoVaccineRoute   route;
} MadoVaccineProduct;

/**
 * MadoVaccinationSite:
 * @code: stable name (`left-upper-arm`, …)
 * @label: the name written on the record (Japanese, as JAMI names the part)
 */
typedef struct {
  const char *code;
  const char *label;
} MadoVaccinationSite;

#define MADO_VACCINE_CODE_SYSTEM "https://madoguchi.invalid/training/vaccine-codes"

const MadoVaccineProduct  *mado_vaccine_products_list        (gsize            *n_products);
const MadoVaccineProduct  *mado_vaccine_products_find_gtin   (const char       *gtin);
const MadoVaccineProduct  *mado_vaccine_products_find_code   (const char       *code);
const char                *mado_vaccine_route_to_string      (MadoVaccineRoute  route);
gboolean                   mado_vaccine_route_from_string    (const char       *text,
                                                              MadoVaccineRoute *route);
const char                *mado_vaccine_route_label          (MadoVaccineRoute  route);
const MadoVaccinationSite *mado_vaccination_sites_list       (gsize            *n_sites);
const MadoVaccinationSite *mado_vaccination_sites_find       (const char       *code);

G_END_DECLS
