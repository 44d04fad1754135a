/* mado-resident-format.c — amounts and verdict styles of the resident screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-resident-format.h"

/* Thousands separators by hand: the C.UTF-8 locale the desk may run in has
 * none, and an amount misread by a factor of ten is a real mistake. */
char *
mado_format_yen (gint64 yen)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             (guint64) (yen < 0 ? -yen : yen));
  g_autoptr(GString) grouped = g_string_new (yen < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, digits[i]);
    }
  /* TRANSLATORS: an amount of money; %s is the number with separators */
  return g_strdup_printf (_("%s yen"), grouped->str);
}

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
