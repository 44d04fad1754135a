/* mado-window-pages.c — the desk window's visit pages, built after its first frame
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens on the idle page (or the sign-in). The pages of a visit
 * after it (reading, PIN, visual check, consent, working, the resident
 * screen, a problem) are not needed for that first frame, and building
 * them with the window made the start pay for their templates: they are
 * built from their own GtkBuilder file in the idle time after the first
 * frame, so that a card read later finds them ready. Whatever needs them
 * sooner (a card at once, the patient-facing window, a caller of
 * mado_window_get_page()) builds them then.
 */
#include "config.h"

#include "mado-window-private.h"

/* In the order the stack held them when they were in the window's template. */
static const struct {
  const char *name;  /* the page's name in the desk stack */
  const char *id;    /* its object in mado-window-pages.ui */
} visit_pages[] = {
  { "reading", "reading_page" },
  { "pin", "pin_page" },
  { "visual", "visual_page" },
  { "consent", "consent_page" },
  { "working", "working_page" },
  { "resident", "resident_page" },
  { "problem", "problem_page" },
};

static gpointer
built_object (GtkBuilder *builder,
              const char *id)
{
  GObject *object = gtk_builder_get_object (builder, id);

  if (object == NULL)
    g_error ("mado-window-pages.ui has no object %s", id);
  return object;
}

static void
take_pages (MadoWindow *self,
            GtkBuilder *builder)
{
  const MadoSiteConfig *config = mado_desk_get_site_config (self->desk);

  self->pin_page = built_object (builder, "pin_page");
  self->visual_page = built_object (builder, "visual_page");
  self->consent_page = built_object (builder, "consent_page");
  self->resident_view = built_object (builder, "resident_view");
  self->done_button = built_object (builder, "done_button");
  self->problem_page = built_object (builder, "problem_page");
  self->problem_hint_label = built_object (builder, "problem_hint_label");
  self->problem_done_button = built_object (builder, "problem_done_button");
  mado_visual_check_page_set_desk (self->visual_page, self->desk);
  mado_resident_view_set_terminal_id (self->resident_view, config != NULL ? config->terminal_id : NULL);
}

/**
 * mado_window_pages_ensure:
 *
 * Builds the visit pages into the desk stack unless they are there.
 *
 * Returns: %TRUE if they were built now
 */
gboolean
mado_window_pages_ensure (MadoWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;

  if (self->pin_page != NULL || self->desk_stack == NULL)
    return FALSE;
  g_clear_pointer (&self->pages_watch, mado_first_frame_free);
  builder = gtk_builder_new ();
  scope = mado_window_page_scope_new ();
  gtk_builder_set_scope (builder, scope);
  /* The swapped handlers of the .ui get the window. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, APPLICATION_PATH "/ui/mado-window-pages.ui", &error))
    g_error ("building the visit pages: %s", error->message);
  for (gsize i = 0; i < G_N_ELEMENTS (visit_pages); i++)
    gtk_stack_add_named (self->desk_stack, built_object (builder, visit_pages[i].id), visit_pages[i].name);
  take_pages (self, builder);
  return TRUE;
}

static void
build_pages_cb (gpointer data)
{
  mado_window_pages_ensure (data);
}

/**
 * mado_window_pages_build_later:
 *
 * Builds the visit pages in the idle time after the window's first frame.
 */
void
mado_window_pages_build_later (MadoWindow *self)
{
  self->pages_watch = mado_first_frame_new (GTK_WIDGET (self), 0, build_pages_cb, self);
}

/**
 * mado_window_pages_reset:
 *
 * A visit's end: the PIN page forgets its PIN and the resident screen its
 * resident. Pages not built yet hold nothing.
 */
void
mado_window_pages_reset (MadoWindow *self)
{
  if (self->pin_page == NULL)
    return;
  mado_pin_page_reset (self->pin_page);
  mado_resident_view_clear (self->resident_view);
}

/**
 * mado_window_pages_cancel:
 *
 * The window goes: nothing is built for it any more.
 */
void
mado_window_pages_cancel (MadoWindow *self)
{
  g_clear_pointer (&self->pages_watch, mado_first_frame_free);
}
