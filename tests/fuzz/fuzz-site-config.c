/* fuzz-site-config.c — the site configuration file on arbitrary bytes
 *
 * The administrator writes it by hand, so anything can be in it: it loads
 * whole, every value within its rule, or it is refused with a
 * MADO_SITE_CONFIG_ERROR the desk can name.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

static void
check_config (const MadoSiteConfig *config)
{
  g_assert (config->institution_code != NULL && strlen (config->institution_code) == 10);
  for (int i = 0; i < 10; i++)
    g_assert (g_ascii_isdigit (config->institution_code[i]));
  g_assert (config->terminal_id != NULL);
  g_assert (strlen (config->terminal_id) >= 1 && strlen (config->terminal_id) <= 64);
  for (const char *c = config->terminal_id; *c != '\0'; c++)
    g_assert (g_ascii_isalnum (*c) || strchr ("._-", *c) != NULL);
  g_assert (config->identity_modes != MADO_IDENTITY_MODE_NONE);
  g_assert ((config->identity_modes & ~(MADO_IDENTITY_MODE_PIN | MADO_IDENTITY_MODE_VISUAL)) == 0);
  if (config->has_hub)
    {
      g_assert (config->hub_url != NULL && g_str_has_prefix (config->hub_url, "https://"));
      g_assert (!g_str_has_suffix (config->hub_url, "/"));
      g_assert (config->connect_timeout_seconds <= MADO_SITE_CONFIG_MAX_CONNECT_TIMEOUT);
      g_assert (config->total_timeout_seconds <= MADO_SITE_CONFIG_MAX_TOTAL_TIMEOUT);
    }
  g_assert ((config->cache_database == NULL) == (config->cache_key_file == NULL) ||
            config->cache_database == NULL || config->cache_key_file == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  config = mado_site_config_load_data (text, "/nonexistent/madoguchi/site.conf", &error);
  if (config == NULL)
    {
      g_assert (error != NULL && error->domain == MADO_SITE_CONFIG_ERROR);
      g_assert (mado_error_name (error) != NULL);
      return 0;
    }
  g_assert (error == NULL);
  check_config (config);
  return 0;
}
