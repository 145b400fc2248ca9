/* puratan-invoice.c: GST tax invoices and receipts as PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-document-private.h"
#include "puratan-pricing.h"

/**
 * puratan_gst_state_name:
 * @state_code: a two-digit GST state code
 *
 * Returns: (transfer none) (nullable): the state's name, or %NULL for an unknown code
 */
const char *
puratan_gst_state_name (const char *state_code)
{
  const char *name = NULL;

  g_return_val_if_fail (state_code != NULL, NULL);

  if (puratan_gst_state_lookup (state_code, &name) == NULL || !g_ascii_isdigit (state_code[0]))
    return NULL;
  return name;
}

/**
 * puratan_order_tax_split:
 * @tax_paise: GST on a line, as quoted
 * @intra_state: whether seller and place of supply are in the same state
 * @cgst: (out): central tax
 * @sgst: (out): state tax
 * @igst: (out): integrated tax
 *
 * Splits a line's GST: within a state into CGST and SGST halves (an odd paisa goes to SGST,
 * so the parts always add up to the tax quoted), between states all as IGST.
 */
void
puratan_order_tax_split (
    gint64 tax_paise, gboolean intra_state, gint64 *cgst, gint64 *sgst, gint64 *igst)
{
  g_return_if_fail (cgst != NULL && sgst != NULL && igst != NULL);

  *cgst = intra_state ? tax_paise / 2 : 0;
  *sgst = intra_state ? tax_paise - *cgst : 0;
  *igst = intra_state ? 0 : tax_paise;
}

static gboolean
check_inputs (const PuratanSeller *shop,
              const PuratanOrder *order,
              const PuratanCustomer *customer,
              GError **error)
{
  if (shop->name == NULL || shop->address == NULL || shop->gstin == NULL ||
      !puratan_gstin_validate (shop->gstin, NULL))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The shop's name, address and a valid GSTIN are needed on invoices; "
                           "set them in the shop settings");
      return FALSE;
    }
  if (order->lines == NULL || order->lines->len == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Order %" G_GINT64_FORMAT " has no lines to invoice", order->number);
      return FALSE;
    }
  if (g_strcmp0 (order->customer_id, customer->id) != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The customer given is not the order's customer");
      return FALSE;
    }
  return TRUE;
}

static double
draw_header (cairo_t *cr,
             const PuratanSeller *shop,
             PuratanInvoiceKind kind,
             const PuratanOrder *order,
             const PuratanCustomer *customer,
             const char *supply_code)
{
  g_autofree char *number = puratan_order_format_number (order->number);
  g_autofree char *seller = NULL;
  g_autofree char *buyer = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *date = g_strndup (order->created_at, 10);
  const char *supply_name = puratan_gst_state_name (supply_code);
  double y = MARGIN;

  y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, "Sans Bold 16", TEXT_CENTER,
                         kind == PURATAN_INVOICE_TAX_INVOICE ? "TAX INVOICE" : "RECEIPT");
  y += 8;
  seller = g_strdup_printf ("%s\n%s\nGSTIN: %s%s%s", shop->name, shop->address, shop->gstin,
                            shop->phone != NULL ? "\nPhone: " : "",
                            shop->phone != NULL ? shop->phone : "");
  meta = g_strdup_printf ("%s no.: %s\nDate: %s\nPlace of supply: %s (%s)",
                          kind == PURATAN_INVOICE_TAX_INVOICE ? "Invoice" : "Receipt", number, date,
                          supply_name != NULL ? supply_name : "Unknown state", supply_code);
  puratan_doc_text (cr, PAGE_WIDTH / 2, y, PAGE_WIDTH / 2 - MARGIN, "Sans 9", TEXT_RIGHT, meta);
  y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH / 2 - MARGIN, "Sans 9", TEXT_LEFT, seller);
  y += 10;
  buyer = g_strdup_printf (
      "Bill to: %s%s%s%s%s", customer->name, customer->gstin != NULL ? "\nGSTIN: " : "",
      customer->gstin != NULL ? customer->gstin : "", customer->phone != NULL ? "\nPhone: " : "",
      customer->phone != NULL ? customer->phone : "");
  y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, "Sans 9", TEXT_LEFT, buyer);
  return y + 10;
}

/* Column lefts and widths of the line table. */
static const double col_x[] = { 40, 62, 240, 290, 330, 400, 445, 515 };
static const double col_w[] = { 20, 176, 48, 38, 68, 43, 68, 40 };

static double
draw_row (cairo_t *cr, double y, const char *font, const char *const cells[8])
{
  double height = 0;

  for (int i = 0; i < 8; i++)
    height = MAX (height, puratan_doc_text (cr, col_x[i], y, col_w[i], font,
                                            i <= 1 ? TEXT_LEFT : TEXT_RIGHT, cells[i]));
  return y + height + 4;
}

/**
 * puratan_invoice_write_pdf:
 * @shop: the seller
 * @kind: tax invoice or receipt
 * @order: the order with its lines and totals
 * @customer: the order's customer
 * @payments: (nullable) (element-type PuratanPayment): the order's payments, listed on a
 *   receipt
 * @path: the PDF to write
 * @error: return location for a #GError
 *
 * Writes a one-page A4 GST document: seller and buyer with GSTINs, the place of supply, one
 * row per line with HSN/SAC, quantity, rate, taxable value and GST rate and amount, then the
 * taxable total, CGST and SGST (same state) or IGST (another state), the grand total, what
 * was paid and the balance due.
 *
 * Returns: %TRUE when written; %PURATAN_ERROR_INVALID_INPUT for a missing shop GSTIN or an
 *   order without lines, %PURATAN_ERROR_IO when the file cannot be written
 */
gboolean
puratan_invoice_write_pdf (const PuratanSeller *shop,
                           PuratanInvoiceKind kind,
                           const PuratanOrder *order,
                           const PuratanCustomer *customer,
                           GPtrArray *payments,
                           const char *path,
                           GError **error)
{
  g_autofree char *shop_state = NULL;
  const char *supply_code;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  gint64 cgst = 0, sgst = 0, igst = 0;
  gboolean intra;
  double y;

  g_return_val_if_fail (shop != NULL && order != NULL && customer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_inputs (shop, order, customer, error))
    return FALSE;
  shop_state = g_strndup (shop->gstin, 2);
  /* Over the counter, the place of supply is the buyer's state when known, else the shop's. */
  supply_code = customer->state_code != NULL ? customer->state_code : shop_state;
  intra = g_strcmp0 (supply_code, shop_state) == 0;

  cr = puratan_doc_begin (path, &surface, error);
  if (cr == NULL)
    return FALSE;
  y = draw_header (cr, shop, kind, order, customer, supply_code);

  {
    const char *head[8] = {
      "#", "Description", "HSN/SAC", "Qty", "Rate", "GST %", "Taxable", "GST"
    };
    puratan_doc_rule (cr, y - 3);
    y = draw_row (cr, y, "Sans Bold 8", head);
    puratan_doc_rule (cr, y - 2);
  }
  for (guint i = 0; i < order->lines->len; i++)
    {
      PuratanOrderLine *line = order->lines->pdata[i];
      g_autofree char *pos = g_strdup_printf ("%" G_GINT64_FORMAT, line->position);
      g_autofree char *what = g_strdup_printf (
          "%s%s%s", line->product, *line->description != '\0' ? "\n" : "", line->description);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, line->quantity);
      g_autofree char *rate = puratan_doc_money (line->unit_price_paise);
      g_autofree char *pct = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                              line->tax_rate_bp / 100, line->tax_rate_bp % 100);
      g_autofree char *taxable = puratan_doc_money (line->line_total_paise);
      g_autofree char *tax = puratan_doc_money (line->tax_paise);
      const char *cells[8] = { pos, what, line->hsn_sac, qty, rate, pct, taxable, tax };
      gint64 c, s, ig;

      puratan_order_tax_split (line->tax_paise, intra, &c, &s, &ig);
      cgst += c;
      sgst += s;
      igst += ig;
      y = draw_row (cr, y, "Sans 8", cells);
    }
  puratan_doc_rule (cr, y);
  y += 6;

  {
    g_autofree char *subtotal = puratan_doc_money (order->subtotal_paise);
    g_autofree char *c = puratan_doc_money (cgst);
    g_autofree char *s = puratan_doc_money (sgst);
    g_autofree char *ig = puratan_doc_money (igst);
    g_autofree char *total = puratan_doc_money (order->total_paise);
    g_autofree char *paid = puratan_doc_money (order->paid_paise);
    g_autofree char *due = puratan_doc_money (MAX (order->total_paise - order->paid_paise, 0));
    g_autofree char *labels = NULL;
    g_autofree char *values = NULL;

    if (intra)
      {
        labels = g_strdup ("Taxable value\nCGST\nSGST\nTotal\nPaid\nBalance due");
        values = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s", subtotal, c, s, total, paid, due);
      }
    else
      {
        labels = g_strdup ("Taxable value\nIGST\nTotal\nPaid\nBalance due");
        values = g_strdup_printf ("%s\n%s\n%s\n%s\n%s", subtotal, ig, total, paid, due);
      }
    puratan_doc_text (cr, 330, y, 120, "Sans Bold 9", TEXT_LEFT, labels);
    y += puratan_doc_text (cr, 450, y, PAGE_WIDTH - MARGIN - 450, "Sans 9", TEXT_RIGHT, values);
  }

  if (payments != NULL && payments->len > 0)
    {
      y += 14;
      y += puratan_doc_text (cr, MARGIN, y, 300, "Sans Bold 9", TEXT_LEFT, "Payments");
      for (guint i = 0; i < payments->len; i++)
        {
          PuratanPayment *payment = payments->pdata[i];
          g_autofree char *amount = puratan_doc_money (payment->amount_paise);
          g_autofree char *row =
              g_strdup_printf ("%s  %s %s %s%s%s", payment->business_date, payment->kind,
                               payment->method, amount, payment->reference != NULL ? "  ref " : "",
                               payment->reference != NULL ? payment->reference : "");
          y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, "Sans 8", TEXT_LEFT, row);
        }
    }
  puratan_doc_text (cr, MARGIN, PAGE_HEIGHT - MARGIN - 12, PAGE_WIDTH - 2 * MARGIN, "Sans 7",
                    TEXT_CENTER, "This is a computer-generated document.");
  return puratan_doc_finish (cr, surface, path, error);
}
