/* mado-cues.c — short sound cues at the points of a visit the desk listens for
 *
 * The cues are short tones made at build time (data/sounds/make-cue-sound.c)
 * and played through GTK's media support (GtkMediaFile; on Debian the
 * GStreamer backend, libgtk-4-media-gstreamer): one bright note when the
 * card is read, two low notes for a wrong PIN — the one event staff must
 * not miss — and a rising pair when the visit is confirmed, which is also
 * when the resident's screen asks them to take their card. Without a media
 * backend, a sound file or an audio device, the cue falls back to the
 * display's bell, rung twice for a wrong PIN: a cue is never silently lost.
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

static guint           play_counts[MADO_CUE_CONFIRMED + 1];
static GtkMediaStream *streams[MADO_CUE_CONFIRMED + 1];   /* made on first use, kept */

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

static void
ring_for (MadoCue cue)
{
  ring ();
  if (cue == MADO_CUE_PIN_WRONG)
    g_timeout_add (SECOND_RING_DELAY_MS, second_ring_cb, NULL);
}

/* The installed sounds, or MADOGUCHI_SOUNDSDIR's in an uninstalled build. */
static char *
sound_path (MadoCue cue)
{
  const char *dir = g_getenv ("MADOGUCHI_SOUNDSDIR");
  g_autofree char *file = g_strconcat (cue_to_string (cue), ".wav", NULL);

  return g_build_filename (dir != NULL ? dir : SOUNDSDIR, file, NULL);
}

static GtkMediaStream *
stream_for (MadoCue cue)
{
  g_autofree char *path = NULL;

  if (streams[cue] != NULL)
    return streams[cue];
  path = sound_path (cue);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_warning ("cue-sound-missing: %s", cue_to_string (cue));
      return NULL;
    }
  streams[cue] = gtk_media_file_new_for_filename (path);
  return streams[cue];
}

void
mado_cues_play (MadoCue cue)
{
  GtkMediaStream *stream;

  g_return_if_fail (cue <= MADO_CUE_CONFIRMED);

  play_counts[cue]++;
  g_debug ("cue: %s", cue_to_string (cue));
  if (!sound_enabled ())
    return;
  stream = stream_for (cue);
  /* No backend, a file GStreamer cannot read, or no audio device. */
  if (stream == NULL || gtk_media_stream_get_error (stream) != NULL)
    {
      ring_for (cue);
      return;
    }
  if (gtk_media_stream_get_playing (stream))
    gtk_media_stream_seek (stream, 0);
  gtk_media_stream_play (stream);
}

/* How often @cue was asked for in this process, for tests. */
guint
mado_cues_get_play_count (MadoCue cue)
{
  g_return_val_if_fail (cue <= MADO_CUE_CONFIRMED, 0);

  return play_counts[cue];
}

/**
 * mado_cues_get_stream:
 *
 * Returns: (nullable) (transfer none): the media stream @cue plays, once it
 *   has been played, for tests and diagnostics
 */
GtkMediaStream *
mado_cues_get_stream (MadoCue cue)
{
  g_return_val_if_fail (cue <= MADO_CUE_CONFIRMED, NULL);

  return streams[cue];
}
