/* mado-resident-subsidies.c — the resident screen's 医療費助成 section: one card per certificate
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-resident-format.h"
#include "mado-resident-sections.h"
#include "mado-resident-subsidies.h"

/* How long the copy button says "Copied" before it offers to copy again. */
#define COPIED_FEEDBACK_SECONDS 2

static gboolean
copied_feedback_over_cb (gpointer user_data)
{
  GtkWidget *button = user_data;

  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (button))),
                                "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, g_object_get_data (G_OBJECT (button), "mado-copy-label"));
  gtk_widget_remove_css_class (button, "copied");
  g_object_set_data (G_OBJECT (button), "mado-copied-source", NULL);
  return G_SOURCE_REMOVE;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *number = g_object_get_data (G_OBJECT (button), "mado-number");
  guint source;

  (void) user_data;
  /* The view puts the number on the clipboard and takes it off again
   * when the visit ends (mado_resident_view_clear()). */
  gtk_widget_activate_action (GTK_WIDGET (button), "resident.copy", "s", number);
  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_button_get_child (button)), "emblem-ok-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
  gtk_widget_add_css_class (GTK_WIDGET (button), "copied");
  source = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mado-copied-source"));
  if (source != 0)
    g_source_remove (source);
  source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, COPIED_FEEDBACK_SECONDS,
                                       copied_feedback_over_cb, g_object_ref (button),
                                       g_object_unref);
  g_object_set_data (G_OBJECT (button), "mado-copied-source", GUINT_TO_POINTER (source));
}

static GtkWidget *
number_block_new (const char *caption,
                  const char *number,
                  const char *copy_label,
                  const char *label_name,
                  const char *button_name)
{
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *value = gtk_label_new (number);
  GtkWidget *button = gtk_button_new ();
  g_autofree char *accessible = g_strdup_printf ("%s %s", copy_label, number);

  gtk_box_append (GTK_BOX (block), mado_resident_label_new (caption, "caption-heading"));
  gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
  /* Selectable with the mouse; the copy button is the keyboard's way, so the
   * label takes no focus (a focused selectable label selects itself). */
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_focusable (value, FALSE);
  gtk_widget_add_css_class (value, "subsidy-number");
  gtk_widget_set_name (value, label_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  caption, -1);

  /* The icon is its own image, so the feedback can change it in place. */
  gtk_button_set_child (GTK_BUTTON (button), gtk_image_new_from_icon_name ("edit-copy-symbolic"));
  g_object_set_data_full (G_OBJECT (button), "mado-number", g_strdup (number), g_free);
  gtk_widget_set_name (button, button_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, copy_label);
  g_object_set_data_full (G_OBJECT (button), "mado-copy-label", g_strdup (copy_label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);

  gtk_box_append (GTK_BOX (row), value);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (block), row);
  return block;
}

static void
add_detail (GtkGrid    *grid,
            int         row,
            const char *key,
            const char *value,
            const char *css_class)
{
  GtkWidget *value_label = mado_resident_label_new (value, css_class);

  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, mado_resident_label_new (key, "dim-label"), 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

static GtkWidget *
verdict_new (const MadoSubsidy *subsidy,
             const GDate       *today,
             guint              index)
{
  MadoValidityVerdict verdict = mado_subsidy_validity_on (subsidy, today);
  g_autofree char *words = mado_subsidy_validity_describe (subsidy, today);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (words);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (mado_validity_icon_name (verdict.validity)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "verdict");
  gtk_widget_add_css_class (box, mado_validity_style_class (verdict.validity));
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  mado_resident_set_named (label, "subsidy-validity", index);
  return box;
}

static void
add_number_issues (GtkBox            *card,
                   const MadoSubsidy *subsidy)
{
  g_autoptr(MadoSubsidyCheck) own = NULL;
  const MadoSubsidyCheck *check = subsidy->number_check;

  if (check == NULL)
    check = own = mado_subsidy_number_check (subsidy->medical_subsidy_insurer_number,
                                             subsidy->medical_subsidy_recipient_number);
  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);
      gboolean error = issue->severity == MADO_NUMBER_SEVERITY_ERROR;
      g_autofree char *text = g_strdup_printf (error ? _("Number error: %s") : _("Number warning: %s"),
                                               issue->message);

      gtk_box_append (card, mado_resident_note_new (error ? "dialog-error-symbolic"
                                                          : "dialog-warning-symbolic",
                                                    text, error ? "error" : "warning"));
    }
}

static GtkWidget *
subsidy_details_new (const MadoSubsidy *subsidy,
                     const char        *institution_code)
{
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *period = mado_subsidy_validity_describe_period (subsidy);
  MadoDesignation designation = mado_subsidy_designation_of (subsidy, institution_code);
  g_autofree char *designated = mado_subsidy_designation_describe (designation, institution_code);
  g_autofree char *cap = NULL;
  int row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  add_detail (GTK_GRID (grid), row++, _("Valid"), period, NULL);
  cap = mado_subsidy_validity_describe_cap (subsidy);
  add_detail (GTK_GRID (grid), row++, _("Monthly cap"), cap, "heading");
  if (subsidy->income_segment != NULL)
    add_detail (GTK_GRID (grid), row++, _("Income segment"), subsidy->income_segment, NULL);
  add_detail (GTK_GRID (grid), row++, _("Designated institution"), designated,
              mado_designation_style_class (designation));
  add_detail (GTK_GRID (grid), row++, _("Reimbursement"),
              subsidy->is_always_reimbursement
                ? _("Always reimbursed afterwards: the resident pays first and claims later")
                : _("Applied at the counter"),
              subsidy->is_always_reimbursement ? "warning" : NULL);
  if (subsidy->additional_conditions != NULL && *subsidy->additional_conditions != '\0')
    {
      g_autofree char *conditions = mado_format_conditions (subsidy->additional_conditions);

      add_detail (GTK_GRID (grid), row++, _("Conditions"), conditions, NULL);
    }
  return grid;
}

static GtkWidget *
subsidy_card_new (const MadoSubsidy *subsidy,
                  const char        *institution_code,
                  const GDate       *today,
                  guint              index)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = mado_resident_label_new (subsidy->certification_name, "title-3");
  GtkWidget *numbers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  g_autofree char *programme = mado_programme_describe_payer (subsidy->medical_subsidy_insurer_number);
  char *names[4];

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "subsidy-card");
  mado_resident_set_named (card, "subsidy-card", index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  subsidy->certification_name, -1);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), verdict_new (subsidy, today, index));
  gtk_box_append (GTK_BOX (card), top);

  gtk_box_append (GTK_BOX (card), mado_resident_label_new (programme, "dim-label"));

  names[0] = g_strdup_printf ("%s-%u", "subsidy-insurer", index);
  names[1] = g_strdup_printf ("%s-%u", "subsidy-copy-insurer", index);
  names[2] = g_strdup_printf ("%s-%u", "subsidy-recipient", index);
  names[3] = g_strdup_printf ("%s-%u", "subsidy-copy-recipient", index);
  gtk_box_append (GTK_BOX (numbers),
                  number_block_new (_("Payer number (公費負担者番号)"),
                                    subsidy->medical_subsidy_insurer_number,
                                    _("Copy the payer number"), names[0], names[1]));
  gtk_box_append (GTK_BOX (numbers),
                  number_block_new (_("Recipient number (受給者番号)"),
                                    subsidy->medical_subsidy_recipient_number,
                                    _("Copy the recipient number"), names[2], names[3]));
  gtk_box_append (GTK_BOX (card), numbers);
  gtk_box_append (GTK_BOX (card), subsidy_details_new (subsidy, institution_code));
  add_number_issues (GTK_BOX (card), subsidy);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (names[i]);
  return card;
}

void
mado_resident_subsidies_add (GtkBox                   *box,
                             const MadoResidentBundle *bundle,
                             const char               *institution_code,
                             const GDate              *today)
{
  GtkBox *section = mado_resident_section_new (box, _("Medical expense subsidies"));

  /* domain.md: a declined consent or a lapsed eligibility look the same from
   * here, so the desk never says "not eligible". */
  if (bundle->subsidies == NULL)
    {
      mado_resident_not_shared_add (section, "subsidy-not-shared",
                      _("Not shared today: the resident did not share subsidy certificates. "
                        "Ask for the paper certificate."));
      return;
    }
  if (bundle->subsidies->len == 0)
    {
      mado_resident_not_shared_add (section, "subsidy-not-shared",
                      _("No subsidy certificate came from the hub. "
                        "Ask for the paper certificate."));
      return;
    }
  for (guint i = 0; i < bundle->subsidies->len; i++)
    gtk_box_append (section, subsidy_card_new (g_ptr_array_index (bundle->subsidies, i),
                                               institution_code, today, i));
}
