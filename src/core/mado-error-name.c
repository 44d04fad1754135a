/* mado-error-name.c — the stable name of any of Madoguchi's errors
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "mado-error-name.h"
#include "mado-site-config.h"
#include "card/mado-card-error.h"
#include "flow/mado-reception-error.h"
#include "hub/mado-hub-error.h"
#include "store/mado-store-error.h"

/**
 * mado_error_name:
 * @error: (nullable): an error from any layer
 *
 * The kebab-case name of the error's code: what logs, JSON output and the
 * audit log carry instead of messages (which are translated, and may name
 * files). Stable: docs/cli.md lists them.
 *
 * Returns: the name; "none" for %NULL, "failed" for an error of no named kind
 */
const char *
mado_error_name (const GError *error)
{
  if (error == NULL)
    return "none";
  if (error->domain == MADO_CARD_ERROR)
    return mado_card_error_to_string ((MadoCardError) error->code);
  if (error->domain == MADO_HUB_ERROR)
    return mado_hub_error_to_string ((MadoHubError) error->code);
  if (error->domain == MADO_STORE_ERROR)
    return mado_store_error_to_string ((MadoStoreError) error->code);
  if (error->domain == MADO_RECEPTION_ERROR)
    return mado_reception_error_to_string ((MadoReceptionError) error->code);
  if (error->domain == MADO_SITE_CONFIG_ERROR)
    return "site-config";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  return "failed";
}
