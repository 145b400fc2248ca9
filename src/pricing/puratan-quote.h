/* puratan-quote.h: a priced, taxed quote for a customer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "puratan-catalog.h"
#include "puratan-job.h"
#include "puratan-money.h"

G_BEGIN_DECLS

/**
 * PuratanQuoteRequest:
 * @number: (nullable): the quote number; %NULL to make one from the shop's
 *   prefix, the date and a random part
 * @date: the quote's date (valid); coupons are checked against it
 * @customer_name: (nullable): who the quote is for; %NULL for "Walk-in customer"
 * @customer_gstin: (nullable): the customer's GSTIN for a B2B quote; it is validated
 * @tier: (nullable): a customer tier id; %NULL for "walk-in"
 * @coupon: (nullable): a coupon code, any case
 * @coupon_uses: how often the coupon has been redeemed so far (the orders
 *   layer keeps the count)
 * @ship_to_state: (nullable): the place of supply as a GST state code or
 *   its letters ("29", "KA"); %NULL for the GSTIN's state, else the shop's
 *
 * What a quote is asked for, besides its lines. Strings are borrowed.
 */
typedef struct
{
  const char *number;
  GDate date;
  const char *customer_name;
  const char *customer_gstin;
  const char *tier;
  const char *coupon;
  gint64 coupon_uses;
  const char *ship_to_state;
} PuratanQuoteRequest;

/**
 * PuratanQuoteLine:
 * @product_id: the catalog product's id
 * @description: product name and options
 * @hsn: the HSN code of the product's tax category
 * @gst_bp: the GST rate in basis points
 * @breakdown: how the price was reached (press names point into the quote's catalog)
 * @price: the guarded line price after volume, tier and percentage coupon
 * @amount_coupon: an amount coupon's deduction (only ever on the first line)
 * @taxable: @price less @amount_coupon: the taxable value
 * @cgst: central GST (intra-state supply), rounded half up to the paisa
 * @sgst: state GST (intra-state supply), rounded half up to the paisa
 * @igst: integrated GST (inter-state supply), rounded half up to the paisa
 * @total: @taxable plus the line's taxes
 * @stock: the stock as the catalog names it ("Art card 350 gsm matt")
 * @finishing: the finishing as the catalog names it, comma separated, or "none"
 * @product: the product's name ("Business cards")
 * @specs: its options as the catalog names them ("Size: 90 × 55 mm; Stock: …")
 *
 * One priced line of a quote.
 */
typedef struct
{
  char *product_id;
  char *description;
  char *hsn;
  gint64 gst_bp;
  PuratanJobPrice breakdown;
  GHashTable *options;
  PuratanMoney price;
  PuratanMoney amount_coupon;
  PuratanMoney taxable;
  PuratanMoney cgst;
  PuratanMoney sgst;
  PuratanMoney igst;
  PuratanMoney total;
  char *stock;
  char *finishing;
  char *product;
  char *specs;
} PuratanQuoteLine;

/**
 * PuratanQuoteConversion:
 * @total: the quote's total in another currency, for display only
 * @inr_per_unit: the rate used, as written in the rules file
 *
 * The total shown in another currency from the dated rate table.
 */
typedef struct
{
  PuratanMoney total;
  const char *inr_per_unit;
} PuratanQuoteConversion;

/**
 * PuratanQuote:
 *
 * A finished quote. Every field is read-only; amounts are INR.
 * @inter_state tells IGST (%TRUE) from CGST plus SGST.
 */
typedef struct
{
  PuratanCatalog *catalog;
  char *number;
  GDate date;
  GDate valid_until;
  char *customer_name;
  char *customer_gstin;
  char *tier_label;
  char *coupon_code;
  char *place_of_supply;
  const char *place_of_supply_name;
  gboolean inter_state;
  GPtrArray *lines;
  PuratanMoney taxable;
  PuratanMoney cgst;
  PuratanMoney sgst;
  PuratanMoney igst;
  PuratanMoney total;
  char *total_in_words;
  GDate rates_date;
  GArray *conversions;
} PuratanQuote;

gboolean puratan_gst_split (PuratanMoney taxable,
                            gint64 gst_bp,
                            gboolean inter_state,
                            PuratanMoney *cgst,
                            PuratanMoney *sgst,
                            PuratanMoney *igst,
                            GError **error);

PuratanQuote *puratan_quote_new (PuratanCatalog *catalog,
                                 const PuratanQuoteRequest *request,
                                 PuratanJob **jobs,
                                 const gint64 *quantities,
                                 guint n_lines,
                                 GError **error);
void puratan_quote_free (PuratanQuote *quote);

JsonNode *puratan_quote_to_json (const PuratanQuote *quote);
char *puratan_quote_to_json_text (const PuratanQuote *quote);
char *puratan_quote_to_text (const PuratanQuote *quote);
gboolean puratan_quote_write_pdf (const PuratanQuote *quote, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanQuote, puratan_quote_free)

G_END_DECLS
