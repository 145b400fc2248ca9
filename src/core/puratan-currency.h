/* puratan-currency.h: the ISO 4217 currencies the project knows
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PuratanCurrency:
 * @code: the ISO 4217 alphabetic code in upper case, e.g. "INR"
 * @exponent: number of minor-unit digits: 2 for INR (paise), 0 for JPY, 3 for BHD
 * @symbol: the usual symbol in UTF-8, e.g. "₹"; the code itself where there is none
 * @name: the English name, e.g. "Indian rupee"
 *
 * One entry of the static currency table. Entries live for the whole
 * process and must not be freed or modified.
 */
typedef struct
{
  const char *code;
  guint exponent;
  const char *symbol;
  const char *name;
} PuratanCurrency;

const PuratanCurrency *puratan_currency_lookup (const char *code, GError **error);

const PuratanCurrency *puratan_currency_get_all (gsize *n_currencies);

gint64 puratan_currency_get_minor_per_major (const PuratanCurrency *currency);

G_END_DECLS
