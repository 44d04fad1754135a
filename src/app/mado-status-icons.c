/* mado-status-icons.c — the desk window's status bar: an icon for the reader's and the hub's state
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-status-icons.h"

/**
 * mado_status_icons_reader:
 *
 * Returns: the status bar's icon for the reader's state
 */
const char *
mado_status_icons_reader (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_READER_EMPTY:
    case MADO_READER_STATE_CARD_PRESENT:
      return "emblem-ok-symbolic";
    case MADO_READER_STATE_SERVICE_NOT_RUNNING:
    case MADO_READER_STATE_NO_READER:
    case MADO_READER_STATE_CARD_MUTE:
      return "dialog-warning-symbolic";
    case MADO_READER_STATE_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}

/**
 * mado_status_icons_hub:
 *
 * Returns: the status bar's icon for the hub's state
 */
const char *
mado_status_icons_hub (MadoHubState state)
{
  switch (state)
    {
    case MADO_HUB_STATE_ONLINE:
      return "network-transmit-receive-symbolic";
    case MADO_HUB_STATE_OFFLINE:
    case MADO_HUB_STATE_NOT_CONFIGURED:
      return "network-offline-symbolic";
    case MADO_HUB_STATE_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}
