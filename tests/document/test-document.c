/* test-document.c: design model, undo, design file and templates
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-test-tmpdir.h"
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>

#include "puratan-core.h"
#include "puratan-doc.h"

#define MM(x) ((x) / 25.4 * 72.0)

static GBytes *
make_png (int width, int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new (buffer, size);
}

/* A business card with a text frame, a spot-colour rectangle and an image. */
static PuratanDocument *
make_card (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = make_png (300, 200);
  const double gold[4] = { 0, 0.2, 0.6, 0.1 };
  g_autoptr (PuratanDocSwatch) spot =
      puratan_doc_swatch_new ("Gold 871", PURATAN_DOC_COLOR_SPOT, gold);
  PuratanDocItem *text = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  PuratanDocItem *rect = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  PuratanDocItem *image = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
  const char *hash;

  g_assert_cmpuint (puratan_document_add_page (doc, MM (85), MM (55), MM (3), MM (4), &error), ==,
                    0);
  g_assert_true (puratan_document_add_swatch (doc, spot, &error));
  text->id = g_strdup ("name");
  text->text = g_strdup ("Asha Verma");
  text->font_size = 11;
  puratan_doc_item_set_fill (text, "Black", 1.0);
  puratan_doc_item_set_position (text, 12, 20);
  g_assert_nonnull (puratan_document_add_item (doc, 0, text, &error));
  rect->id = g_strdup ("band");
  rect->corner_radius = 4;
  rect->overprint = TRUE;
  puratan_doc_item_set_fill (rect, "Gold 871", 0.5);
  g_assert_nonnull (puratan_document_add_item (doc, 0, rect, &error));
  hash = puratan_document_add_asset (doc, png, &error);
  g_assert_no_error (error);
  image->id = g_strdup ("logo");
  image->asset = g_strdup (hash);
  g_assert_nonnull (puratan_document_add_item (doc, 0, image, &error));
  g_assert_no_error (error);
  return doc;
}

static void
test_model_defaults (void)
{
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  const PuratanDocSwatch *black = puratan_document_lookup_swatch (doc, "Black");
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (black);
  g_assert_cmpint (black->model, ==, PURATAN_DOC_COLOR_CMYK);
  g_assert_cmpfloat (black->values[3], ==, 1.0);
  g_assert_cmpuint (puratan_document_get_layers (doc)->len, ==, 1);
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 0);
  g_assert_false (puratan_document_can_undo (doc));

  g_assert_cmpuint (puratan_document_add_page (doc, 0, 100, 0, 0, &error), ==, G_MAXUINT);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_model_items (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;
  PuratanDocItem *bad = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  PuratanDocItem *dup = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  const PuratanDocItem *band = puratan_document_lookup_item (doc, 0, "band");
  const PuratanDocAsset *asset;

  g_assert_nonnull (band);
  g_assert_cmpstr (band->layer, ==, "artwork");
  g_assert_cmpfloat (band->fill.tint, ==, 0.5);

  puratan_doc_item_set_fill (bad, "No such ink", 1.0);
  g_assert_null (puratan_document_add_item (doc, 0, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  dup->id = g_strdup ("band");
  g_assert_null (puratan_document_add_item (doc, 0, dup, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  asset = puratan_document_lookup_asset (doc, puratan_document_lookup_item (doc, 0, "logo")->asset);
  g_assert_nonnull (asset);
  g_assert_cmpstr (asset->mime, ==, "image/png");
  g_assert_cmpint (asset->width, ==, 300);
  g_assert_cmpint (asset->height, ==, 200);

  {
    g_autoptr (GBytes) junk = g_bytes_new_static ("hello", 5);
    g_autoptr (GBytes) broken = g_bytes_new_static ("\x89PNG\r\n\x1a\nbroken", 14);
    g_assert_null (puratan_document_add_asset (doc, junk, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_null (puratan_document_add_asset (doc, broken, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
    g_clear_error (&error);
  }

  {
    double ppi_x = 0, ppi_y = 0;
    /* 300 × 200 px filling a 100 pt square: scaled to 150 × 100 pt, so 144 ppi. */
    g_assert_true (puratan_document_get_effective_ppi (doc, 0, "logo", &ppi_x, &ppi_y, &error));
    g_assert_cmpfloat_with_epsilon (ppi_x, 144.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (ppi_y, 144.0, 1e-9);
    puratan_document_edit_item (doc, 0, "logo", &error)->transform[0] = 2.0;
    g_assert_true (puratan_document_get_effective_ppi (doc, 0, "logo", &ppi_x, &ppi_y, &error));
    g_assert_cmpfloat_with_epsilon (ppi_x, 72.0, 1e-9);
    g_assert_false (puratan_document_get_effective_ppi (doc, 0, "band", &ppi_x, &ppi_y, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  puratan_document_edit_item (doc, 0, "band", &error)->locked = TRUE;
  g_assert_false (puratan_document_move_item (doc, 0, "band", 1, 1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  g_assert_true (puratan_document_remove_item (doc, 0, "logo", &error));
  g_assert_null (puratan_document_lookup_item (doc, 0, "logo"));
  g_assert_false (puratan_document_remove_item (doc, 0, "logo", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static void
test_json_roundtrip (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (PuratanDocument) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = puratan_document_to_json (doc);
  g_autofree char *again = NULL;
  PuratanDocItem *group = puratan_doc_item_new (PURATAN_DOC_ITEM_GROUP);
  PuratanDocItem *child = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);

  child->id = g_strdup ("dot");
  child->shape = PURATAN_DOC_SHAPE_ELLIPSE;
  g_ptr_array_add (group->children, child);
  group->id = g_strdup ("group");
  g_assert_nonnull (puratan_document_add_item (doc, 0, group, &error));
  g_free (json);
  json = puratan_document_to_json (doc);

  copy = puratan_document_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  again = puratan_document_to_json (copy);
  g_assert_cmpstr (json, ==, again);
  g_assert_nonnull (puratan_document_lookup_item (copy, 0, "dot"));
  g_assert_cmpint (puratan_document_lookup_swatch (copy, "Gold 871")->model, ==,
                   PURATAN_DOC_COLOR_SPOT);
}

static void
test_json_bad_input (void)
{
  const struct
  {
    const char *json;
    int code;
  } cases[] = {
    { "", PURATAN_ERROR_PARSE },
    { "[1, 2]", PURATAN_ERROR_PARSE },
    { "{\"format\": 1}", PURATAN_ERROR_PARSE },
    { "{\"format\": 99, \"pages\": []}", PURATAN_ERROR_UNSUPPORTED_VERSION },
    { "{\"format\": 1, \"units\": \"mm\", \"pages\": []}", PURATAN_ERROR_PARSE },
    { "{\"format\": 1, \"pages\": [{\"width\": -5, \"height\": 10}]}", PURATAN_ERROR_PARSE },
    { "{\"format\": 1, \"pages\": [{\"width\": 100, \"height\": 100, \"items\": [{\"id\": \"a\", "
      "\"kind\": \"blob\"}]}]}",
      PURATAN_ERROR_PARSE },
    { "{\"format\": 1, \"pages\": [{\"width\": 100, \"height\": 100, \"items\": [{\"id\": \"a\", "
      "\"kind\": \"shape\", \"fill\": {\"swatch\": \"Nope\"}}]}]}",
      PURATAN_ERROR_NOT_FOUND },
    { "{\"format\": 1, \"pages\": [{\"width\": 100, \"height\": 100, \"items\": [{\"id\": \"a\", "
      "\"kind\": \"shape\"}, {\"id\": \"a\", \"kind\": \"shape\"}]}]}",
      PURATAN_ERROR_INVALID_INPUT },
    { "{\"format\": 1, \"swatches\": [{\"name\": \"X\", \"model\": \"cmyk\", \"values\": [2, 0, "
      "0, 0]}], \"pages\": []}",
      PURATAN_ERROR_PARSE },
    { "{\"format\": 1, \"pages\": [{\"width\": 100, \"height\": 100, \"items\": [{\"id\": \"a\", "
      "\"kind\": \"image\", \"asset\": \"../../etc/passwd\"}]}]}",
      PURATAN_ERROR_PARSE },
  };

  /* Nesting deep enough to exhaust a recursive parser's stack. */
  {
    g_autoptr (GString) deep = g_string_new ("{\"format\": 1, \"pages\": ");
    g_autoptr (GError) error = NULL;
    g_autoptr (PuratanDocument) doc = NULL;
    for (int i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    doc = puratan_document_new_from_json (deep->str, -1, &error);
    g_assert_null (doc);
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanDocument) doc = puratan_document_new_from_json (cases[i].json, -1, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (doc);
      g_assert_error (error, PURATAN_ERROR, cases[i].code);
    }
}

static void
test_undo_basic (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_move_item (doc, 0, "name", 10, 5, &error));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 22);
  g_assert_true (puratan_document_move_item (doc, 0, "name", 10, 0, &error));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 32);

  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 22);
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 12);
  g_assert_true (puratan_document_can_redo (doc));
  g_assert_true (puratan_document_redo (doc));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 22);

  /* A new change empties the redo history. */
  g_assert_true (puratan_document_move_item (doc, 0, "band", 1, 1, &error));
  g_assert_false (puratan_document_can_redo (doc));

  /* Unlimited: undo everything back to the empty design. */
  while (puratan_document_undo (doc))
    ;
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 0);
  g_assert_null (puratan_document_lookup_swatch (doc, "Gold 871"));
  while (puratan_document_redo (doc))
    ;
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 1);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "band")->transform[4], ==, 1);
}

static void
test_undo_drag (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;

  puratan_document_begin_step (doc, "Move");
  for (int i = 0; i < 60; i++)
    g_assert_true (puratan_document_move_item (doc, 0, "name", 1, 0.5, &error));
  puratan_document_end_step (doc);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 72);
  g_assert_cmpstr (puratan_document_get_undo_label (doc), ==, "Move");

  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 12);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[5], ==, 20);
  g_assert_true (puratan_document_redo (doc));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[5], ==, 50);

  /* A step mixing item edits and a structure change undoes as one. */
  puratan_document_begin_step (doc, "Duplicate page");
  g_assert_true (puratan_document_move_item (doc, 0, "band", 3, 0, &error));
  g_assert_cmpuint (puratan_document_add_page (doc, 100, 100, 0, 0, &error), ==, 1);
  g_assert_true (puratan_document_move_item (doc, 0, "band", 3, 0, &error));
  puratan_document_end_step (doc);
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 1);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "band")->transform[4], ==, 0);
  g_assert_true (puratan_document_redo (doc));
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 2);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "band")->transform[4], ==, 6);

  /* An empty step leaves no trace. */
  puratan_document_begin_step (doc, "Nothing");
  puratan_document_end_step (doc);
  g_assert_cmpstr (puratan_document_get_undo_label (doc), ==, "Duplicate page");
}

static void
test_arrange (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;
  const PuratanDocPage *page;
  const char *pair[] = { "name", "band", NULL };
  const char *lonely[] = { "name", NULL };
  const char *group;
  g_autofree char *group_id = NULL;

  /* Stacking order: name, band, logo → band, logo, name. */
  g_assert_true (puratan_document_restack_item (doc, 0, "name", 99, &error));
  page = puratan_document_get_page (doc, 0);
  g_assert_cmpstr (((PuratanDocItem *) page->items->pdata[2])->id, ==, "name");
  g_assert_true (puratan_document_undo (doc));
  page = puratan_document_get_page (doc, 0);
  g_assert_cmpstr (((PuratanDocItem *) page->items->pdata[0])->id, ==, "name");

  g_assert_null (puratan_document_group_items (doc, 0, lonely, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  group = puratan_document_group_items (doc, 0, pair, &error);
  g_assert_no_error (error);
  group_id = g_strdup (group);
  page = puratan_document_get_page (doc, 0);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_cmpstr (((PuratanDocItem *) page->items->pdata[0])->id, ==, group_id);
  g_assert_nonnull (puratan_document_lookup_item (doc, 0, "band"));

  /* Moving the group and ungrouping keeps where the children are on the page. */
  g_assert_true (puratan_document_move_item (doc, 0, group_id, 10, 20, &error));
  g_assert_true (puratan_document_ungroup (doc, 0, group_id, &error));
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 22);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[5], ==, 40);
  g_assert_cmpuint (puratan_document_get_page (doc, 0)->items->len, ==, 3);
  g_assert_false (puratan_document_ungroup (doc, 0, "name", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (puratan_document_undo (doc));
  g_assert_true (puratan_document_undo (doc));
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpuint (puratan_document_get_page (doc, 0)->items->len, ==, 3);
  g_assert_cmpfloat (puratan_document_lookup_item (doc, 0, "name")->transform[4], ==, 12);

  g_assert_true (puratan_document_set_layer_flags (doc, "artwork", TRUE, TRUE, FALSE, &error));
  g_assert_false (puratan_document_lookup_layer (doc, "artwork")->printable);
  g_assert_false (puratan_document_move_item (doc, 0, "name", 1, 1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (puratan_document_undo (doc));
  g_assert_true (puratan_document_lookup_layer (doc, "artwork")->printable);
  g_assert_false (puratan_document_set_layer_flags (doc, "nope", TRUE, TRUE, TRUE, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_file_roundtrip (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (PuratanDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = temp_path ("roundtrip.puratan");
  g_autoptr (GBytes) thumb = make_png (16, 10);
  g_autoptr (GBytes) read_thumb = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr (GPtrArray) assets = NULL;

  g_assert_true (puratan_document_save (doc, path, thumb, &error));
  g_assert_no_error (error);
  back = puratan_document_open (path, &error);
  g_assert_no_error (error);
  a = puratan_document_to_json (doc);
  b = puratan_document_to_json (back);
  g_assert_cmpstr (a, ==, b);
  assets = puratan_document_get_assets (back);
  g_assert_cmpuint (assets->len, ==, 1);
  read_thumb = puratan_document_read_thumbnail (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (thumb, read_thumb));
  g_assert_false (puratan_document_can_undo (back));

  /* Saving again over the same path works and drops unused assets. */
  g_assert_true (puratan_document_remove_item (doc, 0, "logo", &error));
  g_assert_true (puratan_document_save (doc, path, NULL, &error));
  g_clear_object (&back);
  back = puratan_document_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&assets, g_ptr_array_unref);
  assets = puratan_document_get_assets (back);
  g_assert_cmpuint (assets->len, ==, 0);
  g_unlink (path);
}

static void
test_file_damaged (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = temp_path ("damaged.puratan");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (puratan_document_save (doc, path, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* Truncated at several points. */
  for (gsize cut = 0; cut < length; cut += length / 7 + 1)
    {
      g_autoptr (PuratanDocument) back = NULL;
      g_autoptr (GError) local = NULL;
      g_assert_true (g_file_set_contents (path, contents, cut, NULL));
      back = puratan_document_open (path, &local);
      g_test_message ("cut at %" G_GSIZE_FORMAT ": %s", cut,
                      local != NULL ? local->message : "(opened)");
      g_assert_null (back);
      g_assert_error (local, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
    }

  /* Bytes flipped inside every part of the file. */
  for (gsize at = 100; at < length; at += 997)
    {
      g_autofree char *damaged = g_memdup2 (contents, length);
      g_autoptr (PuratanDocument) back = NULL;
      g_autoptr (GError) local = NULL;
      damaged[at] ^= 0x5a;
      g_assert_true (g_file_set_contents (path, damaged, length, NULL));
      back = puratan_document_open (path, &local);
      if (back == NULL)
        {
          g_test_message ("flip at %" G_GSIZE_FORMAT ": %s", at, local->message);
          g_assert_true (local->domain == PURATAN_ERROR);
        }
    }

  /* Not a design at all. */
  g_assert_true (g_file_set_contents (path, "This is a shopping list\n", -1, NULL));
  g_assert_null (puratan_document_open (path, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
  g_clear_error (&error);
  g_unlink (path);
  g_assert_null (puratan_document_open (path, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static void
test_file_newer (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = temp_path ("newer.puratan");
  sqlite3 *db = NULL;

  g_assert_true (puratan_document_save (doc, path, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (puratan_document_open (path, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_unlink (path);
}

static void
test_file_kill_during_save (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = temp_path ("killed.puratan");
  const char *helper = SAVE_HELPER;
  const guint delays_ms[] = { 0, 15, 40, 90, 160 };

  puratan_document_set_title (doc, "original");
  g_assert_true (puratan_document_save (doc, path, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr (GSubprocess) child = NULL;
      g_autoptr (GDataInputStream) out = NULL;
      g_autofree char *line = NULL;
      g_autoptr (PuratanDocument) back = NULL;
      const char *title;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, path, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_cmpstr (line, ==, "saving");
      g_usleep (delays_ms[i] * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_false (g_subprocess_get_if_exited (child));

      back = puratan_document_open (path, &error);
      g_assert_no_error (error);
      title = puratan_document_get_title (back);
      g_test_message ("killed after %u ms: file holds “%s”", delays_ms[i], title);
      g_assert_true (g_str_equal (title, "original") || g_str_has_prefix (title, "version "));
    }
  g_unlink (path);
  /* Clean the temporary files the killed saves left. */
  {
    g_autoptr (GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "killed.puratan.saving-"))
        {
          g_autofree char *leftover = g_build_filename (g_get_tmp_dir (), name, NULL);
          g_unlink (leftover);
        }
  }
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_file_async (void)
{
  g_autoptr (PuratanDocument) doc = make_card ();
  g_autoptr (PuratanDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = temp_path ("async.puratan");
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  GAsyncResult *saved = NULL, *opened = NULL;

  expected = puratan_document_to_json (doc);
  puratan_document_save_async (doc, path, NULL, NULL, on_async_done, &saved);
  /* Editing while the save runs does not reach the file. */
  g_assert_true (puratan_document_move_item (doc, 0, "name", 50, 0, &error));
  g_assert_true (puratan_document_save_finish (doc, wait_for (&saved), &error));
  g_assert_no_error (error);
  g_object_unref (saved);

  puratan_document_open_async (path, NULL, on_async_done, &opened);
  back = puratan_document_open_finish (wait_for (&opened), &error);
  g_assert_no_error (error);
  g_object_unref (opened);
  actual = puratan_document_to_json (back);
  g_assert_cmpstr (actual, ==, expected);
  {
    g_autoptr (GPtrArray) assets = puratan_document_get_assets (back);
    g_assert_cmpuint (assets->len, ==, 1);
  }
  g_unlink (path);

  opened = NULL;
  puratan_document_open_async (path, NULL, on_async_done, &opened);
  g_assert_null (puratan_document_open_finish (wait_for (&opened), &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_object_unref (opened);
}

static void
test_templates (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = puratan_template_list (TEMPLATE_DIR, &error);
  const char *expected[] = { "a3-poster",  "a4-letterhead", "a5-flyer",     "business-card",
                             "dl-trifold", "rollup-banner", "sticker-sheet" };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      PuratanTemplateInfo *info = list->pdata[i];
      g_autoptr (PuratanDocument) doc =
          puratan_template_instantiate (TEMPLATE_DIR, info->name, &error);
      const PuratanDocPage *page;

      g_assert_no_error (error);
      g_assert_cmpstr (info->name, ==, expected[i]);
      page = puratan_document_get_page (doc, 0);
      g_assert_cmpfloat (page->bleed, >, 0);
      g_assert_cmpfloat (page->safe, >, 0);
      g_assert_cmpuint (page->items->len, >, 0);
    }
  {
    g_autoptr (PuratanDocument) card =
        puratan_template_instantiate (TEMPLATE_DIR, "business-card", &error);
    const PuratanDocPage *page = puratan_document_get_page (card, 0);
    g_assert_cmpfloat (fabs (page->width - MM (85)), <, 0.01);
    g_assert_cmpfloat (fabs (page->height - MM (55)), <, 0.01);
  }
  {
    g_autoptr (PuratanDocument) banner =
        puratan_template_instantiate (TEMPLATE_DIR, "rollup-banner", &error);
    const PuratanDocPage *page = puratan_document_get_page (banner, 0);
    g_assert_cmpfloat (fabs (page->width - MM (850)), <, 0.01);
    g_assert_cmpfloat (fabs (page->height - MM (2000)), <, 0.01);
  }
  g_assert_null (puratan_template_instantiate (TEMPLATE_DIR, "../etc/passwd", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_template_instantiate (TEMPLATE_DIR, "wedding-cake", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/model/defaults", test_model_defaults);
  g_test_add_func ("/document/model/items", test_model_items);
  g_test_add_func ("/document/json/roundtrip", test_json_roundtrip);
  g_test_add_func ("/document/json/bad-input", test_json_bad_input);
  g_test_add_func ("/document/undo/basic", test_undo_basic);
  g_test_add_func ("/document/undo/drag", test_undo_drag);
  g_test_add_func ("/document/arrange", test_arrange);
  g_test_add_func ("/document/file/roundtrip", test_file_roundtrip);
  g_test_add_func ("/document/file/damaged", test_file_damaged);
  g_test_add_func ("/document/file/newer-version", test_file_newer);
  g_test_add_func ("/document/file/kill-during-save", test_file_kill_during_save);
  g_test_add_func ("/document/file/async", test_file_async);
  g_test_add_func ("/document/templates/all", test_templates);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
