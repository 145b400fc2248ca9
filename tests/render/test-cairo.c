/* test-cairo.c: the screen and PNG renderer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "render-fixtures.h"

void
fixture_add_cairo_tests (void)
{
}
