/* mado-json-write.c — the core's one JSON writer, and members for a JsonBuilder
 *
 * The one JSON writer of the core: the bundle the cache stores, the bodies
 * sent to the hub, the evidence the store keeps and the CLI's --json all
 * come out of mado_json_write_to_string().
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "mado-json-escape.h"
#include "mado-json-write-private.h"

void
mado_json_write_string (JsonBuilder *b,
                        const char  *name,
                        const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
mado_json_write_date (JsonBuilder *b,
                      const char  *name,
                      const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return;
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  mado_json_write_string (b, name, text);
}

void
mado_json_write_time (JsonBuilder *b,
                      const char  *name,
                      GDateTime   *time)
{
  g_autofree char *rest = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  /* RFC 3339, as the decoder wants it: g_date_time_format_iso8601() would
   * write an offset as "+09", without its minutes, and "%Y" writes the
   * year 929 as "929" where RFC 3339 needs four digits. */
  if (g_date_time_get_utc_offset (time) == 0)
    rest = g_date_time_format (time, g_date_time_get_microsecond (time) != 0
                                     ? "-%m-%dT%H:%M:%S.%fZ" : "-%m-%dT%H:%M:%SZ");
  else
    rest = g_date_time_format (time, g_date_time_get_microsecond (time) != 0
                                     ? "-%m-%dT%H:%M:%S.%f%:z" : "-%m-%dT%H:%M:%S%:z");
  text = g_strdup_printf ("%04d%s", g_date_time_get_year (time), rest);
  mado_json_write_string (b, name, text);
}

void
mado_json_write_double (JsonBuilder *b,
                        const char  *name,
                        gboolean     present,
                        double       value)
{
  if (!present)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

void
mado_json_write_int (JsonBuilder *b,
                     const char  *name,
                     gboolean     present,
                     gint64       value)
{
  if (!present)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
mado_json_write_bool (JsonBuilder *b,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
mado_json_write_strv (JsonBuilder *b,
                      const char  *name,
                      GStrv        values)
{
  if (values == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

void
mado_json_write_objects (JsonBuilder      *b,
                         const char       *name,
                         GPtrArray        *items,
                         MadoJsonWriteFunc write_item)
{
  if (items == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (b);
      write_item (b, g_ptr_array_index (items, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The shortest text that reads back as the same double: json-glib's own
 * generator always writes 17 digits (37.6 becomes 37.600000000000001),
 * which is correct but not what staff should read. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Integral values as integers: %g would write 3120 as 3.12e+03. */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      static const char * const formats[] = {
        "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
        "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
      };

      g_ascii_formatd (buffer, sizeof buffer, formats[precision - 1], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_indent (GString *out,
              gboolean pretty,
              guint    depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        gboolean  pretty,
                        guint     depth);

static void
write_object (GString    *out,
              JsonObject *object,
              gboolean    pretty,
              guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_indent (out, pretty, depth + 1);
      mado_json_escape_append (out, name);
      g_string_append (out, pretty ? ": " : ":");
      write_node (out, member, pretty, depth + 1);
    }
  if (!first)
    write_indent (out, pretty, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             gboolean   pretty,
             guint      depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_indent (out, pretty, depth + 1);
      write_node (out, json_array_get_element (array, i), pretty, depth + 1);
    }
  if (n > 0)
    write_indent (out, pretty, depth);
  g_string_append_c (out, ']');
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    mado_json_escape_append (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), pretty, depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), pretty, depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * mado_json_write_to_string:
 * @node: any JSON tree
 * @pretty: indent by two spaces, one member per line
 *
 * Like json_generator_to_data(), but numbers are written in their shortest
 * exact form and members keep the order they were added in.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
mado_json_write_to_string (JsonNode *node,
                           gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}
