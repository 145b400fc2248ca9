/* puratan-quote-pdf.c: the quote on the shop's letterhead, as PDF through Cairo
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This is an office document in RGB, so Cairo's PDF surface is the right
 * tool here; print production PDFs come from the render layer's writer.
 */
#include "puratan-quote-private.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "puratan-error.h"

#define PAGE_WIDTH  595.276 /* A4 in points */
#define PAGE_HEIGHT 841.890
#define MARGIN      48.0
#define CONTENT     (PAGE_WIDTH - 2 * MARGIN)

typedef struct
{
  cairo_t *cr;
  double y;
} Page;

/* Draws @text at (x, y) in @width with @font; returns its height. */
static double
draw_text (cairo_t *cr,
           double x,
           double y,
           double width,
           const char *font,
           PangoAlignment align,
           const char *text)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
need_room (Page *page, double height)
{
  if (page->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

static void
letterhead (Page *page, const PuratanQuote *quote)
{
  const PuratanShop *shop = &quote->catalog->shop;
  cairo_t *cr = page->cr;
  g_autofree char *address = g_strjoinv ("\n", shop->address);
  g_autofree char *contact =
      g_strdup_printf ("GSTIN %s · %s · %s", shop->gstin, shop->phone, shop->email);
  double h;

  cairo_set_source_rgb (cr, 0.45, 0.08, 0.12);
  h = draw_text (cr, MARGIN, page->y, CONTENT, "Serif Bold 22", PANGO_ALIGN_LEFT, shop->name);
  draw_text (cr, MARGIN, page->y + 4, CONTENT, "Sans Bold 14", PANGO_ALIGN_RIGHT, "QUOTATION");
  page->y += h + 2;
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  page->y += draw_text (cr, MARGIN, page->y, CONTENT, "Sans 9", PANGO_ALIGN_LEFT, address);
  page->y += draw_text (cr, MARGIN, page->y, CONTENT, "Sans 9", PANGO_ALIGN_LEFT, contact) + 6;
  cairo_set_source_rgb (cr, 0.45, 0.08, 0.12);
  cairo_set_line_width (cr, 2.0);
  cairo_move_to (cr, MARGIN, page->y);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, page->y);
  cairo_stroke (cr);
  page->y += 12;
}

static void
header (Page *page, const PuratanQuote *quote)
{
  g_autofree char *date = puratan_quote_format_date (&quote->date);
  g_autofree char *until = puratan_quote_format_date (&quote->valid_until);
  g_autofree char *left =
      g_strdup_printf ("Quotation %s\nDate %s\nValid until %s", quote->number, date, until);
  g_autofree char *right = g_strdup_printf (
      "%s\n%s%s%s%s\nPlace of supply: %s (%s)\n%s supply", quote->customer_name,
      quote->customer_gstin != NULL ? "GSTIN " : "",
      quote->customer_gstin != NULL ? quote->customer_gstin : "",
      quote->customer_gstin != NULL ? "\n" : "", quote->tier_label, quote->place_of_supply_name,
      quote->place_of_supply, quote->inter_state ? "Inter-state" : "Intra-state");
  double h1, h2;

  cairo_set_source_rgb (page->cr, 0, 0, 0);
  h1 = draw_text (page->cr, MARGIN, page->y, CONTENT / 2, "Sans 10", PANGO_ALIGN_LEFT, left);
  h2 = draw_text (page->cr, MARGIN + CONTENT / 2, page->y, CONTENT / 2, "Sans 10",
                  PANGO_ALIGN_RIGHT, right);
  page->y += MAX (h1, h2) + 16;
}

static void
money_row (Page *page, const char *font, const char *label, gint64 paise)
{
  g_autofree char *amount = puratan_quote_format_paise (paise);
  double h;

  need_room (page, 14);
  h = draw_text (page->cr, MARGIN + 24, page->y, CONTENT - 150, font, PANGO_ALIGN_LEFT, label);
  draw_text (page->cr, PAGE_WIDTH - MARGIN - 120, page->y, 120, font, PANGO_ALIGN_RIGHT, amount);
  page->y += h + 1;
}

static void
line_block (Page *page, guint index, const PuratanQuoteLine *line)
{
  const PuratanJobPrice *p = &line->breakdown;
  g_autofree char *title = g_strdup_printf ("%u. %s", index + 1, line->description);
  g_autoptr (GString) finishing = g_string_new (NULL);
  g_autofree char *facts = NULL;

  for (guint i = 0; i < p->n_finishing; i++)
    g_string_append_printf (finishing, "%s%s", i == 0 ? " · " : ", ", p->finishing_label[i]);
  facts = g_strdup_printf ("%" G_GINT64_FORMAT " copies · HSN %s · GST %" G_GINT64_FORMAT
                           " %% · %s, %u up, %" G_GINT64_FORMAT " press sheets (%" G_GINT64_FORMAT
                           " spoilage) from %" G_GINT64_FORMAT " parent sheets%s",
                           p->quantity, line->hsn, line->gst_bp / 100, p->press_name, p->up,
                           p->press_sheets, p->spoilage_sheets, p->parent_sheets, finishing->str);

  need_room (page, 60);
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  page->y +=
      draw_text (page->cr, MARGIN, page->y, CONTENT, "Sans Bold 10", PANGO_ALIGN_LEFT, title);
  cairo_set_source_rgb (page->cr, 0.3, 0.3, 0.3);
  page->y +=
      draw_text (page->cr, MARGIN + 12, page->y, CONTENT - 12, "Sans 8", PANGO_ALIGN_LEFT, facts) +
      2;
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  money_row (page, "Sans 9", "Paper", p->paper_price);
  money_row (page, "Sans 9", "Printing", p->press_price);
  money_row (page, "Sans 9", "Finishing", p->finishing_price);
  if (p->turnaround_surcharge != 0)
    money_row (page, "Sans 9", "Turnaround surcharge", p->turnaround_surcharge);
  if (p->minimum_uplift != 0)
    money_row (page, "Sans 9", "Minimum charge", p->minimum_uplift);
  if (p->volume_discount != 0)
    money_row (page, "Sans 9", "Volume discount", -p->volume_discount);
  if (p->tier_discount != 0)
    money_row (page, "Sans 9", "Customer discount", -p->tier_discount);
  if (p->coupon_discount != 0)
    money_row (page, "Sans 9", "Coupon", -p->coupon_discount);
  if (p->curve_adjustment != 0)
    money_row (page, "Sans 9", "Quantity price guarantee", p->curve_adjustment);
  if (line->amount_coupon.minor != 0)
    money_row (page, "Sans 9", "Coupon", -line->amount_coupon.minor);
  money_row (page, "Sans Bold 9", "Taxable value", line->taxable.minor);
  page->y += 8;
}

static void
totals (Page *page, const PuratanQuote *quote)
{
  g_autoptr (GString) others = g_string_new (NULL);
  g_autofree char *rates_date = puratan_quote_format_date (&quote->rates_date);

  need_room (page, 120);
  cairo_set_line_width (page->cr, 0.5);
  cairo_move_to (page->cr, MARGIN, page->y);
  cairo_line_to (page->cr, PAGE_WIDTH - MARGIN, page->y);
  cairo_stroke (page->cr);
  page->y += 6;
  money_row (page, "Sans 10", "Taxable value", quote->taxable.minor);
  if (quote->inter_state)
    money_row (page, "Sans 10", "IGST", quote->igst.minor);
  else
    {
      money_row (page, "Sans 10", "CGST", quote->cgst.minor);
      money_row (page, "Sans 10", "SGST", quote->sgst.minor);
    }
  money_row (page, "Sans Bold 12", "Total", quote->total.minor);
  page->y += 4;
  page->y += draw_text (page->cr, MARGIN, page->y, CONTENT, "Sans Italic 10", PANGO_ALIGN_LEFT,
                        quote->total_in_words) +
             8;
  for (guint i = 0; i < quote->conversions->len; i++)
    {
      const PuratanQuoteConversion *c =
          &g_array_index (quote->conversions, PuratanQuoteConversion, i);
      g_autofree char *amount = puratan_money_format (c->total, "en_IN", NULL);

      g_string_append_printf (others, "%s%s", i > 0 ? " · " : "",
                              amount != NULL ? amount : c->total.currency);
    }
  if (others->len > 0)
    g_string_append_printf (others, " (at the rates of %s; for information, payment is in INR)",
                            rates_date);
  cairo_set_source_rgb (page->cr, 0.3, 0.3, 0.3);
  page->y +=
      draw_text (page->cr, MARGIN, page->y, CONTENT, "Sans 8", PANGO_ALIGN_LEFT, others->str) + 6;
  page->y += draw_text (page->cr, MARGIN, page->y, CONTENT, "Sans 8", PANGO_ALIGN_LEFT,
                        "Prices follow our quantity guarantee: more copies never cost less in "
                        "total, and never cost more per copy. Payment by cash, UPI or card.");
}

/**
 * puratan_quote_write_pdf:
 * @quote: a quote
 * @path: the PDF file to write (replaced if it exists)
 * @error: return location for a %PURATAN_ERROR_IO error
 *
 * Writes the quote on the shop's letterhead as an A4 PDF: shop name,
 * address and GSTIN, the quote's number, dates and customer, each line with
 * its price build-up, GST and the total in figures and words.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
puratan_quote_write_pdf (const PuratanQuote *quote, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page = { NULL, MARGIN };

  g_return_val_if_fail (quote != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, quote->number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Puratan Studio");
  page.cr = cairo_create (surface);
  letterhead (&page, quote);
  header (&page, quote);
  for (guint i = 0; i < quote->lines->len; i++)
    line_block (&page, i, g_ptr_array_index (quote->lines, i));
  totals (&page, quote);
  cairo_show_page (page.cr);
  status = cairo_status (page.cr);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Could not write the quote to “%s”: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
