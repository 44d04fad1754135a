/* mado-resident-format.c — amounts and verdict styles of the resident screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-resident-format.h"

const char *
mado_validity_style_class (MadoValidity validity)
{
  switch (validity)
    {
    case MADO_VALIDITY_VALID:
      return "success";
    case MADO_VALIDITY_EXPIRING_SOON:
    case MADO_VALIDITY_NOT_YET_VALID:
      return "warning";
    case MADO_VALIDITY_EXPIRED:
    default:
      return "error";
    }
}

const char *
mado_validity_icon_name (MadoValidity validity)
{
  switch (validity)
    {
    case MADO_VALIDITY_VALID:
      return "emblem-ok-symbolic";
    case MADO_VALIDITY_EXPIRING_SOON:
    case MADO_VALIDITY_NOT_YET_VALID:
      return "dialog-warning-symbolic";
    case MADO_VALIDITY_EXPIRED:
    default:
      return "dialog-error-symbolic";
    }
}

/* A certificate that names no institution needs no colour: nothing to check. */
const char *
mado_designation_style_class (MadoDesignation designation)
{
  switch (designation)
    {
    case MADO_DESIGNATION_UNKNOWN:
      return "warning";
    case MADO_DESIGNATION_DESIGNATED:
      return "success";
    case MADO_DESIGNATION_NOT_DESIGNATED:
      return "error";
    case MADO_DESIGNATION_ANY:
    default:
      return NULL;
    }
}

/**
 * mado_format_checkup_kind:
 * @kind: (nullable): an infant check-up's `kind` code from the bundle
 *
 * Returns: (transfer full) (nullable): the check-up's name in the desk's
 *   language (1か月児健診…); a kind this desk does not know, as sent
 */
char *
mado_format_checkup_kind (const char *kind)
{
  static const struct {
    const char *code;
    const char *words;
  } kinds[] = {
    { "1month",      N_("1-month check-up") },
    { "3-4months",   N_("3–4-month check-up") },
    { "6-7months",   N_("6–7-month check-up") },
    { "9-10months",  N_("9–10-month check-up") },
    { "1year6months", N_("18-month check-up") },
    { "3years",      N_("3-year check-up") },
  };

  if (kind == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].code))
      return g_strdup (_(kinds[i].words));
  return g_strdup (kind);
}

/**
 * mado_format_conditions:
 * @codes: a subsidy's `additionalConditions`: "item-condition" codes
 *   joined by ";" (docs/hub-api.md)
 *
 * Returns: (transfer full): one line per condition in words; a part that
 *   is no "item-condition" pair, as sent
 */
char *
mado_format_conditions (const char *codes)
{
  g_auto(GStrv) parts = g_strsplit (codes, ";", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (parts[i]), "-", 2);

      if (pair[0] == NULL || *pair[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (pair[1] != NULL && *pair[1] != '\0')
        /* TRANSLATORS: one extra condition of a subsidy certificate: the
         * item's number and the condition's, as the paper certificate lists them */
        g_string_append_printf (text, _("Item %s: condition %s"), pair[0], pair[1]);
      else
        g_string_append (text, pair[0]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
