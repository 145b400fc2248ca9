/* puratan-job-cost.c: the cost model and the price curve
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is integer paise. The catalog loader bounds every input
 * (quantity ≤ 10⁵, pages ≤ 10³, rates ≤ 10⁸ paise, markups ≤ 500 %,
 * surcharges ≤ 200 %, ≤ 16 finishing operations), which keeps every
 * intermediate value below 3·10¹⁸, inside a gint64. This is the hot path of
 * a quote (it runs once per quantity up to the one asked for), so it works
 * on plain gint64 rather than checked PuratanMoney operations; the quote
 * turns its results into PuratanMoney.
 */
#include "puratan-job-private.h"

#include <string.h>

#include "puratan-error.h"

static inline gint64
ceil_div (gint64 a, gint64 b)
{
  return (a + b - 1) / b;
}

/* @value × @bp / 10000, rounded half up, for value ≥ 0 and bp ≤ 70,000,
 * without overflow for value below 8·10¹⁷. Real prices take the short
 * path; the split one gives the same result for the largest values. */
static inline gint64
apply_bp (gint64 value, gint64 bp)
{
  if (G_LIKELY (value < G_GINT64_CONSTANT (100000000000000)))
    return (value * bp + 5000) / 10000;
  return (value / 10000) * bp + ((value % 10000) * bp + 5000) / 10000;
}

static inline gint64
click (const PuratanPress *press, gint64 colours)
{
  if (colours == 0)
    return 0;
  return colours == 1 ? press->click_mono : press->click_colour;
}

static gint64
finishing_count (
    const PuratanFinishing *f, gint64 quantity, gint64 pieces, gint64 sheets, gint64 printed_sides)
{
  switch (f->basis)
    {
      case PURATAN_BASIS_UNIT:
        return quantity;
      case PURATAN_BASIS_PIECE:
        return pieces;
      case PURATAN_BASIS_SHEET:
        return sheets;
      case PURATAN_BASIS_SHEET_SIDE:
      default:
        return sheets * printed_sides;
    }
}

/* Everything a route costs that depends only on its number of run sheets. */
typedef struct
{
  gint64 run;
  gint64 spoilage;
  gint64 sheets;
  gint64 parents;
  gint64 paper;
  gint64 press;
  gint64 sheet_finishing; /* finishing charged per sheet or per sheet side */
} SheetCosts;

static inline gboolean
per_sheet (const PuratanFinishing *f)
{
  return f->basis == PURATAN_BASIS_SHEET || f->basis == PURATAN_BASIS_SHEET_SIDE;
}

static inline gint64
finishing_cost (const PuratanFinishing *f, gint64 count)
{
  return f->setup + ceil_div (count * f->rate_per_1000, 1000);
}

static void
sheet_costs (const PuratanJob *job, const PuratanRoute *route, gint64 run, SheetCosts *out)
{
  const PuratanPress *press = route->press;
  gint64 front = job->sides->front, back = job->sides->back;
  gint64 printed_sides = (front > 0) + (back > 0);

  out->run = run;
  out->spoilage = press->makeready_sheets + ceil_div (run * press->run_spoilage_bp, 10000);
  out->sheets = run + out->spoilage;
  out->parents = ceil_div (out->sheets, route->cuts);
  out->paper = out->parents * job->stock->cost_per_parent;
  if (press->process == PURATAN_PROCESS_DIGITAL)
    out->press = out->sheets * (click (press, front) + click (press, back));
  else
    out->press =
        (front + back) * (press->plate + press->makeready_per_plate) +
        ceil_div (out->sheets * printed_sides * press->hourly, press->impressions_per_hour);
  out->sheet_finishing = 0;
  for (guint i = 0; i < job->n_finishing; i++)
    if (per_sheet (job->finishing[i]))
      out->sheet_finishing += finishing_cost (
          job->finishing[i], finishing_count (job->finishing[i], 0, 0, out->sheets, printed_sides));
}

/* The list price of one route for @quantity copies printed on the run of
 * @s; fills @out when it is not NULL. */
static gint64
route_list_from (const PuratanJob *job,
                 const PuratanRoute *route,
                 gint64 quantity,
                 const SheetCosts *s,
                 PuratanJobPrice *out)
{
  const PuratanProduct *product = job->product;
  gint64 printed_sides = (job->sides->front > 0) + (job->sides->back > 0);
  gint64 pieces = quantity * job->pieces_per_copy;
  gint64 finishing = s->sheet_finishing;
  gint64 marked, with_turnaround, list;

  for (guint i = 0; i < job->n_finishing; i++)
    if (!per_sheet (job->finishing[i]))
      finishing += finishing_cost (job->finishing[i],
                                   finishing_count (job->finishing[i], quantity, pieces, 0, 0));

  marked = apply_bp (s->paper, 10000 + product->markup_paper_bp) +
           apply_bp (s->press, 10000 + product->markup_press_bp) +
           apply_bp (finishing, 10000 + product->markup_finishing_bp);
  with_turnaround = apply_bp (marked, 10000 + job->turnaround->surcharge_bp);
  list = MAX (with_turnaround, product->minimum);

  if (out != NULL)
    {
      for (guint i = 0; i < job->n_finishing; i++)
        {
          const PuratanFinishing *f = job->finishing[i];

          out->finishing_label[i] = f->label;
          out->finishing_item_cost[i] =
              finishing_cost (f, finishing_count (f, quantity, pieces, s->sheets, printed_sides));
        }
      out->quantity = quantity;
      out->press_id = route->press->id;
      out->press_name = route->press->name;
      out->offset = route->press->process == PURATAN_PROCESS_OFFSET;
      out->up = route->imposition.up;
      out->rotated = route->imposition.rotated;
      out->cuts = route->cuts;
      out->pieces = pieces;
      out->run_sheets = s->run;
      out->spoilage_sheets = s->spoilage;
      out->press_sheets = s->sheets;
      out->parent_sheets = s->parents;
      out->paper_cost = s->paper;
      out->press_cost = s->press;
      out->finishing_cost = finishing;
      out->n_finishing = job->n_finishing;
      out->paper_price = apply_bp (s->paper, 10000 + product->markup_paper_bp);
      out->press_price = apply_bp (s->press, 10000 + product->markup_press_bp);
      out->finishing_price = apply_bp (finishing, 10000 + product->markup_finishing_bp);
      out->turnaround_surcharge = with_turnaround - marked;
      out->minimum_uplift = list - with_turnaround;
      out->list_price = list;
    }
  return list;
}

/* The list price of one route, fills @out when it is not NULL. */
static gint64
route_list_price (const PuratanJob *job,
                  const PuratanRoute *route,
                  gint64 quantity,
                  PuratanJobPrice *out)
{
  SheetCosts s;

  sheet_costs (job, route, ceil_div (quantity * job->pieces_per_copy, route->imposition.up), &s);
  return route_list_from (job, route, quantity, &s, out);
}

/* A route walked one quantity at a time: the run grows without a division
 * and the sheet costs are recomputed only when it does. */
typedef struct
{
  gint64 capacity; /* pieces the current run holds */
  SheetCosts costs;
} RouteCursor;

/* puratan_job_list_price() for @quantity, one more than the quantity the
 * @cursors were last moved to (they start zero-filled at quantity 0). */
static gint64
cursor_list_price (const PuratanJob *job, RouteCursor *cursors, gint64 quantity)
{
  gint64 pieces = quantity * job->pieces_per_copy;
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < job->n_routes; i++)
    {
      const PuratanRoute *route = &job->routes[i];
      RouteCursor *cursor = &cursors[i];
      gint64 run = cursor->costs.run;

      while (pieces > cursor->capacity)
        {
          run++;
          cursor->capacity += route->imposition.up;
        }
      if (run != cursor->costs.run)
        sheet_costs (job, route, run, &cursor->costs);
      best = MIN (best, route_list_from (job, route, quantity, &cursor->costs, NULL));
    }
  return best;
}

/**
 * puratan_job_list_price:
 * @job: a job
 * @quantity: at least 1
 * @out: (out caller-allocates) (nullable): the cost breakdown of the cheapest route
 *
 * Prices every press the product may use and keeps the cheapest (the first
 * on a tie): the cost model alone, before discounts and the price-curve
 * guard, and without checking the quantity against the product's range.
 *
 * Returns: the list price in paise, or -1 when @quantity is outside 1 to 100,000
 */
gint64
puratan_job_list_price (const PuratanJob *job, gint64 quantity, PuratanJobPrice *out)
{
  gint64 best = G_MAXINT64;
  guint best_route = 0;

  g_return_val_if_fail (job != NULL, -1);
  g_return_val_if_fail (quantity >= 1 && quantity <= PURATAN_MAX_QUANTITY, -1);

  for (guint i = 0; i < job->n_routes; i++)
    {
      gint64 price = route_list_price (job, &job->routes[i], quantity, NULL);

      if (price < best)
        {
          best = price;
          best_route = i;
        }
    }
  if (out != NULL)
    route_list_price (job, &job->routes[best_route], quantity, out);
  return best;
}

static gint64
volume_bp (const PuratanCatalog *catalog, gint64 quantity)
{
  gint64 bp = 0;

  for (guint i = 0; i < catalog->volume_breaks->len; i++)
    {
      const PuratanVolumeBreak *b = g_ptr_array_index (catalog->volume_breaks, i);

      if (quantity >= b->min_quantity)
        bp = b->discount_bp;
    }
  return bp;
}

/* The stacking rule inside the curve: volume, then tier, then a percentage
 * coupon, each taken off the result of the step before and rounded half up
 * to the paisa. (An amount coupon is an order-level deduction applied by the
 * quote after the curve.) */
static gint64
discounted (gint64 list, gint64 vol_bp, const PuratanPriceAdjust *adjust, PuratanJobPrice *out)
{
  gint64 vol = vol_bp != 0 ? apply_bp (list, vol_bp) : 0;
  gint64 tier = adjust->tier_bp != 0 ? apply_bp (list - vol, adjust->tier_bp) : 0;
  gint64 coupon = adjust->coupon_bp != 0 ? apply_bp (list - vol - tier, adjust->coupon_bp) : 0;

  if (out != NULL)
    {
      out->volume_bp = vol_bp;
      out->volume_discount = vol;
      out->tier_discount = tier;
      out->coupon_discount = coupon;
    }
  return list - vol - tier - coupon;
}

/* The price-curve guard. Given the price p of q - 1 copies, the price of q
 * copies must lie in [p, p + ⌊p / (q - 1)⌋]: not below p, so the total never
 * falls, and not above ⌊p·q / (q - 1)⌋, so the unit price never rises. The
 * raw price is clamped into that band; by induction the whole curve keeps
 * both properties whatever the raw prices do. */
static inline gint64
guard (gint64 previous, gint64 quantity, gint64 raw)
{
  gint64 ceiling;

  if (quantity == 1)
    return raw;
  ceiling = previous + previous / (quantity - 1);
  return CLAMP (raw, previous, ceiling);
}

/**
 * puratan_job_price_curve:
 * @job: a job
 * @adjust: the customer's discounts
 * @max_quantity: at least 1 and at most 100,000
 * @prices: (array) (out caller-allocates) (nullable): @max_quantity + 1
 *   entries; entry q receives the price of q copies in paise (entry 0 is 0)
 *
 * Computes the guarded price of every quantity from 1 to @max_quantity in
 * one pass. The curve never falls and its unit price never rises.
 *
 * Returns: the price of @max_quantity copies in paise
 */
gint64
puratan_job_price_curve (const PuratanJob *job,
                         const PuratanPriceAdjust *adjust,
                         gint64 max_quantity,
                         gint64 *prices)
{
  const GPtrArray *breaks = job->catalog->volume_breaks;
  g_autofree RouteCursor *cursors = NULL;
  guint next_break = 0;
  gint64 vol = 0, price = 0;

  g_return_val_if_fail (job != NULL && adjust != NULL, 0);
  g_return_val_if_fail (max_quantity >= 1 && max_quantity <= PURATAN_MAX_QUANTITY, 0);

  cursors = g_new0 (RouteCursor, job->n_routes);
  if (prices != NULL)
    prices[0] = 0;
  for (gint64 q = 1; q <= max_quantity; q++)
    {
      while (next_break < breaks->len &&
             ((PuratanVolumeBreak *) g_ptr_array_index (breaks, next_break))->min_quantity <= q)
        vol = ((PuratanVolumeBreak *) g_ptr_array_index (breaks, next_break++))->discount_bp;
      price = guard (price, q, discounted (cursor_list_price (job, cursors, q), vol, adjust, NULL));
      if (prices != NULL)
        prices[q] = price;
    }
  return price;
}

/**
 * puratan_job_price:
 * @job: a job
 * @adjust: the customer's discounts
 * @quantity: the number of copies
 * @out: (out caller-allocates): the breakdown and the price
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT error
 *
 * Prices a quantity after checking it with puratan_job_check_quantity().
 * The price is the guarded curve's value, so asking for more copies never
 * costs less and never costs more per copy.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_job_price (const PuratanJob *job,
                   const PuratanPriceAdjust *adjust,
                   gint64 quantity,
                   PuratanJobPrice *out,
                   GError **error)
{
  gint64 previous = 0, raw;

  g_return_val_if_fail (job != NULL && adjust != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!puratan_job_check_quantity (job, quantity, error))
    return FALSE;
  memset (out, 0, sizeof *out);
  if (quantity > 1)
    previous = puratan_job_price_curve (job, adjust, quantity - 1, NULL);
  raw = discounted (puratan_job_list_price (job, quantity, out), volume_bp (job->catalog, quantity),
                    adjust, out);
  out->price = guard (previous, quantity, raw);
  out->curve_adjustment = out->price - raw;
  return TRUE;
}
