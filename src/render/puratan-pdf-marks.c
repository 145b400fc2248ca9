/* puratan-pdf-marks.c: printer's marks outside the bleed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crop marks and registration targets print in the registration colour (all plates);
 * the colour bar has solid and 50 % patches of each process ink and each spot; the job
 * slug names the design, page and standard in 100 % K.
 */
#include "puratan-core.h"
#include "puratan-pdf-private.h"

#define MARKS_MARGIN 42.0 /* points beyond the bleed */
#define MARK_GAP     6.0  /* distance of crop marks from the trim, beyond the bleed */
#define MARK_LENGTH  18.0
#define PATCH        10.0

double
puratan_pdf_marks_margin (const PuratanPdfOptions *options)
{
  return options->marks ? MARKS_MARGIN : 0.0;
}

static void
line (GString *s, double x1, double y1, double x2, double y2)
{
  puratan_pdf_num (s, x1);
  g_string_append_c (s, ' ');
  puratan_pdf_num (s, y1);
  g_string_append (s, " m ");
  puratan_pdf_num (s, x2);
  g_string_append_c (s, ' ');
  puratan_pdf_num (s, y2);
  g_string_append (s, " l S\n");
}

static void
target (GString *s, double cx, double cy)
{
  const double r = 5.0, k = r * 0.5522847498307936;

  const double start[2] = { cx + r, cy };
  const double arcs[4][6] = {
    { cx + r, cy + k, cx + k, cy + r, cx, cy + r },
    { cx - k, cy + r, cx - r, cy + k, cx - r, cy },
    { cx - r, cy - k, cx - k, cy - r, cx, cy - r },
    { cx + k, cy - r, cx + r, cy - k, cx + r, cy },
  };

  line (s, cx - 9, cy, cx + 9, cy);
  line (s, cx, cy - 9, cx, cy + 9);
  puratan_pdf_ops (s, start, 2, "m");
  for (int i = 0; i < 4; i++)
    puratan_pdf_ops (s, arcs[i], 6, "c");
  g_string_append (s, "S\n");
}

static gboolean
color_bar (PuratanPdf *pdf, GString *s, const PuratanDocPage *page)
{
  static const double process[4][4] = {
    { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 }
  };
  double x = 0, y = page->height + page->bleed + MARK_GAP + MARK_LENGTH + 4;
  GPtrArray *swatches = puratan_document_get_swatches (pdf->doc);

  for (int tint = 0; tint < 2; tint++)
    for (int i = 0; i < 4; i++, x += PATCH)
      {
        for (int c = 0; c < 4; c++)
          {
            puratan_pdf_num (s, process[i][c] * (tint == 0 ? 1.0 : 0.5));
            g_string_append_c (s, ' ');
          }
        g_string_append (s, "k\n");
        puratan_pdf_ops (s, (const double[4]){ x, y, PATCH, PATCH }, 4, "re f");
      }
  for (guint i = 0; i < swatches->len; i++)
    {
      PuratanDocSwatch *swatch = swatches->pdata[i];
      PuratanDocPaint paint = { swatch->name, 1.0 };
      if (swatch->model != PURATAN_DOC_COLOR_SPOT)
        continue;
      if (x + PATCH > page->width)
        break;
      if (!puratan_pdf_set_paint (pdf, s, &paint, FALSE, NULL))
        return FALSE;
      puratan_pdf_ops (s, (const double[4]){ x, y, PATCH, PATCH }, 4, "re f");
      x += PATCH;
    }
  return TRUE;
}

/**
 * puratan_pdf_draw_marks:
 * @pdf: the writer
 * @content: the content stream in page space (trim origin, y down)
 * @page: the page
 * @page_number: 1-based page number for the slug
 * @slug: the job slug text
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set when the slug font cannot be embedded
 */
gboolean
puratan_pdf_draw_marks (PuratanPdf *pdf,
                        GString *content,
                        const PuratanDocPage *page,
                        guint page_number,
                        const char *slug,
                        GError **error)
{
  double w = page->width, h = page->height, o = page->bleed + MARK_GAP;
  double e = o + MARK_LENGTH;
  g_autoptr (PuratanDocItem) text = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  g_autoptr (PangoLayout) layout = NULL;
  gboolean ok;

  g_string_append (content, "q\n0.25 w\n");
  puratan_pdf_set_registration (pdf, content, TRUE);
  line (content, -e, 0, -o, 0);
  line (content, 0, -e, 0, -o);
  line (content, w + o, 0, w + e, 0);
  line (content, w, -e, w, -o);
  line (content, -e, h, -o, h);
  line (content, 0, h + o, 0, h + e);
  line (content, w + o, h, w + e, h);
  line (content, w, h + o, w, h + e);
  target (content, w / 2, -o - 9);
  target (content, w / 2, h + o + 9);
  target (content, -o - 9, h / 2);
  target (content, w + o + 9, h / 2);
  if (!color_bar (pdf, content, page))
    return FALSE;

  text->text = g_strdup_printf ("%s  ·  page %u", slug, page_number);
  text->font_size = 6;
  text->width = MAX (w, 200);
  layout = puratan_render_layout_new (pdf->text, text);
  g_string_append (content, "0 0 0 1 k\n1 0 0 1 0 ");
  puratan_pdf_num (content, -e - 10);
  g_string_append (content, " cm\n");
  ok = puratan_pdf_show_layout (pdf, content, layout, error);
  g_string_append (content, "Q\n");
  return ok;
}
