/* mado-staff-admin-roles.c — staff roles in the desk's language
 *
 * The kebab-case names (mado_staff_role_to_string()) are for logs and the
 * CLI; staff read these. Lists offer the roles in the order a clinic adds
 * its people: reception first, administrator last.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-staff-admin-roles.h"

static const MadoStaffRole order[] = {
  MADO_STAFF_ROLE_RECEPTION,
  MADO_STAFF_ROLE_DOCTOR,
  MADO_STAFF_ROLE_NURSE,
  MADO_STAFF_ROLE_ADMINISTRATOR,
};

/**
 * mado_staff_admin_roles_words:
 * @role: a role
 *
 * Returns: (transfer none): the role, translated
 */
const char *
mado_staff_admin_roles_words (MadoStaffRole role)
{
  switch (role)
    {
    case MADO_STAFF_ROLE_DOCTOR:
      return _("doctor");
    case MADO_STAFF_ROLE_NURSE:
      return _("nurse");
    case MADO_STAFF_ROLE_ADMINISTRATOR:
      return _("administrator");
    case MADO_STAFF_ROLE_RECEPTION:
    default:
      return _("reception");
    }
}

/**
 * mado_staff_admin_roles_model:
 *
 * Returns: (transfer full): the roles' words, in the order of
 *   mado_staff_admin_roles_at()
 */
GtkStringList *
mado_staff_admin_roles_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    gtk_string_list_append (list, mado_staff_admin_roles_words (order[i]));
  return list;
}

/**
 * mado_staff_admin_roles_at:
 * @position: a position in mado_staff_admin_roles_model()
 *
 * Returns: the role there; reception, which grants least, for any other
 */
MadoStaffRole
mado_staff_admin_roles_at (guint position)
{
  return position < G_N_ELEMENTS (order) ? order[position] : MADO_STAFF_ROLE_RECEPTION;
}

/**
 * mado_staff_admin_roles_index:
 * @role: a role
 *
 * Returns: its position in mado_staff_admin_roles_model()
 */
guint
mado_staff_admin_roles_index (MadoStaffRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] == role)
      return i;
  return 0;
}
