/* bench-ui.c — the reception app's figures: start-up, card to resident screen, memory over visits
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real application and window (as tests/ui/test-visit.c does)
 * against the virtual card and the training hub, and prints:
 *
 * 1. start-up: from just before mado_application_new() to the frame clock's
 *    after-paint of the first frame that painted the idle (signed-in desk)
 *    page. Measured --starts times in this one process (a staff session is
 *    set before the application runs, so the window opens on the desk); the
 *    first start is cold (GTK, the display, fonts, CSS), the others warm.
 *    The first start is split at the application's "startup" and "activate"
 *    handlers, with the process's CPU time (every thread: the desk's
 *    workers too) beside it, steadier than the wall clock on a shared
 *    machine; beside it, the floor: bench-ui-floor's bare libadwaita
 *    window, started --starts times in fresh processes first, with GTK's
 *    defaults and again drawn as the desk draws (mado-renderer.c).
 *    --startup-only stops there: no visits.
 * 2. card to resident screen, per visit of the infant card: the clock
 *    starts in our handler of the reader monitor's card-inserted signal
 *    (connected before the window's own, so it runs first) and stops in the
 *    after-paint of the first frame that painted the resident page once the
 *    desk stack shows it. In between, the PIN 1234 + Enter goes in through
 *    mado_pin_page_handle_key() as soon as the PIN page is the visible page,
 *    and consent 1 2 3 + Enter through mado_consent_page_handle_key() as
 *    soon as the consent page is. The card is the madoguchi-vcard process,
 *    started and stopped (SIGTERM) directly; each visit waits for
 *    card-removed, then ends with visit.end (Done / Escape) and the idle
 *    page. Visit 1 is a warm-up, reported on its own; visits 2…N+1 are timed.
 *    The time from the page shown to its first frame is split by the frame
 *    clock's phases; "whole page painted" stops at the first frame painted
 *    with every section of the resident screen (mado_resident_view_is_complete()).
 * 3. memory: VmRSS from /proc/self/status (and glibc's heap in use) after
 *    --rss-from and after --rss-to visits of the same window.
 * 4. card to resident screen for the long history (--long-card, default
 *    longhist: 60 vaccinations, 20 questionnaires in the training hub's
 *    fixtures), measured the same way after the memory run: one warm-up,
 *    then --visits timed visits, printed beside the ordinary resident's.
 *
 * The load average (/proc/loadavg) is printed before and after: the
 * figures of a loaded machine are not those of an idle one.
 *
 *   bench-ui TRAINING-HUB [--starts K] [--startup-only] [--visits N] [--rss-from A] [--rss-to B]
 *            [--card NAME] [--long-card NAME]
 *
 * Run it through tests/bench/run-bench-ui.sh (card-env.sh, Xvfb, a session bus).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-pin-page.h"
#include "mado-renderer.h"
#include "mado-resident-view.h"
#include "mado-window.h"
#include "visit-test-env.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

/* The test PKI's virtual cards all have this PIN (tests/pki/make-test-pki.sh). */
static const guint pin_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4, GDK_KEY_Return };
static const guint consent_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_Return };

typedef struct {
  gint64 spawned;      /* the card process started */
  gint64 inserted;     /* card-inserted reached us */
  gint64 pin_shown;
  gint64 consent_shown;
  gint64 resident_shown;
  gint64 frame_began;      /* before-paint of the counted frame */
  gint64 layout_began;     /* its update phase: the layout comes next */
  gint64 layout_ended;     /* after the window's own layout handler */
  gint64 resident_frame;
  gint64 resident_whole;   /* after-paint of the first frame with every section */
} VisitTimes;

typedef struct {
  /* options */
  int          starts;
  int          visits;
  int          rss_from;
  int          rss_to;
  char        *card;
  char        *long_card;
  gboolean     startup_only; /* --startup-only: the starts and the floor, no visits */

  char        *vcard;
  char        *profile;
  char        *long_profile;
  const char  *insurer;      /* the resident's first payer number, to know the screen is theirs */
  int          port;

  /* the application being measured */
  MadoWindow  *window;
  gint64       created;
  const char  *frame_page;   /* the page whose first painted frame is awaited */
  gboolean     painted;
  gint64       frame_at;
  gboolean     whole_painted; /* the awaited page painted with all its sections */
  gint64       whole_at;
  gint64       phase_at[3]; /* this frame's before-paint, update, layout */
  gboolean     card_present;
  VisitTimes   now;

  /* figures */
  GArray      *start_ms;     /* double */
  GArray      *floor_ms;     /* bench-ui-floor's starts, each in a fresh process */
  GArray      *floor_desk_ms; /* the same with the desk's renderer (--as-desk) */
  char       **original_environ; /* before the desk's choice of renderer */
  gint64       cold_created; /* the first start's clock start */
  gint64       started_up;   /* its "startup" handlers done */
  gint64       activated;    /* its window built and presented */
  gint64       first_frame;  /* its first frame painted */
  gint64       cold_cpu_us;  /* the process's CPU time (user + system, every thread) at its clock start */
  gint64       first_cpu_us; /* and at its first frame */
  GArray      *total_ms;
  GArray      *read_ms;
  GArray      *pin_ms;
  GArray      *confirm_ms;
  GArray      *render_ms;
  GArray      *frame_wait_ms;
  GArray      *layout_ms;
  GArray      *paint_ms;
  GArray      *detect_ms;
  GArray      *late_ms;      /* the last --visits visits of the long run */
  GArray      *long_ms;      /* the long history's timed visits */
  GArray      *whole_ms;     /* card-inserted -> every section painted */
  GArray      *long_whole_ms;
  GArray      *long_layout_ms;
  GArray      *long_paint_ms;
  double       first_visit_ms;
  double       long_first_ms;
  char        *load_before;
  char        *load_after;
  gint64       rss_kib[2];
  gint64       heap_kib[2];
  gint64       long_run_us;
} Bench;

static gint64
status_kib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* User + system CPU time of every thread of this process so far: steadier
 * than the wall clock on a shared machine. */
static gint64
process_cpu_us (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static gint64
heap_in_use_kib (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) (info.uordblks + info.hblkhd) / 1024;
}

/* The q-quantile by the nearest-rank method. */
static double
quantile (GArray *values,
          double  q)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (values->len == 0)
    return 0.0;
  sorted = g_array_copy (values);
  g_array_sort (sorted, mado_test_compare_doubles);
  rank = (guint) MAX (1.0, (double) sorted->len * q + 0.999999);
  return g_array_index (sorted, double, MIN (rank, sorted->len) - 1);
}

static void
append_ms (GArray *values,
           gint64  from,
           gint64  to)
{
  double ms = (to - from) / 1000.0;

  g_array_append_val (values, ms);
}

static void
print_row (const char *name,
           GArray     *values)
{
  printf ("  %-40s median %8.1f ms   p95 %8.1f ms\n", name,
          quantile (values, 0.5), quantile (values, 0.95));
}

/* Frame clock: a frame counts once it painted while the awaited page was
 * the visible, drawable page; its after-paint is the stop. */
static gboolean
frame_page_on_screen (Bench *bench)
{
  return bench->frame_page != NULL &&
         g_strcmp0 (mado_window_get_visible_page (bench->window), bench->frame_page) == 0 &&
         gtk_widget_is_drawable (mado_window_get_page (bench->window, bench->frame_page));
}

/* The phases of each frame, to split the time to the first frame. Our
 * handlers run after the window's own (connected at realisation): the
 * update phase ends before the layout starts, and our layout handler runs
 * once the window is laid out. */
static void
phase_cb (GdkFrameClock *clock,
          gpointer       data)
{
  Bench *bench = g_object_get_data (G_OBJECT (clock), "bench");
  int phase = GPOINTER_TO_INT (data);

  if (bench != NULL && bench->frame_at == 0)
    bench->phase_at[phase] = g_get_monotonic_time ();
}

static MadoResidentView *
resident_view_of (MadoWindow *window)
{
  MadoResidentView *view = visit_env_find_resident_view (mado_window_get_page (window, "resident"));

  if (view == NULL)
    g_error ("no resident view on the resident page");
  return view;
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  if (bench->frame_at != 0 && !bench->whole_painted && g_strcmp0 (bench->frame_page, "resident") == 0 &&
      frame_page_on_screen (bench) &&
      mado_resident_view_is_complete (resident_view_of (bench->window)))
    bench->whole_painted = TRUE;
  if (bench->frame_at == 0 && frame_page_on_screen (bench))
    {
      bench->painted = TRUE;
      bench->now.frame_began = bench->phase_at[0];
      bench->now.layout_began = bench->phase_at[1];
      bench->now.layout_ended = bench->phase_at[2];
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->whole_painted && bench->whole_at == 0)
    bench->whole_at = g_get_monotonic_time ();
  if (bench->painted && bench->frame_at == 0)
    bench->frame_at = g_get_monotonic_time ();
}

static void
await_frame_of (Bench      *bench,
                const char *page)
{
  bench->frame_page = page;
  bench->painted = FALSE;
  bench->frame_at = 0;
  bench->whole_painted = FALSE;
  bench->whole_at = 0;
}

static gboolean
frame_painted (gpointer data)
{
  Bench *bench = data;

  return bench->frame_at != 0;
}

static gboolean
whole_page_painted (gpointer data)
{
  Bench *bench = data;

  return bench->whole_at != 0;
}

static void
visible_page_cb (Bench *bench)
{
  const char *page = mado_window_get_visible_page (bench->window);
  gint64 now = g_get_monotonic_time ();

  if (g_strcmp0 (page, "pin") == 0 && bench->now.pin_shown == 0)
    bench->now.pin_shown = now;
  else if (g_strcmp0 (page, "consent") == 0 && bench->now.consent_shown == 0)
    bench->now.consent_shown = now;
  else if (g_strcmp0 (page, "resident") == 0 && bench->now.resident_shown == 0)
    bench->now.resident_shown = now;
}

static void
card_inserted_cb (MadoReaderMonitor *monitor,
                  const char        *reader,
                  const char        *atr_hex,
                  Bench             *bench)
{
  bench->now.inserted = g_get_monotonic_time ();
  bench->card_present = TRUE;
}

static void
card_removed_cb (MadoReaderMonitor *monitor,
                 const char        *reader,
                 Bench             *bench)
{
  bench->card_present = FALSE;
}

static gboolean
card_is_present (gpointer data)
{
  return ((Bench *) data)->card_present;
}

static gboolean
card_is_absent (gpointer data)
{
  return !((Bench *) data)->card_present;
}

static GPid
card_insert (Bench *bench)
{
  g_autofree char *port = g_strdup_printf ("%d", bench->port);
  const char *argv[] = { bench->vcard, "--port", port, "--profile", bench->profile, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  bench->now.spawned = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("starting the virtual card: %s", error->message);
  return pid;
}

static void
card_remove (Bench *bench,
             GPid   pid)
{
  int status;

  kill (pid, SIGTERM);
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the virtual card did not end cleanly (wait status %d)", status);
  g_spawn_close_pid (pid);
  /* The desk must have seen the card go before the next one comes. */
  visit_env_wait (card_is_absent, bench, "card-removed");
}

typedef struct {
  Bench      *bench;
  const char *page;
} PageWait;

/* A visit that went wrong stops the run with what the desk said. */
static gboolean
page_or_problem (gpointer data)
{
  PageWait *wait = data;
  const char *page = mado_window_get_visible_page (wait->bench->window);

  if (g_strcmp0 (page, "problem") == 0)
    {
      GtkWidget *problem = mado_window_get_page (wait->bench->window, "problem");

      g_error ("the visit stopped: %s — %s", adw_status_page_get_title (ADW_STATUS_PAGE (problem)),
               adw_status_page_get_description (ADW_STATUS_PAGE (problem)));
    }
  return g_strcmp0 (page, wait->page) == 0;
}

static void
wait_page (Bench      *bench,
           const char *page)
{
  PageWait wait = { bench, page };
  g_autofree char *what = g_strdup_printf ("the %s page", page);

  visit_env_wait (page_or_problem, &wait, what);
}

static const char *
named_label (MadoWindow *window,
             const char *page,
             const char *name)
{
  GtkWidget *widget = visit_env_find_named (mado_window_get_page (window, page), name);

  if (!GTK_IS_LABEL (widget))
    g_error ("no label %s on the %s page", name, page);
  return gtk_label_get_text (GTK_LABEL (widget));
}

/* One whole visit; returns its timestamps. */
static VisitTimes
one_visit (Bench *bench)
{
  MadoWindow *window = bench->window;
  GPid card;

  memset (&bench->now, 0, sizeof bench->now);
  await_frame_of (bench, "resident");
  card = card_insert (bench);
  visit_env_wait (card_is_present, bench, "card-inserted");

  wait_page (bench, "pin");
  visit_env_type (mado_window_get_page (window, "pin"), pin_keys, G_N_ELEMENTS (pin_keys));
  wait_page (bench, "consent");
  visit_env_type (mado_window_get_page (window, "consent"), consent_keys, G_N_ELEMENTS (consent_keys));
  wait_page (bench, "resident");
  visit_env_wait (frame_painted, bench, "the resident screen's first frame");
  bench->now.resident_frame = bench->frame_at;
  visit_env_wait (whole_page_painted, bench, "the whole resident screen");
  bench->now.resident_whole = bench->whole_at;
  await_frame_of (bench, NULL);

  /* The card's resident, or the figures are not of a real visit. */
  if (bench->insurer != NULL &&
      g_strcmp0 (named_label (window, "resident", "subsidy-insurer-0"), bench->insurer) != 0)
    g_error ("the resident screen does not show the %s card's subsidy", bench->insurer);

  card_remove (bench, card);
  if (!gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL))
    g_error ("visit.end is not available");
  wait_page (bench, "idle");
  return bench->now;
}

static void
record_visit (Bench            *bench,
              const VisitTimes *t)
{
  append_ms (bench->total_ms, t->inserted, t->resident_frame);
  append_ms (bench->read_ms, t->inserted, t->pin_shown);
  append_ms (bench->pin_ms, t->pin_shown, t->consent_shown);
  append_ms (bench->confirm_ms, t->consent_shown, t->resident_shown);
  append_ms (bench->render_ms, t->resident_shown, t->resident_frame);
  append_ms (bench->whole_ms, t->inserted, t->resident_whole);
  append_ms (bench->frame_wait_ms, t->resident_shown, t->frame_began);
  append_ms (bench->layout_ms, t->layout_began, t->layout_ended);
  append_ms (bench->paint_ms, t->layout_ended, t->resident_frame);
  append_ms (bench->detect_ms, t->spawned, t->inserted);
}

static void
run_visits (Bench *bench)
{
  int total = MAX (bench->visits + 1, bench->rss_to);
  gint64 started = g_get_monotonic_time ();

  for (int done = 1; done <= total; done++)
    {
      VisitTimes t = one_visit (bench);

      if (done == 1)
        bench->first_visit_ms = (t.resident_frame - t.inserted) / 1000.0;
      else if (done <= bench->visits + 1)
        record_visit (bench, &t);
      if (done > total - bench->visits)
        append_ms (bench->late_ms, t.inserted, t.resident_frame);
      for (int i = 0; i < 2; i++)
        if (done == (i == 0 ? bench->rss_from : bench->rss_to))
          {
            bench->rss_kib[i] = status_kib ("VmRSS:");
            bench->heap_kib[i] = heap_in_use_kib ();
          }
      if (done % 50 == 0)
        g_printerr ("bench-ui: %d of %d visits, VmRSS %" G_GINT64_FORMAT " KiB\n",
                    done, total, status_kib ("VmRSS:"));
    }
  bench->long_run_us = g_get_monotonic_time () - started;
}

/* The long history's resident (training fixtures r-100c): one warm-up,
 * then --visits timed visits. */
static void
run_long_visits (Bench *bench)
{
  char *profile = bench->profile;
  const char *insurer = bench->insurer;

  bench->profile = bench->long_profile;
  bench->insurer = "88138250";
  for (int done = 0; done <= bench->visits; done++)
    {
      VisitTimes t = one_visit (bench);

      if (done == 0)
        bench->long_first_ms = (t.resident_frame - t.inserted) / 1000.0;
      else
        {
          append_ms (bench->long_ms, t.inserted, t.resident_frame);
          append_ms (bench->long_whole_ms, t.inserted, t.resident_whole);
          append_ms (bench->long_layout_ms, t.layout_began, t.layout_ended);
          append_ms (bench->long_paint_ms, t.layout_ended, t.resident_frame);
        }
    }
  bench->profile = profile;
  bench->insurer = insurer;
}

static void
activate_cb (GApplication *app,
             Bench        *bench)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GdkFrameClock *clock;
  GtkWidget *stack;
  gulong paint_handler, after_paint_handler;
  gboolean last = bench->start_ms->len + 1 == (guint) bench->starts;

  if (bench->start_ms->len == 0)
    bench->activated = g_get_monotonic_time ();
  if (!MADO_IS_WINDOW (window) || !gtk_widget_get_realized (GTK_WIDGET (window)))
    g_error ("the application did not present its window");
  g_application_hold (app);
  bench->window = MADO_WINDOW (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_object_set_data (G_OBJECT (clock), "bench", bench);
  g_signal_connect (clock, "before-paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (0));
  g_signal_connect (clock, "update", G_CALLBACK (phase_cb), GINT_TO_POINTER (1));
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), GINT_TO_POINTER (2));
  paint_handler = g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), bench);
  after_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);

  await_frame_of (bench, "idle");
  visit_env_wait (frame_painted, bench, "the idle page's first frame");
  if (bench->start_ms->len == 0)
    {
      bench->first_frame = bench->frame_at;
      bench->first_cpu_us = process_cpu_us ();
    }
  append_ms (bench->start_ms, bench->created, bench->frame_at);
  await_frame_of (bench, NULL);

  if (last && !bench->startup_only)
    {
      stack = gtk_widget_get_parent (mado_window_get_page (bench->window, "idle"));
      g_signal_connect_swapped (stack, "notify::visible-child-name", G_CALLBACK (visible_page_cb), bench);
      run_visits (bench);
      if (bench->long_profile != NULL)
        run_long_visits (bench);
      g_signal_handlers_disconnect_by_data (stack, bench);
    }

  g_signal_handler_disconnect (clock, paint_handler);
  g_signal_handler_disconnect (clock, after_paint_handler);
  g_signal_handlers_disconnect_by_func (clock, phase_cb, GINT_TO_POINTER (0));
  g_signal_handlers_disconnect_by_func (clock, phase_cb, GINT_TO_POINTER (1));
  g_signal_handlers_disconnect_by_func (clock, phase_cb, GINT_TO_POINTER (2));
  g_object_set_data (G_OBJECT (clock), "bench", NULL);
  mado_reader_monitor_stop (mado_application_get_reader_monitor (MADO_APPLICATION (app)));
  bench->window = NULL;
  gtk_window_destroy (window);
  g_application_release (app);
  g_application_quit (app);
}

/* The application builds its desk at start-up: the card handlers go on
 * its reader monitor then, before the window's own (made at activation),
 * so the clock starts first. */
static void
startup_cb (GApplication *app,
            Bench        *bench)
{
  MadoReaderMonitor *monitor = mado_application_get_reader_monitor (MADO_APPLICATION (app));

  if (bench->start_ms->len == 0)
    {
      bench->cold_created = bench->created;
      bench->started_up = g_get_monotonic_time ();
    }
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (card_inserted_cb), bench);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (card_removed_cb), bench);
}

/* The floor: a bare libadwaita window's start in a fresh process, in this
 * display and session (bench-ui-floor.c), --starts times; before the app's
 * own starts, so that the session's services are up for both. In the
 * environment this process started with: GTK's defaults, or with
 * --as-desk the renderer the desk chooses for itself. */
static void
measure_floor (Bench      *bench,
               const char *floor,
               const char *option,
               GArray     *into)
{
  for (int i = 0; i < bench->starts; i++)
    {
      const char *argv[] = { floor, option, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status;
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, bench->original_environ, G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("%s: %s", floor, error->message);
      ms = g_ascii_strtod (out, NULL);
      g_array_append_val (into, ms);
    }
}

static void
start_once (Bench *bench)
{
  g_autoptr(MadoApplication) app = NULL;
  g_autoptr(MadoStaffSession) staff = NULL;

  if (bench->start_ms->len == 0)
    bench->cold_cpu_us = process_cpu_us ();
  bench->created = g_get_monotonic_time ();
  app = mado_application_new ();
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), bench);
  staff = mado_staff_session_new ("staff-007", MADO_STAFF_ROLE_RECEPTION, 24 * 3600, g_get_real_time ());
  mado_application_set_staff_session (app, staff);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), bench);
  if (g_application_run (G_APPLICATION (app), 0, NULL) != 0)
    g_error ("the application exited with an error");
  g_signal_handlers_disconnect_by_data (mado_application_get_reader_monitor (app), bench);
}

static void
report_starts (Bench *bench)
{
  g_autoptr(GArray) warm = g_array_sized_new (FALSE, FALSE, sizeof (double), bench->start_ms->len);

  g_array_append_vals (warm, &g_array_index (bench->start_ms, double, 1), bench->start_ms->len - 1);
  printf ("start to idle screen drawn (application created → after-paint of the first frame of the signed-in desk):\n");
  printf ("  first start in this process (cold)       %8.1f ms\n", g_array_index (bench->start_ms, double, 0));
  printf ("    of which: to start-up done             %8.1f ms (GTK, the display, styles, the desk)\n",
          (bench->started_up - bench->cold_created) / 1000.0);
  printf ("    of which: the window built, presented  %8.1f ms\n",
          (bench->activated - bench->started_up) / 1000.0);
  printf ("    of which: to its first frame painted   %8.1f ms\n",
          (bench->first_frame - bench->activated) / 1000.0);
  printf ("    CPU time of the first start (user + system, every thread) %8.1f ms\n",
          (bench->first_cpu_us - bench->cold_cpu_us) / 1000.0);
  printf ("  floor: a bare libadwaita window, fresh process  median %8.1f ms (%u processes)\n",
          quantile (bench->floor_ms, 0.5), bench->floor_ms->len);
  printf ("    the same drawn as the desk draws (no GL)   median %8.1f ms (%u processes)\n",
          quantile (bench->floor_desk_ms, 0.5), bench->floor_desk_ms->len);
  if (warm->len > 0)
    printf ("  %2u more starts in this process (warm)    median %8.1f ms   p95 %8.1f ms\n",
            warm->len, quantile (warm, 0.5), quantile (warm, 0.95));
}

static void
report (Bench *bench)
{
  int total = MAX (bench->visits + 1, bench->rss_to);

  report_starts (bench);
  if (bench->startup_only)
    {
      printf ("load average (1, 5, 15 min): %s before, %s after\n", bench->load_before, bench->load_after);
      return;
    }
  printf ("card-inserted → after-paint of the resident screen's first frame, %s card, PIN and consent by key:\n",
          bench->card);
  printf ("  first visit (warm-up, not counted)       %8.1f ms\n", bench->first_visit_ms);
  printf ("  %d timed visits (visits 2–%d):\n", bench->visits, bench->visits + 1);
  print_row ("total", bench->total_ms);
  print_row ("card read (-> PIN page visible)", bench->read_ms);
  print_row ("PIN -> consent page (proof, hub)", bench->pin_ms);
  print_row ("consent -> resident page visible", bench->confirm_ms);
  print_row ("resident page visible -> frame painted", bench->render_ms);
  print_row ("  of which: waiting for the frame", bench->frame_wait_ms);
  print_row ("  of which: measure and allocate", bench->layout_ms);
  print_row ("  of which: snapshot and render", bench->paint_ms);
  print_row ("card-inserted -> whole page painted", bench->whole_ms);
  print_row ("(card process started -> card-inserted)", bench->detect_ms);
  if (total > bench->visits + 1)
    {
      g_autofree char *name = g_strdup_printf ("total, last %d of %d visits", bench->visits, total);

      print_row (name, bench->late_ms);
    }

  if (bench->long_ms->len > 0)
    {
      printf ("card-inserted → after-paint of the resident screen's first frame, long history "
              "(%s card: 60 vaccinations, 20 questionnaires):\n", bench->long_card);
      printf ("  first visit (warm-up, not counted)       %8.1f ms\n", bench->long_first_ms);
      print_row ("long history, total", bench->long_ms);
      print_row ("  of which: measure and allocate", bench->long_layout_ms);
      print_row ("  of which: snapshot and render", bench->long_paint_ms);
      print_row ("long history, whole page painted", bench->long_whole_ms);
      print_row ("ordinary resident, total (as above)", bench->total_ms);
    }
  printf ("load average (1, 5, 15 min): %s before, %s after\n", bench->load_before, bench->load_after);

  printf ("memory (one window, %d visits in %.1f s, %.2f s per visit):\n",
          total, bench->long_run_us / 1e6, bench->long_run_us / 1e6 / total);
  printf ("  VmRSS after %4d visits %8" G_GINT64_FORMAT " KiB   glibc heap in use %8" G_GINT64_FORMAT " KiB\n",
          bench->rss_from, bench->rss_kib[0], bench->heap_kib[0]);
  printf ("  VmRSS after %4d visits %8" G_GINT64_FORMAT " KiB   glibc heap in use %8" G_GINT64_FORMAT " KiB\n",
          bench->rss_to, bench->rss_kib[1], bench->heap_kib[1]);
  printf ("  growth over %d visits: VmRSS %+" G_GINT64_FORMAT " KiB (%+.2f KiB per visit), heap %+" G_GINT64_FORMAT " KiB (%+.2f KiB per visit)\n",
          bench->rss_to - bench->rss_from,
          bench->rss_kib[1] - bench->rss_kib[0],
          (double) (bench->rss_kib[1] - bench->rss_kib[0]) / (bench->rss_to - bench->rss_from),
          bench->heap_kib[1] - bench->heap_kib[0],
          (double) (bench->heap_kib[1] - bench->heap_kib[0]) / (bench->rss_to - bench->rss_from));
}

static gboolean
parse_arguments (Bench  *bench,
                 int    *argc,
                 char ***argv)
{
  GOptionEntry entries[] = {
    { "starts", 0, 0, G_OPTION_ARG_INT, &bench->starts, "Application starts to time (default 5)", "K" },
    { "visits", 'n', 0, G_OPTION_ARG_INT, &bench->visits, "Visits to time after a warm-up (default 50)", "N" },
    { "rss-from", 0, 0, G_OPTION_ARG_INT, &bench->rss_from, "First memory reading after A visits (default 50)", "A" },
    { "rss-to", 0, 0, G_OPTION_ARG_INT, &bench->rss_to, "Second memory reading after B visits (default 500)", "B" },
    { "startup-only", 0, 0, G_OPTION_ARG_NONE, &bench->startup_only,
      "Time the starts and the floor only, no visits", NULL },
    { "card", 0, 0, G_OPTION_ARG_STRING, &bench->card, "The test PKI's card (default infant)", "NAME" },
    { "long-card", 0, 0, G_OPTION_ARG_STRING, &bench->long_card,
      "The long-history card (default longhist; \"none\" to skip)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TRAINING-HUB — time the reception app");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("bench-ui: %s\n", error->message);
      return FALSE;
    }
  if (*argc != 2 || bench->starts < 1 || bench->visits < 1 || bench->rss_from < 1 ||
      bench->rss_to <= bench->rss_from)
    {
      g_printerr ("usage: bench-ui TRAINING-HUB [--starts K≥1] [--visits N≥1] [--rss-from A≥1] [--rss-to B>A]\n");
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  Bench bench = { .starts = 5, .visits = 50, .rss_from = 50, .rss_to = 500 };
  const char *ports = g_getenv ("MADOGUCHI_VPCD_PORTS");
  const char *build_root = g_getenv ("MADOGUCHI_BUILD_ROOT");
  g_autofree char *relative = NULL;
  g_autofree char *floor = NULL;
  GArray **arrays[] = { &bench.start_ms, &bench.total_ms, &bench.read_ms, &bench.pin_ms,
                        &bench.confirm_ms, &bench.render_ms, &bench.frame_wait_ms, &bench.layout_ms,
                        &bench.paint_ms, &bench.detect_ms, &bench.late_ms,
                        &bench.long_ms, &bench.floor_ms, &bench.floor_desk_ms, &bench.whole_ms,
                        &bench.long_whole_ms, &bench.long_layout_ms, &bench.long_paint_ms };

  /* The UI speaks Japanese first, as at the desk. */
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", FALSE);
  /* The application's own choice of renderer, as its main() makes it;
   * the floor runs with GTK's defaults too. */
  bench.original_environ = g_get_environ ();
  mado_renderer_choose ();
  mado_i18n_init ();
  if (!parse_arguments (&bench, &argc, &argv))
    return 2;
  if (bench.card == NULL)
    bench.card = g_strdup ("infant");
  if (ports == NULL || !visit_env_setup (argv[1]))
    {
      g_printerr ("skipped: not inside tests/integration/card-env.sh\n");
      return 77;
    }
  bench.port = (int) g_ascii_strtoll (ports, NULL, 10);
  bench.vcard = g_strdup (g_getenv ("MADOGUCHI_VCARD"));
  if (bench.vcard == NULL)
    bench.vcard = g_build_filename (build_root != NULL ? build_root : ".", "src", "vcard",
                                    "madoguchi-vcard", NULL);
  relative = g_strdup_printf ("cards/%s.profile", bench.card);
  bench.profile = hub_test_pki_path (relative);
  /* The infant's payer number, or the first one the other card's resident has. */
  bench.insurer = g_strcmp0 (bench.card, "infant") == 0 ? "88138243" : NULL;
  if (bench.long_card == NULL)
    bench.long_card = g_strdup ("longhist");
  if (g_strcmp0 (bench.long_card, "none") != 0)
    {
      g_free (relative);
      relative = g_strdup_printf ("cards/%s.profile", bench.long_card);
      bench.long_profile = hub_test_pki_path (relative);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (arrays); i++)
    *arrays[i] = g_array_new (FALSE, FALSE, sizeof (double));

  bench.load_before = mado_test_load_average ();
  floor = g_build_filename (build_root != NULL ? build_root : ".", "tests", "bench", "bench-ui-floor", NULL);
  measure_floor (&bench, floor, NULL, bench.floor_ms);
  measure_floor (&bench, floor, "--as-desk", bench.floor_desk_ms);
  for (int i = 0; i < bench.starts; i++)
    start_once (&bench);
  bench.load_after = mado_test_load_average ();
  report (&bench);

  visit_env_teardown ();
  for (gsize i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_array_unref (*arrays[i]);
  g_free (bench.card);
  g_free (bench.vcard);
  g_free (bench.profile);
  g_free (bench.long_card);
  g_free (bench.long_profile);
  g_free (bench.load_before);
  g_free (bench.load_after);
  g_strfreev (bench.original_environ);
  return 0;
}
