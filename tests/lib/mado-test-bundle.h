/* mado-test-bundle.h — two decoded bundles compared field by field
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

void mado_test_assert_same_bundle (const MadoResidentBundle *a,
                                   const MadoResidentBundle *b);

G_END_DECLS
