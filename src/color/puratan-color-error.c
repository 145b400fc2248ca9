/* puratan-color-error.c: error domain of the color layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-color-error.h"

GQuark
puratan_color_error_quark (void)
{
  return g_quark_from_static_string ("puratan-color-error-quark");
}
