/* test-doc-reorder.c: page and layer order, layer names and removal, swatch changes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-doc.h"

/* Three pages of different widths (100, 200, 300 pt), each with one item on "artwork", and
 * a second layer "text" holding one item on page 1. */
static PuratanDocument *
make_design (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (PuratanDocLayer) text_layer = puratan_doc_layer_new ("text", "Text");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);

      g_assert_cmpuint (puratan_document_add_page (doc, 100 * (i + 1), 100, 0, 0, &error), ==, i);
      item->id = g_strdup_printf ("box-%u", i + 1);
      puratan_doc_item_set_fill (item, "Black", 1);
      g_assert_nonnull (puratan_document_add_item (doc, i, item, &error));
    }
  g_assert_true (puratan_document_add_layer (doc, text_layer, &error));
  {
    PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);

    item->id = g_strdup ("title");
    item->layer = g_strdup ("text");
    item->text = g_strdup ("Sale");
    puratan_doc_item_set_fill (item, "Black", 1);
    g_assert_nonnull (puratan_document_add_item (doc, 0, item, &error));
  }
  g_assert_no_error (error);
  return doc;
}

static double
page_width (PuratanDocument *doc, guint index)
{
  return puratan_document_get_page (doc, index)->width;
}

static const char *
layer_id (PuratanDocument *doc, guint index)
{
  return ((PuratanDocLayer *) puratan_document_get_layers (doc)->pdata[index])->id;
}

static void
test_move_page (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_move_page (doc, 0, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (page_width (doc, 0), ==, 200);
  g_assert_cmpfloat (page_width (doc, 1), ==, 300);
  g_assert_cmpfloat (page_width (doc, 2), ==, 100);
  g_assert_nonnull (puratan_document_lookup_item (doc, 2, "box-1"));

  g_assert_true (puratan_document_move_page (doc, 2, 1, &error));
  g_assert_cmpfloat (page_width (doc, 1), ==, 100);
  g_assert_cmpfloat (page_width (doc, 2), ==, 300);

  /* Each move is one step. */
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (page_width (doc, 2), ==, 100);
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpfloat (page_width (doc, 0), ==, 100);
  g_assert_cmpfloat (page_width (doc, 2), ==, 300);
  g_assert_true (puratan_document_redo (doc));
  g_assert_cmpfloat (page_width (doc, 0), ==, 200);

  g_assert_false (puratan_document_move_page (doc, 3, 0, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "3 pages"));
  g_clear_error (&error);
  g_assert_false (puratan_document_move_page (doc, 0, 7, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static void
test_move_and_rename_layer (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (layer_id (doc, 0), ==, "artwork");
  g_assert_true (puratan_document_move_layer (doc, "artwork", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (layer_id (doc, 0), ==, "text");
  g_assert_cmpstr (layer_id (doc, 1), ==, "artwork");
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpstr (layer_id (doc, 0), ==, "artwork");

  g_assert_false (puratan_document_move_layer (doc, "artwork", 2, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (puratan_document_move_layer (doc, "nope", 0, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (puratan_document_rename_layer (doc, "text", "  Words  ", &error));
  g_assert_cmpstr (puratan_document_lookup_layer (doc, "text")->name, ==, "Words");
  g_assert_false (puratan_document_rename_layer (doc, "text", "   ", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (puratan_document_lookup_layer (doc, "text")->name, ==, "Words");
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpstr (puratan_document_lookup_layer (doc, "text")->name, ==, "Text");
}

static void
test_remove_layer (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  g_autoptr (PuratanDocLayer) empty = puratan_doc_layer_new ("empty", "Empty");
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (puratan_document_count_layer_items (doc, "artwork"), ==, 3);
  g_assert_cmpuint (puratan_document_count_layer_items (doc, "text"), ==, 1);

  /* An empty layer goes without a destination. */
  g_assert_true (puratan_document_add_layer (doc, empty, &error));
  g_assert_true (puratan_document_remove_layer (doc, "empty", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (puratan_document_lookup_layer (doc, "empty"));

  /* A layer with items needs one, and the items move there. */
  g_assert_false (puratan_document_remove_layer (doc, "text", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "1 items"));
  g_clear_error (&error);
  g_assert_false (puratan_document_remove_layer (doc, "text", "text", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_document_remove_layer (doc, "text", "missing", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (puratan_document_remove_layer (doc, "text", "artwork", &error));
  g_assert_cmpstr (puratan_document_lookup_item (doc, 0, "title")->layer, ==, "artwork");
  g_assert_cmpuint (puratan_document_get_layers (doc)->len, ==, 1);

  /* The last layer stays. */
  g_assert_false (puratan_document_remove_layer (doc, "artwork", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Undo brings the layer and its item back together. */
  g_assert_true (puratan_document_undo (doc));
  g_assert_nonnull (puratan_document_lookup_layer (doc, "text"));
  g_assert_cmpstr (puratan_document_lookup_item (doc, 0, "title")->layer, ==, "text");
}

static void
test_set_item_layer (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_set_item_layer (doc, 1, "box-2", "text", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (puratan_document_lookup_item (doc, 1, "box-2")->layer, ==, "text");
  g_assert_false (puratan_document_set_item_layer (doc, 1, "box-2", "gone", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (puratan_document_set_item_layer (doc, 1, "box-1", "text", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpstr (puratan_document_lookup_item (doc, 1, "box-2")->layer, ==, "artwork");
}

static void
test_set_swatch (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  const double rich[4] = { 0.6, 0.4, 0.4, 1 };
  const double bad[4] = { 0, 0, 1.5, 0 };
  g_autoptr (PuratanDocSwatch) rich_black =
      puratan_doc_swatch_new ("Rich black", PURATAN_DOC_COLOR_CMYK, rich);
  g_autoptr (PuratanDocSwatch) invalid =
      puratan_doc_swatch_new ("Black", PURATAN_DOC_COLOR_CMYK, bad);
  g_autoptr (PuratanDocSwatch) taken =
      puratan_doc_swatch_new ("Paper", PURATAN_DOC_COLOR_CMYK, rich);
  g_autoptr (GError) error = NULL;

  /* Renaming carries the new name to every item painted with the swatch. */
  g_assert_true (puratan_document_set_swatch (doc, "Black", rich_black, &error));
  g_assert_no_error (error);
  g_assert_null (puratan_document_lookup_swatch (doc, "Black"));
  g_assert_cmpfloat (puratan_document_lookup_swatch (doc, "Rich black")->values[0], ==, 0.6);
  g_assert_cmpstr (puratan_document_lookup_item (doc, 2, "box-3")->fill.swatch, ==, "Rich black");
  g_assert_cmpstr (puratan_document_lookup_item (doc, 0, "title")->fill.swatch, ==, "Rich black");

  g_assert_true (puratan_document_undo (doc));
  g_assert_nonnull (puratan_document_lookup_swatch (doc, "Black"));
  g_assert_cmpstr (puratan_document_lookup_item (doc, 2, "box-3")->fill.swatch, ==, "Black");

  g_assert_false (puratan_document_set_swatch (doc, "Black", invalid, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "0–100"));
  g_clear_error (&error);
  g_assert_false (puratan_document_set_swatch (doc, "Black", taken, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_document_set_swatch (doc, "Cyan", rich_black, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_cmpfloat (puratan_document_lookup_swatch (doc, "Black")->values[3], ==, 1);
}

/* Several changes between begin and end undo together. */
static void
test_one_step (void)
{
  g_autoptr (PuratanDocument) doc = make_design ();
  g_autoptr (GError) error = NULL;
  guint added;

  puratan_document_begin_step (doc, "Add page");
  added = puratan_document_add_page (doc, 50, 50, 0, 0, &error);
  g_assert_true (puratan_document_move_page (doc, added, 1, &error));
  puratan_document_end_step (doc);
  g_assert_no_error (error);
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 4);
  g_assert_cmpfloat (page_width (doc, 1), ==, 50);
  g_assert_cmpstr (puratan_document_get_undo_label (doc), ==, "Add page");
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpuint (puratan_document_get_n_pages (doc), ==, 3);
  g_assert_cmpfloat (page_width (doc, 1), ==, 200);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/reorder/move-page", test_move_page);
  g_test_add_func ("/document/reorder/move-and-rename-layer", test_move_and_rename_layer);
  g_test_add_func ("/document/reorder/remove-layer", test_remove_layer);
  g_test_add_func ("/document/reorder/set-item-layer", test_set_item_layer);
  g_test_add_func ("/document/reorder/set-swatch", test_set_swatch);
  g_test_add_func ("/document/reorder/one-step", test_one_step);

  return g_test_run ();
}
