/* puratan-quote-json.c: the quote as JSON and as text
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-quote-private.h"

/**
 * puratan_quote_format_money:
 * @money: an amount
 *
 * Formats an amount the Indian way ("₹1,20,580.00"), whatever the process locale.
 *
 * Returns: (transfer full): the text
 */
char *
puratan_quote_format_money (PuratanMoney money)
{
  char *text = puratan_money_format (money, "en_IN", NULL);

  return text != NULL ? text
                      : g_strdup_printf ("%s %" G_GINT64_FORMAT, money.currency, money.minor);
}

/**
 * puratan_quote_format_paise:
 * @paise: an amount in paise
 *
 * Returns: (transfer full): the amount formatted as by puratan_quote_format_money()
 */
char *
puratan_quote_format_paise (gint64 paise)
{
  PuratanMoney money = { paise, "INR" };

  return puratan_quote_format_money (money);
}

/**
 * puratan_quote_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as YYYY-MM-DD
 */
char *
puratan_quote_format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_money (JsonBuilder *b, const char *name, PuratanMoney money)
{
  json_builder_set_member_name (b, name);
  json_builder_add_value (b, puratan_money_to_json (money, NULL));
}

static void
add_paise (JsonBuilder *b, const char *name, gint64 paise)
{
  PuratanMoney money = { paise, "INR" };

  add_money (b, name, money);
}

static void
add_date (JsonBuilder *b, const char *name, const GDate *date)
{
  g_autofree char *text = puratan_quote_format_date (date);

  add_string (b, name, text);
}

static void
add_breakdown (JsonBuilder *b, const PuratanJobPrice *p)
{
  json_builder_set_member_name (b, "production");
  json_builder_begin_object (b);
  add_string (b, "press", p->press_id);
  add_string (b, "process", p->offset ? "offset" : "digital");
  add_int (b, "up", p->up);
  json_builder_set_member_name (b, "rotated");
  json_builder_add_boolean_value (b, p->rotated);
  add_int (b, "sheets_per_parent", p->cuts);
  add_int (b, "pieces", p->pieces);
  add_int (b, "run_sheets", p->run_sheets);
  add_int (b, "spoilage_sheets", p->spoilage_sheets);
  add_int (b, "press_sheets", p->press_sheets);
  add_int (b, "parent_sheets", p->parent_sheets);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "cost");
  json_builder_begin_object (b);
  add_paise (b, "paper", p->paper_cost);
  add_paise (b, "press", p->press_cost);
  add_paise (b, "finishing", p->finishing_cost);
  json_builder_set_member_name (b, "finishing_items");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->n_finishing; i++)
    {
      json_builder_begin_object (b);
      add_string (b, "label", p->finishing_label[i]);
      add_paise (b, "cost", p->finishing_item_cost[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "pricing");
  json_builder_begin_object (b);
  add_paise (b, "paper", p->paper_price);
  add_paise (b, "press", p->press_price);
  add_paise (b, "finishing", p->finishing_price);
  add_paise (b, "turnaround_surcharge", p->turnaround_surcharge);
  add_paise (b, "minimum_charge_uplift", p->minimum_uplift);
  add_paise (b, "list_price", p->list_price);
  add_int (b, "volume_discount_bp", p->volume_bp);
  add_paise (b, "volume_discount", p->volume_discount);
  add_paise (b, "tier_discount", p->tier_discount);
  add_paise (b, "coupon_discount", p->coupon_discount);
  add_paise (b, "price_curve_adjustment", p->curve_adjustment);
  json_builder_end_object (b);
}

static void
add_line (JsonBuilder *b, const PuratanQuoteLine *line)
{
  g_autoptr (GList) keys =
      g_list_sort (g_hash_table_get_keys (line->options), (GCompareFunc) g_strcmp0);

  json_builder_begin_object (b);
  add_string (b, "description", line->description);
  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  for (GList *l = keys; l != NULL; l = l->next)
    add_string (b, l->data, g_hash_table_lookup (line->options, l->data));
  json_builder_end_object (b);
  add_string (b, "stock", line->stock);
  add_string (b, "finishing", line->finishing);
  add_int (b, "quantity", line->breakdown.quantity);
  add_string (b, "hsn", line->hsn);
  add_int (b, "gst_bp", line->gst_bp);
  add_breakdown (b, &line->breakdown);
  add_money (b, "price", line->price);
  add_money (b, "amount_coupon", line->amount_coupon);
  add_money (b, "taxable", line->taxable);
  add_money (b, "cgst", line->cgst);
  add_money (b, "sgst", line->sgst);
  add_money (b, "igst", line->igst);
  add_money (b, "total", line->total);
  json_builder_end_object (b);
}

/**
 * puratan_quote_to_json:
 * @quote: a quote
 *
 * Represents the whole quote, every line's cost breakdown included, as
 * JSON. Amounts are {"amount_minor", "currency"} objects; dates are YYYY-MM-DD.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
puratan_quote_to_json (const PuratanQuote *quote)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  const PuratanShop *shop;

  g_return_val_if_fail (quote != NULL, NULL);
  shop = &quote->catalog->shop;

  json_builder_begin_object (b);
  add_string (b, "number", quote->number);
  add_date (b, "date", &quote->date);
  add_date (b, "valid_until", &quote->valid_until);
  json_builder_set_member_name (b, "shop");
  json_builder_begin_object (b);
  add_string (b, "name", shop->name);
  add_string (b, "gstin", shop->gstin);
  add_string (b, "state", shop->state);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "customer");
  json_builder_begin_object (b);
  add_string (b, "name", quote->customer_name);
  add_string (b, "gstin", quote->customer_gstin);
  add_string (b, "tier", quote->tier_label);
  json_builder_end_object (b);
  add_string (b, "coupon", quote->coupon_code);
  json_builder_set_member_name (b, "place_of_supply");
  json_builder_begin_object (b);
  add_string (b, "state", quote->place_of_supply);
  add_string (b, "name", quote->place_of_supply_name);
  add_string (b, "supply", quote->inter_state ? "inter-state" : "intra-state");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < quote->lines->len; i++)
    add_line (b, g_ptr_array_index (quote->lines, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_money (b, "taxable", quote->taxable);
  add_money (b, "cgst", quote->cgst);
  add_money (b, "sgst", quote->sgst);
  add_money (b, "igst", quote->igst);
  add_money (b, "total", quote->total);
  add_string (b, "in_words", quote->total_in_words);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "other_currencies");
  json_builder_begin_object (b);
  add_date (b, "rates_date", &quote->rates_date);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_array (b);
  for (guint i = 0; i < quote->conversions->len; i++)
    {
      const PuratanQuoteConversion *c =
          &g_array_index (quote->conversions, PuratanQuoteConversion, i);

      json_builder_begin_object (b);
      add_money (b, "total", c->total);
      add_string (b, "inr_per_unit", c->inr_per_unit);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
row (GString *out, const char *label, gint64 paise)
{
  g_autofree char *amount = puratan_quote_format_paise (paise);

  g_string_append_printf (out, "    %-34s %16s\n", label, amount);
}

/**
 * puratan_quote_to_text:
 * @quote: a quote
 *
 * Lays the quote out as plain text for a terminal: header, each line with
 * its production figures and price build-up, GST, the total in figures and
 * words, and the total in other currencies.
 *
 * Returns: (transfer full): the text
 */
char *
puratan_quote_to_text (const PuratanQuote *quote)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *until = NULL;
  g_autofree char *rates_date = NULL;

  g_return_val_if_fail (quote != NULL, NULL);
  date = puratan_quote_format_date (&quote->date);
  until = puratan_quote_format_date (&quote->valid_until);
  rates_date = puratan_quote_format_date (&quote->rates_date);

  g_string_append_printf (out, "%s — quotation %s\nDate %s, valid until %s\n",
                          quote->catalog->shop.name, quote->number, date, until);
  g_string_append_printf (out, "For %s%s%s (%s)\n", quote->customer_name,
                          quote->customer_gstin != NULL ? ", GSTIN " : "",
                          quote->customer_gstin != NULL ? quote->customer_gstin : "",
                          quote->tier_label);
  g_string_append_printf (out, "Place of supply %s %s (%s)\n\n", quote->place_of_supply,
                          quote->place_of_supply_name,
                          quote->inter_state ? "inter-state: IGST" : "intra-state: CGST + SGST");
  for (guint i = 0; i < quote->lines->len; i++)
    {
      const PuratanQuoteLine *line = g_ptr_array_index (quote->lines, i);
      const PuratanJobPrice *p = &line->breakdown;

      g_string_append_printf (
          out,
          "%u. %s\n   %" G_GINT64_FORMAT " copies, HSN %s, GST %" G_GINT64_FORMAT
          ".%02" G_GINT64_FORMAT " %%\n",
          i + 1, line->description, p->quantity, line->hsn, line->gst_bp / 100, line->gst_bp % 100);
      g_string_append_printf (out,
                              "   %s: %u up%s, %" G_GINT64_FORMAT " run + %" G_GINT64_FORMAT
                              " spoilage = %" G_GINT64_FORMAT " sheets from %" G_GINT64_FORMAT
                              " parent sheets (%u per parent)\n",
                              p->press_name, p->up, p->rotated ? " (turned)" : "", p->run_sheets,
                              p->spoilage_sheets, p->press_sheets, p->parent_sheets, p->cuts);
      row (out, "Paper (cost + markup)", p->paper_price);
      row (out, "Press (cost + markup)", p->press_price);
      row (out, "Finishing (cost + markup)", p->finishing_price);
      row (out, "Turnaround surcharge", p->turnaround_surcharge);
      row (out, "Minimum charge uplift", p->minimum_uplift);
      row (out, "List price", p->list_price);
      row (out, "Volume discount", -p->volume_discount);
      row (out, "Customer tier discount", -p->tier_discount);
      row (out, "Coupon discount", -p->coupon_discount);
      row (out, "Price-curve adjustment", p->curve_adjustment);
      row (out, "Amount coupon", -line->amount_coupon.minor);
      row (out, "Taxable value", line->taxable.minor);
    }
  g_string_append (out, "\n");
  row (out, "Taxable value", quote->taxable.minor);
  if (quote->inter_state)
    row (out, "IGST", quote->igst.minor);
  else
    {
      row (out, "CGST", quote->cgst.minor);
      row (out, "SGST", quote->sgst.minor);
    }
  row (out, "Total", quote->total.minor);
  g_string_append_printf (out, "    %s\n", quote->total_in_words);
  for (guint i = 0; i < quote->conversions->len; i++)
    {
      const PuratanQuoteConversion *c =
          &g_array_index (quote->conversions, PuratanQuoteConversion, i);
      g_autofree char *amount = puratan_money_format (c->total, "en_IN", NULL);

      g_string_append_printf (out, "%s    ≈ %s at ₹%s", i == 0 ? "" : "\n",
                              amount != NULL ? amount : c->total.currency, c->inr_per_unit);
    }
  if (quote->conversions->len > 0)
    g_string_append_printf (out, " (rates of %s; payment is in INR)\n", rates_date);
  return g_string_free (out, FALSE);
}
