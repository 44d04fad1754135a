/* mado-gs1.c — a vaccine package's GS1 element string: GTIN, expiry and lot
 *
 * Since December 2022 the sales package of a biological product carries
 * (01) GTIN-14, (17) expiry YYMMDD and (10) lot. A 2D scanner in USB
 * keyboard-wedge mode types the element string into the focused field,
 * either as the human-readable form with parentheses or raw, with the
 * FNC1 separator as ASCII 29 (GS) after a variable-length value and often
 * with a symbology identifier first (`]C1` GS1-128, `]e0` DataBar, `]d2`
 * DataMatrix, `]Q3` QR). The scanner is outside the process: everything is
 * checked, and anything this parser cannot read with certainty is refused
 * with the reason, never guessed.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-gs1.h"
#include "mado-record-error.h"

#define GS 0x1d

/* The application identifiers a vaccine package carries; any other one
 * cannot be skipped in the raw form (its length is unknown), so it is
 * refused. */
typedef struct {
  const char *ai;
  guint       fixed;     /* the value's length, or 0 when variable */
  guint       max;       /* the longest value */
} AiRule;

static const AiRule ai_rules[] = {
  { "01", 14, 14 },   /* GTIN */
  { "11",  6,  6 },   /* production date */
  { "15",  6,  6 },   /* best before */
  { "17",  6,  6 },   /* expiry */
  { "10",  0, 20 },   /* lot */
  { "21",  0, 20 },   /* serial number */
};

static const char *const symbology_prefixes[] = { "]C1", "]e0", "]d2", "]Q3" };

typedef struct {
  const char *p;
  const char *end;
  gboolean    parenthesised;
  char        values[G_N_ELEMENTS (ai_rules)][MADO_GS1_LOT_MAX + 1];
  gboolean    seen[G_N_ELEMENTS (ai_rules)];
} Scan;

static gboolean
refuse (GError     **error,
        const char  *reason)
{
  g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_GS1_MALFORMED,
               _("The barcode could not be read: %s. Scan the package again, or type the lot and expiry by hand."),
               reason);
  return FALSE;
}

/**
 * mado_gs1_gtin_is_valid:
 * @gtin: (nullable): a GTIN-14
 *
 * Returns: whether @gtin is 14 digits whose last is the GS1 check digit
 *   (weights 3, 1, 3, … from the right, before the check digit)
 */
gboolean
mado_gs1_gtin_is_valid (const char *gtin)
{
  guint sum = 0;

  if (gtin == NULL || strlen (gtin) != MADO_GS1_GTIN_LENGTH)
    return FALSE;
  for (guint i = 0; i < MADO_GS1_GTIN_LENGTH; i++)
    if (!g_ascii_isdigit (gtin[i]))
      return FALSE;
  for (guint i = 0; i < MADO_GS1_GTIN_LENGTH - 1; i++)
    sum += (guint) (gtin[MADO_GS1_GTIN_LENGTH - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (guint) (gtin[MADO_GS1_GTIN_LENGTH - 1] - '0') == (10 - sum % 10) % 10;
}

/**
 * mado_gs1_parse_expiry:
 * @yymmdd: six digits
 * @out: (out): the last day of use
 * @day_zero: (out) (optional): whether the day was 00, which means the
 *   last day of the month
 *
 * The year is 2000 + YY: a vaccine's expiry is always this century.
 *
 * Returns: whether @yymmdd is a date
 */
gboolean
mado_gs1_parse_expiry (const char *yymmdd,
                       GDate      *out,
                       gboolean   *day_zero)
{
  guint y, m, d;

  if (yymmdd == NULL || strlen (yymmdd) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (yymmdd[i]))
      return FALSE;
  y = 2000 + (guint) ((yymmdd[0] - '0') * 10 + (yymmdd[1] - '0'));
  m = (guint) ((yymmdd[2] - '0') * 10 + (yymmdd[3] - '0'));
  d = (guint) ((yymmdd[4] - '0') * 10 + (yymmdd[5] - '0'));
  if (m < 1 || m > 12)
    return FALSE;
  if (d == 0)
    d = g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (day_zero != NULL)
    *day_zero = (yymmdd[4] == '0' && yymmdd[5] == '0');
  return TRUE;
}

/**
 * mado_gs1_lot_is_valid:
 * @lot: (nullable): a lot number, scanned or typed
 *
 * Returns: whether @lot is 1–20 characters of GS1's character set 82
 *   (letters, digits and `!"%&'()*+,-./:;<=>?_`)
 */
gboolean
mado_gs1_lot_is_valid (const char *lot)
{
  static const char punctuation[] = "!\"%&'()*+,-./:;<=>?_";
  gsize length;

  if (lot == NULL)
    return FALSE;
  length = strlen (lot);
  if (length == 0 || length > MADO_GS1_LOT_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (lot[i]) && strchr (punctuation, lot[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Trims what a scanner adds around the data (the Enter it sends, spaces)
 * and refuses what no element string holds. */
static gboolean
trim_and_check_bytes (Scan        *scan,
                      GError     **error)
{
  while (scan->p < scan->end && g_ascii_isspace (*scan->p))
    scan->p++;
  while (scan->end > scan->p && g_ascii_isspace (scan->end[-1]))
    scan->end--;
  if (scan->p == scan->end)
    return refuse (error, _("nothing was scanned"));
  for (const char *c = scan->p; c < scan->end; c++)
    {
      if ((guchar) *c >= 0x80)
        return refuse (error, _("it holds characters that are not ASCII (is Japanese input switched on?)"));
      if (*c != GS && ((guchar) *c < 0x20 || *c == 0x7f))
        return refuse (error, _("it holds a control character other than the group separator"));
    }
  return TRUE;
}

static gboolean
skip_symbology_prefix (Scan    *scan,
                       GError **error)
{
  if (*scan->p != ']')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (symbology_prefixes); i++)
    if (scan->end - scan->p >= 3 && memcmp (scan->p, symbology_prefixes[i], 3) == 0)
      {
        scan->p += 3;
        return TRUE;
      }
  return refuse (error, _("it starts with a symbology identifier that is not GS1 (]C1, ]e0, ]d2 or ]Q3)"));
}

static const AiRule *
find_rule (const char *ai,
           gsize       length,
           guint      *index)
{
  for (guint i = 0; i < G_N_ELEMENTS (ai_rules); i++)
    if (length == strlen (ai_rules[i].ai) && memcmp (ai, ai_rules[i].ai, length) == 0)
      {
        *index = i;
        return &ai_rules[i];
      }
  return NULL;
}

/* The application identifier at the cursor: "(NN)" or, raw, two digits. */
static const AiRule *
read_ai (Scan     *scan,
         guint    *index,
         GError  **error)
{
  const char *start = scan->p;
  const AiRule *rule;
  char ai[5] = { 0 };
  gsize length;

  if (scan->parenthesised)
    {
      if (*scan->p != '(')
        return refuse (error, _("a value is not preceded by an application identifier in parentheses")), NULL;
      start = ++scan->p;
      while (scan->p < scan->end && g_ascii_isdigit (*scan->p) && scan->p - start < 4)
        scan->p++;
      if (scan->p >= scan->end || *scan->p != ')' || scan->p - start < 2)
        return refuse (error, _("an application identifier in parentheses is not 2 to 4 digits")), NULL;
      length = (gsize) (scan->p++ - start);
    }
  else
    {
      if (scan->end - scan->p < 2 || !g_ascii_isdigit (scan->p[0]) || !g_ascii_isdigit (scan->p[1]))
        return refuse (error, _("an application identifier is not two digits")), NULL;
      scan->p += 2;
      length = 2;
    }
  memcpy (ai, start, length);
  rule = find_rule (ai, length, index);
  if (rule == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("the application identifier (%s) is not one a vaccine package carries"), ai);

      return refuse (error, reason), NULL;
    }
  return rule;
}

/* The value after an application identifier: a fixed length, or up to the
 * next separator (GS, or "(" in the human-readable form) or the end. */
static gboolean
read_value (Scan          *scan,
            const AiRule  *rule,
            char          *out,
            GError       **error)
{
  const char *start = scan->p;
  gsize length;

  while (scan->p < scan->end && *scan->p != GS && !(scan->parenthesised && *scan->p == '(')
         && (rule->fixed == 0 || (gsize) (scan->p - start) < rule->fixed))
    scan->p++;
  length = (gsize) (scan->p - start);
  if (length == 0 || length > rule->max || (rule->fixed != 0 && length != rule->fixed))
    {
      g_autofree char *reason = g_strdup_printf (_("the value of (%s) has %zu characters where %u are expected"),
                                                 rule->ai, length, rule->fixed ? rule->fixed : rule->max);

      return refuse (error, reason);
    }
  memcpy (out, start, length);
  out[length] = '\0';
  /* A separator after a value ends it; after a fixed-length one it is
   * allowed but not needed. */
  if (scan->p < scan->end && *scan->p == GS)
    scan->p++;
  return TRUE;
}

static gboolean
read_elements (Scan     *scan,
               GError  **error)
{
  while (scan->p < scan->end)
    {
      guint index = 0;
      const AiRule *rule = read_ai (scan, &index, error);

      if (rule == NULL)
        return FALSE;
      if (scan->seen[index])
        {
          g_autofree char *reason = g_strdup_printf (_("(%s) appears twice"), rule->ai);

          return refuse (error, reason);
        }
      if (!read_value (scan, rule, scan->values[index], error))
        return FALSE;
      scan->seen[index] = TRUE;
    }
  return TRUE;
}

static gboolean
fill_result (Scan     *scan,
             MadoGs1  *out,
             GError  **error)
{
  /* Indexes into ai_rules. */
  enum { GTIN = 0, EXPIRY = 3, LOT = 4 };

  if (!scan->seen[GTIN])
    return refuse (error, _("it holds no GTIN (01)"));
  if (!scan->seen[EXPIRY])
    return refuse (error, _("it holds no expiry date (17)"));
  if (!scan->seen[LOT])
    return refuse (error, _("it holds no lot number (10)"));
  if (!mado_gs1_gtin_is_valid (scan->values[GTIN]))
    {
      g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_GS1_CHECK_DIGIT,
                   _("The GTIN %s fails its check digit: the barcode was misread. Scan it again."),
                   scan->values[GTIN]);
      return FALSE;
    }
  if (!mado_gs1_parse_expiry (scan->values[EXPIRY], &out->expiry, &out->expiry_day_zero))
    return refuse (error, _("the expiry date (17) is not a date"));
  if (!mado_gs1_lot_is_valid (scan->values[LOT]))
    return refuse (error, _("the lot number (10) holds characters a lot number cannot have"));
  g_strlcpy (out->gtin, scan->values[GTIN], sizeof out->gtin);
  g_strlcpy (out->lot, scan->values[LOT], sizeof out->lot);
  return TRUE;
}

/**
 * mado_gs1_parse:
 * @text: what the scanner typed (or staff pasted)
 * @length: its length in bytes, or -1 when NUL-terminated
 * @out: (out caller-allocates): the GTIN, expiry and lot
 * @error: %MADO_RECORD_ERROR_GS1_MALFORMED with the reason, or
 *   %MADO_RECORD_ERROR_GS1_CHECK_DIGIT
 *
 * Reads (01), (17) and (10), in any order, in the human-readable form
 * with parentheses or the raw form with GS separators, after an optional
 * symbology identifier and FNC1. (11), (15) and (21) are read and
 * ignored; any other application identifier is refused.
 *
 * Returns: whether @text was read; @out is untouched otherwise
 */
gboolean
mado_gs1_parse (const char  *text,
                gssize       length,
                MadoGs1     *out,
                GError     **error)
{
  g_autofree Scan *scan = g_new0 (Scan, 1);
  MadoGs1 result = { 0 };

  g_return_val_if_fail (text != NULL || length <= 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = (gssize) strlen (text);
  if (memchr (text, '\0', (gsize) length) != NULL)
    return refuse (error, _("it holds a NUL byte"));
  scan->p = text;
  scan->end = text + length;
  if (!trim_and_check_bytes (scan, error) || !skip_symbology_prefix (scan, error))
    return FALSE;
  while (scan->p < scan->end && *scan->p == GS)
    scan->p++;
  scan->parenthesised = (scan->p < scan->end && *scan->p == '(');
  if (!read_elements (scan, error) || !fill_result (scan, &result, error))
    return FALSE;
  *out = result;
  return TRUE;
}
