/* mado-subsidy-validity.h — is a subsidy certificate valid today, in words
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one verdict the resident screen, the printed summary and
 * `madoguchi-cli verify` give for a certificate. A certificate without a last
 * day (a cleared valid_to) never expires.
 */
#pragma once

#include "mado-resident-bundle.h"
#include "mado-validity.h"

G_BEGIN_DECLS

/* A certificate ending within this many days is "expiring soon". */
#define MADO_SUBSIDY_WARN_DAYS 30

MadoValidityVerdict mado_subsidy_validity_on              (const MadoSubsidy *subsidy,
                                                           const GDate       *day);
char               *mado_subsidy_validity_describe        (const MadoSubsidy *subsidy,
                                                           const GDate       *day);
char               *mado_subsidy_validity_describe_period (const MadoSubsidy *subsidy);
char               *mado_subsidy_validity_describe_cap    (const MadoSubsidy *subsidy);

G_END_DECLS
