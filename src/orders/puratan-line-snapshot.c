/* puratan-line-snapshot.c: order lines from frozen quote snapshots
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-line-snapshot.h"

/* The tax on a line may differ from rate × taxable value only by the quote's rounding. */
static gboolean
tax_matches_rate (gint64 taxable, gint64 rate_bp, gint64 tax)
{
  gint64 low, high;

  if (taxable > G_MAXINT64 / 10000)
    return FALSE;
  low = taxable * rate_bp / 10000;
  high = (taxable * rate_bp + 9999) / 10000;
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
