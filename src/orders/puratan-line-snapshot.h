/* puratan-line-snapshot.h: order lines from frozen quote snapshots
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pricing.h"
#include "puratan-store.h"

G_BEGIN_DECLS

PuratanOrderLine *puratan_order_line_from_snapshot (const char *json, GError **error);

PuratanOrderLine *
puratan_order_line_from_quote (const PuratanQuote *quote, guint index, GError **error);

G_END_DECLS
