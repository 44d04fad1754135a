/* mado-cli-json-writer.c — the --json output of the card commands, written without json-glib
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card commands run in the small madoguchi-cli (main-front.c), which
 * starts once per proof: json-glib would bring GIO, and GIO libmount,
 * libselinux and libblkid, whose loading and relocation cost every proof
 * more CPU than writing a few members takes. This writer streams the same
 * text json-glib's pretty generator makes (two-space indent, `"name" : `,
 * an empty object as `{` and the indent and `}`, an empty array as `[]`),
 * so scripts see byte for byte what they saw, except where that text was
 * not JSON: U+001F is escaped too, and bytes that are not UTF-8 (a reader
 * name from pcscd, say) become U+FFFD.
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-cli-json-writer.h"

typedef struct {
  gboolean is_array;
  guint    count;         /* values written into it so far */
} Container;

struct _MadoCliJsonWriter {
  GString   *text;
  GArray    *stack;       /* of Container, the innermost last */
  char      *member;      /* the name of the next value in an object */
};

MadoCliJsonWriter *
mado_cli_json_writer_new (void)
{
  MadoCliJsonWriter *self = g_new0 (MadoCliJsonWriter, 1);

  self->text = g_string_new (NULL);
  self->stack = g_array_new (FALSE, FALSE, sizeof (Container));
  return self;
}

void
mado_cli_json_writer_free (MadoCliJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_array_unref (self->stack);
  g_free (self->member);
  g_free (self);
}

static void
write_indent (GString *out,
              guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Separator, indent and member name before a value. */
static void
begin_value (MadoCliJsonWriter *self)
{
  Container *in;

  if (self->stack->len == 0)
    return;
  in = &g_array_index (self->stack, Container, self->stack->len - 1);
  g_string_append (self->text, in->count > 0 ? ",\n" : "\n");
  write_indent (self->text, self->stack->len);
  in->count++;
  if (!in->is_array)
    {
      g_return_if_fail (self->member != NULL);
      mado_json_escape_append (self->text, self->member);
      g_string_append (self->text, " : ");
      g_clear_pointer (&self->member, g_free);
    }
}

static void
begin_container (MadoCliJsonWriter *self,
                 gboolean           is_array)
{
  Container container = { is_array, 0 };

  begin_value (self);
  g_string_append_c (self->text, is_array ? '[' : '{');
  g_array_append_val (self->stack, container);
}

static void
end_container (MadoCliJsonWriter *self,
               gboolean           is_array)
{
  Container in;

  g_return_if_fail (self->stack->len > 0);
  in = g_array_index (self->stack, Container, self->stack->len - 1);
  g_return_if_fail (in.is_array == is_array);
  g_array_set_size (self->stack, self->stack->len - 1);
  if (in.count > 0)
    {
      g_string_append_c (self->text, '\n');
      write_indent (self->text, self->stack->len);
    }
  else if (!is_array)
    write_indent (self->text, self->stack->len);
  g_string_append_c (self->text, is_array ? ']' : '}');
}

void
mado_cli_json_writer_begin_object (MadoCliJsonWriter *self)
{
  begin_container (self, FALSE);
}

void
mado_cli_json_writer_end_object (MadoCliJsonWriter *self)
{
  end_container (self, FALSE);
}

void
mado_cli_json_writer_begin_array (MadoCliJsonWriter *self)
{
  begin_container (self, TRUE);
}

void
mado_cli_json_writer_end_array (MadoCliJsonWriter *self)
{
  end_container (self, TRUE);
}

void
mado_cli_json_writer_member (MadoCliJsonWriter *self,
                             const char        *name)
{
  g_free (self->member);
  self->member = g_strdup (name);
}

/* A string, or null for NULL. */
void
mado_cli_json_writer_string (MadoCliJsonWriter *self,
                             const char        *value)
{
  begin_value (self);
  if (value != NULL)
    mado_json_escape_append (self->text, value);
  else
    g_string_append (self->text, "null");
}

void
mado_cli_json_writer_int (MadoCliJsonWriter *self,
                          gint64             value)
{
  begin_value (self);
  g_string_append_printf (self->text, "%" G_GINT64_FORMAT, value);
}

void
mado_cli_json_writer_boolean (MadoCliJsonWriter *self,
                              gboolean           value)
{
  begin_value (self);
  g_string_append (self->text, value ? "true" : "false");
}

void
mado_cli_json_writer_null (MadoCliJsonWriter *self)
{
  begin_value (self);
  g_string_append (self->text, "null");
}

/* Returns: (transfer full): the text written, once every container is closed */
char *
mado_cli_json_writer_finish (MadoCliJsonWriter *self)
{
  g_return_val_if_fail (self->stack->len == 0, NULL);
  return g_strdup (self->text->str);
}

/* The text and a newline on stdout, as the commands print it. */
void
mado_cli_json_writer_print (MadoCliJsonWriter *self)
{
  g_autofree char *text = mado_cli_json_writer_finish (self);

  g_print ("%s\n", text);
}

void
mado_cli_json_writer_add_string (MadoCliJsonWriter *self,
                                 const char        *name,
                                 const char        *value)
{
  mado_cli_json_writer_member (self, name);
  mado_cli_json_writer_string (self, value);
}

void
mado_cli_json_writer_add_int (MadoCliJsonWriter *self,
                              const char        *name,
                              gint64             value)
{
  mado_cli_json_writer_member (self, name);
  mado_cli_json_writer_int (self, value);
}

void
mado_cli_json_writer_add_boolean (MadoCliJsonWriter *self,
                                  const char        *name,
                                  gboolean           value)
{
  mado_cli_json_writer_member (self, name);
  mado_cli_json_writer_boolean (self, value);
}

/* The "error" member every command's --json failure carries. */
void
mado_cli_json_writer_add_error (MadoCliJsonWriter *self,
                                const GError      *error)
{
  mado_cli_json_writer_member (self, "error");
  mado_cli_json_writer_begin_object (self);
  mado_cli_json_writer_add_string (self, "code", mado_error_name (error));
  mado_cli_json_writer_add_string (self, "message", error->message);
  mado_cli_json_writer_add_int (self, "exitStatus", mado_error_exit_status (error));
  mado_cli_json_writer_end_object (self);
}
