/* test-print-ready.c: every shop template, exported as it comes, passes its product's preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A design made from any template and exported as PDF/X-4 for its product's press
 * condition has no preflight error and no warning against that product's specification,
 * passes `qpdf --check`, and embeds every font as a subset (pdffonts). The template, the
 * catalog and the preflight specification name the product by the same id and agree on its
 * sizes. Everything runs for real: the PDF writer, the preflight layer, qpdf and Poppler's
 * pdffonts.
 */
#include "puratan-test-tmpdir.h"
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "puratan-core.h"
#include "puratan-preflight.h"
#include "puratan-pricing.h"
#include "puratan-render.h"

#define MM_PER_PT (25.4 / 72.0)

static gboolean
run_tool (char **output, const char *const *argv)
{
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, output, &err,
                     &status, &error))
    {
      g_test_message ("cannot run %s: %s", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s failed (%d): %s", argv[0], status, err);
  return g_spawn_check_wait_status (status, NULL);
}

/* Every finding of warning or error severity, one per line. */
static char *
describe_problems (PuratanPreflightReport *report)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (report);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *finding = g_ptr_array_index (findings, i);
      if (finding->severity >= PURATAN_PREFLIGHT_SEVERITY_WARNING)
        g_string_append_printf (text, "%s %s: %s\n",
                                puratan_preflight_severity_to_string (finding->severity),
                                finding->check_id, finding->message);
    }
  return g_string_free (text, FALSE);
}

/* pdffonts lists name, type, encoding, emb, sub, uni, object, generation: every font must
 * be embedded, subset (its name starts with a six-letter tag and "+") and mapped to Unicode. */
static void
assert_fonts_embedded_and_subset (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  guint fonts = 0;

  g_assert_true (run_tool (&out, argv));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = NULL;
      guint n;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_test_message ("pdffonts: %s", lines[i]);
      words = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      n = g_strv_length (words);
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (words[n - 5], ==, "yes");
      g_assert_cmpstr (words[n - 4], ==, "yes");
      g_assert_cmpstr (words[n - 3], ==, "yes");
      g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+", words[0], 0, 0));
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

static void
test_template (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = puratan_template_default_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDocument) doc = puratan_template_instantiate (dir, name, &error);
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), file, NULL);
  g_autofree char *problems = NULL;
  g_autofree char *check = NULL;
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  const char *product, *size;
  PuratanPdfOptions options;

  g_assert_no_error (error);
  product = puratan_document_get_product (doc);
  size = puratan_document_get_product_option (doc, "size");
  g_assert_nonnull (product);
  g_assert_nonnull (size);
  profile = puratan_preflight_profile_for_product_size (product, size, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (puratan_preflight_profile_get_press (profile));

  /* As it comes: PDF/X-4 for the product's press condition, nothing changed. */
  puratan_pdf_options_init (&options);
  options.press = puratan_preflight_profile_get_press (profile);
  options.date = date;
  g_assert_true (puratan_pdf_export_to_file (doc, &options, path, &error));
  g_assert_no_error (error);

  report = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_preflight_report_is_complete (report));
  problems = describe_problems (report);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR), ==,
                    0);
  g_assert_cmpuint (puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_WARNING), ==,
                    0);
  g_assert_cmpuint (puratan_preflight_report_get_n_pages (report), ==,
                    puratan_document_get_n_pages (doc));

  g_assert_true (run_tool (&check, qpdf));
  g_assert_nonnull (strstr (check, "No syntax or stream encoding errors"));
  assert_fonts_embedded_and_subset (path);
  g_unlink (path);
}

/* A catalog length such as "85mm", "3.5in" or "0" in millimetres. */
static double
catalog_mm (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (g_str_equal (end, "mm"))
    return value;
  if (g_str_equal (end, "in"))
    return value * 25.4;
  g_assert_cmpstr (end, ==, "");
  return value;
}

static JsonObject *
catalog_product (JsonNode *catalog, const char *id)
{
  JsonArray *products = json_object_get_array_member (json_node_get_object (catalog), "products");

  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);
      if (g_str_equal (json_object_get_string_member (product, "id"), id))
        return product;
    }
  return NULL;
}

/* One product model: the template's product and options price in the catalog, the
 * preflight specification has exactly the catalog's sizes, and the template's page is the
 * size it claims, with at least the bleed the specification asks for. */
static void
test_catalog_agrees (void)
{
  g_autofree char *catalog_dir = puratan_data_dir_get_path ("catalog");
  g_autofree char *templates_dir = puratan_template_default_dir ();
  g_autofree char *catalog_path = g_build_filename (catalog_dir, "catalog.json", NULL);
  g_autofree char *catalog_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (catalog_dir, &error);
  g_autoptr (JsonNode) catalog_json = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  g_auto (GStrv) specs = puratan_preflight_product_list ();

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (catalog_path, &catalog_text, NULL, &error));
  catalog_json = puratan_json_parse (catalog_text, -1, &error);
  g_assert_no_error (error);

  /* Every specification is keyed by a catalog product, with the catalog's sizes. */
  for (guint i = 0; specs[i] != NULL; i++)
    {
      JsonObject *product = catalog_product (catalog_json, specs[i]);
      g_autoptr (PuratanPreflightProfile) spec =
          puratan_preflight_profile_for_product (specs[i], NULL, &error);
      JsonArray *sizes;

      g_test_message ("specification %s", specs[i]);
      g_assert_no_error (error);
      g_assert_nonnull (product);
      sizes = json_object_get_array_member (product, "sizes");
      g_assert_cmpuint (puratan_preflight_profile_get_n_sizes (spec), ==,
                        json_array_get_length (sizes));
      for (guint s = 0; s < json_array_get_length (sizes); s++)
        {
          JsonObject *size = json_array_get_object_element (sizes, s);
          const char *id = NULL;
          double w, h;

          g_assert_true (puratan_preflight_profile_get_size (spec, s, &id, &w, &h));
          g_assert_cmpstr (id, ==, json_object_get_string_member (size, "id"));
          g_assert_cmpfloat_with_epsilon (
              w, catalog_mm (json_object_get_string_member (size, "width")), 0.05);
          g_assert_cmpfloat_with_epsilon (
              h, catalog_mm (json_object_get_string_member (size, "height")), 0.05);
        }
    }

  templates = puratan_template_list (templates_dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < templates->len; i++)
    {
      PuratanTemplateInfo *info = templates->pdata[i];
      g_autoptr (PuratanDocument) doc =
          puratan_template_instantiate (templates_dir, info->name, &error);
      g_autoptr (PuratanPreflightProfile) spec = NULL;
      g_autoptr (PuratanJob) job = NULL;
      const char *product;
      double tw, th;

      g_test_message ("template %s", info->name);
      g_assert_no_error (error);
      product = puratan_document_get_product (doc);
      g_assert_true (g_strv_contains ((const char *const *) specs, product));
      job = puratan_job_new (catalog, product, puratan_document_get_product_options (doc), &error);
      g_assert_no_error (error);
      g_assert_nonnull (job);
      spec = puratan_preflight_profile_for_product_size (
          product, puratan_document_get_product_option (doc, "size"), NULL, &error);
      g_assert_no_error (error);
      g_assert_true (puratan_preflight_profile_get_trim (spec, &tw, &th));
      for (guint p = 0; p < puratan_document_get_n_pages (doc); p++)
        {
          const PuratanDocPage *page = puratan_document_get_page (doc, p);
          double w = page->width * MM_PER_PT, h = page->height * MM_PER_PT;

          /* The preflight accepts either orientation (a DL leaflet is A4 landscape). */
          g_assert_true ((fabs (w - tw) < 0.1 && fabs (h - th) < 0.1) ||
                         (fabs (w - th) < 0.1 && fabs (h - tw) < 0.1));
          g_assert_cmpfloat (page->bleed * MM_PER_PT + 0.01, >=,
                             puratan_preflight_profile_get_bleed (spec));
        }
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  g_autofree char *dir = puratan_template_default_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  templates = puratan_template_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, >, 0);
  for (guint i = 0; i < templates->len; i++)
    {
      PuratanTemplateInfo *info = templates->pdata[i];
      g_autofree char *path = g_strconcat ("/render/print-ready/template/", info->name, NULL);
      g_test_add_data_func (path, info->name, test_template);
    }
  g_test_add_func ("/render/print-ready/catalog-agrees", test_catalog_agrees);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
