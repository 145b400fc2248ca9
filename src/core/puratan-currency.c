/* puratan-currency.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-currency.h"

#include "puratan-error.h"

#include <string.h>

/* Minor-unit exponents follow the ISO 4217 list; symbols are the common
 * English forms (a locale may display another one, see puratan_money_format()).
 */
static const PuratanCurrency currencies[] = {
  { "AED", 2, "د.إ", "UAE dirham" },
  { "AUD", 2, "A$", "Australian dollar" },
  { "BDT", 2, "৳", "Bangladeshi taka" },
  { "BHD", 3, "BD", "Bahraini dinar" },
  { "CAD", 2, "CA$", "Canadian dollar" },
  { "CHF", 2, "CHF", "Swiss franc" },
  { "CNY", 2, "CN¥", "Chinese yuan" },
  { "DKK", 2, "kr.", "Danish krone" },
  { "EUR", 2, "€", "Euro" },
  { "GBP", 2, "£", "Pound sterling" },
  { "HKD", 2, "HK$", "Hong Kong dollar" },
  { "IDR", 2, "Rp", "Indonesian rupiah" },
  { "INR", 2, "₹", "Indian rupee" },
  { "JOD", 3, "JD", "Jordanian dinar" },
  { "JPY", 0, "¥", "Japanese yen" },
  { "KRW", 0, "₩", "South Korean won" },
  { "KWD", 3, "KD", "Kuwaiti dinar" },
  { "LKR", 2, "Rs", "Sri Lankan rupee" },
  { "MYR", 2, "RM", "Malaysian ringgit" },
  { "NOK", 2, "kr", "Norwegian krone" },
  { "NPR", 2, "रु", "Nepalese rupee" },
  { "NZD", 2, "NZ$", "New Zealand dollar" },
  { "OMR", 3, "OMR", "Omani rial" },
  { "PKR", 2, "Rs", "Pakistani rupee" },
  { "QAR", 2, "QR", "Qatari riyal" },
  { "SAR", 2, "SR", "Saudi riyal" },
  { "SEK", 2, "kr", "Swedish krona" },
  { "SGD", 2, "S$", "Singapore dollar" },
  { "THB", 2, "฿", "Thai baht" },
  { "USD", 2, "$", "US dollar" },
  { "ZAR", 2, "R", "South African rand" },
};

/**
 * puratan_currency_lookup:
 * @code: (nullable): an ISO 4217 alphabetic code such as "INR"; ASCII case is ignored
 * @error: return location for a #GError
 *
 * Finds @code in the currency table.
 *
 * Returns: (transfer none) (nullable): the static table entry, or %NULL with
 *   %PURATAN_ERROR_UNKNOWN_CURRENCY set when @code is %NULL, malformed or not in the table
 */
const PuratanCurrency *
puratan_currency_lookup (const char *code, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (code != NULL && strlen (code) == 3)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
        if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
          return &currencies[i];
    }

  if (code == NULL || *code == '\0')
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY,
                         "No currency was given; expected an ISO 4217 code such as “INR”");
  else if (g_utf8_validate (code, -1, NULL))
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY,
                 "“%s” is not a known ISO 4217 currency code (for example “INR” or “USD”)", code);
  else
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY,
                         "The currency code is not valid UTF-8 text");
  return NULL;
}

/**
 * puratan_currency_get_all:
 * @n_currencies: (out): return location for the number of entries
 *
 * Gives the whole currency table, sorted by code.
 *
 * Returns: (transfer none) (array length=n_currencies): the static table
 */
const PuratanCurrency *
puratan_currency_get_all (gsize *n_currencies)
{
  g_return_val_if_fail (n_currencies != NULL, NULL);

  *n_currencies = G_N_ELEMENTS (currencies);
  return currencies;
}

/**
 * puratan_currency_get_minor_per_major:
 * @currency: a table entry
 *
 * Returns: how many minor units make one major unit: 10 to the power of the
 *   exponent (100 for INR, 1 for JPY, 1000 for BHD)
 */
gint64
puratan_currency_get_minor_per_major (const PuratanCurrency *currency)
{
  gint64 factor = 1;

  g_return_val_if_fail (currency != NULL, 1);

  for (guint i = 0; i < currency->exponent; i++)
    factor *= 10;
  return factor;
}
