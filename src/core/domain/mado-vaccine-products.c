/* mado-vaccine-products.c — the vaccine products this desk knows: GTIN, code, dose and route
 *
 * A local table, and deliberately a small one. GTIN → HOT/YJ code needs the
 * MEDIS master, whose redistribution terms are unknown, so Madoguchi ships
 * only training entries: their GTINs use the GS1 Japan sample prefix
 * 4912345 and name no real package, and their codes are the training
 * hub's (docs/recording.md). A site that records real vaccinations replaces
 * this table with its own products.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-vaccine-products.h"

static const char *const hepb[] = { "B型肝炎", NULL };
static const char *const rota[] = { "ロタウイルス感染症", NULL };
static const char *const pcv[] = { "肺炎球菌感染症", NULL };
static const char *const five[] = { "ジフテリア", "百日せき", "破傷風", "急性灰白髄炎", "Hib感染症", NULL };
static const char *const bcg[] = { "結核", NULL };
static const char *const mr[] = { "麻しん", "風しん", NULL };
static const char *const varicella[] = { "水痘", NULL };
static const char *const je[] = { "日本脳炎", NULL };
static const char *const flu[] = { "インフルエンザ", NULL };

/* Training entries only (see above). Volumes and routes are the package
 * inserts' usual ones for the age the training residents have. */
static const MadoVaccineProduct products[] = {
  { "04912345000019", "HEPB-PED",    "B型肝炎ワクチン（小児用）",       "hepb",        hepb,      0.25, MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000026", "ROTA-2",      "ロタウイルスワクチン（1価）",     "rotavirus",   rota,      1.5,  MADO_ROUTE_ORAL },
  { "04912345000033", "PCV-PED",     "小児用肺炎球菌ワクチン",           "pcv",         pcv,       0.5,  MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000040", "DPT-IPV-HIB", "5種混合ワクチン（DPT-IPV-Hib）",  "dpt-ipv-hib", five,      0.5,  MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000057", "BCG",         "BCGワクチン（経皮用）",            "bcg",         bcg,       0,    MADO_ROUTE_PERCUTANEOUS },
  { "04912345000064", "MR",          "麻しん風しん混合ワクチン（MR）",   "mr",          mr,        0.5,  MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000071", "VAR",         "乾燥弱毒生水痘ワクチン",           "varicella",   varicella, 0.5,  MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000088", "JE",          "日本脳炎ワクチン",                 "je",          je,        0.5,  MADO_ROUTE_SUBCUTANEOUS },
  { "04912345000095", "FLU",         "インフルエンザHAワクチン",         "influenza",   flu,       0.5,  MADO_ROUTE_SUBCUTANEOUS },
};

static const char *const route_names[] = {
  "subcutaneous", "intramuscular", "oral", "percutaneous",
};

static const char *const route_labels[] = {
  N_("Subcutaneous (皮下)"), N_("Intramuscular (筋肉内)"), N_("Oral (経口)"),
  N_("Percutaneous (経皮)"),
};

/* The parts a vaccine is given in, with the names records use. */
static const MadoVaccinationSite sites[] = {
  { "left-upper-arm",  "左上腕" },
  { "right-upper-arm", "右上腕" },
  { "left-thigh",      "左大腿" },
  { "right-thigh",     "右大腿" },
  { "oral",            "経口" },
};

/**
 * mado_vaccine_products_list:
 * @n_products: (out): how many
 *
 * Returns: (transfer none) (array length=n_products): every product, for a picker
 */
const MadoVaccineProduct *
mado_vaccine_products_list (gsize *n_products)
{
  *n_products = G_N_ELEMENTS (products);
  return products;
}

/**
 * mado_vaccine_products_find_gtin:
 * @gtin: (nullable): a GTIN-14
 *
 * Returns: (transfer none) (nullable): the product, or %NULL when the table
 *   does not have it
 */
const MadoVaccineProduct *
mado_vaccine_products_find_gtin (const char *gtin)
{
  for (gsize i = 0; gtin != NULL && i < G_N_ELEMENTS (products); i++)
    if (strcmp (products[i].gtin, gtin) == 0)
      return &products[i];
  return NULL;
}

/**
 * mado_vaccine_products_find_code:
 * @code: (nullable): a vaccine code, as the hub and the records write it
 *
 * Returns: (transfer none) (nullable): the product, or %NULL
 */
const MadoVaccineProduct *
mado_vaccine_products_find_code (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (products); i++)
    if (g_ascii_strcasecmp (products[i].code, code) == 0)
      return &products[i];
  return NULL;
}

/**
 * mado_vaccine_route_to_string:
 *
 * Returns: (transfer none): the stable name (`subcutaneous`, `intramuscular`,
 *   `oral`, `percutaneous`)
 */
const char *
mado_vaccine_route_to_string (MadoVaccineRoute route)
{
  g_return_val_if_fail ((guint) route < G_N_ELEMENTS (route_names), "subcutaneous");
  return route_names[route];
}

gboolean
mado_vaccine_route_from_string (const char       *text,
                                MadoVaccineRoute *route)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (route_names); i++)
    if (strcmp (text, route_names[i]) == 0)
      {
        *route = (MadoVaccineRoute) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mado_vaccine_route_label:
 *
 * Returns: (transfer none): the route for staff, translated
 */
const char *
mado_vaccine_route_label (MadoVaccineRoute route)
{
  g_return_val_if_fail ((guint) route < G_N_ELEMENTS (route_labels), "");
  return g_dgettext (GETTEXT_PACKAGE, route_labels[route]);
}

/**
 * mado_vaccination_sites_list:
 * @n_sites: (out): how many
 *
 * Returns: (transfer none) (array length=n_sites): the pick list of sites
 */
const MadoVaccinationSite *
mado_vaccination_sites_list (gsize *n_sites)
{
  *n_sites = G_N_ELEMENTS (sites);
  return sites;
}

/**
 * mado_vaccination_sites_find:
 * @code: (nullable): a site's stable name
 *
 * Returns: (transfer none) (nullable): the site
 */
const MadoVaccinationSite *
mado_vaccination_sites_find (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (sites); i++)
    if (strcmp (sites[i].code, code) == 0)
      return &sites[i];
  return NULL;
}
