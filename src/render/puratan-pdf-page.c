/* puratan-pdf-page.c: design items as PDF content
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

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

/* 100 % black: K alone at full strength (or gray 0), so it sits on the black plate only. */
static gboolean
is_pure_black (PuratanPdf *pdf, const PuratanDocPaint *paint)
{
  const PuratanDocSwatch *swatch;

  if (paint->swatch == NULL || paint->tint < 1.0)
    return FALSE;
  swatch = puratan_document_lookup_swatch (pdf->doc, paint->swatch);
  if (swatch == NULL)
    return FALSE;
  if (swatch->model == PURATAN_DOC_COLOR_GRAY)
    return swatch->values[0] == 0.0;
  return swatch->model == PURATAN_DOC_COLOR_CMYK && swatch->values[0] == 0.0 &&
         swatch->values[1] == 0.0 && swatch->values[2] == 0.0 && swatch->values[3] == 1.0;
}

static gboolean
is_technical (PuratanPdf *pdf, const PuratanDocPaint *paint)
{
  const PuratanDocSwatch *swatch =
      paint->swatch != NULL ? puratan_document_lookup_swatch (pdf->doc, paint->swatch) : NULL;

  return swatch != NULL && swatch->model == PURATAN_DOC_COLOR_SPOT &&
         puratan_pdf_is_technical_spot (swatch->name);
}

/* The print-correct overprint rules (GWG 2022, and the common DTP default):
 * - with the design's overprint-black setting on, 100 % black text under 12 pt and 100 %
 *   black strokes under 1 pt overprint, so a slight misregistration leaves no white gap;
 * - a technical spot (a die line) always overprints, so it cuts no line into the artwork;
 * - an item the designer set to overprint overprints as set, fill and stroke.
 * Sizes are as printed: @scale is the scale of the item's transform and its groups'. */
static void
overprint_of (PuratanPdf *pdf,
              const PuratanDocItem *item,
              double scale,
              gboolean *op_fill,
              gboolean *op_stroke)
{
  gboolean black = puratan_document_get_overprint_black (pdf->doc);
  gboolean fill = item->fill.swatch != NULL;
  gboolean stroke = item->stroke.swatch != NULL && item->stroke_width > 0;

  *op_fill = item->overprint;
  *op_stroke = item->overprint;
  if (item->kind == PURATAN_DOC_ITEM_TEXT)
    {
      gboolean small_black = black && item->font_size * scale < 12.0 && (fill || stroke) &&
                             (!fill || is_pure_black (pdf, &item->fill)) &&
                             (!stroke || is_pure_black (pdf, &item->stroke));
      *op_fill = *op_fill || small_black || (fill && is_technical (pdf, &item->fill));
      *op_stroke = *op_stroke || small_black || (stroke && is_technical (pdf, &item->stroke));
    }
  else if (item->kind == PURATAN_DOC_ITEM_SHAPE)
    {
      *op_fill = *op_fill ||
                 (fill && item->shape != PURATAN_DOC_SHAPE_LINE && is_technical (pdf, &item->fill));
      *op_stroke = *op_stroke || (stroke && (is_technical (pdf, &item->stroke) ||
                                             (black && item->stroke_width * scale < 1.0 &&
                                              is_pure_black (pdf, &item->stroke))));
    }
}

static gboolean
draw_items (PuratanPdf *pdf, GString *content, GPtrArray *items, double scale, GError **error);

static gboolean
draw_item (
    PuratanPdf *pdf, GString *content, const PuratanDocItem *item, double scale, GError **error)
{
  gboolean ok = TRUE, op_fill, op_stroke;
  const double *m = item->transform;

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
  /* The geometric mean of the two axes' scales, as the preflight measures sizes. */
  scale *= sqrt (fabs (m[0] * m[3] - m[1] * m[2]));
  g_string_append (content, "q\n");
  for (int i = 0; i < 6; i++)
    {
      puratan_pdf_num (content, item->transform[i]);
      g_string_append_c (content, ' ');
    }
  g_string_append (content, "cm\n");
  overprint_of (pdf, item, scale, &op_fill, &op_stroke);
  puratan_pdf_set_state (pdf, content, op_fill, op_stroke, item->opacity);
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
        ok = draw_items (pdf, content, item->children, scale, error);
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

static gboolean
draw_items (PuratanPdf *pdf, GString *content, GPtrArray *items, double scale, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!draw_item (pdf, content, items->pdata[i], scale, error))
      return FALSE;
  return TRUE;
}

/**
 * puratan_pdf_draw_items:
 * @pdf: the writer
 * @content: the content stream in page space (points, trim origin, y down)
 * @items: (element-type PuratanDocItem): items bottom to top
 * @error: return location for a #GError
 *
 * Writes the items with the print-correct overprint rules (see overprint_of()).
 *
 * Returns: %TRUE, or %FALSE with @error naming the item that cannot be written
 */
gboolean
puratan_pdf_draw_items (PuratanPdf *pdf, GString *content, GPtrArray *items, GError **error)
{
  return draw_items (pdf, content, items, 1.0, error);
}
