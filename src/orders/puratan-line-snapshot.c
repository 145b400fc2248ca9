/* puratan-line-snapshot.c: order lines from frozen quote snapshots
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-line-snapshot.h"
#include "puratan-pricing.h"

/* The tax on a line may differ from rate × taxable value only by the quote's rounding. */
static gboolean
tax_matches_rate (gint64 taxable, gint64 rate_bp, gint64 tax)
{
  gint64 low, high;

  if (taxable > G_MAXINT64 / 10000)
    return FALSE;
  /* A paisa either way more: CGST and SGST are each rounded on their own. */
  low = taxable * rate_bp / 10000 - 1;
  high = (taxable * rate_bp + 9999) / 10000 + 1;
  return tax >= low && tax <= high;
}

/**
 * puratan_order_line_from_snapshot:
 * @json: a quote line frozen as a JSON object with at least `product` and `hsn_sac`
 *   (strings), `quantity`, `unit_price_paise`, `line_total_paise`, `tax_rate_bp` and
 *   `tax_paise` (integers), and optionally `description`; any other members (options,
 *   stock, finishing, the cost breakdown) are kept with the snapshot
 * @error: return location for a #GError
 *
 * Reads the key figures of a frozen quote line and checks they agree: the tax must be the
 * rate applied to the line total, rounded either way. The whole text is kept as the line's
 * snapshot.
 *
 * Returns: (transfer full) (nullable): the line, ready for puratan_order_add_line(), or %NULL
 *   with %PURATAN_ERROR_PARSE for malformed JSON and %PURATAN_ERROR_INVALID_INPUT for missing
 *   or inconsistent figures
 */
PuratanOrderLine *
puratan_order_line_from_snapshot (const char *json, GError **error)
{
  g_autoptr (JsonObject) object = NULL;
  const char *product = NULL, *hsn_sac = NULL, *description = NULL;
  gint64 quantity, unit_price, line_total, rate_bp, tax;
  PuratanOrderLine *line;

  g_return_val_if_fail (json != NULL, NULL);

  object = puratan_json_parse_object (json, -1, error);
  if (object == NULL || !puratan_json_get_string (object, "product", &product, error) ||
      !puratan_json_get_string (object, "hsn_sac", &hsn_sac, error) ||
      !puratan_json_get_optional_string (object, "description", "", &description, error) ||
      !puratan_json_get_int_in_range (object, "quantity", 1, G_MAXINT32, &quantity, error) ||
      !puratan_json_get_int_in_range (object, "unit_price_paise", 0, G_MAXINT64, &unit_price,
                                      error) ||
      !puratan_json_get_int_in_range (object, "line_total_paise", 0, G_MAXINT64, &line_total,
                                      error) ||
      !puratan_json_get_int_in_range (object, "tax_rate_bp", 0, 10000, &rate_bp, error) ||
      !puratan_json_get_int_in_range (object, "tax_paise", 0, G_MAXINT64, &tax, error))
    return NULL;

  if (!tax_matches_rate (line_total, rate_bp, tax))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The quote for “%s” charges %" G_GINT64_FORMAT " paise tax on %" G_GINT64_FORMAT
                   " paise at %" G_GINT64_FORMAT " basis points; the figures do not agree",
                   product, tax, line_total, rate_bp);
      return NULL;
    }
  line = puratan_order_line_new (product, hsn_sac, quantity, unit_price, line_total, rate_bp, tax,
                                 json);
  g_free (line->description);
  line->description = g_strdup (description);
  return line;
}

/**
 * puratan_order_line_from_quote:
 * @quote: a live quote from the pricing layer
 * @index: which of its lines
 * @error: return location for a #GError
 *
 * Freezes one line of a quote for an order: the key figures (taxable value, GST rate and
 * amount, quantity, HSN) plus the quote's number, place of supply and the line's full JSON
 * with its cost breakdown, so the order keeps the price it was placed at whatever the catalog
 * says later. The unit price is the taxable value divided by the quantity, rounded half up.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL with
 *   %PURATAN_ERROR_INVALID_INPUT for an index past the quote's lines
 */
PuratanOrderLine *
puratan_order_line_from_quote (const PuratanQuote *quote, guint index, GError **error)
{
  const PuratanQuoteLine *line;
  g_autoptr (JsonNode) whole = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) snapshot = NULL;
  g_autofree char *json = NULL;
  JsonArray *lines;
  gint64 quantity, taxable, tax;

  g_return_val_if_fail (quote != NULL, NULL);

  if (quote->lines == NULL || index >= quote->lines->len)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "Quote %s has no line %u",
                   quote->number, index + 1);
      return NULL;
    }
  line = quote->lines->pdata[index];
  quantity = MAX (line->breakdown.quantity, 1);
  taxable = line->taxable.minor;
  tax = line->cgst.minor + line->sgst.minor + line->igst.minor;
  whole = puratan_quote_to_json (quote);
  lines = json_object_get_array_member (json_node_get_object (whole), "lines");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "quote");
  json_builder_set_member_name (builder, "quote_number");
  json_builder_add_string_value (builder, quote->number);
  json_builder_set_member_name (builder, "place_of_supply");
  json_builder_add_string_value (builder, quote->place_of_supply);
  /* The product by name, its options as the catalog names them beside it. */
  json_builder_set_member_name (builder, "product");
  json_builder_add_string_value (builder, line->product);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, line->specs);
  /* The catalog's product id and the quote line's options let the shop's server price the
   * same job again when the order is sent to it. */
  json_builder_set_member_name (builder, "catalog_product");
  json_builder_add_string_value (builder, line->product_id);
  json_builder_set_member_name (builder, "hsn_sac");
  json_builder_add_string_value (builder, line->hsn);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_set_member_name (builder, "unit_price_paise");
  json_builder_add_int_value (builder, (taxable + quantity / 2) / quantity);
  json_builder_set_member_name (builder, "line_total_paise");
  json_builder_add_int_value (builder, taxable);
  json_builder_set_member_name (builder, "tax_rate_bp");
  json_builder_add_int_value (builder, line->gst_bp);
  json_builder_set_member_name (builder, "tax_paise");
  json_builder_add_int_value (builder, tax);
  /* Read by the job ticket, as the catalog names them. */
  json_builder_set_member_name (builder, "stock");
  json_builder_add_string_value (builder, line->stock);
  json_builder_set_member_name (builder, "finishing");
  json_builder_add_string_value (builder, line->finishing);
  json_builder_set_member_name (builder, "quote_line");
  json_builder_add_value (builder, json_array_dup_element (lines, index));
  json_builder_end_object (builder);

  snapshot = json_builder_get_root (builder);
  json = puratan_json_to_string (snapshot, FALSE);
  return puratan_order_line_from_snapshot (json, error);
}
