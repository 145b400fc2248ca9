/* test-property.c: more copies never cost less, nor more per copy
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every product of the seed catalog and every valid combination of its
 * options, the price of 1 to 10,000 copies (or the product's maximum) must
 * never fall as the quantity rises, and the price per copy must never rise.
 * The curve is computed in one incremental pass per option set, so the
 * whole sweep takes seconds.
 */
#include "puratan-pricing.h"

#define MAX_QUANTITY 10000

typedef struct
{
  PuratanCatalog *catalog;
  const char *product;
  GPtrArray *domains;
  GHashTable *options;
  gint64 *curve;
  guint n_sets;
  guint n_invalid;
  guint64 n_prices;
} Sweep;

static void
check_curve (Sweep *sweep, PuratanJob *job, const PuratanPriceAdjust *adjust)
{
  gint64 max = MIN (puratan_job_get_quantity_max (job), MAX_QUANTITY);
  gint64 *p = sweep->curve;

  puratan_job_price_curve (job, adjust, max, p);
  g_assert_cmpint (p[1], >, 0);
  for (gint64 q = 2; q <= max; q++)
    {
      /* p[q] / q <= p[q-1] / (q-1), exactly, by cross-multiplying. */
      if (p[q] < p[q - 1] || p[q] * (q - 1) > p[q - 1] * q)
        {
          g_autofree char *options = puratan_job_describe_options (job);

          g_error ("%s (%s), tier %" G_GINT64_FORMAT " bp: %" G_GINT64_FORMAT
                   " copies cost %" G_GINT64_FORMAT " paise, %" G_GINT64_FORMAT
                   " cost %" G_GINT64_FORMAT,
                   sweep->product, options, adjust->tier_bp, q - 1, p[q - 1], q, p[q]);
        }
    }
  sweep->n_prices += (guint64) max;
}

static void
visit (Sweep *sweep, guint depth)
{
  const PuratanOptionDomain *domain;

  if (depth == sweep->domains->len)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanJob) job =
          puratan_job_new (sweep->catalog, sweep->product, sweep->options, &error);
      PuratanPriceAdjust walk_in = { 0 };
      PuratanPriceAdjust trade_with_coupon = { .tier_bp = 1500, .coupon_bp = 1000 };

      if (job == NULL)
        {
          /* A combination a constraint forbids: its message must say why. */
          g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
          g_assert_cmpuint (strlen (error->message), >, 20);
          sweep->n_invalid++;
          return;
        }
      sweep->n_sets++;
      check_curve (sweep, job, &walk_in);
      check_curve (sweep, job, &trade_with_coupon);
      return;
    }
  domain = g_ptr_array_index (sweep->domains, depth);
  for (guint i = 0; domain->values[i] != NULL; i++)
    {
      g_hash_table_insert (sweep->options, domain->key, domain->values[i]);
      visit (sweep, depth + 1);
    }
}

static void
test_monotone (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  g_autofree gint64 *curve = g_new (gint64, MAX_QUANTITY + 1);
  guint total_sets = 0;
  guint64 total_prices = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < puratan_catalog_get_n_products (catalog); i++)
    {
      g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
      Sweep sweep = {
        .catalog = catalog,
        .product = puratan_catalog_get_product_id (catalog, i),
        .options = options,
        .curve = curve,
      };

      sweep.domains = puratan_catalog_get_option_domains (catalog, sweep.product, &error);
      g_assert_no_error (error);
      visit (&sweep, 0);
      g_test_message ("%s: %u option sets (%u forbidden by constraints), %" G_GUINT64_FORMAT
                      " prices checked",
                      sweep.product, sweep.n_sets, sweep.n_invalid, sweep.n_prices);
      g_assert_cmpuint (sweep.n_sets, >, 0);
      total_sets += sweep.n_sets;
      total_prices += sweep.n_prices;
      g_ptr_array_unref (sweep.domains);
    }
  g_test_message ("%u option sets, %" G_GUINT64_FORMAT " prices", total_sets, total_prices);
}

static void
test_curve_matches_single_quote (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  g_autofree gint64 *curve = g_new (gint64, MAX_QUANTITY + 1);
  const gint64 quantities[] = { 100, 999, 1000, 1001, 4999, 5000, 7777, 10000 };
  PuratanPriceAdjust trade = { .tier_bp = 1500 };

  for (guint i = 0; i < puratan_catalog_get_n_products (catalog); i++)
    {
      g_autoptr (PuratanJob) job =
          puratan_job_new (catalog, puratan_catalog_get_product_id (catalog, i), NULL, &error);

      g_assert_no_error (error);
      puratan_job_price_curve (job, &trade, MAX_QUANTITY, curve);
      /* The curve walks the runs incrementally; a single quote prices its
       * quantity directly. Both must agree, sheet boundary or not. */
      for (gint64 q = 1; q <= 400; q++)
        {
          PuratanJobPrice price;

          if (!puratan_job_check_quantity (job, q, NULL))
            continue;
          g_assert_true (puratan_job_price (job, &trade, q, &price, &error));
          g_assert_cmpint (price.price, ==, curve[q]);
        }
      for (guint k = 0; k < G_N_ELEMENTS (quantities); k++)
        {
          PuratanJobPrice price;

          g_assert_true (puratan_job_price (job, &trade, quantities[k], &price, &error));
          g_assert_cmpint (price.price, ==, curve[quantities[k]]);
          /* The breakdown adds up to the price. */
          g_assert_cmpint (price.list_price - price.volume_discount - price.tier_discount -
                               price.coupon_discount + price.curve_adjustment,
                           ==, price.price);
          g_assert_cmpint (price.paper_price + price.press_price + price.finishing_price +
                               price.turnaround_surcharge + price.minimum_uplift,
                           ==, price.list_price);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/property/monotone-total-and-unit-price", test_monotone);
  g_test_add_func ("/pricing/property/curve-matches-single-quote", test_curve_matches_single_quote);

  return g_test_run ();
}
