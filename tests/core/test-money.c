/* test-money.c: exact money arithmetic, rounding, allocation and JSON
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#include <string.h>

static PuratanMoney
money (gint64 minor, const char *currency)
{
  PuratanMoney m;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_init (&m, minor, currency, &error));
  g_assert_no_error (error);
  return m;
}

static void
test_init (void)
{
  PuratanMoney m = { 7, "QQQ" };
  PuratanMoney zeroed = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_init (&m, 150050, "inr", &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.minor, ==, 150050);
  g_assert_cmpstr (m.currency, ==, "INR");

  g_assert_false (puratan_money_init (&m, 1, "XYZ", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
  g_assert_nonnull (strstr (error->message, "XYZ"));
  g_clear_error (&error);
  g_assert_cmpint (m.minor, ==, 150050);

  g_assert_false (puratan_money_init (&m, 1, "", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
  g_clear_error (&error);

  /* A zero-filled value has no currency and is refused by every operation. */
  g_assert_false (puratan_money_add (zeroed, zeroed, &m, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
  g_clear_error (&error);
  memcpy (zeroed.currency, "INRX", 4);
  g_assert_false (puratan_money_multiply (zeroed, 2, &m, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
}

static void
test_add_subtract (void)
{
  PuratanMoney out;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_add (money (150050, "INR"), money (-50, "INR"), &out, &error));
  g_assert_cmpint (out.minor, ==, 150000);
  g_assert_true (puratan_money_subtract (money (100, "INR"), money (250, "INR"), &out, &error));
  g_assert_cmpint (out.minor, ==, -150);
  g_assert_cmpstr (out.currency, ==, "INR");
  g_assert_no_error (error);

  /* Exactly at the limits is fine; one past is an error and leaves out alone. */
  g_assert_true (puratan_money_add (money (G_MAXINT64 - 1, "INR"), money (1, "INR"), &out, NULL));
  g_assert_cmpint (out.minor, ==, G_MAXINT64);
  g_assert_false (puratan_money_add (money (G_MAXINT64, "INR"), money (1, "INR"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_cmpint (out.minor, ==, G_MAXINT64);

  g_assert_true (
      puratan_money_subtract (money (G_MININT64 + 1, "INR"), money (1, "INR"), &out, NULL));
  g_assert_cmpint (out.minor, ==, G_MININT64);
  g_assert_false (
      puratan_money_subtract (money (G_MININT64, "INR"), money (1, "INR"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (puratan_money_add (money (G_MININT64, "INR"), money (-1, "INR"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (
      puratan_money_subtract (money (0, "INR"), money (G_MININT64, "INR"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (puratan_money_add (money (100, "INR"), money (100, "USD"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CURRENCY_MISMATCH);
  g_assert_nonnull (strstr (error->message, "INR"));
  g_assert_nonnull (strstr (error->message, "USD"));
  g_clear_error (&error);
  g_assert_false (puratan_money_subtract (money (100, "EUR"), money (100, "GBP"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CURRENCY_MISMATCH);
}

static void
test_negate_compare (void)
{
  PuratanMoney out;
  int order = 42;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_negate (money (G_MAXINT64, "INR"), &out, &error));
  g_assert_cmpint (out.minor, ==, -G_MAXINT64);
  g_assert_false (puratan_money_negate (money (G_MININT64, "INR"), &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_true (puratan_money_compare (money (1, "INR"), money (2, "INR"), &order, NULL));
  g_assert_cmpint (order, ==, -1);
  g_assert_true (
      puratan_money_compare (money (G_MAXINT64, "INR"), money (G_MININT64, "INR"), &order, NULL));
  g_assert_cmpint (order, ==, 1);
  g_assert_true (puratan_money_compare (money (5, "JPY"), money (5, "JPY"), &order, NULL));
  g_assert_cmpint (order, ==, 0);
  g_assert_false (puratan_money_compare (money (5, "JPY"), money (5, "INR"), &order, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CURRENCY_MISMATCH);
}

static void
test_multiply (void)
{
  PuratanMoney out;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_multiply (money (1250, "INR"), 500, &out, &error));
  g_assert_cmpint (out.minor, ==, 625000);
  g_assert_true (puratan_money_multiply (money (1250, "INR"), -3, &out, &error));
  g_assert_cmpint (out.minor, ==, -3750);
  g_assert_true (puratan_money_multiply (money (G_MAXINT64, "INR"), 0, &out, &error));
  g_assert_cmpint (out.minor, ==, 0);
  g_assert_true (puratan_money_multiply (money (G_MAXINT64, "INR"), -1, &out, &error));
  g_assert_cmpint (out.minor, ==, -G_MAXINT64);
  g_assert_no_error (error);

  g_assert_false (puratan_money_multiply (money (G_MAXINT64 / 2 + 1, "INR"), 2, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (puratan_money_multiply (money (G_MININT64, "INR"), -1, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
}

typedef struct
{
  gint64 minor;
  PuratanRounding rounding;
  gint64 expected;
} RoundCase;

static void
test_rounding_ties (void)
{
  /* x/10 with x = ±25, ±35, ±15 and non-ties, for every rule. */
  static const RoundCase cases[] = {
    { 25, PURATAN_ROUNDING_HALF_UP, 3 },     { 25, PURATAN_ROUNDING_HALF_EVEN, 2 },
    { 35, PURATAN_ROUNDING_HALF_UP, 4 },     { 35, PURATAN_ROUNDING_HALF_EVEN, 4 },
    { 15, PURATAN_ROUNDING_HALF_EVEN, 2 },   { -25, PURATAN_ROUNDING_HALF_UP, -3 },
    { -25, PURATAN_ROUNDING_HALF_EVEN, -2 }, { -35, PURATAN_ROUNDING_HALF_UP, -4 },
    { -35, PURATAN_ROUNDING_HALF_EVEN, -4 }, { -15, PURATAN_ROUNDING_HALF_EVEN, -2 },
    { 24, PURATAN_ROUNDING_HALF_UP, 2 },     { 26, PURATAN_ROUNDING_HALF_EVEN, 3 },
    { -26, PURATAN_ROUNDING_HALF_UP, -3 },   { -24, PURATAN_ROUNDING_HALF_EVEN, -2 },
    { 27, PURATAN_ROUNDING_FLOOR, 2 },       { -21, PURATAN_ROUNDING_FLOOR, -3 },
    { 21, PURATAN_ROUNDING_CEILING, 3 },     { -27, PURATAN_ROUNDING_CEILING, -2 },
    { 27, PURATAN_ROUNDING_TRUNCATE, 2 },    { -27, PURATAN_ROUNDING_TRUNCATE, -2 },
    { 30, PURATAN_ROUNDING_FLOOR, 3 },       { -30, PURATAN_ROUNDING_CEILING, -3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PuratanMoney out;
      g_autoptr (GError) error = NULL;

      g_assert_true (puratan_money_multiply_fraction (money (cases[i].minor, "INR"), 1, 10,
                                                      cases[i].rounding, &out, &error));
      g_assert_no_error (error);
      g_assert_cmpint (out.minor, ==, cases[i].expected);
    }
}

static void
test_gst (void)
{
  PuratanMoney out;
  g_autoptr (GError) error = NULL;

  /* 18 % of ₹999.99 is ₹179.9982 → ₹180.00. */
  g_assert_true (puratan_money_apply_basis_points (money (99999, "INR"), 1800,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_cmpint (out.minor, ==, 18000);
  /* 18 % of ₹0.25 is 4.5 paise: a tie. */
  g_assert_true (puratan_money_apply_basis_points (money (25, "INR"), 1800,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_cmpint (out.minor, ==, 5);
  g_assert_true (puratan_money_apply_basis_points (money (25, "INR"), 1800,
                                                   PURATAN_ROUNDING_HALF_EVEN, &out, &error));
  g_assert_cmpint (out.minor, ==, 4);
  g_assert_true (puratan_money_apply_basis_points (money (-25, "INR"), 1800,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_cmpint (out.minor, ==, -5);
  /* 18 % of ₹1,234.57 is 22222.26 paise. */
  g_assert_true (puratan_money_apply_basis_points (money (123457, "INR"), 1800,
                                                   PURATAN_ROUNDING_HALF_EVEN, &out, &error));
  g_assert_cmpint (out.minor, ==, 22222);
  /* 9 % CGST as an exact fraction, 2.5 % as basis points. */
  g_assert_true (puratan_money_multiply_fraction (money (33333, "INR"), 9, 100,
                                                  PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_cmpint (out.minor, ==, 3000);
  g_assert_true (puratan_money_apply_basis_points (money (1010, "INR"), 250,
                                                   PURATAN_ROUNDING_CEILING, &out, &error));
  g_assert_cmpint (out.minor, ==, 26);
  g_assert_no_error (error);
}

static void
test_fraction_limits (void)
{
  PuratanMoney out;
  g_autoptr (GError) error = NULL;

  /* The intermediate product exceeds 64 bits but the result fits. */
  g_assert_true (puratan_money_multiply_fraction (money (G_MAXINT64, "INR"), 3, 4,
                                                  PURATAN_ROUNDING_HALF_EVEN, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.minor, ==, 6917529027641081855);
  g_assert_true (puratan_money_multiply_fraction (money (G_MININT64, "INR"), G_MAXINT64, G_MAXINT64,
                                                  PURATAN_ROUNDING_FLOOR, &out, &error));
  g_assert_cmpint (out.minor, ==, G_MININT64);

  g_assert_false (puratan_money_multiply_fraction (money (G_MAXINT64, "INR"), 10001, 10000,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (puratan_money_apply_basis_points (money (G_MININT64, "INR"), -10000,
                                                    PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (puratan_money_multiply_fraction (money (100, "INR"), 1, 0,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_money_multiply_fraction (money (100, "INR"), 1, -3,
                                                   PURATAN_ROUNDING_HALF_UP, &out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static gint64
sum_parts (const PuratanMoney *parts, guint n)
{
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    sum += parts[i].minor;
  return sum;
}

static void
test_split (void)
{
  PuratanMoney parts[7];
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_money_split (money (10000, "INR"), 3, parts, &error));
  g_assert_cmpint (parts[0].minor, ==, 3334);
  g_assert_cmpint (parts[1].minor, ==, 3333);
  g_assert_cmpint (parts[2].minor, ==, 3333);
  g_assert_cmpstr (parts[2].currency, ==, "INR");

  g_assert_true (puratan_money_split (money (-10, "INR"), 4, parts, &error));
  g_assert_cmpint (parts[0].minor, ==, -3);
  g_assert_cmpint (parts[1].minor, ==, -3);
  g_assert_cmpint (parts[2].minor, ==, -2);
  g_assert_cmpint (parts[3].minor, ==, -2);

  g_assert_true (puratan_money_split (money (G_MININT64, "INR"), 7, parts, &error));
  g_assert_cmpint (sum_parts (parts, 7), ==, G_MININT64);
  g_assert_true (puratan_money_split (money (G_MAXINT64, "INR"), 7, parts, &error));
  g_assert_cmpint (sum_parts (parts, 7), ==, G_MAXINT64);
  g_assert_no_error (error);

  g_assert_false (puratan_money_split (money (100, "INR"), 0, parts, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_allocate (void)
{
  PuratanMoney parts[4];
  const guint weights[] = { 1, 99 };
  const guint thirds[] = { 1, 1, 1 };
  const guint with_zero[] = { 0, 50, 30, 20 };
  const guint zeros[] = { 0, 0 };
  g_autoptr (GError) error = NULL;

  /* The leftover unit goes to the part with the largest remainder. */
  g_assert_true (puratan_money_allocate (money (1, "INR"), weights, 2, parts, &error));
  g_assert_cmpint (parts[0].minor, ==, 0);
  g_assert_cmpint (parts[1].minor, ==, 1);

  g_assert_true (puratan_money_allocate (money (-100, "INR"), thirds, 3, parts, &error));
  g_assert_cmpint (parts[0].minor, ==, -34);
  g_assert_cmpint (parts[1].minor, ==, -33);
  g_assert_cmpint (parts[2].minor, ==, -33);

  g_assert_true (puratan_money_allocate (money (1001, "INR"), with_zero, 4, parts, &error));
  g_assert_cmpint (parts[0].minor, ==, 0);
  g_assert_cmpint (parts[1].minor, ==, 501);
  g_assert_cmpint (parts[2].minor, ==, 300);
  g_assert_cmpint (parts[3].minor, ==, 200);

  g_assert_true (puratan_money_allocate (money (G_MAXINT64, "INR"), thirds, 3, parts, &error));
  g_assert_cmpint (sum_parts (parts, 3), ==, G_MAXINT64);
  g_assert_true (puratan_money_allocate (money (G_MININT64, "INR"), with_zero, 4, parts, &error));
  g_assert_cmpint (sum_parts (parts, 4), ==, G_MININT64);
  g_assert_no_error (error);

  g_assert_false (puratan_money_allocate (money (100, "INR"), zeros, 2, parts, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_money_allocate (money (100, "INR"), NULL, 0, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_decimal (void)
{
  static const struct
  {
    gint64 minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 150050, "INR", "1500.50" },
    { -5, "INR", "-0.05" },
    { 0, "INR", "0.00" },
    { 1234, "JPY", "1234" },
    { -1234567, "BHD", "-1234.567" },
    { G_MININT64, "INR", "-92233720368547758.08" },
    { G_MAXINT64, "KWD", "9223372036854775.807" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
          puratan_money_to_decimal (money (cases[i].minor, cases[i].currency), NULL);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_json (void)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  PuratanMoney out = { 0 };
  g_autoptr (GError) error = NULL;
  static const struct
  {
    const char *json;
    int code;
  } bad[] = {
    { "[150050, \"INR\"]", PURATAN_ERROR_INVALID_INPUT },
    { "{\"currency\": \"INR\"}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": 150050}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": 1500.5, \"currency\": \"INR\"}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": \"150050\", \"currency\": \"INR\"}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": 1, \"currency\": 356}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": null, \"currency\": \"INR\"}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"amount_minor\": 1, \"currency\": \"RUPEE\"}", PURATAN_ERROR_UNKNOWN_CURRENCY },
  };

  node = puratan_money_to_json (money (150050, "INR"), &error);
  g_assert_no_error (error);
  text = puratan_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"amount_minor\":150050,\"currency\":\"INR\"}");
  g_assert_true (puratan_money_from_json (node, &out, &error));
  g_assert_cmpint (out.minor, ==, 150050);
  g_assert_cmpstr (out.currency, ==, "INR");
  g_clear_pointer (&node, json_node_unref);

  node = puratan_json_parse ("{\"amount_minor\": -9223372036854775808, \"currency\": \"usd\"}", -1,
                             &error);
  g_assert_no_error (error);
  g_assert_true (puratan_money_from_json (node, &out, &error));
  g_assert_cmpint (out.minor, ==, G_MININT64);
  g_assert_cmpstr (out.currency, ==, "USD");
  g_clear_pointer (&node, json_node_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      node = puratan_json_parse (bad[i].json, -1, &error);
      g_assert_no_error (error);
      g_assert_false (puratan_money_from_json (node, &out, &error));
      g_assert_error (error, PURATAN_ERROR, bad[i].code);
      g_test_message ("%s → %s", bad[i].json, error->message);
      g_clear_error (&error);
      g_clear_pointer (&node, json_node_unref);
    }
  g_assert_cmpint (out.minor, ==, G_MININT64);

  out.currency[0] = '\0';
  g_assert_null (puratan_money_to_json (out, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY);
}

static void
test_boxed (void)
{
  PuratanMoney m = money (99, "GBP");
  g_auto (GValue) value = G_VALUE_INIT;
  const PuratanMoney *held;

  g_value_init (&value, PURATAN_TYPE_MONEY);
  g_value_set_boxed (&value, &m);
  held = g_value_get_boxed (&value);
  g_assert_true (held != &m);
  g_assert_cmpint (held->minor, ==, 99);
  g_assert_cmpstr (held->currency, ==, "GBP");
  {
    g_autoptr (PuratanMoney) copy = puratan_money_copy (&m);
    g_assert_cmpint (copy->minor, ==, 99);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money/init", test_init);
  g_test_add_func ("/core/money/add-subtract", test_add_subtract);
  g_test_add_func ("/core/money/negate-compare", test_negate_compare);
  g_test_add_func ("/core/money/multiply", test_multiply);
  g_test_add_func ("/core/money/rounding-ties", test_rounding_ties);
  g_test_add_func ("/core/money/gst", test_gst);
  g_test_add_func ("/core/money/fraction-limits", test_fraction_limits);
  g_test_add_func ("/core/money/split", test_split);
  g_test_add_func ("/core/money/allocate", test_allocate);
  g_test_add_func ("/core/money/decimal", test_decimal);
  g_test_add_func ("/core/money/json", test_json);
  g_test_add_func ("/core/money/boxed", test_boxed);

  return g_test_run ();
}
