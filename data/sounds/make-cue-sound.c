/* make-cue-sound.c — writes one of the desk's sound cues as a short WAV file, at build time
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: make-cue-sound CUE OUTPUT.wav, CUE one of card-read, pin-wrong,
 * confirmed. The cues are plain sine tones, made here rather than shipped,
 * so the sources hold no binary and no third-party sound. Each note fades
 * in and out over a few milliseconds: a tone cut off abruptly clicks.
 * Pitches stay between 500 and 1000 Hz, where ageing ears hear best, and
 * each cue has its own rhythm, not only its own pitch.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RATE        22050
#define AMPLITUDE   0.45
#define FADE_MS     8
#define MAX_SAMPLES (RATE * 2)

typedef struct {
  double hz;   /* 0: silence */
  int    ms;
} Note;

static const struct {
  const char *name;
  Note        notes[4];
} cues[] = {
  /* One bright note: the card is read, the resident may type. */
  { "card-read", { { 880, 140 } } },
  /* Two low notes: the PIN was wrong — staff must not miss it. */
  { "pin-wrong", { { 520, 200 }, { 0, 90 }, { 520, 200 } } },
  /* Rising pair: done. */
  { "confirmed", { { 660, 130 }, { 0, 30 }, { 990, 220 } } },
};

static int16_t samples[MAX_SAMPLES];

static size_t
render (const Note *notes, size_t n_notes)
{
  size_t at = 0;

  for (size_t i = 0; i < n_notes && notes[i].ms > 0; i++)
    {
      size_t length = (size_t) RATE * notes[i].ms / 1000;
      size_t fade = (size_t) RATE * FADE_MS / 1000;

      for (size_t s = 0; s < length && at < MAX_SAMPLES; s++, at++)
        {
          double envelope = 1.0;

          if (s < fade)
            envelope = (double) s / fade;
          else if (length - s < fade)
            envelope = (double) (length - s) / fade;
          samples[at] = (int16_t) (notes[i].hz > 0
                                   ? 32767 * AMPLITUDE * envelope * sin (2 * M_PI * notes[i].hz * s / RATE)
                                   : 0);
        }
    }
  return at;
}

static void
put_u32 (FILE *out, uint32_t v)
{
  uint8_t b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };

  fwrite (b, 1, 4, out);
}

static void
put_u16 (FILE *out, uint16_t v)
{
  uint8_t b[2] = { v & 0xff, (v >> 8) & 0xff };

  fwrite (b, 1, 2, out);
}

/* RIFF/WAVE, PCM, 16-bit little-endian, mono. */
static int
write_wav (const char *path, size_t n)
{
  FILE *out = fopen (path, "wb");
  uint32_t data_size = (uint32_t) (n * 2);

  if (out == NULL)
    {
      perror (path);
      return 1;
    }
  fwrite ("RIFF", 1, 4, out);
  put_u32 (out, 36 + data_size);
  fwrite ("WAVEfmt ", 1, 8, out);
  put_u32 (out, 16);
  put_u16 (out, 1);
  put_u16 (out, 1);
  put_u32 (out, RATE);
  put_u32 (out, RATE * 2);
  put_u16 (out, 2);
  put_u16 (out, 16);
  fwrite ("data", 1, 4, out);
  put_u32 (out, data_size);
  for (size_t i = 0; i < n; i++)
    put_u16 (out, (uint16_t) samples[i]);
  if (fclose (out) != 0)
    {
      perror (path);
      return 1;
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "usage: make-cue-sound CUE OUTPUT.wav\n");
      return 2;
    }
  for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
    if (strcmp (cues[i].name, argv[1]) == 0)
      return write_wav (argv[2], render (cues[i].notes, sizeof cues[i].notes / sizeof cues[i].notes[0]));
  fprintf (stderr, "make-cue-sound: no cue named %s\n", argv[1]);
  return 2;
}
