/* test-design-model.c: the Design view's shared selection and its length units
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-selection.h"
#include "puratan-units.h"

static void
count_changes (guint *count)
{
  (*count)++;
}

static PuratanDocument *
two_item_document (char **first, char **second)
{
  PuratanDocument *document = puratan_document_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (puratan_document_add_page (document, 240, 155, 8.5, 11.3, &error), ==, 0);
  g_assert_no_error (error);
  *first = g_strdup (puratan_document_add_item (
      document, 0, puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE), &error));
  g_assert_no_error (error);
  *second = g_strdup (puratan_document_add_item (
      document, 0, puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE), &error));
  g_assert_no_error (error);
  return document;
}

static void
test_selection_edits (void)
{
  g_autoptr (PuratanSelection) selection = puratan_selection_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr (PuratanDocument) document = two_item_document (&a, &b);
  const char *both[] = { b, a, b, NULL };
  guint changes = 0;

  g_signal_connect_swapped (selection, "changed", G_CALLBACK (count_changes), &changes);
  puratan_selection_set_document (selection, document);
  g_assert_cmpuint (changes, ==, 1);

  puratan_selection_set_ids (selection, both);
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 2);
  g_assert_cmpstr (puratan_selection_get_item (selection, 0), ==, b);
  g_assert_cmpstr (puratan_selection_get_ids (selection)[1], ==, a);
  g_assert_null (puratan_selection_get_ids (selection)[2]);
  g_assert_cmpuint (changes, ==, 2);

  /* The same ids again are no change. */
  puratan_selection_set_ids (selection, both);
  g_assert_cmpuint (changes, ==, 2);

  puratan_selection_toggle (selection, b);
  g_assert_false (puratan_selection_contains (selection, b));
  g_assert_true (puratan_selection_contains (selection, a));
  puratan_selection_add (selection, a);
  g_assert_cmpuint (changes, ==, 3);
  puratan_selection_toggle (selection, b);
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 2);

  /* Another page empties the selection. */
  puratan_selection_set_page (selection, 1);
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 0);
  g_assert_cmpuint (changes, ==, 5);
}

static void
test_selection_drops_deleted (void)
{
  g_autoptr (PuratanSelection) selection = puratan_selection_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr (PuratanDocument) document = two_item_document (&a, &b);
  const char *both[] = { a, b, NULL };
  g_autoptr (GError) error = NULL;

  puratan_selection_set_document (selection, document);
  puratan_selection_set_ids (selection, both);
  g_assert_true (puratan_document_remove_item (document, 0, a, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 1);
  g_assert_cmpstr (puratan_selection_get_item (selection, 0), ==, b);

  /* Undo brings the item back, but not into the selection. */
  g_assert_true (puratan_document_undo (document));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 1);
}

static void
test_units (void)
{
  PuratanUnit unit = PURATAN_UNIT_POINT;
  g_autofree char *card = NULL;

  g_assert_cmpfloat_with_epsilon (puratan_unit_to_points (PURATAN_UNIT_MM, 25.4), 72.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (puratan_unit_from_points (PURATAN_UNIT_INCH, 36), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (puratan_unit_from_points (PURATAN_UNIT_POINT, 12), 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (
      puratan_unit_from_points (PURATAN_UNIT_MM, puratan_unit_to_points (PURATAN_UNIT_MM, 90)), 90,
      1e-9);

  g_assert_true (puratan_unit_from_string ("in", &unit));
  g_assert_cmpint (unit, ==, PURATAN_UNIT_INCH);
  g_assert_false (puratan_unit_from_string ("furlong", &unit));
  g_assert_cmpint (unit, ==, PURATAN_UNIT_INCH);

  card = puratan_unit_format (PURATAN_UNIT_MM, 240.945);
  g_assert_cmpstr (card, ==, "85.0 mm");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/design-model/selection-edits", test_selection_edits);
  g_test_add_func ("/studio/design-model/selection-drops-deleted", test_selection_drops_deleted);
  g_test_add_func ("/studio/design-model/units", test_units);

  return g_test_run ();
}
