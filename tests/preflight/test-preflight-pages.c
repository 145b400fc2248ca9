/* test-preflight-pages.c: tests of reading reports back and drawing one page
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stored report is read back with puratan_preflight_report_new_from_json() and one
 * page of its file drawn with puratan_preflight_annotate_page(), as the server does for
 * GET /api/v1/preflight/ID/pages/N.png.
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "puratan-error.h"
#include "puratan-preflight.h"

#define PPI 100.0

static char *corpus_dir;
static char *tmp_dir;

static char *
corpus (const char *name)
{
  return g_build_filename (corpus_dir, name, NULL);
}

static PuratanPreflightReport *
run_corpus (const char *name)
{
  g_autofree char *path = corpus (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) profile =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", &error);
  PuratanPreflightReport *report;

  g_assert_no_error (error);
  report = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* A report written and read back is written the same again. */
static void
test_round_trip (void)
{
  const char *files[] = { "pdfjs/issue6127.pdf", "pdfjs/issue21570.pdf" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (PuratanPreflightReport) report = run_corpus (files[i]);
      g_autoptr (PuratanPreflightReport) back = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *json = puratan_preflight_report_to_json (report);
      g_autofree char *again = NULL;
      g_autofree char *text = puratan_preflight_report_to_text (report);
      g_autofree char *text_again = NULL;

      back = puratan_preflight_report_new_from_json (json, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      again = puratan_preflight_report_to_json (back);
      g_assert_cmpstr (again, ==, json);
      text_again = puratan_preflight_report_to_text (back);
      g_assert_cmpstr (text_again, ==, text);
      g_assert_cmpuint (puratan_preflight_report_get_n_pages (back), ==,
                        puratan_preflight_report_get_n_pages (report));
      g_assert_cmpuint (puratan_preflight_report_get_findings (back)->len, ==,
                        puratan_preflight_report_get_findings (report)->len);
      g_assert_cmpuint (puratan_preflight_report_get_ink (back)->len, ==,
                        puratan_preflight_report_get_ink (report)->len);
    }
}

/* A report of one page with one error outlined at @bbox, as JSON. */
static char *
report_json (const char *findings)
{
  return g_strdup_printf ("{\"schema\": \"puratan-preflight-report/1\", \"file\": \"a.pdf\", "
                          "\"profile\": {\"id\": \"gwg-sheetcmyk\", \"name\": \"Sheet\", "
                          "\"product\": null}, \"pages\": 1, \"complete\": true, "
                          "\"elapsed_seconds\": 0.5, \"findings\": [%s], \"ink\": []}",
                          findings);
}

static void
test_bad_json (void)
{
  const struct
  {
    const char *findings;
    const char *json;
    int code;
  } cases[] = {
    { NULL, "", PURATAN_ERROR_PARSE },
    { NULL, "[1, 2]", PURATAN_ERROR_INVALID_INPUT },
    { NULL, "{\"schema\": \"puratan-preflight-report/9\"}", PURATAN_ERROR_UNSUPPORTED_VERSION },
    { NULL, "{\"schema\": \"puratan-preflight-report/1\"}", PURATAN_ERROR_INVALID_INPUT },
    { "{\"check\": \"x\", \"severity\": \"fatal\", \"page\": 1, \"message\": \"m\"}", NULL,
      PURATAN_ERROR_CORRUPT },
    { "{\"check\": \"x\", \"severity\": \"error\", \"page\": 2, \"message\": \"m\"}", NULL,
      PURATAN_ERROR_CORRUPT },
    { "{\"check\": \"x\", \"severity\": \"error\", \"page\": -1, \"message\": \"m\"}", NULL,
      PURATAN_ERROR_CORRUPT },
    { "{\"check\": \"x\", \"severity\": \"error\", \"page\": 1, \"message\": \"m\", "
      "\"bbox\": [1, 2, 3]}",
      NULL, PURATAN_ERROR_CORRUPT },
    { "{\"check\": \"x\", \"severity\": \"error\", \"page\": 1, \"message\": \"m\", "
      "\"bbox\": [1, 2, 3, \"4\"]}",
      NULL, PURATAN_ERROR_CORRUPT },
    { "{\"check\": \"x\", \"severity\": \"error\", \"page\": 1}", NULL,
      PURATAN_ERROR_INVALID_INPUT },
    { "7", NULL, PURATAN_ERROR_CORRUPT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json =
          cases[i].json != NULL ? g_strdup (cases[i].json) : report_json (cases[i].findings);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanPreflightReport) report =
          puratan_preflight_report_new_from_json (json, -1, &error);

      g_test_message ("%s: %s", json, error != NULL ? error->message : "read");
      g_assert_null (report);
      g_assert_error (error, PURATAN_ERROR, cases[i].code);
    }
}

static gboolean
is_mark_red (cairo_surface_t *image, int x, int y)
{
  const guint8 *row =
      cairo_image_surface_get_data (image) + (gsize) y * cairo_image_surface_get_stride (image);
  guint32 pixel = ((const guint32 *) row)[x];
  guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return r > 180 && g < 90 && b < 90;
}

/* Draws page 1 of @path for @report into a PNG and loads it back. */
static cairo_surface_t *
draw (PuratanPreflightReport *report, const char *path, const char *name)
{
  g_autofree char *png = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *image;

  g_assert_true (puratan_preflight_annotate_page (report, path, 1, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);
  return image;
}

/* Reads the size and the crop box of page 1 of @path with Poppler itself. */
static void
page_geometry (const char *path, double *width, double *height, PopplerRectangle *crop)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page;

  g_assert_nonnull (doc);
  page = poppler_document_get_page (doc, 0);
  g_assert_nonnull (page);
  poppler_page_get_size (page, width, height);
  poppler_page_get_crop_box (page, crop);
  g_object_unref (page);
  g_object_unref (doc);
}

static void
test_annotate_page (void)
{
  g_autofree char *path = corpus ("pdfjs/issue21570.pdf");
  g_autofree char *marked_json = report_json (
      "{\"check\": \"line-width\", \"severity\": \"error\", \"page\": 1, \"message\": \"thin\", "
      "\"bbox\": [100, 100, 300, 200]}");
  g_autofree char *plain_json = report_json ("");
  g_autoptr (PuratanPreflightReport) marked = NULL;
  g_autoptr (PuratanPreflightReport) plain = NULL;
  PopplerRectangle crop;
  cairo_surface_t *marked_image, *plain_image;
  double width, height, scale = PPI / 72.0;
  int x, y;

  marked = puratan_preflight_report_new_from_json (marked_json, -1, NULL);
  plain = puratan_preflight_report_new_from_json (plain_json, -1, NULL);
  g_assert_nonnull (marked);
  g_assert_nonnull (plain);
  page_geometry (path, &width, &height, &crop);

  marked_image = draw (marked, path, "marked.png");
  plain_image = draw (plain, path, "plain.png");
  g_assert_cmpint (cairo_image_surface_get_width (marked_image), ==, (int) ceil (width * scale));
  g_assert_cmpint (cairo_image_surface_get_height (marked_image), ==, (int) ceil (height * scale));

  /* The middle of the box's top edge is red only where the finding is drawn: the
   * two-pixel line covers the whole pixel its centre falls in. */
  x = (int) ((200 - MIN (crop.x1, crop.x2)) * scale);
  y = (int) ((MAX (crop.y1, crop.y2) - 200) * scale);
  g_assert_true (is_mark_red (marked_image, x, y));
  g_assert_false (is_mark_red (plain_image, x, y));
  /* Inside the box nothing is drawn. */
  g_assert_false (is_mark_red (marked_image, x, y + 20));
  cairo_surface_destroy (marked_image);
  cairo_surface_destroy (plain_image);
}

static void
test_annotate_page_bad (void)
{
  g_autofree char *path = corpus ("pdfjs/issue21570.pdf");
  g_autofree char *damaged = g_build_filename (tmp_dir, "not-a.pdf", NULL);
  g_autofree char *json = report_json ("");
  g_autofree char *png = g_build_filename (tmp_dir, "bad.png", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "missing", "page.png", NULL);
  g_autoptr (PuratanPreflightReport) report =
      puratan_preflight_report_new_from_json (json, -1, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (damaged, "<html>no PDF</html>", -1, NULL));
  g_assert_false (puratan_preflight_annotate_page (report, path, 0, png, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_preflight_annotate_page (report, path, 2, png, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "1 page"));
  g_clear_error (&error);
  g_assert_false (puratan_preflight_annotate_page (report, damaged, 1, png, &error));
  g_assert_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (puratan_preflight_annotate_page (report, path, 1, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_unlink (damaged);
}

/* The chosen finding's box is opaque and thick; the page's other boxes are faint. */
static void
test_annotate_finding (void)
{
  g_autofree char *path = corpus ("pdfjs/issue21570.pdf");
  g_autofree char *json = report_json (
      "{\"check\": \"line-width\", \"severity\": \"error\", \"page\": 1, \"message\": \"a\", "
      "\"bbox\": [100, 100, 300, 200]},"
      "{\"check\": \"line-width\", \"severity\": \"error\", \"page\": 1, \"message\": \"b\", "
      "\"bbox\": [100, 300, 300, 400]},"
      "{\"check\": \"pdfx-version\", \"severity\": \"error\", \"page\": 0, \"message\": \"c\"}");
  g_autofree char *png = g_build_filename (tmp_dir, "finding.png", NULL);
  g_autoptr (PuratanPreflightReport) report =
      puratan_preflight_report_new_from_json (json, -1, NULL);
  g_autoptr (GError) error = NULL;
  PopplerRectangle crop;
  cairo_surface_t *image;
  double width, height, scale = PPI / 72.0;
  int x, first_y, second_y;

  g_assert_nonnull (report);
  page_geometry (path, &width, &height, &crop);
  x = (int) ((200 - MIN (crop.x1, crop.x2)) * scale);
  first_y = (int) ((MAX (crop.y1, crop.y2) - 200) * scale);
  second_y = (int) ((MAX (crop.y1, crop.y2) - 400) * scale);

  g_assert_true (puratan_preflight_annotate_finding (report, path, 1, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (is_mark_red (image, x, second_y));
  g_assert_false (is_mark_red (image, x, first_y));
  cairo_surface_destroy (image);

  /* A finding about the whole file, or one past the end, has no page to draw. */
  g_assert_false (puratan_preflight_annotate_finding (report, path, 2, png, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "whole document"));
  g_clear_error (&error);
  g_assert_false (puratan_preflight_annotate_finding (report, path, 3, png, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_unlink (png);
}

/* The customer's report: a summary sheet and one sheet per page with findings. */
static void
test_report_pdf (void)
{
  g_autofree char *path = corpus ("pdfjs/issue21570.pdf");
  g_autofree char *json =
      report_json ("{\"check\": \"line-width\", \"severity\": \"error\", \"page\": 1, "
                   "\"message\": \"A line is too thin to print\", \"bbox\": [100, 100, 300, 200]},"
                   "{\"check\": \"pdfx-version\", \"severity\": \"error\", \"page\": 0, "
                   "\"message\": \"Not a PDF/X file\"}");
  g_autofree char *pdf = g_build_filename (tmp_dir, "report.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "missing", "report.pdf", NULL);
  g_autoptr (PuratanPreflightReport) report =
      puratan_preflight_report_new_from_json (json, -1, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (puratan_preflight_report_write_pdf (report, path, pdf, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 2);
  page = poppler_document_get_page (doc, 0);
  first = poppler_page_get_text (page);
  g_object_unref (page);
  page = poppler_document_get_page (doc, 1);
  second = poppler_page_get_text (page);
  g_object_unref (page);
  g_object_unref (doc);
  g_assert_nonnull (strstr (first, "Preflight report"));
  g_assert_nonnull (strstr (first, "Not a PDF/X file"));
  g_assert_nonnull (strstr (second, "Page 1 of 1"));
  g_assert_nonnull (strstr (second, "A line is too thin to print"));
  g_unlink (pdf);

  g_assert_false (puratan_preflight_report_write_pdf (report, path, nowhere, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("PURATAN_CORPUS_DIR");
  int status;

  g_test_init (&argc, &argv, NULL);
  corpus_dir = g_strdup (env != NULL && *env != '\0' ? env : PURATAN_CORPUS_DIR);
  tmp_dir = g_dir_make_tmp ("puratan-preflight-pages-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/preflight/pages/report-round-trip", test_round_trip);
  g_test_add_func ("/preflight/pages/report-bad-json", test_bad_json);
  g_test_add_func ("/preflight/pages/annotate-page", test_annotate_page);
  g_test_add_func ("/preflight/pages/annotate-page-bad", test_annotate_page_bad);
  g_test_add_func ("/preflight/pages/annotate-finding", test_annotate_finding);
  g_test_add_func ("/preflight/pages/report-pdf", test_report_pdf);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (corpus_dir);
  return status;
}
