/* puratan-pricing.h: umbrella header of the pricing layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-catalog.h"
#include "puratan-error.h"
#include "puratan-gstin.h"
#include "puratan-imposition.h"
#include "puratan-job.h"
#include "puratan-quote.h"
#include "puratan-words.h"
