/* test-subsidy-number.c — 公費負担者番号 / 公費受給者番号 checks
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

/* Published, known-good 公費負担者番号 (domain.md). */
static const char *known_good_payers[] = {
  "54016027", "81136244", "81137242", "88138243", "88131248",
  "89131247", "51136018", "83136010", "38136016", "93137008",
};

static void
test_check_digit_known_numbers (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_good_payers); i++)
    {
      g_test_message ("payer number %s", known_good_payers[i]);
      g_assert_true (mado_subsidy_number_check_digit_matches (known_good_payers[i]));
    }
  /* A 保険者番号 uses the same rule. */
  g_assert_true (mado_subsidy_number_check_digit_matches ("33120015"));
}

static void
test_check_digit_worked_example (void)
{
  guint digit = 99;

  /* 5401602, from the right with weights 2,1,2,…:
   * 2×2=4, 0, 6×2=12→3, 1, 0, 4, 5×2=10→1; sum 13; 10 − 3 = 7. */
  g_assert_true (mado_subsidy_number_check_digit ("5401602", 7, &digit));
  g_assert_cmpuint (digit, ==, 7);

  /* A sum that is a multiple of ten gives 0: 5 → 5×2=10→1 … use "9": 18→9, 10−9=1. */
  g_assert_true (mado_subsidy_number_check_digit ("9", 1, &digit));
  g_assert_cmpuint (digit, ==, 1);
  g_assert_true (mado_subsidy_number_check_digit ("91", 2, &digit));   /* 1×2=2, 9 → 11 → 9 */
  g_assert_cmpuint (digit, ==, 9);
  g_assert_true (mado_subsidy_number_check_digit ("55", 2, &digit));   /* 10→1, 5 → 6 → 4 */
  g_assert_cmpuint (digit, ==, 4);
  g_assert_true (mado_subsidy_number_check_digit ("19", 2, &digit));   /* 18→9, 1 → 10 → 0 */
  g_assert_cmpuint (digit, ==, 0);
}

static void
test_check_digit_rejects_non_digits (void)
{
  guint digit;

  g_assert_false (mado_subsidy_number_check_digit ("54a1602", 7, &digit));
  g_assert_false (mado_subsidy_number_check_digit ("", 0, &digit));
  g_assert_false (mado_subsidy_number_check_digit_matches ("5"));
  g_assert_false (mado_subsidy_number_check_digit_matches (""));
  g_assert_false (mado_subsidy_number_check_digit_matches ("5401602x"));
}

/* Any single mistyped digit must change the check: the property the rule
 * exists for. Walks 2,000 pseudo-random 7-digit bodies. */
static void
test_check_digit_catches_single_digit_errors (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);

  for (guint n = 0; n < 2000; n++)
    {
      char number[9];
      guint check;

      for (guint i = 0; i < 7; i++)
        number[i] = (char) ('0' + g_rand_int_range (rand, 0, 10));
      g_assert_true (mado_subsidy_number_check_digit (number, 7, &check));
      number[7] = (char) ('0' + check);
      number[8] = '\0';
      g_assert_true (mado_subsidy_number_check_digit_matches (number));

      for (guint pos = 0; pos < 8; pos++)
        {
          char saved = number[pos];

          for (char d = '0'; d <= '9'; d++)
            {
              if (d == saved)
                continue;
              number[pos] = d;
              if (mado_subsidy_number_check_digit_matches (number))
                g_error ("single-digit change at %u not caught: %s", pos, number);
            }
          number[pos] = saved;
        }
    }
}

static void
test_payer_valid_national (void)
{
  g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016027", NULL);

  g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID);
  g_assert_cmpuint (check->houbetsu, ==, 54);
  g_assert_false (check->municipal);
  g_assert_cmpuint (check->issues->len, ==, 0);
  g_assert_nonnull (mado_programme_lookup (54));
}

static void
test_payer_bad_check_digit_national_is_error (void)
{
  g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016028", NULL);

  g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
  g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_INSURER,
                                                  MADO_NUMBER_PROBLEM_CHECK_DIGIT));
}

static void
test_payer_bad_check_digit_municipal_is_warning (void)
{
  g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("83133007", NULL);
  const MadoNumberIssue *issue;

  g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID_WITH_WARNINGS);
  g_assert_true (check->municipal);
  g_assert_cmpuint (check->issues->len, ==, 1);
  issue = g_ptr_array_index (check->issues, 0);
  g_assert_cmpint (issue->problem, ==, MADO_NUMBER_PROBLEM_CHECK_DIGIT);
  g_assert_cmpint (issue->severity, ==, MADO_NUMBER_SEVERITY_WARNING);
  g_assert_nonnull (issue->message);
}

static void
test_payer_shape_errors (void)
{
  struct { const char *number; MadoNumberProblem problem; } cases[] = {
    { "",            MADO_NUMBER_PROBLEM_EMPTY },
    { "   ",         MADO_NUMBER_PROBLEM_EMPTY },
    { "5401602",     MADO_NUMBER_PROBLEM_WRONG_LENGTH },
    { "540160277",   MADO_NUMBER_PROBLEM_WRONG_LENGTH },
    { "5401-6027",   MADO_NUMBER_PROBLEM_BAD_CHARACTER },
    { "５４016027",  MADO_NUMBER_PROBLEM_BAD_CHARACTER },   /* full-width digits */
    { "54016O27",    MADO_NUMBER_PROBLEM_BAD_CHARACTER },   /* letter O for zero */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check (cases[i].number, NULL);

      g_test_message ("case «%s»", cases[i].number);
      g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
      g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_INSURER,
                                                      cases[i].problem));
    }
}

static void
test_payer_surrounding_blanks_removed (void)
{
  g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("  54016027\n", NULL);

  g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID);
  g_assert_cmpstr (check->insurer_number, ==, "54016027");
}

static void
test_payer_unknown_national_programme_warns (void)
{
  guint digit;
  char number[9] = "7713601";
  g_autoptr(MadoSubsidyCheck) check = NULL;

  g_assert_true (mado_subsidy_number_check_digit (number, 7, &digit));
  number[7] = (char) ('0' + digit);
  check = mado_subsidy_number_check (number, NULL);
  g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID_WITH_WARNINGS);
  g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_INSURER,
                                                  MADO_NUMBER_PROBLEM_UNKNOWN_PROGRAMME));
}

static void
test_recipient_national (void)
{
  guint digit;
  char good[8] = "123456";
  char bad[8];

  g_assert_true (mado_subsidy_number_check_digit (good, 6, &digit));
  good[6] = (char) ('0' + digit);
  good[7] = '\0';
  memcpy (bad, good, sizeof bad);
  bad[6] = (char) ('0' + (digit + 1) % 10);

  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016027", good);
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID);
  }
  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016027", bad);
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
    g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_RECIPIENT,
                                                    MADO_NUMBER_PROBLEM_CHECK_DIGIT));
  }
  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016027", "12345678");
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
    g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_RECIPIENT,
                                                    MADO_NUMBER_PROBLEM_WRONG_LENGTH));
  }
  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("54016027", "A234567");
    g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_RECIPIENT,
                                                    MADO_NUMBER_PROBLEM_BAD_CHARACTER));
  }
}

static void
test_recipient_municipal (void)
{
  /* Municipal recipient numbers: up to 30 letters, digits and hyphens. */
  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("88131248", "SETAGAYA-000123");
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID);
  }
  {
    g_autoptr(MadoSubsidyCheck) check =
      mado_subsidy_number_check ("88131248", "0123456789012345678901234567890");
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
    g_assert_true (mado_subsidy_number_has_problem (check, MADO_NUMBER_FIELD_RECIPIENT,
                                                    MADO_NUMBER_PROBLEM_WRONG_LENGTH));
  }
  {
    /* A 7-digit municipal number with a wrong check digit: a warning only. */
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("88131248", "1234560");
    g_assert_false (mado_subsidy_number_check_digit_matches ("1234560"));
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_VALID_WITH_WARNINGS);
  }
  {
    g_autoptr(MadoSubsidyCheck) check = mado_subsidy_number_check ("88131248", "12 34");
    g_assert_cmpint (check->verdict, ==, MADO_NUMBER_INVALID);
  }
}

static void
test_strings_are_stable (void)
{
  g_assert_cmpstr (mado_number_verdict_to_string (MADO_NUMBER_VALID), ==, "valid");
  g_assert_cmpstr (mado_number_verdict_to_string (MADO_NUMBER_INVALID), ==, "invalid");
  g_assert_cmpstr (mado_number_problem_to_string (MADO_NUMBER_PROBLEM_CHECK_DIGIT), ==,
                   "check-digit");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/subsidy/check-digit/known-numbers", test_check_digit_known_numbers);
  g_test_add_func ("/core/subsidy/check-digit/worked-example", test_check_digit_worked_example);
  g_test_add_func ("/core/subsidy/check-digit/non-digits", test_check_digit_rejects_non_digits);
  g_test_add_func ("/core/subsidy/check-digit/single-digit-errors",
                   test_check_digit_catches_single_digit_errors);
  g_test_add_func ("/core/subsidy/payer/valid-national", test_payer_valid_national);
  g_test_add_func ("/core/subsidy/payer/check-digit-national",
                   test_payer_bad_check_digit_national_is_error);
  g_test_add_func ("/core/subsidy/payer/check-digit-municipal",
                   test_payer_bad_check_digit_municipal_is_warning);
  g_test_add_func ("/core/subsidy/payer/shape-errors", test_payer_shape_errors);
  g_test_add_func ("/core/subsidy/payer/blanks", test_payer_surrounding_blanks_removed);
  g_test_add_func ("/core/subsidy/payer/unknown-programme",
                   test_payer_unknown_national_programme_warns);
  g_test_add_func ("/core/subsidy/recipient/national", test_recipient_national);
  g_test_add_func ("/core/subsidy/recipient/municipal", test_recipient_municipal);
  g_test_add_func ("/core/subsidy/strings", test_strings_are_stable);

  return g_test_run ();
}
