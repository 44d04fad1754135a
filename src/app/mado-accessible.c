/* mado-accessible.c — names for screen readers: buttons announced without their mnemonic underscore
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a button whose label has a mnemonic ("_Done (Esc)") that
 * label, underscore and all, as its accessible name, so a screen reader
 * reads "underscore Done". One emission hook, installed at start-up, sets
 * every such button's name to the label as shown instead.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "mado-accessible.h"

/* The label as the button shows it: "_" marks the mnemonic, "__" is a
 * literal underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *shown = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (shown, *p);
    }
  return g_string_free (shown, FALSE);
}

static void
name_from_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *shown = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button))
    return;
  shown = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown, -1);
}

/* GObject's notify takes no emission hooks: a button is found when it is
 * first mapped, named then, and named again whenever its label changes. */
static gboolean
widget_mapped (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  (void) hint;
  (void) n_values;
  (void) user_data;
  if (!GTK_IS_BUTTON (object))
    return TRUE;
  if (g_object_get_data (object, "mado-accessible-named") == NULL)
    {
      g_object_set_data (object, "mado-accessible-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (object, "notify::label", G_CALLBACK (name_from_label), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (name_from_label), NULL);
    }
  name_from_label (GTK_BUTTON (object));
  return TRUE;
}

/**
 * mado_accessible_init:
 *
 * Installs the hook, once per process; call before any window is shown.
 */
void
mado_accessible_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does. */
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);
      guint map = g_signal_lookup ("map", GTK_TYPE_WIDGET);

      g_type_class_unref (klass);
      g_signal_add_emission_hook (map, 0, widget_mapped, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
