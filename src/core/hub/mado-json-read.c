/* mado-json-read.c — strict reading of hub JSON, member by member, with the JSON path
 *
 * Every answer of the hub goes through mado_json_guard_check() (depth,
 * duplicates, UTF-8, RFC 8259 grammar) before json-glib builds a tree, then
 * through a field-by-field decoder built of these functions: each checks
 * presence, JSON type, range and format, and names the JSON path of the
 * first violation in a %MADO_HUB_ERROR_MALFORMED_RESPONSE. The decoders
 * refuse the whole answer on any violation: nothing partially decoded ever
 * leaves them.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "mado-display-text.h"
#include "mado-hub-decode.h"
#include "mado-json-guard.h"
#include "mado-json-read-private.h"
#include "mado-date.h"

void
mado_json_read_clear (MadoJsonRead *ctx)
{
  g_string_free (ctx->path, TRUE);
}

/* Returns the root object's node; the text passed the guard. */
JsonNode *
mado_json_read_root (const char *data,
                     gsize       length,
                     GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length > MADO_HUB_MAX_BODY_BYTES)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_RESPONSE_TOO_LARGE,
                   "$: %" G_GSIZE_FORMAT " bytes, over the bound of %d", length,
                   MADO_HUB_MAX_BODY_BYTES);
      return NULL;
    }
  if (!mado_json_guard_check (data, length, MADO_JSON_GUARD_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "$: not JSON (%s)", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "$: expected an object");
      return NULL;
    }
  return json_node_ref (root);
}

gboolean
mado_json_read_fail (MadoJsonRead *ctx,
                     const char   *member,
                     const char   *format,
                     ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->error != NULL && *ctx->error != NULL)
    return FALSE;
  g_set_error (ctx->error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
               "%s%s%s: %s", ctx->path->str, member != NULL ? "." : "",
               member != NULL ? member : "", why);
  return FALSE;
}

gsize
mado_json_read_enter_member (MadoJsonRead *ctx,
                             const char   *name)
{
  gsize mark = ctx->path->len;

  g_string_append_printf (ctx->path, ".%s", name);
  return mark;
}

static gsize
enter_index (MadoJsonRead *ctx,
             guint         index)
{
  gsize mark = ctx->path->len;

  g_string_append_printf (ctx->path, "[%u]", index);
  return mark;
}

void
mado_json_read_leave (MadoJsonRead *ctx,
                      gsize         mark)
{
  g_string_truncate (ctx->path, mark);
}

/* Sets *out to the member's node, or NULL when it is absent or null. */
gboolean
mado_json_read_node (MadoJsonRead    *ctx,
                     JsonObject      *object,
                     const char      *name,
                     MadoJsonPresence presence,
                     JsonNode       **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (presence == MADO_JSON_REQUIRED)
        return mado_json_read_fail (ctx, name, "required member missing");
      return TRUE;
    }
  *out = node;
  return TRUE;
}

static gboolean
value_node (MadoJsonRead    *ctx,
            JsonObject      *object,
            const char      *name,
            MadoJsonPresence presence,
            GType            type,
            const char      *type_name,
            JsonNode       **out)
{
  if (!mado_json_read_node (ctx, object, name, presence, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (*out) || json_node_get_value_type (*out) != type)
    return mado_json_read_fail (ctx, name, "expected %s", type_name);
  return TRUE;
}

static gboolean
text_is_clean (const char  *text,
               MadoJsonText kind)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7F)
        {
          if (kind == MADO_JSON_TEXT_FREE && (c == '\n' || c == '\t' || c == '\r'))
            continue;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_string (MadoJsonRead *ctx,
              const char   *member,
              const char   *text,
              guint         max_chars,
              MadoJsonText  kind)
{
  glong n;

  if (!g_utf8_validate (text, -1, NULL))
    return mado_json_read_fail (ctx, member, "not valid UTF-8");
  n = g_utf8_strlen (text, -1);
  if (n == 0)
    return mado_json_read_fail (ctx, member, "empty string");
  if ((gulong) n > max_chars)
    return mado_json_read_fail (ctx, member, "longer than %u characters", max_chars);
  if (!text_is_clean (text, kind))
    return mado_json_read_fail (ctx, member, "control character");
  return TRUE;
}

static gboolean
peek_string (MadoJsonRead    *ctx,
             JsonObject      *object,
             const char      *name,
             MadoJsonPresence presence,
             guint            max_chars,
             MadoJsonText     kind,
             const char     **out)
{
  JsonNode *node;

  *out = NULL;
  if (!value_node (ctx, object, name, presence, G_TYPE_STRING, "a string", &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* An optional empty string says nothing: as good as absent. */
  if (presence == MADO_JSON_OPTIONAL && *json_node_get_string (node) == '\0')
    return TRUE;
  if (!check_string (ctx, name, json_node_get_string (node), max_chars, kind))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

/* What the decoders keep of the hub's text is what may be shown: the
 * controls refused above are malformed, the rest (C1, bidi) neutralised. */
static char *
sanitize (const char  *text,
          MadoJsonText kind)
{
  return mado_display_text_sanitize (text, -1, kind == MADO_JSON_TEXT_FREE
                                               ? MADO_DISPLAY_TEXT_LINES : MADO_DISPLAY_TEXT_LINE);
}

gboolean
mado_json_read_string (MadoJsonRead    *ctx,
                       JsonObject      *object,
                       const char      *name,
                       MadoJsonPresence presence,
                       guint            max_chars,
                       MadoJsonText     kind,
                       char           **out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, max_chars, kind, &text))
    return FALSE;
  g_free (*out);
  *out = text != NULL ? sanitize (text, kind) : NULL;
  return TRUE;
}

gboolean
mado_json_read_enum (MadoJsonRead      *ctx,
                     JsonObject        *object,
                     const char        *name,
                     MadoJsonPresence   presence,
                     const char *const *allowed,
                     int               *out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, 64, MADO_JSON_TEXT_LINE, &text))
    return FALSE;
  *out = -1;
  if (text == NULL)
    return TRUE;
  for (int i = 0; allowed[i] != NULL; i++)
    if (strcmp (allowed[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return mado_json_read_fail (ctx, name, "not one of the allowed values");
}

gboolean
mado_json_read_bool (MadoJsonRead    *ctx,
                     JsonObject      *object,
                     const char      *name,
                     MadoJsonPresence presence,
                     gboolean         fallback,
                     gboolean        *out)
{
  JsonNode *node;

  *out = fallback;
  if (!value_node (ctx, object, name, presence, G_TYPE_BOOLEAN, "true or false", &node))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
mado_json_read_int (MadoJsonRead    *ctx,
                    JsonObject      *object,
                    const char      *name,
                    MadoJsonPresence presence,
                    gint64           min,
                    gint64           max,
                    gboolean        *present,
                    gint64          *out)
{
  JsonNode *node;
  gint64 value;

  *present = FALSE;
  if (!value_node (ctx, object, name, presence, G_TYPE_INT64, "an integer", &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    return mado_json_read_fail (ctx, name, "outside %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, min,
                                max);
  *present = TRUE;
  *out = value;
  return TRUE;
}

/* Bounds are inclusive; a value must be finite whatever they are. */
gboolean
mado_json_read_double (MadoJsonRead    *ctx,
                       JsonObject      *object,
                       const char      *name,
                       MadoJsonPresence presence,
                       double           min,
                       double           max,
                       gboolean        *present,
                       double          *out)
{
  JsonNode *node;
  double value;

  *present = FALSE;
  if (!mado_json_read_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return mado_json_read_fail (ctx, name, "expected a number");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return mado_json_read_fail (ctx, name, "expected a number");
  if (!isfinite (value))
    return mado_json_read_fail (ctx, name, "not a finite number");
  if (value < min || value > max)
    return mado_json_read_fail (ctx, name, "outside %g–%g", min, max);
  *present = TRUE;
  *out = value;
  return TRUE;
}

gboolean
mado_json_read_date (MadoJsonRead    *ctx,
                     JsonObject      *object,
                     const char      *name,
                     MadoJsonPresence presence,
                     GDate           *out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, 10, MADO_JSON_TEXT_LINE, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!mado_date_parse_iso (text, out))
    return mado_json_read_fail (ctx, name, "not a calendar date (YYYY-MM-DD)");
  return TRUE;
}

/* RFC 3339 date-time: full-date "T" partial-time time-offset, nothing else
 * (GLib's ISO 8601 parser alone would also take week dates and the like). */
static gboolean
is_rfc3339 (const char *text)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd";
  GDate date;
  char day[11];
  const char *p;
  gsize i;

  for (i = 0; shape[i] != '\0'; i++)
    {
      char c = text[i];

      if (c == '\0')
        return FALSE;
      if (shape[i] == 'd' ? !g_ascii_isdigit (c)
                          : shape[i] == 'T' ? (c != 'T' && c != 't') : c != shape[i])
        return FALSE;
    }
  memcpy (day, text, 10);
  day[10] = '\0';
  if (!mado_date_parse_iso (day, &date))
    return FALSE;
  p = text + i;
  if (*p == '.')
    {
      gsize n = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        n++;
      if (n == 0 || n > 9)
        return FALSE;
    }
  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';
  if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      p[3] == ':' && g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0')
    return TRUE;
  return FALSE;
}

gboolean
mado_json_read_time (MadoJsonRead    *ctx,
                     JsonObject      *object,
                     const char      *name,
                     MadoJsonPresence presence,
                     GDateTime      **out)
{
  const char *text;
  GDateTime *time;

  if (!peek_string (ctx, object, name, presence, 40, MADO_JSON_TEXT_LINE, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!is_rfc3339 (text) || (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return mado_json_read_fail (ctx, name, "not an RFC 3339 time");
  g_clear_pointer (out, g_date_time_unref);
  *out = time;
  return TRUE;
}

gboolean
mado_json_read_object (MadoJsonRead    *ctx,
                       JsonObject      *object,
                       const char      *name,
                       MadoJsonPresence presence,
                       JsonObject     **out)
{
  JsonNode *node;

  *out = NULL;
  if (!mado_json_read_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mado_json_read_fail (ctx, name, "expected an object");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (MadoJsonRead    *ctx,
            JsonObject      *object,
            const char      *name,
            MadoJsonPresence presence,
            guint            max_length,
            JsonArray      **out)
{
  JsonNode *node;

  *out = NULL;
  if (!mado_json_read_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return mado_json_read_fail (ctx, name, "expected an array");
  if (json_array_get_length (json_node_get_array (node)) > max_length)
    return mado_json_read_fail (ctx, name, "more than %u elements", max_length);
  *out = json_node_get_array (node);
  return TRUE;
}

/* An array of strings, each checked. Absent gives NULL, or an empty vector
 * when @empty_if_absent. */
gboolean
mado_json_read_string_array (MadoJsonRead       *ctx,
                             JsonObject         *object,
                             const char         *name,
                             guint               max_length,
                             guint               max_chars,
                             MadoJsonCheckString check,
                             gboolean            empty_if_absent,
                             GStrv              *out)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;
  gsize mark;

  if (!read_array (ctx, object, name, MADO_JSON_OPTIONAL, max_length, &array))
    return FALSE;
  if (array == NULL && !empty_if_absent)
    return TRUE;
  builder = g_strv_builder_new ();
  mark = mado_json_read_enter_member (ctx, name);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize index_mark = enter_index (ctx, i);
      g_autofree char *safe = NULL;
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return mado_json_read_fail (ctx, NULL, "expected a string");
      text = json_node_get_string (node);
      if (!check_string (ctx, NULL, text, max_chars, MADO_JSON_TEXT_LINE))
        return FALSE;
      if (check != NULL && !check (text))
        return mado_json_read_fail (ctx, NULL, "not in the required format");
      safe = sanitize (text, MADO_JSON_TEXT_LINE);
      g_strv_builder_add (builder, safe);
      mado_json_read_leave (ctx, index_mark);
    }
  mado_json_read_leave (ctx, mark);
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* An array of objects, each decoded by @decode into a GPtrArray. */
gboolean
mado_json_read_object_array (MadoJsonRead      *ctx,
                             JsonObject        *object,
                             const char        *name,
                             MadoJsonPresence   presence,
                             guint              max_length,
                             MadoJsonDecodeFunc decode,
                             GDestroyNotify     free_func,
                             GPtrArray        **out)
{
  JsonArray *array;
  g_autoptr(GPtrArray) result = NULL;
  gsize mark;

  if (!read_array (ctx, object, name, presence, max_length, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  result = g_ptr_array_new_with_free_func (free_func);
  mark = mado_json_read_enter_member (ctx, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize index_mark = enter_index (ctx, i);
      gpointer element;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return mado_json_read_fail (ctx, NULL, "expected an object");
      element = decode (ctx, json_node_get_object (node));
      if (element == NULL)
        return FALSE;
      g_ptr_array_add (result, element);
      mado_json_read_leave (ctx, index_mark);
    }
  mado_json_read_leave (ctx, mark);
  if (*out != NULL)
    g_ptr_array_unref (*out);
  *out = g_steal_pointer (&result);
  return TRUE;
}
