/* quote.c: how long one quote takes, against two baselines
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The studio reprices on every keystroke, so one quote must take at most
 * 1 ms. A quote resolves the options, prices every quantity from 1 up to
 * the one asked for (the price-curve guard needs the running curve), takes
 * the discounts and adds GST. Printed for each case, in microseconds:
 *
 *   list price   baseline: the cost model for the one quantity only, no
 *                guard, no options check, no tax (the least any quote costs);
 *   quote        puratan_job_new() + puratan_quote_new(): what the studio
 *                calls per keystroke (catalog already loaded);
 *   reload       baseline: the same quote with the catalog read and
 *                checked from disk first, as a one-shot `puratan quote` does.
 */
#include "puratan-pricing.h"

typedef struct
{
  const char *product;
  const char *options[6];
  gint64 quantity;
} Case;

static const Case cases[] = {
  { "business-cards", { "lamination", "matt", "corners", "rounded", NULL }, 500 },
  { "business-cards", { "lamination", "matt", "corners", "rounded", NULL }, 10000 },
  { "flyers", { NULL }, 5000 },
  { "booklets", { "pages", "48", NULL }, 10000 },
  { "banners", { NULL }, 10 },
};

static GHashTable *
case_options (const Case *c)
{
  GHashTable *options = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; c->options[i] != NULL; i += 2)
    g_hash_table_insert (options, (gpointer) c->options[i], (gpointer) c->options[i + 1]);
  return options;
}

static PuratanQuote *
quote_once (PuratanCatalog *catalog, const Case *c, GHashTable *options)
{
  g_autoptr (PuratanJob) job = puratan_job_new (catalog, c->product, options, NULL);
  PuratanQuoteRequest request = { .number = "PQ-BENCH", .tier = "trade" };

  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, 25, G_DATE_NOVEMBER, 2026);
  g_assert_nonnull (job);
  return puratan_quote_new (catalog, &request, &job, &c->quantity, 1, NULL);
}

/* Runs @body in batches of 16 until at least 0.2 s have passed; returns
 * microseconds per run. Batching keeps the clock out of short runs. */
#define MEASURE(result, body)                                   \
  do                                                            \
    {                                                           \
      gint64 start_ = g_get_monotonic_time (), runs_ = 0, now_; \
      do                                                        \
        {                                                       \
          for (int batch_ = 0; batch_ < 16; batch_++)           \
            {                                                   \
              body;                                             \
            }                                                   \
          runs_ += 16;                                          \
          now_ = g_get_monotonic_time ();                       \
        }                                                       \
      while (now_ - start_ < 200000);                           \
      result = (double) (now_ - start_) / (double) runs_;       \
    }                                                           \
  while (0)

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;
  double worst = 0;

  dir = argc > 1
            ? g_strdup (argv[1])
            : g_build_filename (
                  g_getenv ("MESON_SOURCE_ROOT") != NULL ? g_getenv ("MESON_SOURCE_ROOT") : ".",
                  "data", "catalog", NULL);
  catalog = puratan_catalog_load_dir (dir, &error);
  if (catalog == NULL)
    {
      g_printerr ("bench-quote: %s\n", error->message);
      return 1;
    }

  g_print ("%-16s %8s %14s %12s %12s\n", "product", "copies", "list price µs", "quote µs",
           "reload µs");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr (GHashTable) options = case_options (c);
      g_autoptr (PuratanJob) job = puratan_job_new (catalog, c->product, options, NULL);
      double list_us, quote_us, reload_us;
      volatile gint64 sink = 0;

      MEASURE (list_us, sink += puratan_job_list_price (job, c->quantity, NULL));
      MEASURE (quote_us, puratan_quote_free (quote_once (catalog, c, options)));
      MEASURE (reload_us, {
        g_autoptr (PuratanCatalog) fresh = puratan_catalog_load_dir (dir, NULL);

        puratan_quote_free (quote_once (fresh, c, options));
      });
      g_print ("%-16s %8" G_GINT64_FORMAT " %14.3f %12.1f %12.1f\n", c->product, c->quantity,
               list_us, quote_us, reload_us);
      worst = MAX (worst, quote_us);
      (void) sink;
    }
  g_print ("slowest quote: %.1f µs (target ≤ 1000 µs: %s)\n", worst,
           worst <= 1000 ? "met" : "NOT met");
  return 0;
}
