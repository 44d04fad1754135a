/* bench-outbox.c — how fast the outbox drains into the training hub, at several depths
 *
 * For each outbox depth asked for (1,000, 10,000 and 40,000 pending records
 * by default), enqueues that many vaccination records in a fresh store (as
 * the desk does while offline), starts a fresh training hub on loopback,
 * then delivers the whole outbox through the terminal's hub client over
 * mutual TLS, as the sender's timer would: round after round until one
 * delivers nothing. The depths are printed side by side with the load
 * average beside each (the machine is shared, so figures are noisy).
 *
 * Beside the rate, the CPU time per record delivered of this process (the
 * desk: store, sender, hub client) and of the hub (utime + stime from
 * /proc): what a record costs, whatever else the machine is doing.
 *
 * Exactly once is checked in every run: the hub must hold as many records
 * as were enqueued, as many distinct bodies (each record's lot number is
 * its own, so a record accepted twice under two keys would show), and
 * every outbox record must read delivered. Any miss makes the exit status 1.
 *
 * With REPEATS above 1 the depths are run in turn that many times (10,000,
 * 40,000, 10,000, 40,000, …), so that each depth sees the same changes of
 * load, and a summary follows the rows: per depth the median rate and CPU
 * per record, and each against the first depth's, both as the ratio of the
 * medians and as the median of the ratios within each repetition.
 *
 * With "sync" after REPEATS, the file systems are synced between the fill
 * and the drain: a desk that has been offline for hours has long since
 * written its pages back, while a drain right after the fill also pays
 * for the kernel writing back the fill, more of it the deeper the outbox.
 *
 * Usage: bench-outbox TRAINING-HUB [DEPTHS=1000,10000,40000 [REPEATS=1 [sync]]];
 * needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT (as under meson). The
 * store lives under $TMPDIR (ext4 here: each commit's fsync counts).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "madoguchi-core.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

typedef struct {
  guint         n;
  double        enqueue_per_s;
  double        deliver_per_s;
  double        deliver_s;
  guint         rounds;
  MadoOutboxRun run;
  gint64        hub_count;
  gint64        hub_distinct;     /* -1: the hub does not say */
  guint         still_pending;
  double        desk_ms;          /* this process's CPU time per record delivered */
  double        hub_ms;           /* the hub's */
  char         *load_before;
  char         *load_after;
} Figures;

G_GNUC_NORETURN static void
die (const char *step, const GError *error)
{
  g_printerr ("bench-outbox: %s: %s\n", step, error != NULL ? error->message : "failed");
  exit (1);
}

static GBytes *
record_body (guint i)
{
  char *text = g_strdup_printf (
    "{\"residentRef\":\"r-1001-yamada-haruto\","
    "\"vaccineCode\":{\"system\":\"https://madoguchi.invalid/training/vaccine-codes\","
    "\"code\":\"HEPB-PED\",\"display\":\"B型肝炎ワクチン（小児用）\"},"
    "\"targetDisease\":[\"B型肝炎\"],\"occurrenceDate\":\"2026-11-21\",\"doseNumber\":3,"
    "\"lotNumber\":\"HB%07u\",\"site\":\"左大腿\",\"doseQuantityMl\":0.25,"
    "\"performer\":\"bench\"}", i);

  return g_bytes_new_take (text, strlen (text));
}

static void
report_first_failure (MadoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = mado_store_outbox_list (store, FALSE, &error);

  if (records != NULL && records->len > 0)
    {
      MadoOutboxRecord *record = g_ptr_array_index (records, 0);

      g_printerr ("bench-outbox: not delivered: %s\n",
                  record->last_error != NULL ? record->last_error : "(no error recorded)");
    }
}

static void
hub_counts (HubProcess *hub,
            Figures    *f)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/training/records-count", NULL);
  JsonObject *object = hub_response_object (response);

  f->hub_count = -1;
  f->hub_distinct = -1;
  if (object == NULL || !json_object_has_member (object, "vaccinations"))
    return;
  f->hub_count = json_object_get_int_member (object, "vaccinations");
  if (json_object_has_member (object, "distinctBodies"))
    f->hub_distinct = json_object_get_int_member (object, "distinctBodies");
}

static void
enqueue (MadoStore *store,
         Figures   *f)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < f->n; i++)
    {
      g_autoptr(GBytes) body = record_body (i);
      g_autofree char *key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);

      if (key == NULL)
        die ("enqueue", error);
    }
  f->enqueue_per_s = f->n / ((g_get_monotonic_time () - start) / 1e6);
}

/* Round after round, as the sender's timer would, until one delivers nothing. */
static void
drain (MadoOutboxSender *sender,
       Figures          *f)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      MadoOutboxRun round = { 0 };

      if (!mado_outbox_sender_deliver (sender, TRUE, &round, NULL, &error))
        die ("deliver", error);
      f->rounds++;
      f->run.delivered += round.delivered;
      f->run.retried += round.retried;
      f->run.rejected += round.rejected;
      if (round.delivered == 0)
        break;
    }
  f->deliver_s = (g_get_monotonic_time () - start) / 1e6;
  f->deliver_per_s = f->run.delivered / f->deliver_s;
}

static void
run_depth (const char *hub_binary,
           gboolean    sync_first,
           Figures    *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mado-bench-outbox-XXXXXX", &error);
  g_autofree char *db = NULL, *key = NULL, *site = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoOutboxSender) sender = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  HubProcess *hub;
  const char *hub_pid;
  double desk_cpu, hub_cpu;

  if (dir == NULL)
    die ("temporary folder", error);
  db = g_build_filename (dir, "cache.db", NULL);
  key = g_build_filename (dir, "cache.key", NULL);
  store = mado_store_open (db, key, &error);
  if (store == NULL)
    die ("store", error);
  enqueue (store, f);
  if (sync_first)
    sync ();

  hub = hub_process_start (hub_binary, NULL);
  site = hub_test_write_site_config (hub->port, dir);
  config = mado_site_config_load (site, &error);
  if (config == NULL)
    die ("site configuration", error);
  client = mado_hub_client_new (config, &error);
  if (client == NULL)
    die ("hub client", error);
  sender = mado_outbox_sender_new (store, client);

  hub_pid = g_subprocess_get_identifier (hub->process);
  desk_cpu = mado_test_process_cpu_seconds ("self");
  hub_cpu = mado_test_process_cpu_seconds (hub_pid);
  f->load_before = mado_test_load_average ();
  drain (sender, f);
  f->load_after = mado_test_load_average ();
  if (f->run.delivered > 0)
    {
      f->desk_ms = (mado_test_process_cpu_seconds ("self") - desk_cpu) * 1000 / f->run.delivered;
      f->hub_ms = (mado_test_process_cpu_seconds (hub_pid) - hub_cpu) * 1000 / f->run.delivered;
    }

  pending = mado_store_outbox_list (store, FALSE, &error);
  if (pending == NULL)
    die ("outbox list", error);
  f->still_pending = pending->len;
  if (f->run.delivered != f->n)
    report_first_failure (store);
  hub_counts (hub, f);
  hub_process_stop (hub);
  g_clear_object (&sender);
  g_clear_object (&store);
  mado_test_remove_dir (dir);
}

static gboolean
exactly_once (const Figures *f)
{
  return f->run.delivered == f->n && f->still_pending == 0 && f->hub_count == (gint64) f->n
         && (f->hub_distinct < 0 || f->hub_distinct == (gint64) f->n);
}

static void
print_table (const Figures *figures,
             guint          count)
{
  g_print ("outbox drained into the training hub (mutual TLS on loopback, store under %s):\n",
           g_get_tmp_dir ());
  g_print ("  %8s %12s %12s %8s %7s %8s %8s %9s %9s %6s  %-16s %-16s\n", "pending",
           "enqueue/s", "deliver/s", "seconds", "rounds", "desk-ms", "hub-ms", "hub has",
           "distinct", "once", "load before", "load after");
  for (guint i = 0; i < count; i++)
    {
      const Figures *f = &figures[i];
      g_autofree char *distinct = f->hub_distinct < 0 ? g_strdup ("n/a")
                                  : g_strdup_printf ("%" G_GINT64_FORMAT, f->hub_distinct);

      g_print ("  %8u %12.0f %12.0f %8.2f %7u %8.3f %8.3f %9" G_GINT64_FORMAT " %9s %6s  %-16s %-16s\n",
               f->n, f->enqueue_per_s, f->deliver_per_s, f->deliver_s, f->rounds, f->desk_ms,
               f->hub_ms, f->hub_count, distinct, exactly_once (f) ? "yes" : "NO",
               f->load_before, f->load_after);
      if (f->run.retried + f->run.rejected > 0)
        g_print ("           (retried %u, rejected %u)\n", f->run.retried, f->run.rejected);
    }
}

/* The three figures the summary compares, by index. */
static double
figure (const Figures *f,
        guint          which)
{
  return which == 0 ? f->deliver_per_s : which == 1 ? f->desk_ms : f->hub_ms;
}

static double
median (double *values,
        guint   count)
{
  qsort (values, count, sizeof *values, mado_test_compare_doubles);
  return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
}

/* @which's median over the repetitions of depth @d; with @against, the
 * median of its ratio to depth @against's in the same repetition. */
static double
median_of (const Figures *figures,
           guint          depths,
           guint          repeats,
           guint          d,
           gint           against,
           guint          which)
{
  g_autofree double *values = g_new (double, repeats);

  for (guint r = 0; r < repeats; r++)
    {
      values[r] = figure (&figures[r * depths + d], which);
      if (against >= 0)
        values[r] /= figure (&figures[r * depths + (guint) against], which);
    }
  return median (values, repeats);
}

static void
print_summary (const Figures *figures,
               guint          depths,
               guint          repeats,
               const char    *load_before,
               const char    *load_after)
{
  g_print ("\nmedians of %u runs per depth, run in turn (load before %s, after %s):\n",
           repeats, load_before, load_after);
  g_print ("  %8s %12s %8s %8s   %-11s %-19s   %-19s\n", "pending", "deliver/s", "desk-ms",
           "hub-ms", "against", "ratio of medians", "median of ratios");
  g_print ("  %8s %12s %8s %8s   %-11s %5s %6s %6s   %5s %6s %6s\n", "", "", "", "", "", "rate",
           "desk", "hub", "rate", "desk", "hub");
  for (guint d = 0; d < depths; d++)
    {
      double m[3];

      for (guint w = 0; w < 3; w++)
        m[w] = median_of (figures, depths, repeats, d, -1, w);
      g_print ("  %8u %12.0f %8.3f %8.3f", figures[d].n, m[0], m[1], m[2]);
      if (d > 0)
        {
          double first[3], pairs[3];

          for (guint w = 0; w < 3; w++)
            {
              first[w] = median_of (figures, depths, repeats, 0, -1, w);
              pairs[w] = median_of (figures, depths, repeats, d, 0, w);
            }
          g_print ("   %-11u %5.2f %6.2f %6.2f   %5.2f %6.2f %6.2f", figures[0].n,
                   m[0] / first[0], m[1] / first[1], m[2] / first[2],
                   pairs[0], pairs[1], pairs[2]);
        }
      g_print ("\n");
    }
}

static guint
count_not_once (const Figures *figures,
                guint          total)
{
  guint missed = 0;

  for (guint i = 0; i < total; i++)
    missed += !exactly_once (&figures[i]);
  return missed;
}

int
main (int argc, char **argv)
{
  g_auto(GStrv) depths = NULL;
  g_autofree char *load_before = NULL, *load_after = NULL;
  Figures *figures;
  guint count, repeats, total;
  int status = 0;

  if (argc < 2 || argc > 5 || (argc == 5 && strcmp (argv[4], "sync") != 0))
    {
      g_printerr ("usage: bench-outbox TRAINING-HUB [DEPTHS=1000,10000,40000 [REPEATS=1 [sync]]]\n");
      return 2;
    }
  depths = g_strsplit (argc > 2 ? argv[2] : "1000,10000,40000", ",", -1);
  count = g_strv_length (depths);
  repeats = argc > 3 ? (guint) atoi (argv[3]) : 1;
  if (count == 0 || repeats == 0 || repeats > 100)
    die ("depths and repeats", NULL);
  total = count * repeats;
  figures = g_new0 (Figures, total);
  load_before = mado_test_load_average ();
  for (guint i = 0; i < total; i++)
    {
      figures[i].n = (guint) atoi (depths[i % count]);
      if (figures[i].n == 0)
        die ("depths", NULL);
      run_depth (argv[1], argc == 5, &figures[i]);
      if (!exactly_once (&figures[i]))
        status = 1;
    }
  load_after = mado_test_load_average ();
  print_table (figures, total);
  if (repeats > 1)
    print_summary (figures, count, repeats, load_before, load_after);
  if (count_not_once (figures, total) > 0)
    g_print ("NOT exactly once in %u of %u runs\n", count_not_once (figures, total), total);
  else
    g_print ("exactly once in all %u runs\n", total);
  for (guint i = 0; i < total; i++)
    {
      g_free (figures[i].load_before);
      g_free (figures[i].load_after);
    }
  g_free (figures);
  return status;
}
