/* mado-json-guard.c — a strict, non-recursive JSON check before json-glib sees the text
 *
 * json-glib 1.6 parses recursively (10,000 nested arrays would exhaust a
 * thread's stack), keeps the last of duplicate object members without a word,
 * and accepts more than RFC 8259 (comments, NaN-like identifiers). This pass
 * walks the text once with an explicit, bounded stack and refuses all of that,
 * naming the JSON path of the offending member, so that json-glib only ever
 * builds trees from text already known to be plain, shallow JSON.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-display-text.h"
#include "mado-hub-error.h"
#include "mado-json-guard.h"

typedef struct {
  gboolean    is_object;
  GHashTable *keys;        /* objects: members seen so far */
  char       *key;         /* objects: the member being read */
  guint       index;       /* arrays: the element being read */
} Frame;

typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  Frame      *stack;
  guint       depth;
  guint       max_depth;
  GError    **error;
} Guard;

typedef enum {
  WANT_VALUE,
  WANT_VALUE_OR_END,
  WANT_KEY,
  WANT_KEY_OR_END,
  AFTER_VALUE,
} State;

/* Member names are the hub's text: the error that quotes them reaches logs
 * and screens, so they are sanitised like every other string. */
static void
append_key (GString    *path,
            const char *key)
{
  g_autofree char *safe = mado_display_text_sanitize (key, -1, MADO_DISPLAY_TEXT_LINE);

  g_string_append_printf (path, ".%s", safe);
}

static char *
path_of (Guard *g)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < g->depth; i++)
    {
      if (g->stack[i].is_object)
        {
          if (g->stack[i].key != NULL)
            append_key (path, g->stack[i].key);
        }
      else
        g_string_append_printf (path, "[%u]", g->stack[i].index);
    }
  return g_string_free (path, FALSE);
}

static gboolean
fail (Guard      *g,
      const char *why)
{
  g_autofree char *path = path_of (g);

  g_set_error (g->error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
               "%s: %s (at byte %" G_GSIZE_FORMAT ")", path, why, g->pos);
  return FALSE;
}

static void
skip_space (Guard *g)
{
  while (g->pos < g->length)
    {
      char c = g->data[g->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      g->pos++;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Guard    *g,
           gunichar *out)
{
  gunichar value = 0;

  if (g->length - g->pos < 4)
    return fail (g, "truncated \\u escape");
  for (guint i = 0; i < 4; i++)
    {
      int v = hex_value (g->data[g->pos + i]);

      if (v < 0)
        return fail (g, "bad \\u escape");
      value = (value << 4) | (gunichar) v;
    }
  g->pos += 4;
  *out = value;
  return TRUE;
}

/* At g->pos, just after a backslash and a 'u'. */
static gboolean
read_unicode_escape (Guard    *g,
                     gunichar *out)
{
  gunichar c, low;

  if (!read_hex4 (g, &c))
    return FALSE;
  if (c >= 0xDC00 && c <= 0xDFFF)
    return fail (g, "lone low surrogate");
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (g->length - g->pos < 2 || g->data[g->pos] != '\\' || g->data[g->pos + 1] != 'u')
        return fail (g, "lone high surrogate");
      g->pos += 2;
      if (!read_hex4 (g, &low))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return fail (g, "lone high surrogate");
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  if (c == 0)
    return fail (g, "\\u0000 in a string");
  *out = c;
  return TRUE;
}

/* At g->pos, on the opening quote. When @decoded is not NULL the string's
 * value is collected there (object keys), bounded. The whole input was
 * already checked to be valid UTF-8 without NUL bytes. */
static gboolean
read_string (Guard   *g,
             GString *decoded)
{
  g->pos++;
  while (g->pos < g->length)
    {
      guchar c = (guchar) g->data[g->pos];

      if (c == '"')
        {
          g->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (g, "control character in a string");
      if (c == '\\')
        {
          char e;
          gunichar u = 0;

          if (g->pos + 1 >= g->length)
            break;
          e = g->data[g->pos + 1];
          g->pos += 2;
          switch (e)
            {
            case '"': u = '"'; break;
            case '\\': u = '\\'; break;
            case '/': u = '/'; break;
            case 'b': u = '\b'; break;
            case 'f': u = '\f'; break;
            case 'n': u = '\n'; break;
            case 'r': u = '\r'; break;
            case 't': u = '\t'; break;
            case 'u':
              if (!read_unicode_escape (g, &u))
                return FALSE;
              break;
            default:
              return fail (g, "bad escape in a string");
            }
          if (decoded != NULL)
            g_string_append_unichar (decoded, u);
        }
      else
        {
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          g->pos++;
        }
      if (decoded != NULL && decoded->len > MADO_JSON_GUARD_MAX_KEY_BYTES)
        return fail (g, "member name too long");
    }
  return fail (g, "unterminated string");
}

/* Beyond the smallest subnormal double's 324 zeros, nothing is a number. */
#define MAX_FRACTION_DIGITS (324 + 17)

static gsize
count_digits (Guard *g)
{
  gsize start = g->pos;

  while (g->pos < g->length && g_ascii_isdigit (g->data[g->pos]))
    g->pos++;
  return g->pos - start;
}

/* The zeros that open the @n fraction digits just read, when the integer
 * part is 0: 0.0123 has three significant digits, not four. */
static gsize
leading_zeros (Guard   *g,
               gsize    n,
               gboolean integer_is_zero)
{
  gsize zeros = 0;

  if (!integer_is_zero)
    return 0;
  while (zeros < n && g->data[g->pos - n + zeros] == '0')
    zeros++;
  return zeros;
}

/* RFC 8259 numbers only; more than 17 significant digits in either part
 * cannot be represented exactly by either of json-glib's number types. The
 * zeros that open the fraction of a number below 1 are not significant:
 * 0.012345678901234568 is what most writers make of a double that needs 17
 * digits, and what the bundle cache writes. */
static gboolean
read_number (Guard *g)
{
  gboolean integer_is_zero = FALSE;
  gsize n;

  if (g->data[g->pos] == '-')
    g->pos++;
  if (g->pos >= g->length)
    return fail (g, "truncated number");
  if (g->data[g->pos] == '0')
    {
      integer_is_zero = TRUE;
      g->pos++;
      if (g->pos < g->length && g_ascii_isdigit (g->data[g->pos]))
        return fail (g, "leading zero in a number");
    }
  else
    {
      n = count_digits (g);
      if (n == 0)
        return fail (g, "not a number");
      if (n > 17)
        return fail (g, "number with too many digits");
    }
  if (g->pos < g->length && g->data[g->pos] == '.')
    {
      g->pos++;
      n = count_digits (g);
      if (n == 0)
        return fail (g, "no digits after the decimal point");
      if (n - leading_zeros (g, n, integer_is_zero) > 17 || n > MAX_FRACTION_DIGITS)
        return fail (g, "number with too many digits");
    }
  if (g->pos < g->length && (g->data[g->pos] == 'e' || g->data[g->pos] == 'E'))
    {
      g->pos++;
      if (g->pos < g->length && (g->data[g->pos] == '+' || g->data[g->pos] == '-'))
        g->pos++;
      n = count_digits (g);
      if (n == 0 || n > 4)
        return fail (g, "bad exponent");
    }
  return TRUE;
}

static gboolean
read_literal (Guard *g)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (g->length - g->pos >= n && memcmp (g->data + g->pos, literals[i], n) == 0)
        {
          g->pos += n;
          if (g->pos < g->length && g_ascii_isalnum (g->data[g->pos]))
            break;
          return TRUE;
        }
    }
  return fail (g, "not a JSON value (NaN, Infinity and bare words are refused)");
}

static gboolean
push (Guard    *g,
      gboolean  is_object)
{
  Frame *f;

  if (g->depth >= g->max_depth)
    return fail (g, "nested too deeply");
  f = &g->stack[g->depth++];
  f->is_object = is_object;
  f->keys = is_object ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL;
  f->key = NULL;
  f->index = 0;
  g->pos++;
  return TRUE;
}

static void
pop (Guard *g)
{
  Frame *f = &g->stack[--g->depth];

  /* f->key is owned by f->keys */
  f->key = NULL;
  g_clear_pointer (&f->keys, g_hash_table_unref);
}

static gboolean
read_key (Guard *g)
{
  Frame *f = &g->stack[g->depth - 1];
  g_autoptr(GString) key = g_string_new (NULL);
  char *owned;

  if (g->pos >= g->length || g->data[g->pos] != '"')
    return fail (g, "expected a member name");
  if (!read_string (g, key))
    return FALSE;
  if (g_hash_table_contains (f->keys, key->str))
    {
      g_autofree char *parent = NULL;
      g_autoptr(GString) path = NULL;

      /* The path names the parent object; the duplicate name follows. */
      f->key = NULL;
      parent = path_of (g);
      path = g_string_new (parent);
      append_key (path, key->str);
      g_set_error (g->error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "%s: duplicate member (at byte %" G_GSIZE_FORMAT ")", path->str, g->pos);
      return FALSE;
    }
  owned = g_string_free (g_steal_pointer (&key), FALSE);
  g_hash_table_add (f->keys, owned);
  f->key = owned;
  skip_space (g);
  if (g->pos >= g->length || g->data[g->pos] != ':')
    return fail (g, "expected ':' after a member name");
  g->pos++;
  return TRUE;
}

static gboolean
read_value_start (Guard *g,
                  State *state)
{
  char c = g->data[g->pos];

  switch (c)
    {
    case '{':
      *state = WANT_KEY_OR_END;
      return push (g, TRUE);
    case '[':
      *state = WANT_VALUE_OR_END;
      return push (g, FALSE);
    case '"':
      *state = AFTER_VALUE;
      return read_string (g, NULL);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      *state = AFTER_VALUE;
      return read_number (g);
    default:
      *state = AFTER_VALUE;
      return read_literal (g);
    }
}

static gboolean
after_value (Guard *g,
             State *state)
{
  Frame *f = &g->stack[g->depth - 1];
  char c = g->data[g->pos];

  if (c == ',')
    {
      g->pos++;
      if (f->is_object)
        {
          f->key = NULL;  /* still owned by f->keys */
          *state = WANT_KEY;
        }
      else
        {
          f->index++;
          *state = WANT_VALUE;
        }
      return TRUE;
    }
  if ((f->is_object && c == '}') || (!f->is_object && c == ']'))
    {
      g->pos++;
      pop (g);
      *state = AFTER_VALUE;
      return TRUE;
    }
  return fail (g, f->is_object ? "expected ',' or '}'" : "expected ',' or ']'");
}

static gboolean
walk (Guard *g)
{
  State state = WANT_VALUE;

  for (;;)
    {
      skip_space (g);
      if (state == AFTER_VALUE && g->depth == 0)
        {
          if (g->pos != g->length)
            return fail (g, "text after the JSON value");
          return TRUE;
        }
      if (g->pos >= g->length)
        return fail (g, "truncated");

      switch (state)
        {
        case WANT_VALUE_OR_END:
          if (g->data[g->pos] == ']')
            {
              g->pos++;
              pop (g);
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_VALUE:
          if (!read_value_start (g, &state))
            return FALSE;
          break;
        case WANT_KEY_OR_END:
          if (g->data[g->pos] == '}')
            {
              g->pos++;
              pop (g);
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_KEY:
          if (!read_key (g))
            return FALSE;
          state = WANT_VALUE;
          break;
        case AFTER_VALUE:
          if (!after_value (g, &state))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * mado_json_guard_check:
 * @data: (array length=length): the text
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may nest
 * @error: set to %MADO_HUB_ERROR_MALFORMED_RESPONSE naming the JSON path
 *
 * Accepts exactly one RFC 8259 JSON text in valid UTF-8, without NUL bytes
 * or \u0000, nested at most @max_depth deep, with unique member names in
 * every object (compared after unescaping), numbers of at most 17 digits.
 * Uses constant stack space whatever the input.
 */
gboolean
mado_json_guard_check (const char  *data,
                       gsize        length,
                       guint        max_depth,
                       GError     **error)
{
  Guard g = { data, length, 0, NULL, 0, max_depth, error };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (max_depth > 0 && max_depth <= 1024, FALSE);

  if (length > 0 && !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "$: not valid UTF-8, or contains a NUL byte");
      return FALSE;
    }

  g.stack = g_new0 (Frame, max_depth);
  ok = walk (&g);
  while (g.depth > 0)
    pop (&g);
  g_free (g.stack);
  return ok;
}
