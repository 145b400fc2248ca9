/* render-fixtures.c: designs and tool runners shared by the render tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-test-tmpdir.h"
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "render-fixtures.h"

static void
add (PuratanDocument *doc, PuratanDocItem *item)
{
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (puratan_document_add_item (doc, 0, item, &error));
  g_assert_no_error (error);
}

/* 100 % K text on the left, a spot rectangle on the right, nothing else. */
PuratanDocument *
fixture_separation_design (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  const double gold[4] = { 0, 0.2, 0.6, 0.1 };
  g_autoptr (PuratanDocSwatch) spot =
      puratan_doc_swatch_new ("Gold 871", PURATAN_DOC_COLOR_SPOT, gold);
  PuratanDocItem *text = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  PuratanDocItem *rect = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);

  puratan_document_set_title (doc, "Separation check");
  g_assert_cmpuint (puratan_document_add_page (doc, 200, 100, 9, 9, &error), ==, 0);
  g_assert_true (puratan_document_add_swatch (doc, spot, &error));
  text->id = g_strdup ("black-text");
  text->text = g_strdup ("BLACK");
  text->font_size = 30;
  text->font_weight = 700;
  text->width = 100;
  text->height = 40;
  puratan_doc_item_set_fill (text, "Black", 1.0);
  puratan_doc_item_set_position (text, 5, 30);
  add (doc, text);
  rect->id = g_strdup ("spot-box");
  rect->width = 60;
  rect->height = 60;
  puratan_doc_item_set_fill (rect, "Gold 871", 1.0);
  puratan_doc_item_set_position (rect, 130, 20);
  add (doc, rect);
  return doc;
}

/* The business card template with its text in Hindi. */
PuratanDocument *
fixture_hindi_card (void)
{
  g_autoptr (GError) error = NULL;
  PuratanDocument *doc = puratan_template_instantiate (TEMPLATE_DIR, "business-card", &error);
  PuratanDocItem *item;

  g_assert_no_error (error);
  item = puratan_document_edit_item (doc, 0, "name", &error);
  g_free (item->text);
  item->text = g_strdup (HINDI_NAME);
  item = puratan_document_edit_item (doc, 0, "role", &error);
  g_free (item->text);
  item->text = g_strdup (HINDI_ROLE);
  g_assert_no_error (error);
  return doc;
}

static GdkPixbuf *
gradient (int width, int height, gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), n = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * n;
        p[0] = (guint8) (x * 255 / width);
        p[1] = (guint8) (y * 255 / height);
        p[2] = 160;
        if (alpha)
          p[3] = x < width / 2 ? 255 : 128;
      }
  return pixbuf;
}

GBytes *
fixture_png (int width, int height, gboolean alpha)
{
  g_autoptr (GdkPixbuf) pixbuf = gradient (width, height, alpha);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new (buffer, size);
}

GBytes *
fixture_jpeg (int width, int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gradient (width, height, FALSE);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  g_assert_true (
      gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "90", NULL));
  return g_bytes_new (buffer, size);
}

char *
fixture_write_temp (GBytes *bytes, const char *name)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (
      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

/* Runs a tool; returns whether it exited with 0 and gives its stdout. */
gboolean
fixture_run (char **output, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, output,
                     &err, &status, &error))
    {
      g_test_message ("cannot run %s: %s", first, error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", first, err);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("PURATAN_DATA_DIR", DATA_DIR, TRUE);
  fixture_add_pdf_tests ();
  fixture_add_cairo_tests ();
  fixture_add_progress_tests ();
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
