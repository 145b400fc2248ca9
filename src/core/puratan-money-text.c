/* puratan-money-text.c: formatting and parsing amounts for people, with ICU
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-money.h"

#include "puratan-error.h"
#include "puratan-money-private.h"

#include <string.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

/* The shop's home locale, used when a locale has no CLDR data. */
#define FALLBACK_LOCALE "en_IN"

char *
puratan_money_utf16_to_utf8 (const UChar *text, int32_t length)
{
  return g_utf16_to_utf8 ((const gunichar2 *) text, length, NULL, NULL, NULL);
}

/* Reduces a POSIX name such as "hi_IN.UTF-8@x" to "hi_IN"; NULL if malformed. */
static char *
normalize_locale (const char *locale)
{
  gsize len = strcspn (locale, ".@");

  if (len == 0 || len > 64)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (locale[i]) && locale[i] != '_' && locale[i] != '-')
      return NULL;
  return g_strndup (locale, len);
}

static gboolean
same_language (const char *a, const char *b)
{
  char lang_a[16] = "", lang_b[16] = "";
  UErrorCode status = U_ZERO_ERROR;

  uloc_getLanguage (a, lang_a, sizeof lang_a, &status);
  uloc_getLanguage (b, lang_b, sizeof lang_b, &status);
  return U_SUCCESS (status) && lang_a[0] != '\0' && g_ascii_strcasecmp (lang_a, lang_b) == 0;
}

/* Opens a currency formatter for @locale (NULL: ICU's default locale) set up
 * for @currency with exactly its number of minor digits. */
UNumberFormat *
puratan_money_open_format (const char *locale, const PuratanCurrency *currency, GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr (UNumberFormat) format = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UChar code[4];
  const char *actual;

  name = normalize_locale (locale != NULL ? locale : uloc_getDefault ());
  if (name == NULL && locale != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a locale name such as “en_IN” or “hi_IN”", locale);
      return NULL;
    }
  if (name == NULL || g_ascii_strcasecmp (name, "C") == 0 ||
      g_ascii_strcasecmp (name, "POSIX") == 0 || g_ascii_strcasecmp (name, "en_US_POSIX") == 0)
    {
      g_free (name);
      name = g_strdup (FALLBACK_LOCALE);
    }

  format = unum_open (UNUM_CURRENCY, NULL, 0, name, NULL, &status);
  if (U_SUCCESS (status))
    {
      actual = unum_getLocaleByType (format, ULOC_ACTUAL_LOCALE, &status);
      if (U_SUCCESS (status) && (actual == NULL || !same_language (actual, name)))
        {
          g_clear_pointer (&format, unum_close);
          format = unum_open (UNUM_CURRENCY, NULL, 0, FALLBACK_LOCALE, NULL, &status);
        }
    }

  u_charsToUChars (currency->code, code, 4);
  if (U_SUCCESS (status))
    unum_setTextAttribute (format, UNUM_CURRENCY_CODE, code, 3, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "The number formatting library could not be set up for %s in “%s”: %s",
                   currency->code, name, u_errorName (status));
      return NULL;
    }
  unum_setAttribute (format, UNUM_MIN_FRACTION_DIGITS, (int32_t) currency->exponent);
  unum_setAttribute (format, UNUM_MAX_FRACTION_DIGITS, (int32_t) currency->exponent);
  unum_setAttribute (format, UNUM_ROUNDING_MODE, UNUM_ROUND_UNNECESSARY);
  return g_steal_pointer (&format);
}

/**
 * puratan_money_format:
 * @money: an amount
 * @locale: (nullable): a locale name such as "en_IN", "hi_IN" or "de_DE";
 *   %NULL for the process's default locale
 * @error: return location for a #GError
 *
 * Formats @money for display with the locale's currency pattern, symbol,
 * separators and digit grouping, always with the currency's number of minor
 * digits: 10000000 paise is "₹1,00,000.00" in en_IN, 123456 cents are
 * "$1,234.56" in en_US and "1.234,56 €" (with a no-break space) in de_DE.
 * The amount goes to ICU as an exact decimal; nothing is rounded.
 *
 * A POSIX name such as "en_IN.UTF-8" is accepted; its codeset and modifier
 * are ignored. The C/POSIX locale, and a locale ICU has no data for, fall
 * back to "en_IN", the shop's home locale. A string that is not a locale name
 * at all fails with %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full) (nullable): the text in UTF-8, or %NULL on error
 */
char *
puratan_money_format (PuratanMoney money, const char *locale, GError **error)
{
  const PuratanCurrency *cur;
  g_autoptr (UNumberFormat) format = NULL;
  g_autofree char *decimal = NULL;
  g_autofree UChar *buffer = NULL;
  UErrorCode status = U_ZERO_ERROR;
  int32_t length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return NULL;
  format = puratan_money_open_format (locale, cur, error);
  if (format == NULL)
    return NULL;

  decimal = puratan_money_decimal_string (money.minor, cur);
  length = unum_formatDecimal (format, decimal, -1, NULL, 0, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      buffer = g_new (UChar, length + 1);
      length = unum_formatDecimal (format, decimal, -1, buffer, length + 1, NULL, &status);
    }
  if (U_FAILURE (status))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Could not format %s %s: %s", decimal,
                   cur->code, u_errorName (status));
      return NULL;
    }
  return puratan_money_utf16_to_utf8 (buffer, length);
}
