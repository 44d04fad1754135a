/* mado-first-frame.c — work that waits for a window's first frame
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a window does not need for its first frame (the visit pages, the
 * desk's worker threads) would share the machine's cores with it: it runs
 * in the main loop's idle time after the frame clock's after-paint of the
 * widget's first frame instead, or after a limit when no frame comes (a
 * window kept hidden still gets its desk).
 */
#include "config.h"

#include "mado-first-frame.h"

struct _MadoFirstFrame
{
  GtkWidget       *widget;   /* weak */
  GdkFrameClock   *clock;    /* while its after-paint is awaited */
  gulong           realize_handler;
  gulong           paint_handler;
  guint            source_id;
  GSourceOnceFunc  func;
  gpointer         data;
};

static void
stop_watching (MadoFirstFrame *self)
{
  if (self->clock != NULL)
    {
      g_clear_signal_handler (&self->paint_handler, self->clock);
      g_clear_object (&self->clock);
    }
  if (self->widget != NULL)
    {
      g_clear_signal_handler (&self->realize_handler, self->widget);
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      self->widget = NULL;
    }
}

static void
run_cb (gpointer data)
{
  MadoFirstFrame *self = data;

  self->source_id = 0;
  stop_watching (self);
  self->func (self->data);
}

static void
after_paint_cb (GdkFrameClock  *clock,
                MadoFirstFrame *self)
{
  g_clear_signal_handler (&self->paint_handler, self->clock);
  g_clear_object (&self->clock);
  g_clear_handle_id (&self->source_id, g_source_remove);
  self->source_id = g_idle_add_once (run_cb, self);
}

static void
watch_clock (MadoFirstFrame *self)
{
  g_clear_signal_handler (&self->realize_handler, self->widget);
  self->clock = g_object_ref (gtk_widget_get_frame_clock (self->widget));
  self->paint_handler = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
}

static void
realize_cb (GtkWidget      *widget,
            MadoFirstFrame *self)
{
  watch_clock (self);
}

/**
 * mado_first_frame_new:
 * @widget: a widget of the window whose first frame is awaited
 * @latest_ms: run @func after this many milliseconds if no frame was
 *   painted by then; 0 to wait for the frame however long
 * @func: called once, in the main loop's idle time after the first frame;
 *   it may free the watch
 *
 * Returns: (transfer full): the watch; mado_first_frame_free() stops it if
 *   @func has not run yet (a widget's owner frees it in its dispose)
 */
MadoFirstFrame *
mado_first_frame_new (GtkWidget       *widget,
                      guint            latest_ms,
                      GSourceOnceFunc  func,
                      gpointer         data)
{
  MadoFirstFrame *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_new0 (MadoFirstFrame, 1);
  self->func = func;
  self->data = data;
  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);
  if (gtk_widget_get_realized (widget))
    watch_clock (self);
  else
    self->realize_handler = g_signal_connect (widget, "realize", G_CALLBACK (realize_cb), self);
  if (latest_ms > 0)
    self->source_id = g_timeout_add_once (latest_ms, run_cb, self);
  return self;
}

void
mado_first_frame_free (MadoFirstFrame *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->source_id, g_source_remove);
  stop_watching (self);
  g_free (self);
}
