/* test-doc-align.c: aligning and distributing items, and assets prepared off the design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "puratan-core.h"
#include "puratan-doc.h"

/* A 200 × 100 pt page with rectangles of the given frames (x, y, width, height). */
static PuratanDocument *
make_page (const double (*frames)[4], guint n, GPtrArray *ids)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;

  puratan_document_add_page (doc, 200, 100, 9, 9, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
      const char *id;

      item->shape = PURATAN_DOC_SHAPE_RECT;
      item->width = frames[i][2];
      item->height = frames[i][3];
      puratan_doc_item_set_position (item, frames[i][0], frames[i][1]);
      id = puratan_document_add_item (doc, 0, item, &error);
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (id));
    }
  g_ptr_array_add (ids, NULL);
  return doc;
}

static double
x_of (PuratanDocument *doc, const char *id)
{
  return puratan_document_lookup_item (doc, 0, id)->transform[4];
}

static double
y_of (PuratanDocument *doc, const char *id)
{
  return puratan_document_lookup_item (doc, 0, id)->transform[5];
}

static void
test_align_edges (void)
{
  const double frames[][4] = { { 10, 5, 20, 10 }, { 50, 30, 40, 20 }, { 30, 60, 10, 30 } };
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PuratanDocument) doc = make_page (frames, 3, ids);
  const char *const *list = (const char *const *) ids->pdata;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_align_items (doc, 0, list, PURATAN_DOC_EDGE_RIGHT, &error));
  g_assert_no_error (error);
  /* the box around all three ends at x = 90 */
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 70);
  g_assert_cmpfloat (x_of (doc, list[1]), ==, 50);
  g_assert_cmpfloat (x_of (doc, list[2]), ==, 80);
  g_assert_cmpstr (puratan_document_get_undo_label (doc), ==, "Align");

  g_assert_true (puratan_document_align_items (doc, 0, list, PURATAN_DOC_EDGE_MIDDLE, &error));
  /* the box spans y 5..90, its middle is 47.5 */
  g_assert_cmpfloat (y_of (doc, list[0]), ==, 42.5);
  g_assert_cmpfloat (y_of (doc, list[1]), ==, 37.5);
  g_assert_cmpfloat (y_of (doc, list[2]), ==, 32.5);

  g_assert_true (puratan_document_align_items (doc, 0, list, PURATAN_DOC_EDGE_LEFT, &error));
  g_assert_true (puratan_document_align_items (doc, 0, list, PURATAN_DOC_EDGE_TOP, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (x_of (doc, list[i]), ==, 50);
      g_assert_cmpfloat (y_of (doc, list[i]), ==, 32.5);
    }

  /* each command is one step: undoing the last puts only the tops back */
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (y_of (doc, list[0]), ==, 42.5);
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 50);
}

/* One item aligns to the page; a rotated item and a group align by their bounding boxes. */
static void
test_align_page_and_transforms (void)
{
  const double frames[][4] = { { 10, 10, 40, 20 }, { 100, 50, 20, 20 }, { 140, 60, 20, 20 } };
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PuratanDocument) doc = make_page (frames, 3, ids);
  const char *const *list = (const char *const *) ids->pdata;
  const char *only[] = { list[0], NULL };
  const char *pair[] = { list[1], list[2], NULL };
  const char *group;
  const char *both[3] = { NULL };
  PuratanDocItem *item;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_align_items (doc, 0, only, PURATAN_DOC_EDGE_CENTER, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 80);
  g_assert_true (puratan_document_align_items (doc, 0, only, PURATAN_DOC_EDGE_BOTTOM, &error));
  g_assert_cmpfloat (y_of (doc, list[0]), ==, 80);

  /* Turn the first item a quarter turn about its origin: its box is now x - 20 .. x. */
  item = puratan_document_edit_item (doc, 0, list[0], &error);
  item->transform[0] = 0;
  item->transform[1] = 1;
  item->transform[2] = -1;
  item->transform[3] = 0;
  group = puratan_document_group_items (doc, 0, pair, &error);
  g_assert_no_error (error);
  both[0] = list[0];
  both[1] = group;
  /* the group spans x 100..160, the turned item 60..80: left edges meet at 60 */
  g_assert_true (puratan_document_align_items (doc, 0, both, PURATAN_DOC_EDGE_LEFT, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 80);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, group)->transform[4], ==, -40);
  g_assert_cmpfloat (x_of (doc, list[1]), ==, 100); /* children keep their own transform */
}

static void
test_distribute (void)
{
  const double frames[][4] = {
    { 0, 0, 10, 10 }, { 15, 20, 30, 10 }, { 90, 40, 10, 10 }, { 150, 60, 20, 10 }
  };
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PuratanDocument) doc = make_page (frames, 4, ids);
  const char *const *list = (const char *const *) ids->pdata;
  g_autoptr (GError) error = NULL;

  /* span 0..170 holds 70 pt of items: three gaps of 100/3 */
  g_assert_true (puratan_document_distribute_items (doc, 0, list, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 0);
  g_assert_cmpfloat_with_epsilon (x_of (doc, list[1]), 10 + 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (x_of (doc, list[2]), 40 + 200.0 / 3, 1e-9);
  g_assert_cmpfloat (x_of (doc, list[3]), ==, 150);
  g_assert_cmpfloat (y_of (doc, list[1]), ==, 20);

  /* down the page: 0..70 with 40 pt of items, gaps of 10 */
  g_assert_true (puratan_document_distribute_items (doc, 0, list, TRUE, &error));
  g_assert_cmpfloat (y_of (doc, list[1]), ==, 20);
  g_assert_cmpfloat (y_of (doc, list[2]), ==, 40);

  /* two items are not enough */
  {
    const char *two[] = { list[0], list[1], NULL };
    g_assert_false (puratan_document_distribute_items (doc, 0, two, FALSE, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  }
}

static void
test_align_refuses (void)
{
  const double frames[][4] = { { 10, 10, 10, 10 }, { 50, 50, 10, 10 } };
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PuratanDocument) doc = make_page (frames, 2, ids);
  const char *const *list = (const char *const *) ids->pdata;
  const char *missing[] = { list[0], "no-such-item", NULL };
  const char *none[] = { NULL };
  g_autoptr (GError) error = NULL;

  puratan_document_edit_item (doc, 0, list[1], NULL)->locked = TRUE;
  g_assert_false (puratan_document_align_items (doc, 0, list, PURATAN_DOC_EDGE_LEFT, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_assert_cmpfloat (x_of (doc, list[0]), ==, 10);
  g_clear_error (&error);

  g_assert_false (puratan_document_align_items (doc, 0, missing, PURATAN_DOC_EDGE_TOP, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (puratan_document_align_items (doc, 0, none, PURATAN_DOC_EDGE_TOP, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_document_align_items (doc, 3, list, PURATAN_DOC_EDGE_TOP, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static void
prepare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanDocAsset *asset = puratan_document_asset_new (task_data, &error);

  if (asset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, asset, (GDestroyNotify) puratan_document_asset_free);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* An asset decoded on a worker joins the design without decoding again, once. */
static void
test_prepared_asset (void)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *buffer = NULL;
  gsize size = 0;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  g_autoptr (PuratanDocAsset) damaged = NULL;
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDocAsset *asset;
  const char *hash;

  gdk_pixbuf_fill (pixbuf, 0x228844ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  png = g_bytes_new (buffer, size);
  task = g_task_new (NULL, NULL, done_cb, &result);
  g_task_set_task_data (task, g_bytes_ref (png), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, prepare_thread);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  asset = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (asset->width, ==, 64);
  g_assert_cmpint (asset->height, ==, 48);
  g_assert_cmpstr (asset->mime, ==, "image/png");

  hash = puratan_document_add_prepared_asset (doc, asset);
  g_assert_true (puratan_document_lookup_asset (doc, hash) == asset);
  g_assert_cmpstr (puratan_document_add_asset (doc, png, &error), ==, hash);
  {
    g_autoptr (GPtrArray) assets = puratan_document_get_assets (doc);
    g_assert_cmpuint (assets->len, ==, 1);
  }

  truncated = g_bytes_new (buffer, 40);
  damaged = puratan_document_asset_new (truncated, &error);
  g_assert_null (damaged);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/align/edges", test_align_edges);
  g_test_add_func ("/document/align/page-and-transforms", test_align_page_and_transforms);
  g_test_add_func ("/document/align/distribute", test_distribute);
  g_test_add_func ("/document/align/refuses", test_align_refuses);
  g_test_add_func ("/document/asset/prepared", test_prepared_asset);

  return g_test_run ();
}
