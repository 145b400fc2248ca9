/* puratan-core.h: umbrella header of the core layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-clock.h"
#include "puratan-currency.h"
#include "puratan-data-dir.h"
#include "puratan-error.h"
#include "puratan-id.h"
#include "puratan-json.h"
#include "puratan-money.h"
