/* replay-main.c — runs a fuzz target over a committed corpus
 *
 * Without libFuzzer each target is linked with this main(), which feeds it
 * every file of the corpus folders named on the command line, so the normal
 * test suite replays what fuzzing found.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "fuzz-target.h"

static guint
replay_dir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint count = 0;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("cannot open corpus %s: %s", path, error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (file, &contents, &length, &error))
        g_error ("cannot read %s: %s", file, error->message);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      count++;
    }
  return count;
}

int
main (int argc, char **argv)
{
  guint total = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS-DIR…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    total += replay_dir (argv[i]);
  if (total == 0)
    {
      g_printerr ("empty corpus: nothing replayed\n");
      return 1;
    }
  g_print ("replayed %u inputs\n", total);
  return 0;
}
