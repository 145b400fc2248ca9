/* puratan-color.h: umbrella header of the color layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-color-converter.h"
#include "puratan-color-error.h"
#include "puratan-color-value.h"
#include "puratan-icc-profile.h"
#include "puratan-ink-coverage.h"
#include "puratan-press-condition.h"
#include "puratan-rendering-intent.h"
#include "puratan-soft-proof.h"
