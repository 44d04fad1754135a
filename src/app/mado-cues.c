/* mado-cues.c — short sound cues at the points of a visit the desk listens for
 *
 * The cues are the display's bell: one ring when the card is read and when
 * the visit is confirmed, two rings for a wrong PIN — the one event staff
 * must not miss while looking at the resident. GTK's media support would
 * need a GStreamer backend the desk does not install, and a bell works on
 * every X server and compositor, including over remote desktops.
 *
 * The `sound-cues` setting turns them off; the cue is still counted (tests
 * and the patient-facing window follow the visit's events, not the sound).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "mado-application.h"
#include "mado-cues.h"

#define SECOND_RING_DELAY_MS 250

static guint play_counts[MADO_CUE_CONFIRMED + 1];

static const char *
cue_to_string (MadoCue cue)
{
  switch (cue)
    {
    case MADO_CUE_CARD_READ:
      return "card-read";
    case MADO_CUE_PIN_WRONG:
      return "pin-wrong";
    case MADO_CUE_CONFIRMED:
      return "confirmed";
    default:
      return "unknown";
    }
}

static gboolean
sound_enabled (void)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings;

  if (!MADO_IS_APPLICATION (app))
    return TRUE;
  settings = mado_application_get_settings (MADO_APPLICATION (app));
  return settings == NULL || g_settings_get_boolean (settings, "sound-cues");
}

static void
ring (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    gdk_display_beep (display);
}

static gboolean
second_ring_cb (gpointer user_data)
{
  ring ();
  return G_SOURCE_REMOVE;
}

void
mado_cues_play (MadoCue cue)
{
  g_return_if_fail (cue <= MADO_CUE_CONFIRMED);

  play_counts[cue]++;
  g_debug ("cue: %s", cue_to_string (cue));
  if (!sound_enabled ())
    return;
  ring ();
  if (cue == MADO_CUE_PIN_WRONG)
    g_timeout_add (SECOND_RING_DELAY_MS, second_ring_cb, NULL);
}

/* How often @cue was asked for in this process, for tests. */
guint
mado_cues_get_play_count (MadoCue cue)
{
  g_return_val_if_fail (cue <= MADO_CUE_CONFIRMED, 0);

  return play_counts[cue];
}
