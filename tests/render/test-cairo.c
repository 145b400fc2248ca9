/* test-cairo.c: the screen and PNG renderer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "render-fixtures.h"

static const guint8 *
pixel (GdkPixbuf *pixbuf, int x, int y)
{
  return gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
         x * gdk_pixbuf_get_n_channels (pixbuf);
}

static GdkPixbuf *
render_png (PuratanRenderer *renderer, double dpi)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "render-test.png", NULL);
  GdkPixbuf *pixbuf;

  g_assert_true (puratan_renderer_write_png (renderer, 0, dpi, path, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return pixbuf;
}

static void
test_cairo_png (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanRenderer) renderer = puratan_renderer_new (doc, NULL, &error);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  const guint8 *gold, *paper;

  g_assert_no_error (error);
  pixbuf = render_png (renderer, 72);
  /* 200 × 100 pt with 9 pt bleed on each side. */
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 218);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 118);
  gold = pixel (pixbuf, 9 + 160, 9 + 50);
  g_test_message ("spot shown as %u %u %u", gold[0], gold[1], gold[2]);
  g_assert_cmpuint (gold[0], >, gold[1]);
  g_assert_cmpuint (gold[1], >, gold[2]);
  paper = pixel (pixbuf, 2, 2);
  g_assert_cmpuint (paper[0], ==, 255);
  g_assert_cmpuint (paper[2], ==, 255);

  g_clear_object (&pixbuf);
  pixbuf = render_png (renderer, 144);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 436);

  g_assert_false (puratan_renderer_write_png (renderer, 0, 0, "/tmp/never.png", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_renderer_write_png (renderer, 5, 72, "/tmp/never.png", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (puratan_renderer_new (doc, "newsprint-9000", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static void
test_cairo_soft_proof (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  const double green[4] = { 0, 1, 0, 0 };
  g_autoptr (PuratanDocSwatch) rgb =
      puratan_doc_swatch_new ("Screen green", PURATAN_DOC_COLOR_RGB, green);
  PuratanDocItem *rect = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GdkPixbuf) plain = NULL;
  g_autoptr (GdkPixbuf) proof = NULL;

  g_assert_true (puratan_document_add_swatch (doc, rgb, &error));
  rect->width = rect->height = 20;
  puratan_doc_item_set_fill (rect, "Screen green", 1.0);
  puratan_doc_item_set_position (rect, 110, 70);
  g_assert_nonnull (puratan_document_add_item (doc, 0, rect, &error));
  renderer = puratan_renderer_new (doc, "fogra39-coated", &error);
  g_assert_no_error (error);
  plain = render_png (renderer, 72);
  puratan_renderer_set_soft_proof (renderer, TRUE);
  proof = render_png (renderer, 72);
  g_test_message ("sRGB green %u %u %u, on press %u %u %u", pixel (plain, 129, 89)[0],
                  pixel (plain, 129, 89)[1], pixel (plain, 129, 89)[2], pixel (proof, 129, 89)[0],
                  pixel (proof, 129, 89)[1], pixel (proof, 129, 89)[2]);
  g_assert_cmpuint (pixel (plain, 129, 89)[1], ==, 255);
  g_assert_cmpuint (pixel (plain, 129, 89)[0], ==, 0);
  /* Offset cannot print pure sRGB green: the proof shows it duller. */
  g_assert_cmpuint (pixel (proof, 129, 89)[0], >, 0);
}

static void
test_cairo_placed_pdf (void)
{
  g_autoptr (PuratanDocument) artwork = fixture_separation_design ();
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = puratan_pdf_export (artwork, NULL, &error);
  PuratanDocItem *placed = puratan_doc_item_new (PURATAN_DOC_ITEM_PDF);
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (puratan_document_add_page (doc, 218, 118, 0, 0, &error), ==, 0);
  placed->asset = g_strdup (puratan_document_add_asset (doc, pdf, &error));
  placed->width = 218;
  placed->height = 118;
  g_assert_nonnull (puratan_document_add_item (doc, 0, placed, &error));
  renderer = puratan_renderer_new (doc, NULL, &error);
  pixbuf = render_png (renderer, 72);
  /* The spot box of the placed page shows up where it sits in that page. */
  g_assert_cmpuint (pixel (pixbuf, 9 + 160, 9 + 50)[2], <, 200);
  g_assert_cmpuint (pixel (pixbuf, 2, 2)[2], ==, 255);
}

static void
test_cairo_thumbnail_and_many_items (void)
{
  g_autoptr (PuratanDocument) doc = fixture_hindi_card ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "thumb.puratan", NULL);
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  puratan_document_begin_step (doc, "Fill");
  for (int i = 0; i < 1000; i++)
    {
      PuratanDocItem *item =
          puratan_doc_item_new (i % 2 ? PURATAN_DOC_ITEM_SHAPE : PURATAN_DOC_ITEM_TEXT);
      item->width = 20;
      item->height = 10;
      item->shape = i % 4 == 1 ? PURATAN_DOC_SHAPE_ELLIPSE : PURATAN_DOC_SHAPE_RECT;
      item->text = g_strdup_printf ("%d", i);
      puratan_doc_item_set_fill (item, i % 3 ? "Black" : "Puratan Teal", 0.3 + (i % 7) / 10.0);
      puratan_doc_item_set_position (item, (i * 7) % 220, (i * 13) % 150);
      g_assert_nonnull (puratan_document_add_item (doc, 0, item, &error));
    }
  puratan_document_end_step (doc);

  renderer = puratan_renderer_new (doc, NULL, &error);
  png = puratan_renderer_thumbnail_png (renderer, 256, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_document_save (doc, path, png, &error));
  stored = puratan_document_read_thumbnail (path, &error);
  g_assert_true (g_bytes_equal (png, stored));
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (stored);
    pixbuf = gdk_pixbuf_new_from_stream (in, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
  }
  g_unlink (path);
}

void
fixture_add_cairo_tests (void)
{
  g_test_add_func ("/render/cairo/png", test_cairo_png);
  g_test_add_func ("/render/cairo/soft-proof", test_cairo_soft_proof);
  g_test_add_func ("/render/cairo/placed-pdf", test_cairo_placed_pdf);
  g_test_add_func ("/render/cairo/thumbnail-and-many-items", test_cairo_thumbnail_and_many_items);
}
