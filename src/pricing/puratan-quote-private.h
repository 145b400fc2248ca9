/* puratan-quote-private.h: helpers shared by the quote's outputs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-catalog-private.h"
#include "puratan-quote.h"

G_BEGIN_DECLS

char *puratan_quote_format_money (PuratanMoney money);
char *puratan_quote_format_paise (gint64 paise);
char *puratan_quote_format_date (const GDate *date);

G_END_DECLS
