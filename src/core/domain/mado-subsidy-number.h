/* mado-subsidy-number.h — 公費負担者番号 and 公費受給者番号: parsing and check digits
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_INSURER_NUMBER_LENGTH           8
#define MADO_NATIONAL_RECIPIENT_LENGTH       7
#define MADO_MUNICIPAL_RECIPIENT_MAX_LENGTH 30

/**
 * MadoNumberVerdict:
 * @MADO_NUMBER_VALID: every check passed
 * @MADO_NUMBER_VALID_WITH_WARNINGS: usable, but staff should look (a municipal
 *   number that fails the check digit, an unknown 法別番号)
 * @MADO_NUMBER_INVALID: the number cannot be right; do not enter it
 */
typedef enum {
  MADO_NUMBER_VALID,
  MADO_NUMBER_VALID_WITH_WARNINGS,
  MADO_NUMBER_INVALID,
} MadoNumberVerdict;

typedef enum {
  MADO_NUMBER_SEVERITY_WARNING,
  MADO_NUMBER_SEVERITY_ERROR,
} MadoNumberSeverity;

/**
 * MadoNumberProblem:
 * Stable codes; the CLI prints them in its JSON output.
 */
typedef enum {
  MADO_NUMBER_PROBLEM_EMPTY,
  MADO_NUMBER_PROBLEM_BAD_CHARACTER,
  MADO_NUMBER_PROBLEM_WRONG_LENGTH,
  MADO_NUMBER_PROBLEM_CHECK_DIGIT,
  MADO_NUMBER_PROBLEM_UNKNOWN_PROGRAMME,
} MadoNumberProblem;

typedef enum {
  MADO_NUMBER_FIELD_INSURER,
  MADO_NUMBER_FIELD_RECIPIENT,
} MadoNumberField;

typedef struct {
  MadoNumberField    field;
  MadoNumberProblem  problem;
  MadoNumberSeverity severity;
  char              *message;   /* translated, for staff */
} MadoNumberIssue;

typedef struct {
  MadoNumberVerdict verdict;
  char             *insurer_number;    /* as checked, surrounding blanks removed */
  char             *recipient_number;  /* (nullable) */
  guint             houbetsu;          /* 法別番号, 0 when the insurer number is unusable */
  gboolean          municipal;         /* 法別 80–99 */
  GPtrArray        *issues;            /* (element-type MadoNumberIssue) */
} MadoSubsidyCheck;

gboolean          mado_subsidy_number_check_digit         (const char             *digits,
                                                           gsize                   n_digits,
                                                           guint                  *out_check_digit);
gboolean          mado_subsidy_number_check_digit_matches (const char             *number);

MadoSubsidyCheck *mado_subsidy_number_check               (const char             *insurer_number,
                                                           const char             *recipient_number);
void              mado_subsidy_check_free                 (MadoSubsidyCheck       *check);
gboolean          mado_subsidy_number_has_problem         (const MadoSubsidyCheck *check,
                                                           MadoNumberField         field,
                                                           MadoNumberProblem       problem);

const char       *mado_number_verdict_to_string           (MadoNumberVerdict       verdict);
const char       *mado_number_problem_to_string           (MadoNumberProblem       problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSubsidyCheck, mado_subsidy_check_free)

G_END_DECLS
