/* puratan-pdf-page.c: design items as PDF content
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-pdf-private.h"

static void
sink_move (gpointer data, double x, double y)
{
  GString *s = data;

  puratan_pdf_num (s, x);
  g_string_append_c (s, ' ');
  puratan_pdf_num (s, y);
  g_string_append (s, " m\n");
}

static void
sink_line (gpointer data, double x, double y)
{
  GString *s = data;

  puratan_pdf_num (s, x);
  g_string_append_c (s, ' ');
  puratan_pdf_num (s, y);
  g_string_append (s, " l\n");
}

static void
sink_curve (gpointer data, double x1, double y1, double x2, double y2, double x3, double y3)
{
  GString *s = data;
  const double v[6] = { x1, y1, x2, y2, x3, y3 };

  for (int i = 0; i < 6; i++)
    {
      puratan_pdf_num (s, v[i]);
      g_string_append_c (s, ' ');
    }
  g_string_append (s, "c\n");
}

static void
sink_close (gpointer data)
{
  g_string_append (data, "h\n");
}

static gboolean
draw_shape (PuratanPdf *pdf, GString *content, const PuratanDocItem *item, GError **error)
{
  PuratanPathSink sink = { sink_move, sink_line, sink_curve, sink_close, content };
  gboolean fill = item->fill.swatch != NULL && item->shape != PURATAN_DOC_SHAPE_LINE;
  gboolean stroke = item->stroke.swatch != NULL && item->stroke_width > 0;

  if (!fill && !stroke)
    return TRUE;
  if (fill && !puratan_pdf_set_paint (pdf, content, &item->fill, FALSE, error))
    return FALSE;
  if (stroke)
    {
      if (!puratan_pdf_set_paint (pdf, content, &item->stroke, TRUE, error))
        return FALSE;
      puratan_pdf_num (content, item->stroke_width);
      g_string_append (content, " w\n");
    }
  if (!puratan_render_shape_path (item, &sink, error))
    return FALSE;
  g_string_append (content, fill && stroke ? "B\n" : fill ? "f\n" : "S\n");
  return TRUE;
}

static gboolean
draw_text (PuratanPdf *pdf, GString *content, const PuratanDocItem *item, GError **error)
{
  g_autoptr (PangoLayout) layout = NULL;
  gboolean fill = item->fill.swatch != NULL;
  gboolean stroke = item->stroke.swatch != NULL && item->stroke_width > 0;

  if ((!fill && !stroke) || item->text == NULL || *item->text == '\0')
    return TRUE;
  if (fill && !puratan_pdf_set_paint (pdf, content, &item->fill, FALSE, error))
    return FALSE;
  if (stroke)
    {
      if (!puratan_pdf_set_paint (pdf, content, &item->stroke, TRUE, error))
        return FALSE;
      puratan_pdf_num (content, item->stroke_width);
      /* Text render modes: 0 fill, 1 stroke, 2 fill then stroke. */
      g_string_append_printf (content, " w %d Tr\n", fill ? 2 : 1);
    }
  layout = puratan_render_layout_new (pdf->text, item);
  return puratan_pdf_show_layout (pdf, content, layout, error);
}

static gboolean
draw_item (PuratanPdf *pdf, GString *content, const PuratanDocItem *item, GError **error)
{
  gboolean ok = TRUE;

  if (!puratan_render_item_is_drawn (pdf->doc, item, TRUE))
    return TRUE;
  if (item->opacity < 1.0 && pdf->standard == PURATAN_PDF_X1A)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Item “%s” is %.0f %% transparent, which PDF/X-1a forbids; export as PDF/X-4 "
                   "or make it opaque",
                   item->id, (1.0 - item->opacity) * 100);
      return FALSE;
    }
  g_string_append (content, "q\n");
  for (int i = 0; i < 6; i++)
    {
      puratan_pdf_num (content, item->transform[i]);
      g_string_append_c (content, ' ');
    }
  g_string_append (content, "cm\n");
  puratan_pdf_set_state (pdf, content, item->overprint, item->opacity);
  switch (item->kind)
    {
      case PURATAN_DOC_ITEM_SHAPE:
        ok = draw_shape (pdf, content, item, error);
        break;
      case PURATAN_DOC_ITEM_TEXT:
        ok = draw_text (pdf, content, item, error);
        break;
      case PURATAN_DOC_ITEM_IMAGE:
        ok = puratan_pdf_draw_image (pdf, content, item, error);
        break;
      case PURATAN_DOC_ITEM_GROUP:
        ok = puratan_pdf_draw_items (pdf, content, item->children, error);
        break;
      case PURATAN_DOC_ITEM_PDF:
        ok = puratan_pdf_draw_placed (pdf, content, item, error);
        break;
      default:
        g_assert_not_reached ();
    }
  g_string_append (content, "Q\n");
  return ok;
}

/**
 * puratan_pdf_draw_items:
 * @pdf: the writer
 * @content: the content stream in page space (points, trim origin, y down)
 * @items: (element-type PuratanDocItem): items bottom to top
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error naming the item that cannot be written
 */
gboolean
puratan_pdf_draw_items (PuratanPdf *pdf, GString *content, GPtrArray *items, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!draw_item (pdf, content, items->pdata[i], error))
      return FALSE;
  return TRUE;
}
