/* mado-i18n.c — one place that sets up translations for every program
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mado-i18n.h"

/**
 * mado_i18n_init:
 *
 * Takes the locale from the environment and binds the message catalogue.
 * MADOGUCHI_LOCALEDIR points an uninstalled build (tests, `meson devenv`)
 * at the catalogues compiled in the build tree.
 */
void
mado_i18n_init (void)
{
  const char *localedir = g_getenv ("MADOGUCHI_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
