/* mado-resident-history.c — the vaccinations given, on the resident screen: recent years open, older ones built when opened
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-recorded-doses.h"
#include "mado-resident-history.h"
#include "mado-resident-sections.h"

/* One row of the history, as text: the group it belongs to, then the
 * table's columns. */
enum { COL_GROUP, COL_DOSE, COL_DATE, COL_LOT, COL_SITE, COL_PERFORMER, COL_STATUS, N_COLS };

static const char *
immunization_group_key (const MadoImmunization *given)
{
  return given->vaccine_code_display != NULL ? given->vaccine_code_display : given->vaccine_code;
}

static GStrv
row_of (const MadoImmunization *given)
{
  GStrv row = g_new0 (char *, N_COLS + 1);

  row[COL_GROUP] = g_strdup (immunization_group_key (given));
  row[COL_DOSE] = given->dose_number > 0 ? g_strdup_printf ("%d", given->dose_number) : g_strdup ("");
  row[COL_DATE] = mado_date_format (&given->occurrence_date);
  row[COL_LOT] = g_strdup (given->lot_number != NULL ? given->lot_number : "");
  row[COL_SITE] = g_strdup (given->site != NULL ? given->site : "");
  row[COL_PERFORMER] = g_strdup (given->performer != NULL ? given->performer : "");
  row[COL_STATUS] = g_strdup (g_strcmp0 (given->status, "completed") == 0 ? _("Given")
                              : g_strcmp0 (given->status, "not-done") == 0 ? _("Not done")
                              : _("Entered in error"));
  return row;
}

static void
add_group (GtkBox    *box,
           GPtrArray *rows,
           const char *key)
{
  static const char * const headers[] = {
    N_("Dose"), N_("Date"), N_("Lot"), N_("Site"), N_("Performer"), N_("Status"),
  };
  GtkGrid *table = mado_resident_table_new (headers, G_N_ELEMENTS (headers));
  guint line = 1;

  gtk_box_append (box, mado_resident_label_new (key, "heading"));
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row[COL_GROUP], key) != 0)
        continue;
      for (guint c = COL_DOSE; c < N_COLS; c++)
        mado_resident_table_set (table, line, c - COL_DOSE, row[c]);
      line++;
    }
  gtk_box_append (box, mado_resident_framed (GTK_WIDGET (table)));
}

/* Grouped by vaccine, in the order each vaccine first appears. */
static GtkWidget *
groups_new (GPtrArray *rows)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      const char *key = ((GStrv) g_ptr_array_index (rows, i))[COL_GROUP];

      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) key);
    }
  for (guint i = 0; i < keys->len; i++)
    add_group (GTK_BOX (box), rows, g_ptr_array_index (keys, i));
  return box;
}

static void
expanded_cb (GtkExpander *expander,
             GParamSpec  *pspec,
             gpointer     user_data)
{
  MadoResidentLazyBuild build = (MadoResidentLazyBuild) user_data;
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "mado-lazy-rows");

  (void) pspec;
  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL)
    return;
  gtk_expander_set_child (expander, build (rows));
}

/**
 * mado_resident_history_expander_new:
 * @label: what the closed expander says
 * @name: (nullable): the widget name, for tests
 * @rows: (transfer full): what @build makes its content from
 * @build: makes the content the first time the expander opens
 *
 * Returns: (transfer floating): a closed expander with no content yet
 */
GtkWidget *
mado_resident_history_expander_new (const char            *label,
                                    const char            *name,
                                    GPtrArray             *rows,
                                    MadoResidentLazyBuild  build)
{
  GtkWidget *expander = gtk_expander_new (label);

  gtk_widget_add_css_class (expander, "history-older");
  if (name != NULL)
    gtk_widget_set_name (expander, name);
  g_object_set_data_full (G_OBJECT (expander), "mado-lazy-rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_cb), (gpointer) build);
  return expander;
}

/**
 * mado_resident_history_expander_is_built:
 *
 * Returns: whether the expander's content was made (it was opened)
 */
gboolean
mado_resident_history_expander_is_built (GtkWidget *expander)
{
  g_return_val_if_fail (GTK_IS_EXPANDER (expander), FALSE);

  return gtk_expander_get_child (GTK_EXPANDER (expander)) != NULL;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  guint year_a = GPOINTER_TO_UINT (a), year_b = GPOINTER_TO_UINT (b);

  return year_a < year_b ? 1 : year_a > year_b ? -1 : 0;
}

/* This year and last year open; each earlier year, newest first, closed. */
static void
add_by_year (GtkBox      *section,
             GPtrArray   *rows,
             const GArray *years,
             const GDate *today)
{
  GDateYear recent_from = g_date_get_year (today) - 1;
  g_autoptr(GPtrArray) recent = g_ptr_array_new ();
  g_autoptr(GHashTable) older = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GList) older_years = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      guint year = g_array_index (years, guint, i);
      GPtrArray *bucket;

      if (year >= recent_from)
        {
          g_ptr_array_add (recent, g_ptr_array_index (rows, i));
          continue;
        }
      bucket = g_hash_table_lookup (older, GUINT_TO_POINTER (year));
      if (bucket == NULL)
        {
          bucket = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_hash_table_insert (older, GUINT_TO_POINTER (year), bucket);
        }
      g_ptr_array_add (bucket, g_strdupv (g_ptr_array_index (rows, i)));
    }
  if (recent->len > 0)
    gtk_box_append (section, groups_new (recent));
  older_years = g_list_sort (g_hash_table_get_keys (older), newest_first);
  for (GList *l = older_years; l != NULL; l = l->next)
    {
      guint year = GPOINTER_TO_UINT (l->data);
      GPtrArray *bucket = g_hash_table_lookup (older, l->data);
      g_autofree char *label = NULL;
      g_autofree char *name = g_strdup_printf ("history-year-%u", year);

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u: %u vaccination", "%u: %u vaccinations",
                                            bucket->len), year, bucket->len);
      g_hash_table_steal (older, l->data);
      gtk_box_append (section, mado_resident_history_expander_new (label, name, bucket, groups_new));
    }
}

/**
 * mado_resident_history_add:
 * @section: the vaccination section
 * @today: the day "this year" is of
 *
 * Appends the doses given: today's at this desk first, then the hub's.
 */
void
mado_resident_history_add (GtkBox                   *section,
                           const MadoResidentBundle *bundle,
                           const GDate              *today)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) years = NULL;

  gtk_box_append (section, mado_resident_label_new (_("Vaccinations given"), "title-4"));
  /* Today's doses at this desk, before the hub's history holds them. */
  gtk_box_append (section, mado_recorded_doses_new (bundle->resident_ref));
  if (bundle->immunizations == NULL || bundle->immunizations->len == 0)
    {
      gtk_box_append (section, mado_resident_label_new (_("No vaccination record was shared."),
                                                        "dim-label"));
      return;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  years = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < bundle->immunizations->len; i++)
    {
      const MadoImmunization *given = g_ptr_array_index (bundle->immunizations, i);
      guint year = g_date_valid (&given->occurrence_date) ? g_date_get_year (&given->occurrence_date)
                                                          : G_MAXUINT;

      g_ptr_array_add (rows, row_of (given));
      g_array_append_val (years, year);
    }
  if (rows->len <= MADO_RESIDENT_HISTORY_LONG)
    gtk_box_append (section, groups_new (rows));
  else
    add_by_year (section, rows, years, today);
}
