/* puratan-document-util.c: page layout shared by the orders layer's PDFs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>

#include "puratan-core.h"
#include "puratan-document-private.h"

/**
 * puratan_doc_text:
 * @cr: where to draw
 * @x: left edge of the box
 * @y: top edge
 * @width: the box's width; text wraps inside it
 * @font: a Pango font description, e.g. "Sans Bold 10"
 * @align: alignment inside the box
 * @text: plain UTF-8 text
 *
 * Returns: the height the text took, in points
 */
double
puratan_doc_text (cairo_t *cr,
                  double x,
                  double y,
                  double width,
                  const char *font,
                  TextAlign align,
                  const char *text)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int text_width, text_height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align == TEXT_RIGHT    ? PANGO_ALIGN_RIGHT
                                      : align == TEXT_CENTER ? PANGO_ALIGN_CENTER
                                                             : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &text_width, &text_height);
  return (double) text_height / PANGO_SCALE;
}

/**
 * puratan_doc_rule:
 * @cr: where to draw
 * @y: the line's height on the page
 *
 * Draws a thin rule across the page between the margins.
 */
void
puratan_doc_rule (cairo_t *cr, double y)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * puratan_doc_money:
 * @paise: an amount in paise
 *
 * Returns: (transfer full): the amount as printed on Indian invoices, "₹1,00,000.00"
 */
char *
puratan_doc_money (gint64 paise)
{
  PuratanMoney money;
  char *text;

  if (!puratan_money_init (&money, paise, "INR", NULL))
    g_assert_not_reached ();
  text = puratan_money_format (money, "en_IN", NULL);
  /* ICU always knows en_IN; a plain rendering keeps the document complete regardless. */
  if (text == NULL)
    text = g_strdup_printf ("INR %" G_GINT64_FORMAT ".%02d", paise / 100, (int) ABS (paise % 100));
  return text;
}

/**
 * puratan_doc_begin:
 * @path: the PDF to write
 * @surface: (out): the PDF surface
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a context on an A4 page, or %NULL with @error set
 */
cairo_t *
puratan_doc_begin (const char *path, cairo_surface_t **surface, GError **error)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr;

  if (cairo_surface_status (pdf) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   cairo_status_to_string (cairo_surface_status (pdf)));
      cairo_surface_destroy (pdf);
      return NULL;
    }
  cr = cairo_create (pdf);
  cairo_set_source_rgb (cr, 0, 0, 0);
  *surface = pdf;
  return cr;
}

/**
 * puratan_doc_finish:
 * @cr: (transfer full): the context from puratan_doc_begin()
 * @surface: (transfer full): its surface
 * @path: the PDF's path, for messages
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the PDF was written completely
 */
gboolean
puratan_doc_finish (cairo_t *cr, cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status;

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
