/* mado-cli-user.c — `madoguchi-cli user add|name|passwd|list|disable|enable|role`
 *
 * Passwords never come from the command line (other users can read it in
 * /proc): they are read from a file descriptor (--password-fd) or from the
 * terminal with echo off, and wiped from memory after use.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "mado-cli.h"
#include "mado-cli-store.h"

#define PASSWORD_MAX 1024

/* Reads one line (without its end) from @fd into @buffer. */
static gboolean
read_line (int    fd,
           char  *buffer,
           gsize  size)
{
  gsize length = 0;

  while (length + 1 < size)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      buffer[length++] = c;
    }
  if (length > 0 && buffer[length - 1] == '\r')
    length--;
  buffer[length] = '\0';
  return length + 1 < size;
}

static gboolean
read_from_terminal (const char *prompt,
                    char       *buffer,
                    gsize       size)
{
  struct termios saved, quiet;
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  gboolean ok;

  if (fd < 0 || tcgetattr (fd, &saved) != 0)
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  if (write (fd, prompt, strlen (prompt)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    {
      close (fd);
      return FALSE;
    }
  ok = read_line (fd, buffer, size);
  tcsetattr (fd, TCSAFLUSH, &saved);
  if (write (fd, "\n", 1) < 0)
    ok = FALSE;
  close (fd);
  return ok;
}

/**
 * mado_cli_user_read_password:
 *
 * Returns: (transfer full) (nullable): a password from @fd or the
 *   terminal, or %NULL after printing why; free it with
 *   mado_cli_user_free_password()
 */
char *
mado_cli_user_read_password (const char *command,
                             int         fd,
                             gboolean    confirm)
{
  char *first = g_malloc0 (PASSWORD_MAX);
  char *second = NULL;
  gboolean ok;

  if (fd >= 0)
    {
      ok = read_line (fd, first, PASSWORD_MAX);
      if (!ok)
        g_printerr (_("madoguchi-cli %s: the password from descriptor %d is too long or unreadable.\n"),
                    command, fd);
    }
  else
    {
      ok = read_from_terminal (_("Password: "), first, PASSWORD_MAX);
      if (ok && confirm)
        {
          second = g_malloc0 (PASSWORD_MAX);
          ok = read_from_terminal (_("The same password again: "), second, PASSWORD_MAX);
          if (ok && strcmp (first, second) != 0)
            {
              g_printerr (_("madoguchi-cli %s: the two passwords differ; nothing was changed.\n"), command);
              ok = FALSE;
            }
          OPENSSL_cleanse (second, PASSWORD_MAX);
          g_free (second);
        }
      else if (!ok)
        g_printerr (_("madoguchi-cli %s: there is no terminal to type the password on. Use --password-fd N.\n"),
                    command);
    }
  if (ok)
    return first;
  OPENSSL_cleanse (first, PASSWORD_MAX);
  g_free (first);
  return NULL;
}

void
mado_cli_user_free_password (char *password)
{
  if (password == NULL)
    return;
  OPENSSL_cleanse (password, strlen (password));
  g_free (password);
}

static int
user_list (MadoStore *store,
           gboolean   json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = mado_store_staff_list (store, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (accounts == NULL)
    return mado_cli_store_fail ("user list", error);
  json_builder_begin_array (b);
  for (guint i = 0; i < accounts->len; i++)
    {
      const MadoStaffAccount *a = g_ptr_array_index (accounts, i);
      g_autofree char *changed = mado_cli_format_time (a->password_changed_at);

      if (!json)
        {
          g_print ("%-20s %-14s %s  %s\n", a->staff_id, mado_staff_role_to_string (a->role),
                   a->disabled ? _("disabled") : _("active"), changed);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, a->staff_id);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, mado_staff_role_to_string (a->role));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, a->display_name);
      json_builder_set_member_name (b, "disabled");
      json_builder_add_boolean_value (b, a->disabled);
      json_builder_set_member_name (b, "passwordChanged");
      json_builder_add_string_value (b, changed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      mado_cli_json_print (root);
    }
  return MADO_EXIT_OK;
}

static int
user_change (MadoStore  *store,
             const char *action,
             const char *staff_id,
             const char *role_name,
             const char *name,
             int         password_fd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *operator_id = mado_cli_operator ();
  g_autofree char *command = g_strconcat ("user ", action, NULL);
  char *password = NULL;
  MadoStaffRole role = MADO_STAFF_ROLE_RECEPTION;
  gboolean ok;

  if ((g_str_equal (action, "add") || g_str_equal (action, "role")) &&
      !mado_staff_role_from_string (role_name, &role))
    return mado_cli_usage_error (command, "%s",
                                 _("--role must be reception, doctor, nurse or administrator"));
  if (g_str_equal (action, "disable"))
    ok = mado_store_staff_disable (store, staff_id, operator_id, &error);
  else if (g_str_equal (action, "enable"))
    ok = mado_store_staff_enable (store, staff_id, operator_id, &error);
  else if (g_str_equal (action, "role"))
    ok = mado_store_staff_set_role (store, staff_id, role, operator_id, &error);
  else if (g_str_equal (action, "name"))
    ok = mado_store_staff_set_name (store, staff_id, name, operator_id, &error);
  else
    {
      password = mado_cli_user_read_password (command, password_fd, TRUE);
      if (password == NULL)
        return mado_error_code_exit_status (MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES);
      if (g_str_equal (action, "add"))
        ok = mado_store_staff_add (store, staff_id, role, password, operator_id, &error);
      else
        ok = mado_store_staff_set_password (store, staff_id, password, operator_id, &error);
      mado_cli_user_free_password (password);
      /* A name given with the account is set in a second step: the
       * account exists already if this fails, and `user name` retries. */
      if (ok && name != NULL && g_str_equal (action, "add"))
        ok = mado_store_staff_set_name (store, staff_id, name, operator_id, &error);
    }
  if (!ok)
    return mado_cli_store_fail (command, error);
  if (g_str_equal (action, "add"))
    g_print (_("Added the %s account %s.\n"), mado_staff_role_to_string (role), staff_id);
  else if (g_str_equal (action, "disable"))
    g_print (_("Disabled the account %s.\n"), staff_id);
  else if (g_str_equal (action, "enable"))
    g_print (_("Enabled the account %s.\n"), staff_id);
  else if (g_str_equal (action, "role"))
    g_print (_("The account %s now has the %s role; it applies from its next sign-in.\n"),
             staff_id, mado_staff_role_to_string (role));
  else if (g_str_equal (action, "name"))
    g_print (_("Set the name records carry for %s.\n"), staff_id);
  else
    g_print (_("Changed the password of %s.\n"), staff_id);
  return MADO_EXIT_OK;
}

int
mado_cli_user (int argc, char **argv)
{
  MadoCliStoreOptions options = { 0, };
  gboolean json = FALSE;
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  int password_fd = -1;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("The account's role: reception, doctor, nurse or administrator"), N_("ROLE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The person's name, as the records they sign carry it"), N_("NAME") },
    { "password-fd", 0, 0, G_OPTION_ARG_INT, &password_fd,
      N_("Read the password from file descriptor N (one line) instead of the terminal"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("List the accounts as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("add ID --role ROLE [--name NAME] | name ID --name NAME | passwd ID | list | disable ID | enable ID | role ID --role ROLE — staff accounts"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  const char *action;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = mado_cli_usage_error ("user", "%s", error->message);
      goto out;
    }
  action = argc >= 2 ? argv[1] : "";
  if (!(g_str_equal (action, "list") && argc == 2) &&
      !((g_str_equal (action, "add") || g_str_equal (action, "passwd") ||
         g_str_equal (action, "disable") || g_str_equal (action, "name") ||
         g_str_equal (action, "enable") || g_str_equal (action, "role")) && argc == 3))
    {
      status = mado_cli_usage_error ("user", "%s",
                                     _("expected “add ID --role ROLE”, “name ID --name NAME”, “passwd ID”, “list”, “disable ID”, “enable ID” or “role ID --role ROLE”"));
      goto out;
    }
  if (g_str_equal (action, "name") && name == NULL)
    {
      status = mado_cli_usage_error ("user name", "%s", _("--name is required"));
      goto out;
    }
  if ((g_str_equal (action, "add") || g_str_equal (action, "role")) && role == NULL)
    {
      status = mado_cli_usage_error (g_str_equal (action, "add") ? "user add" : "user role", "%s",
                                     _("--role is required"));
      goto out;
    }
  store = mado_cli_store_open ("user", &options, &status);
  if (store != NULL)
    status = g_str_equal (action, "list") ? user_list (store, json)
                                          : user_change (store, action, argv[2], role, name, password_fd);
out:
  mado_cli_store_options_clear (&options);
  return status;
}
