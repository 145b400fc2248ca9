/* puratan-cli-catalog.h: the catalog the pricing commands work from
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pricing.h"

G_BEGIN_DECLS

PuratanCatalog *puratan_cli_load_catalog (const char *directory, GError **error);

G_END_DECLS
