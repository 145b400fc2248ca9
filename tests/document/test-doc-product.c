/* test-doc-product.c: the design's catalog product and print settings
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-test-tmpdir.h"
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-doc.h"

#define MM(x) ((x) / 25.4 * 72.0)

static PuratanDocument *
make_page (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (puratan_document_add_page (doc, MM (85), MM (55), MM (3), MM (4), &error), ==,
                    0);
  g_assert_no_error (error);
  return doc;
}

static void
count_changes (PuratanDocument *doc, guint *count)
{
  (*count)++;
}

static void
test_defaults (void)
{
  g_autoptr (PuratanDocument) doc = puratan_document_new ();

  g_assert_null (puratan_document_get_product (doc));
  g_assert_cmpuint (g_hash_table_size (puratan_document_get_product_options (doc)), ==, 0);
  g_assert_null (puratan_document_get_product_option (doc, "size"));
  g_assert_true (puratan_document_get_overprint_black (doc));
}

/* Setting each member is one undo step, notifies once, and survives JSON and the file. */
static void
test_set_undo_and_save (void)
{
  g_autoptr (PuratanDocument) doc = make_page ();
  g_autoptr (PuratanDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "product.puratan", NULL);
  g_autofree char *json = NULL;
  g_autofree char *reopened = NULL;
  guint changes = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (count_changes), &changes);
  puratan_document_set_product (doc, "business-cards");
  puratan_document_set_product_option (doc, "size", "eu");
  puratan_document_set_product_option (doc, "sides", "4/0");
  puratan_document_set_overprint_black (doc, FALSE);
  g_assert_cmpuint (changes, ==, 4);
  /* Setting what is already set is no change and no step. */
  puratan_document_set_product (doc, "business-cards");
  puratan_document_set_product_option (doc, "size", "eu");
  puratan_document_set_overprint_black (doc, FALSE);
  g_assert_cmpuint (changes, ==, 4);

  g_assert_cmpstr (puratan_document_get_product (doc), ==, "business-cards");
  g_assert_cmpstr (puratan_document_get_product_option (doc, "size"), ==, "eu");
  g_assert_cmpuint (g_hash_table_size (puratan_document_get_product_options (doc)), ==, 2);
  g_assert_false (puratan_document_get_overprint_black (doc));

  /* A copy (what export and save on a worker take) carries them too. */
  {
    g_autoptr (PuratanDocument) copy = puratan_document_dup (doc);
    g_assert_cmpstr (puratan_document_get_product (copy), ==, "business-cards");
    g_assert_cmpstr (puratan_document_get_product_option (copy, "sides"), ==, "4/0");
    g_assert_false (puratan_document_get_overprint_black (copy));
  }

  json = puratan_document_to_json (doc);
  g_assert_nonnull (strstr (json, "\"product\" : \"business-cards\""));
  g_assert_nonnull (strstr (json, "\"overprint_black\" : false"));
  g_assert_true (puratan_document_save (doc, path, NULL, &error));
  g_assert_no_error (error);
  back = puratan_document_open (path, &error);
  g_assert_no_error (error);
  reopened = puratan_document_to_json (back);
  g_assert_cmpstr (json, ==, reopened);
  g_assert_cmpstr (puratan_document_get_product_option (back, "sides"), ==, "4/0");
  g_assert_false (puratan_document_get_overprint_black (back));
  g_unlink (path);

  /* Undo walks back one member at a time; redo brings them again. */
  g_assert_true (puratan_document_undo (doc));
  g_assert_true (puratan_document_get_overprint_black (doc));
  g_assert_true (puratan_document_undo (doc));
  g_assert_null (puratan_document_get_product_option (doc, "sides"));
  g_assert_cmpstr (puratan_document_get_product_option (doc, "size"), ==, "eu");
  g_assert_true (puratan_document_undo (doc));
  g_assert_true (puratan_document_undo (doc));
  g_assert_null (puratan_document_get_product (doc));
  g_assert_cmpuint (g_hash_table_size (puratan_document_get_product_options (doc)), ==, 0);
  g_assert_true (puratan_document_redo (doc));
  g_assert_true (puratan_document_redo (doc));
  g_assert_cmpstr (puratan_document_get_product (doc), ==, "business-cards");
  g_assert_cmpstr (puratan_document_get_product_option (doc, "size"), ==, "eu");

  /* Another product drops the old product's choices; forgetting a choice removes it. */
  puratan_document_set_product (doc, "flyers");
  g_assert_cmpuint (g_hash_table_size (puratan_document_get_product_options (doc)), ==, 0);
  puratan_document_set_product_option (doc, "size", "a5");
  puratan_document_set_product_option (doc, "size", NULL);
  g_assert_null (puratan_document_get_product_option (doc, "size"));
  puratan_document_set_product (doc, NULL);
  g_assert_null (puratan_document_get_product (doc));
  g_assert_true (puratan_document_undo (doc));
  g_assert_cmpstr (puratan_document_get_product (doc), ==, "flyers");
}

/* A file from before the product existed opens with no product and overprint on. */
static void
test_old_file (void)
{
  const char *json = "{\"format\": 1, \"title\": \"Old\", \"units\": \"pt\", \"pages\": "
                     "[{\"width\": 100, \"height\": 100}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDocument) doc = puratan_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_null (puratan_document_get_product (doc));
  g_assert_cmpuint (g_hash_table_size (puratan_document_get_product_options (doc)), ==, 0);
  g_assert_true (puratan_document_get_overprint_black (doc));
}

static void
test_bad_values (void)
{
  const struct
  {
    const char *members;
    const char *says;
  } cases[] = {
    { "\"product\": 12", "“product” must be" },
    { "\"product\": \"Business Cards\"", "lower-case letters" },
    { "\"product\": \"\"", "lower-case letters" },
    { "\"product\": \"business-cards\", \"product_options\": [\"eu\"]", "must be an object" },
    { "\"product\": \"business-cards\", \"product_options\": {\"size\": 85}", "“size” must be" },
    { "\"product\": \"business-cards\", \"product_options\": {\"size\": \"85 mm\"}",
      "“size” must be" },
    { "\"product\": \"business-cards\", \"product_options\": {\"Size!\": \"eu\"}", "“Size!”" },
    { "\"product_options\": {\"size\": \"eu\"}", "no “product”" },
    { "\"overprint_black\": \"yes\"", "“overprint_black” must be true or false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
          "{\"format\": 1, %s, \"pages\": [{\"width\": 100, \"height\": 100}]}", cases[i].members);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanDocument) doc = puratan_document_new_from_json (json, -1, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (doc);
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

/* Programming errors are refused by the setters' guards, without changing the design. */
static void
test_setter_guards (void)
{
  g_autoptr (PuratanDocument) doc = make_page ();

  if (g_test_subprocess ())
    {
      puratan_document_set_product (doc, "Not An Id");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*is_product_id*");
}

/* Every template names its catalog product and the size it is made for. */
static void
test_templates_name_products (void)
{
  static const struct
  {
    const char *name, *product, *size;
  } expected[] = {
    { "a3-poster", "posters", "a3" },
    { "a4-letterhead", "letterheads", "a4" },
    { "a5-flyer", "flyers", "a5" },
    { "business-card", "business-cards", "eu" },
    { "dl-trifold", "brochures", "a4" },
    { "rollup-banner", "banners", "rollup" },
    { "sticker-sheet", "stickers", "a4-sheet" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = puratan_template_list (TEMPLATE_DIR, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      PuratanTemplateInfo *info = list->pdata[i];
      g_autoptr (PuratanDocument) doc =
          puratan_template_instantiate (TEMPLATE_DIR, info->name, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (info->name, ==, expected[i].name);
      g_assert_cmpstr (info->product, ==, expected[i].product);
      g_assert_cmpstr (puratan_document_get_product (doc), ==, expected[i].product);
      g_assert_cmpstr (puratan_document_get_product_option (doc, "size"), ==, expected[i].size);
      g_assert_true (puratan_document_get_overprint_black (doc));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/product/defaults", test_defaults);
  g_test_add_func ("/document/product/set-undo-save", test_set_undo_and_save);
  g_test_add_func ("/document/product/old-file", test_old_file);
  g_test_add_func ("/document/product/bad-values", test_bad_values);
  g_test_add_func ("/document/product/setter-guards", test_setter_guards);
  g_test_add_func ("/document/product/templates", test_templates_name_products);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
