/* mado-reader-monitor.c — what the desk's card readers are doing
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-core-enums.h"
#include "mado-reader-monitor.h"

struct _MadoReaderMonitor
{
  GObject         parent_instance;

  MadoReaderState state;
  char           *reader_name;
};

G_DEFINE_FINAL_TYPE (MadoReaderMonitor, mado_reader_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_READER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mado_reader_monitor_finalize (GObject *object)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  g_clear_pointer (&self->reader_name, g_free);

  G_OBJECT_CLASS (mado_reader_monitor_parent_class)->finalize (object);
}

static void
mado_reader_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READER_NAME:
      g_value_set_string (value, self->reader_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_reader_monitor_class_init (MadoReaderMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_reader_monitor_finalize;
  object_class->get_property = mado_reader_monitor_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MADO_TYPE_READER_STATE, MADO_READER_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_NAME] =
    g_param_spec_string ("reader-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_reader_monitor_init (MadoReaderMonitor *self)
{
  self->state = MADO_READER_STATE_UNKNOWN;
}

MadoReaderMonitor *
mado_reader_monitor_new (void)
{
  return g_object_new (MADO_TYPE_READER_MONITOR, NULL);
}

MadoReaderState
mado_reader_monitor_get_state (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), MADO_READER_STATE_UNKNOWN);

  return self->state;
}

/**
 * mado_reader_monitor_get_reader_name:
 *
 * Returns: (nullable): the reader the desk uses, when there is one
 */
const char *
mado_reader_monitor_get_reader_name (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), NULL);

  return self->reader_name;
}

const char *
mado_reader_state_to_string (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_UNKNOWN:             return "unknown";
    case MADO_READER_STATE_SERVICE_NOT_RUNNING: return "service-not-running";
    case MADO_READER_STATE_NO_READER:           return "no-reader";
    case MADO_READER_STATE_READER_EMPTY:        return "reader-empty";
    case MADO_READER_STATE_CARD_PRESENT:        return "card-present";
    case MADO_READER_STATE_CARD_MUTE:           return "card-mute";
    default:                                    g_return_val_if_reached ("unknown");
    }
}

/**
 * mado_reader_state_describe:
 *
 * Returns: the state in words for staff, translated
 */
const char *
mado_reader_state_describe (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_UNKNOWN:
      return _("Card reader: checking…");
    case MADO_READER_STATE_SERVICE_NOT_RUNNING:
      return _("The smart-card service (pcscd) is not running");
    case MADO_READER_STATE_NO_READER:
      return _("No card reader is connected");
    case MADO_READER_STATE_READER_EMPTY:
      return _("Card reader ready");
    case MADO_READER_STATE_CARD_PRESENT:
      return _("Card on the reader");
    case MADO_READER_STATE_CARD_MUTE:
      return _("The card does not answer: place it again");
    default:
      g_return_val_if_reached ("");
    }
}
