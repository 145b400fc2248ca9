/* puratan-job.h: one product with its options, priced for any quantity
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-catalog.h"

G_BEGIN_DECLS

/**
 * PuratanJob:
 *
 * A product of a catalog with every option resolved and checked, and its
 * imposition on each press worked out once. Pricing a quantity is then
 * integer arithmetic only. A job holds a reference on its catalog.
 */
typedef struct _PuratanJob PuratanJob;

/**
 * PURATAN_JOB_MAX_FINISHING:
 *
 * Most finishing operations one job can carry.
 */
#define PURATAN_JOB_MAX_FINISHING 16

/**
 * PuratanPriceAdjust:
 * @tier_bp: customer tier discount in basis points (0 to 9000)
 * @coupon_bp: percentage coupon in basis points (0 to 9000); 0 for none
 *
 * The customer's discounts that enter the price curve.
 */
typedef struct
{
  gint64 tier_bp;
  gint64 coupon_bp;
} PuratanPriceAdjust;

/**
 * PuratanJobPrice:
 *
 * How the price of one quantity was reached. All amounts are in paise.
 * The cost model runs, for the cheapest press: imposition → sheets (run
 * plus make-ready and run spoilage) → parent sheets → paper, press and
 * finishing cost → markup per bucket → turnaround surcharge → minimum
 * charge = list price. Then volume discount, tier discount and coupon,
 * each taken off the result of the step before; finally the price-curve
 * guard moves the price into the band that keeps the total from falling and
 * the unit price from rising as the quantity grows (@curve_adjustment).
 */
typedef struct
{
  gint64 quantity;
  const char *press_id;
  const char *press_name;
  gboolean offset;
  guint up;
  gboolean rotated;
  guint cuts;
  gint64 pieces;
  gint64 run_sheets;
  gint64 spoilage_sheets;
  gint64 press_sheets;
  gint64 parent_sheets;
  gint64 paper_cost;
  gint64 press_cost;
  gint64 finishing_cost;
  guint n_finishing;
  const char *finishing_label[PURATAN_JOB_MAX_FINISHING];
  gint64 finishing_item_cost[PURATAN_JOB_MAX_FINISHING];
  gint64 paper_price;
  gint64 press_price;
  gint64 finishing_price;
  gint64 turnaround_surcharge;
  gint64 minimum_uplift;
  gint64 list_price;
  gint64 volume_bp;
  gint64 volume_discount;
  gint64 tier_discount;
  gint64 coupon_discount;
  gint64 curve_adjustment;
  gint64 price;
} PuratanJobPrice;

PuratanJob *puratan_job_new (PuratanCatalog *catalog,
                             const char *product_id,
                             GHashTable *options,
                             GError **error);
void puratan_job_free (PuratanJob *job);

const char *puratan_job_get_product_id (const PuratanJob *job);
const char *puratan_job_get_product_name (const PuratanJob *job);
const char *puratan_job_get_category (const PuratanJob *job);
gint64 puratan_job_get_quantity_max (const PuratanJob *job);
GHashTable *puratan_job_get_options (const PuratanJob *job);
char *puratan_job_describe_options (const PuratanJob *job);
char *puratan_job_describe_options_for_people (const PuratanJob *job);

gboolean puratan_job_check_quantity (const PuratanJob *job, gint64 quantity, GError **error);

gint64 puratan_job_list_price (const PuratanJob *job, gint64 quantity, PuratanJobPrice *out);

gboolean puratan_job_price (const PuratanJob *job,
                            const PuratanPriceAdjust *adjust,
                            gint64 quantity,
                            PuratanJobPrice *out,
                            GError **error);

gint64 puratan_job_price_curve (const PuratanJob *job,
                                const PuratanPriceAdjust *adjust,
                                gint64 max_quantity,
                                gint64 *prices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanJob, puratan_job_free)

G_END_DECLS
