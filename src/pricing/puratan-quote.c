/* puratan-quote.c: discounts, GST and totals of a quote
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-quote-private.h"

#include "puratan-error.h"
#include "puratan-gstin.h"
#include "puratan-id.h"
#include "puratan-words.h"

static PuratanMoney
inr (gint64 paise)
{
  PuratanMoney money = { paise, "INR" };

  return money;
}

/**
 * puratan_gst_split:
 * @taxable: the line's taxable value in INR
 * @gst_bp: the GST rate in basis points (even: 1200 is 12 %)
 * @inter_state: %TRUE when the place of supply is outside the shop's state
 * @cgst: (out caller-allocates): central GST, zero for inter-state supply
 * @sgst: (out caller-allocates): state GST, zero for inter-state supply
 * @igst: (out caller-allocates): integrated GST, zero for intra-state supply
 * @error: return location for an error
 *
 * Computes one line's GST. Intra-state supply pays half the rate as CGST and
 * half as SGST, each rounded half up to the paisa on its own; inter-state
 * supply pays the whole rate as IGST, rounded the same way. The two can
 * therefore differ by a paisa on the same value.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_gst_split (PuratanMoney taxable,
                   gint64 gst_bp,
                   gboolean inter_state,
                   PuratanMoney *cgst,
                   PuratanMoney *sgst,
                   PuratanMoney *igst,
                   GError **error)
{
  g_return_val_if_fail (cgst != NULL && sgst != NULL && igst != NULL, FALSE);
  g_return_val_if_fail (gst_bp >= 0 && gst_bp % 2 == 0, FALSE);

  if (!puratan_money_init (cgst, 0, taxable.currency, error))
    return FALSE;
  *sgst = *igst = *cgst;
  if (inter_state)
    return puratan_money_apply_basis_points (taxable, gst_bp, PURATAN_ROUNDING_HALF_UP, igst,
                                             error);
  if (!puratan_money_apply_basis_points (taxable, gst_bp / 2, PURATAN_ROUNDING_HALF_UP, cgst,
                                         error))
    return FALSE;
  *sgst = *cgst;
  return TRUE;
}

static void
line_free (PuratanQuoteLine *line)
{
  g_free (line->product_id);
  g_free (line->description);
  g_free (line->hsn);
  g_free (line->stock);
  g_free (line->finishing);
  g_free (line->product);
  g_free (line->specs);
  g_clear_pointer (&line->options, g_hash_table_unref);
  g_free (line);
}

/**
 * puratan_quote_free:
 * @quote: (transfer full): a quote
 *
 * Frees a quote and drops its reference on the catalog.
 */
void
puratan_quote_free (PuratanQuote *quote)
{
  g_return_if_fail (quote != NULL);
  g_free (quote->number);
  g_free (quote->customer_name);
  g_free (quote->customer_gstin);
  g_free (quote->tier_label);
  g_free (quote->coupon_code);
  g_free (quote->place_of_supply);
  g_clear_pointer (&quote->lines, g_ptr_array_unref);
  g_free (quote->total_in_words);
  g_clear_pointer (&quote->conversions, g_array_unref);
  g_clear_pointer (&quote->catalog, puratan_catalog_unref);
  g_free (quote);
}

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static const PuratanCoupon *
find_coupon (PuratanCatalog *catalog, const PuratanQuoteRequest *request, GError **error)
{
  g_autofree char *code = g_ascii_strup (request->coupon, -1);
  const PuratanCoupon *coupon = puratan_catalog_find_coupon (catalog, code);
  char from[16], until[16];

  if (coupon == NULL)
    {
      invalid (error, "There is no coupon “%s”", request->coupon);
      return NULL;
    }
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &coupon->valid_from);
  g_date_strftime (until, sizeof until, "%Y-%m-%d", &coupon->valid_until);
  if (g_date_compare (&request->date, &coupon->valid_from) < 0 ||
      g_date_compare (&request->date, &coupon->valid_until) > 0)
    {
      invalid (error, "Coupon %s is valid from %s to %s, not on the quote's date", code, from,
               until);
      return NULL;
    }
  if (request->coupon_uses >= coupon->max_uses)
    {
      invalid (error, "Coupon %s has reached its limit of %" G_GINT64_FORMAT " uses", code,
               coupon->max_uses);
      return NULL;
    }
  return coupon;
}

static gboolean
resolve_parties (PuratanQuote *quote, const PuratanQuoteRequest *request, GError **error)
{
  const PuratanCatalog *catalog = quote->catalog;
  const char *state = NULL;

  quote->customer_name =
      g_strdup (request->customer_name != NULL ? request->customer_name : "Walk-in customer");
  if (request->customer_gstin != NULL)
    {
      g_autofree char *gstin = g_ascii_strup (request->customer_gstin, -1);

      if (!puratan_gstin_validate (gstin, error))
        return FALSE;
      quote->customer_gstin = g_steal_pointer (&gstin);
    }
  if (request->ship_to_state != NULL)
    {
      state = puratan_gst_state_lookup (request->ship_to_state, &quote->place_of_supply_name);
      if (state == NULL)
        return invalid (error,
                        "“%s” is not a GST state; give its two-digit code (29) or letters (KA)",
                        request->ship_to_state);
    }
  else if (quote->customer_gstin != NULL)
    {
      char code[3] = { quote->customer_gstin[0], quote->customer_gstin[1], '\0' };

      state = puratan_gst_state_lookup (code, &quote->place_of_supply_name);
    }
  else
    state = puratan_gst_state_lookup (catalog->shop.state, &quote->place_of_supply_name);
  quote->place_of_supply = g_strdup (state);
  quote->inter_state = !g_str_equal (state, catalog->shop.state);
  return TRUE;
}

static gboolean
make_number (PuratanQuote *quote, const PuratanQuoteRequest *request, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *tail = NULL;

  if (request->number != NULL)
    {
      quote->number = g_strdup (request->number);
      return TRUE;
    }
  id = puratan_id_new (error);
  if (id == NULL)
    return FALSE;
  tail = g_ascii_strup (id, 6);
  quote->number = g_strdup_printf (
      "%s-%04u%02u%02u-%s", quote->catalog->shop.quote_prefix, g_date_get_year (&request->date),
      g_date_get_month (&request->date), g_date_get_day (&request->date), tail);
  return TRUE;
}

static gboolean
add_line (PuratanQuote *quote,
          PuratanJob *job,
          gint64 quantity,
          const PuratanPriceAdjust *adjust,
          gint64 *amount_coupon_left,
          GError **error)
{
  g_autoptr (GString) description = g_string_new (puratan_job_get_product_name (job));
  const PuratanTaxCategory *tax =
      puratan_catalog_find_tax (quote->catalog, puratan_job_get_category (job));
  PuratanQuoteLine *line = g_new0 (PuratanQuoteLine, 1);
  g_autofree char *options = puratan_job_describe_options_for_people (job);
  gint64 deduction;

  g_ptr_array_add (quote->lines, line);
  if (!puratan_job_price (job, adjust, quantity, &line->breakdown, error))
    return FALSE;
  g_string_append_printf (description, " (%s)", options);
  line->product = g_strdup (puratan_job_get_product_name (job));
  line->specs = g_strdup (options);
  line->description = g_string_free (g_steal_pointer (&description), FALSE);
  line->product_id = g_strdup (puratan_job_get_product_id (job));
  line->options = g_hash_table_ref (puratan_job_get_options (job));
  line->stock =
      puratan_catalog_get_choice_label (quote->catalog, puratan_job_get_product_id (job), "stock",
                                        g_hash_table_lookup (line->options, "stock"), NULL);
  /* The job's stock is one its product offers; its id stands in only for a broken catalog. */
  if (line->stock == NULL)
    line->stock = g_strdup (g_hash_table_lookup (line->options, "stock"));
  {
    g_autoptr (GString) finishing = g_string_new (NULL);

    for (guint i = 0; i < line->breakdown.n_finishing; i++)
      g_string_append_printf (finishing, "%s%s", i > 0 ? ", " : "",
                              line->breakdown.finishing_label[i]);
    line->finishing = finishing->len > 0 ? g_string_free (g_steal_pointer (&finishing), FALSE)
                                         : g_strdup ("none");
  }
  line->hsn = g_strdup (tax->hsn);
  line->gst_bp = tax->gst_bp;
  deduction = MIN (*amount_coupon_left, line->breakdown.price);
  *amount_coupon_left -= deduction;
  line->price = inr (line->breakdown.price);
  line->amount_coupon = inr (deduction);
  line->taxable = inr (line->breakdown.price - deduction);
  if (!puratan_gst_split (line->taxable, line->gst_bp, quote->inter_state, &line->cgst, &line->sgst,
                          &line->igst, error))
    return FALSE;
  line->total = inr (line->taxable.minor + line->cgst.minor + line->sgst.minor + line->igst.minor);
  return puratan_money_add (quote->taxable, line->taxable, &quote->taxable, error) &&
         puratan_money_add (quote->cgst, line->cgst, &quote->cgst, error) &&
         puratan_money_add (quote->sgst, line->sgst, &quote->sgst, error) &&
         puratan_money_add (quote->igst, line->igst, &quote->igst, error) &&
         puratan_money_add (quote->total, line->total, &quote->total, error);
}

static gboolean
convert_total (PuratanQuote *quote, GError **error)
{
  const PuratanCatalog *catalog = quote->catalog;

  quote->rates_date = catalog->rates_date;
  quote->conversions = g_array_new (FALSE, TRUE, sizeof (PuratanQuoteConversion));
  for (guint i = 0; i < catalog->rates->len; i++)
    {
      const PuratanRate *rate = g_ptr_array_index (catalog->rates, i);
      const PuratanCurrency *currency = puratan_currency_lookup (rate->currency, NULL);
      PuratanQuoteConversion conversion = { .inr_per_unit = rate->inr_per_unit_text };
      PuratanMoney scaled;
      gint64 numerator = 10000;

      /* A currency the core does not know is left out of the display. */
      if (currency == NULL)
        continue;
      for (guint e = 0; e < currency->exponent; e++)
        numerator *= 10;
      /* paise × 10^exponent / 100 / (rupees per unit) = minor units of the other currency */
      if (!puratan_money_multiply_fraction (quote->total, numerator, rate->inr_micro_per_unit,
                                            PURATAN_ROUNDING_HALF_UP, &scaled, error) ||
          !puratan_money_init (&conversion.total, scaled.minor, rate->currency, error))
        return FALSE;
      g_array_append_val (quote->conversions, conversion);
    }
  return TRUE;
}

/**
 * puratan_quote_new:
 * @catalog: the catalog the jobs were made from
 * @request: the quote's date, customer, tier, coupon and place of supply
 * @jobs: (array length=n_lines): a job per line
 * @quantities: (array length=n_lines): the quantity of each line
 * @n_lines: at least one
 * @error: return location for an error
 *
 * Prices every line and adds GST. The stacking rule: each line's list price
 * takes the volume discount for its quantity, then the customer tier's
 * discount, then a percentage coupon, each on the result of the step before;
 * the line price then follows the guarded price curve. An amount coupon is
 * taken once, from the first lines' prices (never below zero), before tax.
 * GST is computed per line on its taxable value and rounded to the paisa.
 *
 * Returns: (transfer full) (nullable): the quote, or %NULL with @error set
 */
PuratanQuote *
puratan_quote_new (PuratanCatalog *catalog,
                   const PuratanQuoteRequest *request,
                   PuratanJob **jobs,
                   const gint64 *quantities,
                   guint n_lines,
                   GError **error)
{
  g_autoptr (PuratanQuote) quote = NULL;
  const PuratanTier *tier;
  const PuratanCoupon *coupon = NULL;
  PuratanPriceAdjust adjust = { 0 };
  gint64 amount_coupon = 0;

  g_return_val_if_fail (catalog != NULL && request != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&request->date), NULL);
  g_return_val_if_fail (jobs != NULL && quantities != NULL && n_lines > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  quote = g_new0 (PuratanQuote, 1);
  quote->catalog = puratan_catalog_ref (catalog);
  quote->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  quote->date = request->date;
  quote->valid_until = request->date;
  g_date_add_days (&quote->valid_until, (guint) catalog->shop.validity_days);
  quote->taxable = quote->cgst = quote->sgst = quote->igst = quote->total = inr (0);

  tier = puratan_catalog_find_tier (catalog, request->tier != NULL ? request->tier : "walk-in");
  if (tier == NULL)
    {
      invalid (error, "There is no customer tier “%s”; see `puratan catalog`", request->tier);
      return NULL;
    }
  quote->tier_label = g_strdup (tier->label);
  adjust.tier_bp = tier->discount_bp;
  if (request->coupon != NULL)
    {
      coupon = find_coupon (catalog, request, error);
      if (coupon == NULL)
        return NULL;
      quote->coupon_code = g_strdup (coupon->code);
      if (coupon->percent)
        adjust.coupon_bp = coupon->value;
      else
        amount_coupon = coupon->value;
    }
  if (!resolve_parties (quote, request, error) || !make_number (quote, request, error))
    return NULL;
  for (guint i = 0; i < n_lines; i++)
    if (!add_line (quote, jobs[i], quantities[i], &adjust, &amount_coupon, error))
      return NULL;
  quote->total_in_words = puratan_rupees_in_words (quote->total.minor);
  if (!convert_total (quote, error))
    return NULL;
  return g_steal_pointer (&quote);
}
