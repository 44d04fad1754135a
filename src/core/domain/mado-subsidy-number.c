/* mado-subsidy-number.c — 公費負担者番号 and 公費受給者番号: parsing and check digits
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-programme.h"
#include "mado-subsidy-number.h"

/* The check digit shared by 保険者番号, 公費負担者番号 and 公費受給者番号:
 * from the rightmost digit before the check digit, weights 2, 1, 2, 1, …;
 * the digits of each product are summed (12 → 1 + 2); the check digit is
 * 10 − (sum mod 10), or 0 when the sum is a multiple of ten. */
gboolean
mado_subsidy_number_check_digit (const char *digits,
                                 gsize       n_digits,
                                 guint      *out_check_digit)
{
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, FALSE);
  g_return_val_if_fail (out_check_digit != NULL, FALSE);

  if (n_digits == 0)
    return FALSE;

  for (gsize i = 0; i < n_digits; i++)
    {
      char c = digits[n_digits - 1 - i];
      guint weight = (i % 2 == 0) ? 2 : 1;
      guint product;

      if (!g_ascii_isdigit (c))
        return FALSE;
      product = (guint) (c - '0') * weight;
      sum += product / 10 + product % 10;
    }

  *out_check_digit = (sum % 10 == 0) ? 0 : 10 - sum % 10;
  return TRUE;
}

/**
 * mado_subsidy_number_check_digit_matches:
 * @number: a string of ASCII digits whose last digit is a check digit
 *
 * Returns: %TRUE when @number has at least two digits and its last one is
 *   the check digit of the others.
 */
gboolean
mado_subsidy_number_check_digit_matches (const char *number)
{
  gsize len;
  guint expected;

  g_return_val_if_fail (number != NULL, FALSE);

  len = strlen (number);
  if (len < 2 || !g_ascii_isdigit (number[len - 1]))
    return FALSE;
  if (!mado_subsidy_number_check_digit (number, len - 1, &expected))
    return FALSE;
  return expected == (guint) (number[len - 1] - '0');
}

static void
add_issue (MadoSubsidyCheck   *check,
           MadoNumberField     field,
           MadoNumberProblem   problem,
           MadoNumberSeverity  severity,
           char               *message)
{
  MadoNumberIssue *issue = g_new0 (MadoNumberIssue, 1);

  issue->field = field;
  issue->problem = problem;
  issue->severity = severity;
  issue->message = message;
  g_ptr_array_add (check->issues, issue);
}

static void
number_issue_free (gpointer data)
{
  MadoNumberIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

/* Returns the offset of the first character that is not an ASCII digit, or -1. */
static gssize
first_non_digit (const char *s)
{
  for (gsize i = 0; s[i] != '\0'; i++)
    if (!g_ascii_isdigit (s[i]))
      return (gssize) i;
  return -1;
}

static gssize
first_non_alnum (const char *s)
{
  for (gsize i = 0; s[i] != '\0'; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return (gssize) i;
  return -1;
}

static void
check_insurer (MadoSubsidyCheck *check)
{
  const char *number = check->insurer_number;
  gsize len = strlen (number);
  gssize bad;
  const MadoProgramme *programme;

  if (len == 0)
    {
      add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_EMPTY,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup (_("The payer number (公費負担者番号) is empty.")));
      return;
    }

  bad = first_non_digit (number);
  if (bad >= 0)
    {
      add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_BAD_CHARACTER,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup_printf (_("The payer number may contain only half-width digits; "
                                    "character %u is not one."), (guint) bad + 1));
      return;
    }

  if (len != MADO_INSURER_NUMBER_LENGTH)
    {
      add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_WRONG_LENGTH,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup_printf (_("The payer number must have 8 digits, not %u."), (guint) len));
      return;
    }

  check->houbetsu = (guint) (number[0] - '0') * 10 + (guint) (number[1] - '0');
  check->municipal = mado_programme_is_municipal (check->houbetsu);

  if (!mado_subsidy_number_check_digit_matches (number))
    {
      if (check->municipal)
        add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_CHECK_DIGIT,
                   MADO_NUMBER_SEVERITY_WARNING,
                   g_strdup (_("The payer number's check digit does not match. Municipal "
                               "programmes do not always use it: compare with the paper "
                               "certificate.")));
      else
        add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_CHECK_DIGIT,
                   MADO_NUMBER_SEVERITY_ERROR,
                   g_strdup (_("The payer number's check digit does not match: the number "
                               "has been mistyped or misread.")));
    }

  programme = mado_programme_lookup (check->houbetsu);
  if (programme == NULL && !check->municipal)
    add_issue (check, MADO_NUMBER_FIELD_INSURER, MADO_NUMBER_PROBLEM_UNKNOWN_PROGRAMME,
               MADO_NUMBER_SEVERITY_WARNING,
               g_strdup_printf (_("Programme number (法別番号) %02u is not in Madoguchi's table."),
                                check->houbetsu));
}

static void
check_recipient (MadoSubsidyCheck *check)
{
  const char *number = check->recipient_number;
  gsize len = strlen (number);
  gssize bad;

  if (len == 0)
    {
      add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_EMPTY,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup (_("The recipient number (受給者番号) is empty.")));
      return;
    }

  if (check->municipal)
    {
      /* 地単 numbers are up to 30 characters and follow their own rules;
       * only a 7-digit one is checked, and only as a warning. */
      bad = first_non_alnum (number);
      if (bad >= 0)
        {
          add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_BAD_CHARACTER,
                     MADO_NUMBER_SEVERITY_ERROR,
                     g_strdup_printf (_("The recipient number may contain only half-width "
                                        "letters, digits and hyphens; character %u is not one."),
                                      (guint) bad + 1));
          return;
        }
      if (len > MADO_MUNICIPAL_RECIPIENT_MAX_LENGTH)
        {
          add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_WRONG_LENGTH,
                     MADO_NUMBER_SEVERITY_ERROR,
                     g_strdup_printf (_("A municipal recipient number has at most 30 "
                                        "characters, not %u."), (guint) len));
          return;
        }
      if (len == MADO_NATIONAL_RECIPIENT_LENGTH && first_non_digit (number) < 0
          && !mado_subsidy_number_check_digit_matches (number))
        add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_CHECK_DIGIT,
                   MADO_NUMBER_SEVERITY_WARNING,
                   g_strdup (_("The recipient number's check digit does not match. Municipal "
                               "programmes do not always use it: compare with the paper "
                               "certificate.")));
      return;
    }

  bad = first_non_digit (number);
  if (bad >= 0)
    {
      add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_BAD_CHARACTER,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup_printf (_("The recipient number may contain only half-width digits; "
                                    "character %u is not one."), (guint) bad + 1));
      return;
    }
  if (len != MADO_NATIONAL_RECIPIENT_LENGTH)
    {
      add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_WRONG_LENGTH,
                 MADO_NUMBER_SEVERITY_ERROR,
                 g_strdup_printf (_("A recipient number of a national programme has 7 digits, "
                                    "not %u."), (guint) len));
      return;
    }
  if (!mado_subsidy_number_check_digit_matches (number))
    add_issue (check, MADO_NUMBER_FIELD_RECIPIENT, MADO_NUMBER_PROBLEM_CHECK_DIGIT,
               MADO_NUMBER_SEVERITY_ERROR,
               g_strdup (_("The recipient number's check digit does not match: the number "
                           "has been mistyped or misread.")));
}

static MadoNumberVerdict
verdict_of (const MadoSubsidyCheck *check)
{
  MadoNumberVerdict verdict = MADO_NUMBER_VALID;

  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);

      if (issue->severity == MADO_NUMBER_SEVERITY_ERROR)
        return MADO_NUMBER_INVALID;
      verdict = MADO_NUMBER_VALID_WITH_WARNINGS;
    }
  return verdict;
}

/**
 * mado_subsidy_number_check:
 * @insurer_number: a 公費負担者番号 as typed or received
 * @recipient_number: (nullable): the 公費受給者番号 that goes with it
 *
 * Checks a pair of subsidy numbers. Surrounding blanks are removed; anything
 * else that is not part of a number is reported, never silently dropped,
 * because the numbers are copied unchanged into the receipt computer.
 *
 * Returns: (transfer full): the verdict and the issues found
 */
MadoSubsidyCheck *
mado_subsidy_number_check (const char *insurer_number,
                           const char *recipient_number)
{
  MadoSubsidyCheck *check;

  g_return_val_if_fail (insurer_number != NULL, NULL);

  check = g_new0 (MadoSubsidyCheck, 1);
  check->issues = g_ptr_array_new_with_free_func (number_issue_free);
  check->insurer_number = g_strstrip (g_strdup (insurer_number));
  if (recipient_number != NULL)
    check->recipient_number = g_strstrip (g_strdup (recipient_number));

  check_insurer (check);
  /* A recipient number is judged by its programme's rules, so it needs a
   * usable payer number first. */
  if (check->recipient_number != NULL && check->houbetsu != 0)
    check_recipient (check);

  check->verdict = verdict_of (check);
  return check;
}

void
mado_subsidy_check_free (MadoSubsidyCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->insurer_number);
  g_free (check->recipient_number);
  g_ptr_array_unref (check->issues);
  g_free (check);
}

gboolean
mado_subsidy_number_has_problem (const MadoSubsidyCheck *check,
                                 MadoNumberField         field,
                                 MadoNumberProblem       problem)
{
  g_return_val_if_fail (check != NULL, FALSE);

  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);

      if (issue->field == field && issue->problem == problem)
        return TRUE;
    }
  return FALSE;
}

const char *
mado_number_verdict_to_string (MadoNumberVerdict verdict)
{
  switch (verdict)
    {
    case MADO_NUMBER_VALID:               return "valid";
    case MADO_NUMBER_VALID_WITH_WARNINGS: return "valid-with-warnings";
    case MADO_NUMBER_INVALID:             return "invalid";
    default:                              g_return_val_if_reached ("invalid");
    }
}

const char *
mado_number_problem_to_string (MadoNumberProblem problem)
{
  switch (problem)
    {
    case MADO_NUMBER_PROBLEM_EMPTY:             return "empty";
    case MADO_NUMBER_PROBLEM_BAD_CHARACTER:     return "bad-character";
    case MADO_NUMBER_PROBLEM_WRONG_LENGTH:      return "wrong-length";
    case MADO_NUMBER_PROBLEM_CHECK_DIGIT:       return "check-digit";
    case MADO_NUMBER_PROBLEM_UNKNOWN_PROGRAMME: return "unknown-programme";
    default:                                    g_return_val_if_reached ("unknown");
    }
}
