/* puratan-render.h: umbrella header of the render layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pdf.h"
#include "puratan-render-cairo.h"
