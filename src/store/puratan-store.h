/* puratan-store.h: umbrella header of the store layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"
