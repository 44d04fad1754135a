/* flow-enqueue.c — put one record into a store's outbox, as the desk does while offline
 *
 * Usage: flow-enqueue DATABASE KEY-FILE KIND BODY-FILE; prints the idempotency key.
 * A helper of test-cli-visit.sh (madoguchi-cli has no command that writes records).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *key = NULL;
  gsize len;

  if (argc != 5)
    {
      g_printerr ("usage: flow-enqueue DATABASE KEY-FILE KIND BODY-FILE\n");
      return 2;
    }
  if (!g_file_get_contents (argv[4], &contents, &len, &error) ||
      (store = mado_store_open (argv[1], argv[2], &error)) == NULL)
    {
      g_printerr ("flow-enqueue: %s\n", error->message);
      return 1;
    }
  body = g_bytes_new_take (g_steal_pointer (&contents), len);
  key = mado_store_outbox_enqueue (store, argv[3], body, &error);
  if (key == NULL)
    {
      g_printerr ("flow-enqueue: %s\n", error->message);
      return 1;
    }
  g_print ("%s\n", key);
  return 0;
}
