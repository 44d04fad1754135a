/* madoguchi-core.h — everything the app, the CLI and the tests may use
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-core-enums.h"
#include "mado-i18n.h"

#include "card/mado-reader-monitor.h"
#include "domain/mado-programme.h"
#include "domain/mado-subsidy-number.h"
#include "domain/mado-validity.h"
#include "hub/mado-hub-monitor.h"
