/* puratan-money-private.h: internals shared by the money sources
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-money.h"

#include <unicode/unum.h>

G_BEGIN_DECLS

gboolean
puratan_money_overflow_error (GError **error, const char *what, const PuratanCurrency *currency);

char *puratan_money_decimal_string (gint64 minor, const PuratanCurrency *currency);

UNumberFormat *
puratan_money_open_format (const char *locale, const PuratanCurrency *currency, GError **error);

char *puratan_money_utf16_to_utf8 (const UChar *text, int32_t length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UNumberFormat, unum_close)

G_END_DECLS
