/* test-money-text.c: formatting amounts for locales and parsing typed amounts
 *
 * Expected strings are what ICU 72 (CLDR 42) prints; de_DE puts a no-break
 * space (U+00A0) before the euro sign.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#include <string.h>

typedef struct
{
  gint64 minor;
  const char *currency;
  const char *locale;
  const char *expected;
} FormatCase;

static void
test_format (void)
{
  static const FormatCase cases[] = {
    { 10000000, "INR", "en_IN", "₹1,00,000.00" },
    { 1234567890505, "INR", "en_IN", "₹12,34,56,78,905.05" },
    { 1234567905, "INR", "en_IN", "₹1,23,45,679.05" },
    { 12345678905, "INR", "en_IN", "₹12,34,56,789.05" },
    { -150050, "INR", "en_IN", "-₹1,500.50" },
    { 0, "INR", "en_IN", "₹0.00" },
    { 5, "INR", "en_IN", "₹0.05" },
    { 10000000, "INR", "hi_IN", "₹1,00,000.00" },
    { 10000000, "INR", "en_IN.UTF-8", "₹1,00,000.00" },
    { 123456, "USD", "en_US", "$1,234.56" },
    { -123456, "USD", "en_US", "-$1,234.56" },
    { 123456, "EUR", "de_DE", "1.234,56\u00a0€" },
    { -123456, "EUR", "de_DE", "-1.234,56\u00a0€" },
    { 123456, "EUR", "fr_FR", "1\u202f234,56\u00a0€" },
    { 1234, "JPY", "en_US", "¥1,234" },
    { 1234, "JPY", "ja_JP", "￥1,234" },
    { 1234567, "BHD", "en_US", "BHD\u00a01,234.567" },
    { 10000000, "INR", "en_US", "₹100,000.00" },
    { 123456, "USD", "en_IN", "$1,234.56" },
    { G_MAXINT64, "INR", "en_IN", "₹92,23,37,20,36,85,47,758.07" },
    { G_MININT64, "INR", "en_IN", "-₹92,23,37,20,36,85,47,758.08" },
    /* No CLDR data, or the C locale: the shop's home locale en_IN. */
    { 10000000, "INR", "xx_YY", "₹1,00,000.00" },
    { 10000000, "INR", "C", "₹1,00,000.00" },
    { 10000000, "INR", "C.UTF-8", "₹1,00,000.00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PuratanMoney m;
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (puratan_money_init (&m, cases[i].minor, cases[i].currency, NULL));
      text = puratan_money_format (m, cases[i].locale, &error);
      g_assert_no_error (error);
      g_test_message ("%s %" G_GINT64_FORMAT " in %s → %s", cases[i].currency, cases[i].minor,
                      cases[i].locale, text);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_errors (void)
{
  PuratanMoney m = { 100, "INR" };
  PuratanMoney bad = { 100, "ABC" };
  g_autofree char *default_locale = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (puratan_money_format (m, "!!!", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_money_format (m, "", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_money_format (bad, "en_IN", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
  g_clear_error (&error);

  default_locale = puratan_money_format (m, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (default_locale);
  g_assert_cmpstr (default_locale, !=, "");
}

typedef struct
{
  const char *text;
  const char *currency;
  const char *locale;
  gint64 expected;
} ParseCase;

static void
test_parse (void)
{
  static const ParseCase cases[] = {
    { "1500", "INR", "en_IN", 150000 },
    { "1,500.50", "INR", "en_IN", 150050 },
    { "₹1,00,000.00", "INR", "en_IN", 10000000 },
    { "₹ 12,34,56,789.05", "INR", "en_IN", 12345678905 },
    { "Rs. 250", "INR", "en_IN", 25000 },
    { "Rs.250", "INR", "en_IN", 25000 },
    { "rs 250", "INR", "en_IN", 25000 },
    { "INR 99.5", "INR", "en_IN", 9950 },
    { "99.5 INR", "INR", "en_IN", 9950 },
    { "-12.00", "INR", "en_IN", -1200 },
    { "-₹12", "INR", "en_IN", -1200 },
    { "₹-12", "INR", "en_IN", -1200 },
    { "−7.25", "INR", "en_IN", -725 },
    { "  42  ", "INR", "en_IN", 4200 },
    { "0.05", "INR", "en_IN", 5 },
    { "0", "INR", "en_IN", 0 },
    { "-0", "INR", "en_IN", 0 },
    { "1,234,567.89", "INR", "en_IN", 123456789 },
    { "₹1,00,000.00", "INR", "hi_IN", 10000000 },
    { "१२३", "INR", "hi_IN", 12300 },
    { "$1,234.56", "USD", "en_US", 123456 },
    { "USD 1234.56", "USD", "en_US", 123456 },
    { "1.234,56 €", "EUR", "de_DE", 123456 },
    { "1.234,56\u00a0€", "EUR", "de_DE", 123456 },
    { "-1.234,5", "EUR", "de_DE", -123450 },
    { "1\u202f234,56\u00a0€", "EUR", "fr_FR", 123456 },
    { "1 234,56 €", "EUR", "fr_FR", 123456 },
    { "¥1,234", "JPY", "en_US", 1234 },
    { "1.234", "BHD", "en_US", 1234 },
    { "92233720368547758.07", "INR", "en_IN", G_MAXINT64 },
    { "-92233720368547758.08", "INR", "en_IN", G_MININT64 },
    { "9223372036854775807", "JPY", "en_US", G_MAXINT64 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PuratanMoney m = { 0 };
      g_autoptr (GError) error = NULL;

      g_test_message ("parsing “%s” as %s in %s", cases[i].text, cases[i].currency,
                      cases[i].locale);
      g_assert_true (
          puratan_money_parse (cases[i].text, cases[i].currency, cases[i].locale, &m, &error));
      g_assert_no_error (error);
      g_assert_cmpint (m.minor, ==, cases[i].expected);
      g_assert_cmpstr (m.currency, ==, cases[i].currency);
    }
}

static void
test_round_trip (void)
{
  static const char *const locales[] = { "en_IN", "hi_IN", "en_US", "de_DE", "fr_FR", "ja_JP" };
  static const char *const currencies[] = { "INR", "USD", "EUR", "JPY", "BHD" };
  static const gint64 amounts[] = { 0,         1,           -1,         99,        150050,
                                    -10000000, 12345678905, G_MAXINT64, G_MININT64 };

  for (gsize l = 0; l < G_N_ELEMENTS (locales); l++)
    for (gsize c = 0; c < G_N_ELEMENTS (currencies); c++)
      for (gsize a = 0; a < G_N_ELEMENTS (amounts); a++)
        {
          PuratanMoney m, back = { 0 };
          g_autofree char *text = NULL;
          g_autoptr (GError) error = NULL;

          g_assert_true (puratan_money_init (&m, amounts[a], currencies[c], NULL));
          text = puratan_money_format (m, locales[l], &error);
          g_assert_no_error (error);
          if (!puratan_money_parse (text, currencies[c], locales[l], &back, &error))
            g_error ("“%s” (%s, %s) did not parse back: %s", text, currencies[c], locales[l],
                     error->message);
          g_assert_cmpint (back.minor, ==, m.minor);
          g_assert_cmpstr (back.currency, ==, m.currency);
        }
}

typedef struct
{
  const char *text;
  const char *currency;
  const char *locale;
  int code;
  const char *message;
} BadCase;

static void
test_parse_errors (void)
{
  static const BadCase cases[] = {
    { "", "INR", "en_IN", PURATAN_ERROR_PARSE, "No amount was entered" },
    { "   ", "INR", "en_IN", PURATAN_ERROR_PARSE, "No amount was entered" },
    { "abc", "INR", "en_IN", PURATAN_ERROR_PARSE, "“a” is unexpected" },
    { "₹", "INR", "en_IN", PURATAN_ERROR_PARSE, "a number is missing" },
    { "12abc", "INR", "en_IN", PURATAN_ERROR_PARSE, "“a” is unexpected" },
    { "12 34", "INR", "en_IN", PURATAN_ERROR_PARSE, "“3” is unexpected" },
    { "$12", "INR", "en_IN", PURATAN_ERROR_PARSE, "“$” is unexpected" },
    { "12 USD", "INR", "en_IN", PURATAN_ERROR_PARSE, "“U” is unexpected" },
    { "₹12 ₹", "INR", "en_IN", PURATAN_ERROR_PARSE, "“₹” is unexpected" },
    { "1.2.3", "INR", "en_IN", PURATAN_ERROR_PARSE, "more than one decimal separator" },
    { "1,,0", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1,0", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { ",100", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "100,", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1,000,00", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1000,000", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1,00,0000", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1,.5", "INR", "en_IN", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1.5,0", "INR", "en_IN", PURATAN_ERROR_PARSE, "after the decimal separator" },
    { ".5", "INR", "en_IN", PURATAN_ERROR_PARSE, "needs a digit before" },
    { "12.", "INR", "en_IN", PURATAN_ERROR_PARSE, "no digits after the decimal separator" },
    { "--5", "INR", "en_IN", PURATAN_ERROR_PARSE, "more than one minus sign" },
    { "5-", "INR", "en_IN", PURATAN_ERROR_PARSE, "“-” is unexpected" },
    { "12.345", "INR", "en_IN", PURATAN_ERROR_PARSE,
      "“12.345” has 3 decimal places; INR amounts have at most 2" },
    { "0.001", "USD", "en_US", PURATAN_ERROR_PARSE, "has 3 decimal places; USD amounts" },
    { "12.5", "JPY", "en_US", PURATAN_ERROR_PARSE, "JPY amounts are whole numbers" },
    { "1.2345", "BHD", "en_US", PURATAN_ERROR_PARSE, "BHD amounts have at most 3" },
    { "1234.56", "EUR", "de_DE", PURATAN_ERROR_PARSE, "misplaced grouping separator" },
    { "1,234.56", "EUR", "de_DE", PURATAN_ERROR_PARSE, "grouping separator after the decimal" },
    { "92233720368547758.08", "INR", "en_IN", PURATAN_ERROR_OVERFLOW, "too large" },
    { "-92233720368547758.09", "INR", "en_IN", PURATAN_ERROR_OVERFLOW, "too large" },
    { "99999999999999999999999", "INR", "en_IN", PURATAN_ERROR_OVERFLOW, "too large" },
    { "9223372036854775808", "JPY", "en_US", PURATAN_ERROR_OVERFLOW, "too large" },
    { "100", "XYZ", "en_IN", PURATAN_ERROR_UNKNOWN_CURRENCY, "XYZ" },
    { "100", "INR", "bad locale!", PURATAN_ERROR_INVALID_INPUT, "not a locale name" },
    { "\xff\xfe", "INR", "en_IN", PURATAN_ERROR_PARSE, "not valid UTF-8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PuratanMoney m = { 77, "INR" };
      g_autoptr (GError) error = NULL;

      g_assert_false (
          puratan_money_parse (cases[i].text, cases[i].currency, cases[i].locale, &m, &error));
      g_assert_error (error, PURATAN_ERROR, cases[i].code);
      if (g_utf8_validate (cases[i].text, -1, NULL))
        g_test_message ("“%s” → %s", cases[i].text, error->message);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” gave “%s”, expected it to mention “%s”", cases[i].text, error->message,
                 cases[i].message);
      g_assert_cmpint (m.minor, ==, 77);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money-text/format", test_format);
  g_test_add_func ("/core/money-text/format-errors", test_format_errors);
  g_test_add_func ("/core/money-text/parse", test_parse);
  g_test_add_func ("/core/money-text/round-trip", test_round_trip);
  g_test_add_func ("/core/money-text/parse-errors", test_parse_errors);

  return g_test_run ();
}
