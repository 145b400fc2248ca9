/* test-currency.c: the currency table
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#include <string.h>

static void
test_lookup (void)
{
  static const struct
  {
    const char *code;
    guint exponent;
    gint64 factor;
  } known[] = {
    { "INR", 2, 100 },  { "USD", 2, 100 },  { "EUR", 2, 100 }, { "GBP", 2, 100 }, { "JPY", 0, 1 },
    { "BHD", 3, 1000 }, { "KWD", 3, 1000 }, { "AED", 2, 100 }, { "SGD", 2, 100 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autoptr (GError) error = NULL;
      const PuratanCurrency *cur = puratan_currency_lookup (known[i].code, &error);

      g_assert_no_error (error);
      g_assert_nonnull (cur);
      g_assert_cmpstr (cur->code, ==, known[i].code);
      g_assert_cmpuint (cur->exponent, ==, known[i].exponent);
      g_assert_cmpint (puratan_currency_get_minor_per_major (cur), ==, known[i].factor);
      g_assert_true (g_utf8_validate (cur->symbol, -1, NULL));
    }

  g_assert_cmpstr (puratan_currency_lookup ("inr", NULL)->symbol, ==, "₹");
  g_assert_cmpstr (puratan_currency_lookup ("Eur", NULL)->code, ==, "EUR");
}

static void
test_unknown (void)
{
  static const char *const bad[] = { "", "IN", "INRR", "XYZ", "₹", "I N", "\xff\xfe\xfd" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (puratan_currency_lookup (bad[i], &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (puratan_currency_lookup (NULL, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
  }
}

static void
test_table (void)
{
  gsize n = 0;
  const PuratanCurrency *all = puratan_currency_get_all (&n);

  g_assert_cmpuint (n, >=, 20);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (all[i].code), ==, 3);
      g_assert_cmpuint (all[i].exponent, <=, 3);
      if (i > 0)
        g_assert_cmpint (strcmp (all[i - 1].code, all[i].code), <, 0);
      g_assert_true (puratan_currency_lookup (all[i].code, NULL) == &all[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/currency/lookup", test_lookup);
  g_test_add_func ("/core/currency/unknown", test_unknown);
  g_test_add_func ("/core/currency/table", test_table);

  return g_test_run ();
}
