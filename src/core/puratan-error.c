/* puratan-error.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-error.h"

GQuark
puratan_error_quark (void)
{
  return g_quark_from_static_string ("puratan-error-quark");
}
