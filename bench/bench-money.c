/* bench-money.c: throughput of money arithmetic, formatting and parsing
 *
 * Prints operations per second for each case next to the baseline, the
 * plain decimal conversion that involves no ICU, so that the cost of
 * opening an ICU formatter per call stays visible.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#define ITERATIONS 20000

typedef void (*BenchFunc) (guint i);

static PuratanMoney price;

static void
run_decimal (guint i)
{
  g_free (puratan_money_to_decimal (price, NULL));
}

static void
run_gst (guint i)
{
  PuratanMoney tax;

  puratan_money_apply_basis_points (price, 1800 + (gint64) (i % 3), PURATAN_ROUNDING_HALF_EVEN,
                                    &tax, NULL);
}

static void
run_format (guint i)
{
  g_free (puratan_money_format (price, "en_IN", NULL));
}

static void
run_parse (guint i)
{
  PuratanMoney out;

  puratan_money_parse ("₹12,34,567.89", "INR", "en_IN", &out, NULL);
}

static void
run_uuid (guint i)
{
  g_free (puratan_id_new (NULL));
}

static double
measure (BenchFunc func)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  for (guint i = 0; i < ITERATIONS; i++)
    func (i);
  elapsed = MAX (g_get_monotonic_time () - start, 1);
  return ITERATIONS * (double) G_USEC_PER_SEC / (double) elapsed;
}

int
main (void)
{
  static const struct
  {
    const char *name;
    BenchFunc func;
  } cases[] = {
    { "to_decimal (baseline)", run_decimal },
    { "18 % GST, half-even", run_gst },
    { "format en_IN (ICU)", run_format },
    { "parse en_IN (ICU)", run_parse },
    { "new UUIDv4 id", run_uuid },
  };
  double baseline = 0;

  puratan_money_init (&price, 123456789, "INR", NULL);
  g_print ("%-24s %14s %10s\n", "case", "ops/s", "vs base");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double rate = measure (cases[i].func);

      if (i == 0)
        baseline = rate;
      g_print ("%-24s %14.0f %9.2fx\n", cases[i].name, rate, rate / baseline);
    }
  return 0;
}
