/* render-designs.c: designs for the export and render benchmarks
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "render-designs.h"

#define MM(x) ((x) / 25.4 * 72.0)

static const char paragraph[] =
    "Fresh coffee, live music and 20 % off every print order on the day. Bring a friend and "
    "your ideas; our designers sketch your next poster while you wait. दुकान सुबह दस बजे खुलती है।";

static GBytes *
picture (const char *type, int w, int h)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        p[y * stride + x * 3] = (guint8) (x * 255 / w);
        p[y * stride + x * 3 + 1] = (guint8) (y * 255 / h);
        p[y * stride + x * 3 + 2] = (guint8) ((x ^ y) & 0xff);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, NULL);
  return g_bytes_new (buffer, size);
}

static void
add (PuratanDocument *doc, guint page, PuratanDocItem *item)
{
  g_autoptr (GError) error = NULL;

  if (puratan_document_add_item (doc, page, item, &error) == NULL)
    g_error ("bench design: %s", error->message);
}

/* A5 pages, each with a headline, two paragraphs, a photo (JPEG), a logo (PNG) and shapes. */
PuratanDocument *
bench_design_pages (guint n_pages)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GBytes) jpeg = picture ("jpeg", 800, 600);
  g_autoptr (GBytes) png = picture ("png", 200, 200);
  const double teal[4] = { 0.85, 0.1, 0.4, 0.15 };
  g_autoptr (PuratanDocSwatch) swatch =
      puratan_doc_swatch_new ("Teal", PURATAN_DOC_COLOR_CMYK, teal);
  const char *photo = puratan_document_add_asset (doc, jpeg, NULL);
  const char *logo = puratan_document_add_asset (doc, png, NULL);

  puratan_document_add_swatch (doc, swatch, NULL);
  puratan_document_begin_step (doc, "Build");
  for (guint p = 0; p < n_pages; p++)
    {
      PuratanDocItem *item;

      puratan_document_add_page (doc, MM (148), MM (210), MM (3), MM (8), NULL);
      item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
      item->width = MM (154);
      item->height = MM (80);
      puratan_doc_item_set_position (item, -MM (3), -MM (3));
      puratan_doc_item_set_fill (item, "Teal", 1.0);
      add (doc, p, item);
      item = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
      item->asset = g_strdup (photo);
      item->width = MM (128);
      item->height = MM (60);
      puratan_doc_item_set_position (item, MM (10), MM (90));
      add (doc, p, item);
      item = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
      item->asset = g_strdup (logo);
      item->fit = PURATAN_DOC_FIT_FIT;
      item->width = item->height = MM (20);
      puratan_doc_item_set_position (item, MM (118), MM (10));
      add (doc, p, item);
      item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
      item->text = g_strdup_printf ("Page %u: Grand Opening", p + 1);
      item->font_size = 24;
      item->font_weight = 700;
      item->width = MM (128);
      puratan_doc_item_set_position (item, MM (10), MM (40));
      puratan_doc_item_set_fill (item, "Paper", 1.0);
      add (doc, p, item);
      for (int k = 0; k < 2; k++)
        {
          item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
          item->text = g_strdup (paragraph);
          item->font_size = 10;
          item->leading = 14;
          item->width = MM (128);
          puratan_doc_item_set_position (item, MM (10), MM (155 + k * 22));
          puratan_doc_item_set_fill (item, "Black", 1.0);
          add (doc, p, item);
        }
    }
  puratan_document_end_step (doc);
  return doc;
}

/* One A4 page with @n_items shapes and short text frames. */
PuratanDocument *
bench_design_items (guint n_items)
{
  PuratanDocument *doc = puratan_document_new ();

  puratan_document_add_page (doc, MM (210), MM (297), MM (3), MM (8), NULL);
  puratan_document_begin_step (doc, "Build");
  for (guint i = 0; i < n_items; i++)
    {
      PuratanDocItem *item =
          puratan_doc_item_new (i % 3 == 0 ? PURATAN_DOC_ITEM_TEXT : PURATAN_DOC_ITEM_SHAPE);
      item->width = 40;
      item->height = 16;
      item->shape = i % 3 == 1 ? PURATAN_DOC_SHAPE_ELLIPSE : PURATAN_DOC_SHAPE_RECT;
      item->corner_radius = i % 2 ? 4 : 0;
      item->text = g_strdup_printf ("Item %u", i);
      puratan_doc_item_set_fill (item, "Black", 0.2 + (i % 8) / 10.0);
      puratan_doc_item_set_position (item, (i * 37) % 560, (i * 53) % 800);
      add (doc, 0, item);
    }
  puratan_document_end_step (doc);
  return doc;
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_best_ms (double *samples, guint n)
{
  qsort (samples, n, sizeof (double), compare);
  return samples[0];
}

double
bench_median_ms (double *samples, guint n)
{
  qsort (samples, n, sizeof (double), compare);
  return samples[n / 2];
}
