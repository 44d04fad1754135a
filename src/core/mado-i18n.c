/* mado-i18n.c — one place that sets up translations for every program
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mado-i18n.h"

static void
bind_catalogue (void)
{
  const char *localedir = g_getenv ("MADOGUCHI_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

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
  setlocale (LC_ALL, "");
  bind_catalogue ();
}

/**
 * mado_i18n_init_messages:
 *
 * As mado_i18n_init(), but takes from the environment only the character
 * set (LC_CTYPE) and the language of messages (LC_MESSAGES); every other
 * category stays "C". For a program that formats no date, number or
 * sorted list by the locale: loading the other eleven categories' files
 * is most of setlocale()'s cost, and a C LC_NUMERIC keeps the decimal
 * point of any number it prints a point.
 */
void
mado_i18n_init_messages (void)
{
  setlocale (LC_CTYPE, "");
  setlocale (LC_MESSAGES, "");
  bind_catalogue ();
}
