/* madoguchi-core.h — everything the app, the CLI and the tests may use
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-core-enums.h"
#include "mado-diagnostics.h"
#include "mado-error.h"
#include "mado-i18n.h"
#include "mado-site-config.h"

#include "card/mado-card-error.h"
#include "card/mado-card-transport.h"
#include "card/mado-certificate.h"
#include "card/mado-jpki.h"
#include "card/mado-pin.h"
#include "card/mado-reader-monitor.h"
#include "domain/mado-age.h"
#include "domain/mado-programme.h"
#include "domain/mado-subsidy-number.h"
#include "domain/mado-vaccination-rules.h"
#include "domain/mado-validity.h"
#include "flow/mado-outbox-sender.h"
#include "flow/mado-reception-error.h"
#include "flow/mado-reception-session.h"
#include "hub/mado-bundle-decode.h"
#include "hub/mado-bundle-encode.h"
#include "hub/mado-hub-client.h"
#include "hub/mado-hub-decode.h"
#include "hub/mado-hub-encode.h"
#include "hub/mado-hub-error.h"
#include "hub/mado-hub-monitor.h"
#include "hub/mado-hub-proof.h"
#include "hub/mado-json-write.h"
#include "hub/mado-resident-bundle.h"
#include "store/mado-staff-session.h"
#include "store/mado-store.h"
#include "store/mado-store-audit.h"
#include "store/mado-store-cache.h"
#include "store/mado-store-error.h"
#include "store/mado-store-outbox.h"
#include "store/mado-store-staff.h"
