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

/* Where the quote's JSON goes: a JsonBuilder (puratan_quote_to_json()) or straight into
 * text (puratan_quote_to_json_text()). Both are driven by the same calls below, so they
 * hold the same members in the same order; the text is what JsonGenerator writes for the
 * builder's tree (no spaces; strings with any byte outside printable ASCII, a quote or a
 * backslash are escaped by JsonGenerator itself). */
typedef struct
{
  JsonBuilder *builder;
  GString *text;
  /* Text only: whether the container just opened has no member or element yet, and
   * whether a member's name was just written (its value follows without a comma). */
  gboolean first;
  gboolean after_name;
} Sink;

/* Writes @value as a JSON string, the way JsonGenerator does. */
static void
text_append_string (GString *text, const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
      {
        g_autoptr (JsonGenerator) generator = json_generator_new ();
        g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), value);
        g_autofree char *escaped = NULL;

        json_generator_set_root (generator, node);
        escaped = json_generator_to_data (generator, NULL);
        g_string_append (text, escaped);
        return;
      }
  g_string_append_c (text, '"');
  g_string_append (text, value);
  g_string_append_c (text, '"');
}

/* Starts a value in text: a comma before every element but the first. */
static void
text_value (Sink *s)
{
  if (!s->after_name && !s->first)
    g_string_append_c (s->text, ',');
  s->first = FALSE;
  s->after_name = FALSE;
}

static void
sink_begin_object (Sink *s)
{
  if (s->builder != NULL)
    {
      json_builder_begin_object (s->builder);
      return;
    }
  text_value (s);
  g_string_append_c (s->text, '{');
  s->first = TRUE;
}

static void
sink_end_object (Sink *s)
{
  if (s->builder != NULL)
    {
      json_builder_end_object (s->builder);
      return;
    }
  g_string_append_c (s->text, '}');
  s->first = FALSE;
}

static void
sink_begin_array (Sink *s)
{
  if (s->builder != NULL)
    {
      json_builder_begin_array (s->builder);
      return;
    }
  text_value (s);
  g_string_append_c (s->text, '[');
  s->first = TRUE;
}

static void
sink_end_array (Sink *s)
{
  if (s->builder != NULL)
    {
      json_builder_end_array (s->builder);
      return;
    }
  g_string_append_c (s->text, ']');
  s->first = FALSE;
}

static void
sink_member (Sink *s, const char *name)
{
  if (s->builder != NULL)
    {
      json_builder_set_member_name (s->builder, name);
      return;
    }
  if (!s->first)
    g_string_append_c (s->text, ',');
  text_append_string (s->text, name);
  g_string_append_c (s->text, ':');
  s->first = FALSE;
  s->after_name = TRUE;
}

static void
sink_string (Sink *s, const char *value)
{
  if (s->builder != NULL)
    {
      if (value != NULL)
        json_builder_add_string_value (s->builder, value);
      else
        json_builder_add_null_value (s->builder);
      return;
    }
  text_value (s);
  if (value != NULL)
    text_append_string (s->text, value);
  else
    g_string_append (s->text, "null");
}

static void
sink_int (Sink *s, gint64 value)
{
  if (s->builder != NULL)
    {
      json_builder_add_int_value (s->builder, value);
      return;
    }
  text_value (s);
  g_string_append_printf (s->text, "%" G_GINT64_FORMAT, value);
}

static void
sink_boolean (Sink *s, gboolean value)
{
  if (s->builder != NULL)
    {
      json_builder_add_boolean_value (s->builder, value);
      return;
    }
  text_value (s);
  g_string_append (s->text, value ? "true" : "false");
}

static void
add_string (Sink *b, const char *name, const char *value)
{
  sink_member (b, name);
  sink_string (b, value);
}

static void
add_int (Sink *b, const char *name, gint64 value)
{
  sink_member (b, name);
  sink_int (b, value);
}

/* An amount as puratan_money_to_json() gives it; null for an unknown currency. */
static void
add_money (Sink *b, const char *name, PuratanMoney money)
{
  const PuratanCurrency *cur = puratan_money_get_currency (money, NULL);

  sink_member (b, name);
  if (cur == NULL)
    {
      sink_string (b, NULL);
      return;
    }
  sink_begin_object (b);
  add_int (b, "amount_minor", money.minor);
  add_string (b, "currency", cur->code);
  sink_end_object (b);
}

static void
add_paise (Sink *b, const char *name, gint64 paise)
{
  PuratanMoney money = { paise, "INR" };

  add_money (b, name, money);
}

static void
add_date (Sink *b, const char *name, const GDate *date)
{
  g_autofree char *text = puratan_quote_format_date (date);

  add_string (b, name, text);
}

static void
add_breakdown (Sink *b, const PuratanJobPrice *p)
{
  sink_member (b, "production");
  sink_begin_object (b);
  add_string (b, "press", p->press_id);
  add_string (b, "process", p->offset ? "offset" : "digital");
  add_int (b, "up", p->up);
  sink_member (b, "rotated");
  sink_boolean (b, p->rotated);
  add_int (b, "sheets_per_parent", p->cuts);
  add_int (b, "pieces", p->pieces);
  add_int (b, "run_sheets", p->run_sheets);
  add_int (b, "spoilage_sheets", p->spoilage_sheets);
  add_int (b, "press_sheets", p->press_sheets);
  add_int (b, "parent_sheets", p->parent_sheets);
  sink_end_object (b);

  sink_member (b, "cost");
  sink_begin_object (b);
  add_paise (b, "paper", p->paper_cost);
  add_paise (b, "press", p->press_cost);
  add_paise (b, "finishing", p->finishing_cost);
  sink_member (b, "finishing_items");
  sink_begin_array (b);
  for (guint i = 0; i < p->n_finishing; i++)
    {
      sink_begin_object (b);
      add_string (b, "label", p->finishing_label[i]);
      add_paise (b, "cost", p->finishing_item_cost[i]);
      sink_end_object (b);
    }
  sink_end_array (b);
  sink_end_object (b);

  sink_member (b, "pricing");
  sink_begin_object (b);
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
  sink_end_object (b);
}

static void
add_line (Sink *b, const PuratanQuoteLine *line)
{
  g_autoptr (GList) keys =
      g_list_sort (g_hash_table_get_keys (line->options), (GCompareFunc) g_strcmp0);

  sink_begin_object (b);
  add_string (b, "description", line->description);
  sink_member (b, "options");
  sink_begin_object (b);
  for (GList *l = keys; l != NULL; l = l->next)
    add_string (b, l->data, g_hash_table_lookup (line->options, l->data));
  sink_end_object (b);
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
  sink_end_object (b);
}

static void
add_quote (Sink *b, const PuratanQuote *quote)
{
  const PuratanShop *shop = &quote->catalog->shop;

  sink_begin_object (b);
  add_string (b, "number", quote->number);
  add_date (b, "date", &quote->date);
  add_date (b, "valid_until", &quote->valid_until);
  sink_member (b, "shop");
  sink_begin_object (b);
  add_string (b, "name", shop->name);
  add_string (b, "gstin", shop->gstin);
  add_string (b, "state", shop->state);
  sink_end_object (b);
  sink_member (b, "customer");
  sink_begin_object (b);
  add_string (b, "name", quote->customer_name);
  add_string (b, "gstin", quote->customer_gstin);
  add_string (b, "tier", quote->tier_label);
  sink_end_object (b);
  add_string (b, "coupon", quote->coupon_code);
  sink_member (b, "place_of_supply");
  sink_begin_object (b);
  add_string (b, "state", quote->place_of_supply);
  add_string (b, "name", quote->place_of_supply_name);
  add_string (b, "supply", quote->inter_state ? "inter-state" : "intra-state");
  sink_end_object (b);
  sink_member (b, "lines");
  sink_begin_array (b);
  for (guint i = 0; i < quote->lines->len; i++)
    add_line (b, g_ptr_array_index (quote->lines, i));
  sink_end_array (b);
  sink_member (b, "totals");
  sink_begin_object (b);
  add_money (b, "taxable", quote->taxable);
  add_money (b, "cgst", quote->cgst);
  add_money (b, "sgst", quote->sgst);
  add_money (b, "igst", quote->igst);
  add_money (b, "total", quote->total);
  add_string (b, "in_words", quote->total_in_words);
  sink_end_object (b);
  sink_member (b, "other_currencies");
  sink_begin_object (b);
  add_date (b, "rates_date", &quote->rates_date);
  sink_member (b, "totals");
  sink_begin_array (b);
  for (guint i = 0; i < quote->conversions->len; i++)
    {
      const PuratanQuoteConversion *c =
          &g_array_index (quote->conversions, PuratanQuoteConversion, i);

      sink_begin_object (b);
      add_money (b, "total", c->total);
      add_string (b, "inr_per_unit", c->inr_per_unit);
      sink_end_object (b);
    }
  sink_end_array (b);
  sink_end_object (b);
  sink_end_object (b);
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
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  Sink sink = { builder, NULL, TRUE, FALSE };

  g_return_val_if_fail (quote != NULL, NULL);

  add_quote (&sink, quote);
  return json_builder_get_root (builder);
}

/**
 * puratan_quote_to_json_text:
 * @quote: a quote
 *
 * Writes the JSON of puratan_quote_to_json() as compact text, byte for byte what
 * JsonGenerator makes of it, without building the tree: for answering a quote often.
 *
 * Returns: (transfer full): the JSON text
 */
char *
puratan_quote_to_json_text (const PuratanQuote *quote)
{
  Sink sink = { NULL, g_string_sized_new (4096), TRUE, FALSE };

  g_return_val_if_fail (quote != NULL, NULL);

  add_quote (&sink, quote);
  return g_string_free (sink.text, FALSE);
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
