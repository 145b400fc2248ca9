/* test-preflight.c: tests of the preflight layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus tests assert what a careful prepress operator finds in real files from
 * ../shared/corpus; the generated tests use PDFs with exactly one known defect each.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "puratan-error.h"
#include "puratan-preflight.h"
#include "test-pdf-maker.h"

static char *corpus_dir;
static char *tmp_dir;

static char *
corpus (const char *name)
{
  return g_build_filename (corpus_dir, name, NULL);
}

static PuratanPreflightReport *
run_file (const char *path, const char *product)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) profile =
      product ? puratan_preflight_profile_for_product (product, NULL, &error)
              : puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", &error);
  PuratanPreflightReport *report;

  g_assert_no_error (error);
  report = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static PuratanPreflightReport *
run_corpus (const char *name)
{
  g_autofree char *path = corpus (name);
  return run_file (path, NULL);
}

static void
test_profile_builtin (void)
{
  static const struct
  {
    const char *id;
    double tac;
    double ppi_error;
  } expect[] = {
    { "gwg-sheetcmyk", 320, 149 },    { "gwg-webcmyk", 305, 149 },
    { "gwg-magazineads", 305, 149 },  { "gwg-newspaperads", 245, 99 },
    { "gwg-digitalprint", 320, 149 },
  };
  g_auto (GStrv) ids = puratan_preflight_profile_list_builtin ();

  g_assert_cmpuint (g_strv_length (ids), ==, G_N_ELEMENTS (expect));
  for (gsize i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanPreflightProfile) p =
          puratan_preflight_profile_load_builtin (expect[i].id, &error);
      g_assert_no_error (error);
      for (const char *const *c = puratan_preflight_check_ids (); *c; c++)
        g_assert_cmpint (puratan_preflight_profile_get_severity (p, *c), !=,
                         PURATAN_PREFLIGHT_SEVERITY_OFF);
      g_assert_cmpfloat (
          puratan_preflight_profile_get_number (p, "total-ink-coverage", "max-percent", 0), ==,
          expect[i].tac);
      g_assert_cmpfloat (
          puratan_preflight_profile_get_number (p, "total-ink-coverage", "area-mm", 0), ==, 15);
      g_assert_cmpfloat (
          puratan_preflight_profile_get_number (p, "image-resolution", "error-below-ppi", 0), ==,
          expect[i].ppi_error);
      g_assert_cmpfloat (
          puratan_preflight_profile_get_number (p, "line-width", "multi-ink-min-pt", 0), >=, 0.25);
      g_assert_cmpint (puratan_preflight_profile_get_severity (p, "white-overprint"), ==,
                       PURATAN_PREFLIGHT_SEVERITY_ERROR);
      g_assert_cmpfloat (
          puratan_preflight_profile_get_number (p, "image-resolution", "warning-below-ppi", 0), ==,
          expect[i].ppi_error == 149 ? 224 : 149);
    }
}

static void
expect_profile_error (const char *json, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_load_data (json, -1, "mine.json", &error);

  g_assert_null (p);
  g_assert_error (error, PURATAN_ERROR, code);
  g_assert_nonnull (strstr (error->message, "mine.json"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("\"%s\" does not mention \"%s\"", error->message, fragment);
}

static void
test_profile_bad (void)
{
  const char *head = "{\"format\": \"puratan-preflight-profile\", \"version\": 1, \"id\": \"x\", ";
  g_autofree char *unknown_check = g_strconcat (head, "\"checks\": {\"ink-total\": {}}}", NULL);
  g_autofree char *bad_severity =
      g_strconcat (head, "\"checks\": {\"bleed\": {\"severity\": \"fatal\"}}}", NULL);
  g_autofree char *bad_key =
      g_strconcat (head, "\"checks\": {\"image-resolution\": {\"min-ppi\": 3}}}", NULL);
  g_autofree char *negative =
      g_strconcat (head, "\"checks\": {\"total-ink-coverage\": {\"max-percent\": -4}}}", NULL);
  g_autofree char *bad_list =
      g_strconcat (head, "\"checks\": {\"pdfx-version\": {\"accepted\": \"PDF/X-4\"}}}", NULL);
  g_autofree char *bad_parent =
      g_strconcat (head, "\"inherits\": \"gwg-nothing\", \"checks\": {}}", NULL);
  g_autoptr (GError) error = NULL;

  expect_profile_error ("{\"format\": ", PURATAN_ERROR_PARSE, "not valid JSON");
  expect_profile_error ("[1, 2]", PURATAN_ERROR_INVALID_INPUT, "one JSON object");
  expect_profile_error ("{\"format\": \"other\"}", PURATAN_ERROR_INVALID_INPUT, "\"format\"");
  expect_profile_error ("{\"format\": \"puratan-preflight-profile\", \"version\": 7}",
                        PURATAN_ERROR_UNSUPPORTED_VERSION, "\"version\"");
  expect_profile_error (unknown_check, PURATAN_ERROR_INVALID_INPUT, "\"ink-total\" is not a check");
  expect_profile_error (bad_severity, PURATAN_ERROR_INVALID_INPUT, "invalid severity");
  expect_profile_error (bad_key, PURATAN_ERROR_INVALID_INPUT, "no setting \"min-ppi\"");
  expect_profile_error (negative, PURATAN_ERROR_INVALID_INPUT, "zero or more");
  expect_profile_error (bad_list, PURATAN_ERROR_INVALID_INPUT, "list of texts");
  expect_profile_error (bad_parent, PURATAN_ERROR_NOT_FOUND, "gwg-nothing");

  g_assert_null (puratan_preflight_profile_load_builtin ("gwg-sheet", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gwg-sheetcmyk"));
  g_clear_error (&error);
  g_assert_null (puratan_preflight_profile_load_file ("/nonexistent/profile.json", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (puratan_preflight_profile_for_product ("mug", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "business-cards"));
}

static void
test_profile_user_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "shop.json", NULL);
  const char *json = "{\"format\": \"puratan-preflight-profile\", \"version\": 1, \"id\": \"shop\","
                     " \"inherits\": \"gwg-sheetcmyk\", \"checks\": {\"total-ink-coverage\": "
                     "{\"max-percent\": 280}, \"spot-colors\": {\"severity\": \"off\"}}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) p = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  p = puratan_preflight_profile_lookup (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (puratan_preflight_profile_get_id (p), ==, "shop");
  g_assert_cmpfloat (
      puratan_preflight_profile_get_number (p, "total-ink-coverage", "max-percent", 0), ==, 280);
  g_assert_cmpfloat (puratan_preflight_profile_get_number (p, "total-ink-coverage", "area-mm", 0),
                     ==, 15);
  g_assert_cmpint (puratan_preflight_profile_get_severity (p, "spot-colors"), ==,
                   PURATAN_PREFLIGHT_SEVERITY_OFF);
  g_assert_cmpint (puratan_preflight_profile_get_severity (p, "bleed"), ==,
                   PURATAN_PREFLIGHT_SEVERITY_ERROR);
  g_assert_cmpstr (puratan_preflight_profile_get_press_condition (p), ==, "FOGRA51");
}

static void
test_profile_product (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_for_product ("business-cards", NULL, &error);
  double w = 0, h = 0;
  const char *id = NULL;
  guint min, max, mult;

  g_assert_no_error (error);
  /* One size per catalog size option, in the catalog's order. */
  g_assert_cmpuint (puratan_preflight_profile_get_n_sizes (p), ==, 3);
  g_assert_true (puratan_preflight_profile_get_trim (p, &w, &h));
  g_assert_cmpfloat (w, ==, 88.9);
  g_assert_cmpfloat (h, ==, 50.8);
  g_assert_true (puratan_preflight_profile_get_size (p, 2, &id, &w, &h));
  g_assert_cmpstr (id, ==, "eu");
  g_assert_cmpfloat (w, ==, 85);
  g_assert_cmpfloat (h, ==, 55);
  g_assert_false (puratan_preflight_profile_get_size (p, 3, &id, &w, &h));
  g_assert_cmpfloat (puratan_preflight_profile_get_bleed (p), ==, 3);
  puratan_preflight_profile_get_page_rule (p, &min, &max, &mult);
  g_assert_cmpuint (min, ==, 1);
  g_assert_cmpuint (max, ==, 2);
  g_assert_cmpstr (puratan_preflight_profile_get_product_id (p), ==, "business-cards");
  g_assert_cmpstr (puratan_preflight_profile_get_press (p), ==, "fogra39-coated");
  g_assert_cmpstr (puratan_preflight_profile_get_press_condition (p), ==, "FOGRA39");
  g_assert_false (puratan_preflight_profile_is_technical_spot (p, "CutContour"));
}

static guint
count (PuratanPreflightReport *r, const char *check, PuratanPreflightSeverity severity)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (r);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
      n += g_str_equal (f->check_id, check) && f->severity == severity;
    }
  return n;
}

static void
assert_mentions (const PuratanPreflightFinding *f, const char *fragment)
{
  g_assert_nonnull (f);
  if (strstr (f->message, fragment) == NULL)
    g_error ("finding %s \"%s\" does not mention \"%s\"", f->check_id, f->message, fragment);
}

/* A product checked for one of its sizes accepts only that size; an unknown size is named. */
static void
test_profile_product_size (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) us =
      puratan_preflight_profile_for_product_size ("business-cards", "us", NULL, &error);
  g_autoptr (PuratanPreflightProfile) eu = NULL;
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_NONE);
  g_autoptr (PuratanPreflightReport) wrong = NULL;
  g_autoptr (PuratanPreflightReport) right = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (puratan_preflight_profile_get_n_sizes (us), ==, 1);

  /* The generated card is 85 × 55 mm: the "eu" size, not the "us" one. */
  wrong = puratan_preflight_run (path, us, NULL, &error);
  g_assert_no_error (error);
  assert_mentions (puratan_preflight_report_find (wrong, "page-size", 1), "88.9 × 50.8 mm");
  g_assert_cmpuint (count (wrong, "page-size", PURATAN_PREFLIGHT_SEVERITY_ERROR), ==, 1);
  eu = puratan_preflight_profile_for_product_size ("business-cards", "eu", NULL, &error);
  g_assert_no_error (error);
  right = puratan_preflight_run (path, eu, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (puratan_preflight_report_count_check (right, "page-size"), ==, 0);

  g_assert_null (puratan_preflight_profile_for_product_size ("business-cards", "a7", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“a7”"));
  g_assert_nonnull (strstr (error->message, "eu (85 × 55 mm)"));
}

/* The one rule for what a job is checked against: the catalog id is the specification's key. */
static void
test_profile_for_job (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) cards =
      puratan_preflight_profile_for_job ("business-cards", NULL, &error);
  g_autoptr (PuratanPreflightProfile) sized =
      puratan_preflight_profile_for_job ("flyers", "a5", &error);
  g_autoptr (PuratanPreflightProfile) custom =
      puratan_preflight_profile_for_job (NULL, NULL, &error);
  g_autoptr (PuratanPreflightProfile) unknown =
      puratan_preflight_profile_for_job ("mugs", "large", &error);
  double w = 0, h = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (puratan_preflight_profile_get_product_id (cards), ==, "business-cards");
  g_assert_cmpuint (puratan_preflight_profile_get_n_sizes (cards), ==, 3);
  g_assert_cmpuint (puratan_preflight_profile_get_n_sizes (sized), ==, 1);
  g_assert_true (puratan_preflight_profile_get_trim (sized, &w, &h));
  g_assert_cmpfloat (w, ==, 148);
  g_assert_cmpfloat (h, ==, 210);
  g_assert_null (puratan_preflight_profile_get_product_id (custom));
  g_assert_cmpstr (puratan_preflight_profile_get_id (custom), ==, "gwg-sheetcmyk");
  g_assert_null (puratan_preflight_profile_get_product_id (unknown));
  g_assert_cmpstr (puratan_preflight_profile_get_id (unknown), ==, "gwg-sheetcmyk");
}

/* A die line is accepted by name only where the product (or profile) names it. */
static void
test_profile_technical_spots (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) stickers =
      puratan_preflight_profile_for_product ("stickers", NULL, &error);
  g_autofree char *path = g_build_filename (tmp_dir, "technical.json", NULL);
  const char *json = "{\"format\": \"puratan-preflight-profile\", \"version\": 1, \"id\": "
                     "\"cutter\", \"inherits\": \"gwg-sheetcmyk\", \"checks\": {\"spot-colors\": "
                     "{\"technical-spots\": [\"PANTONE 186 C\"]}}}";
  const char *bad = "{\"format\": \"puratan-preflight-profile\", \"version\": 1, \"id\": "
                    "\"cutter\", \"checks\": {\"spot-colors\": {\"technical-spots\": \"Cut\"}}}";
  g_autoptr (PuratanPreflightProfile) cutter = NULL;
  g_autofree char *pdf = test_make_business_card (tmp_dir, DEFECT_SPOT);
  g_autoptr (PuratanPreflightReport) plain = run_file (pdf, NULL);
  g_autoptr (PuratanPreflightReport) accepted = NULL;

  g_assert_no_error (error);
  g_assert_true (puratan_preflight_profile_is_technical_spot (stickers, "CutContour"));
  g_assert_false (puratan_preflight_profile_is_technical_spot (stickers, "cutcontour"));
  g_assert_false (puratan_preflight_profile_is_technical_spot (stickers, "PANTONE 186 C"));

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  cutter = puratan_preflight_profile_lookup (path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_preflight_profile_is_technical_spot (cutter, "PANTONE 186 C"));

  /* The same spot is an extra plate for a CMYK job; where it is the die line it needs no
   * plate (a note), but this file paints it knocking out, which would cut a white line into
   * the artwork: that is the one error left. (Exported die lines overprint: the sticker
   * template passes in render-print-ready.) */
  g_assert_cmpuint (count (plain, "spot-colors", PURATAN_PREFLIGHT_SEVERITY_ERROR), ==, 1);
  g_assert_nonnull (strstr (puratan_preflight_report_find (plain, "spot-colors", 1)->message,
                            "needs its own printing plate"));
  accepted = puratan_preflight_run (pdf, cutter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (accepted, "spot-colors", PURATAN_PREFLIGHT_SEVERITY_INFO), ==, 1);
  g_assert_cmpuint (count (accepted, "spot-colors", PURATAN_PREFLIGHT_SEVERITY_ERROR), ==, 1);
  {
    GPtrArray *findings = puratan_preflight_report_get_findings (accepted);
    for (guint i = 0; i < findings->len; i++)
      {
        PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
        if (g_strcmp0 (f->check_id, "spot-colors") != 0)
          continue;
        g_test_message ("%s", f->message);
        g_assert_nonnull (strstr (f->message, f->severity == PURATAN_PREFLIGHT_SEVERITY_INFO
                                                  ? "is this product's technical spot (a die line)"
                                                  : "set die lines to overprint"));
      }
  }

  g_assert_null (puratan_preflight_profile_load_data (bad, -1, "bad.json", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "technical-spots"));
}

static void
test_corpus_unembedded_truetype (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("verapdf/6-2-11-4-1-t01-fail-c.pdf");
  const PuratanPreflightFinding *f = puratan_preflight_report_find (r, "fonts-embedded", 1);

  assert_mentions (f, "\"Calibri\" (TrueType)");
  assert_mentions (f, "not embedded");
  g_assert_cmpint (f->severity, ==, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  g_assert_cmpuint (puratan_preflight_report_count_check (r, "fonts-embedded"), ==, 1);
  /* Its output intent is an RGB profile, which cannot describe a press. */
  assert_mentions (puratan_preflight_report_find (r, "output-intent", 0), "RGB");
}

static void
test_corpus_issue6127 (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/issue6127.pdf");
  GPtrArray *findings = puratan_preflight_report_get_findings (r);
  gboolean pantone = FALSE, spot470 = FALSE;

  g_assert_cmpuint (puratan_preflight_report_get_n_pages (r), ==, 3);
  g_assert_cmpuint (count (r, "fonts-embedded", PURATAN_PREFLIGHT_SEVERITY_ERROR), >=, 10);
  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
      if (!g_str_equal (f->check_id, "spot-colors"))
        continue;
      pantone = pantone || (strstr (f->message, "\"PANTONE 167 CV\"") && f->page == 3);
      spot470 = spot470 || strstr (f->message, "\"470\"") != NULL;
    }
  g_assert_true (pantone);
  g_assert_true (spot470);
  g_assert_cmpuint (puratan_preflight_report_get_ink (r)->len, ==, 3);
}

static void
test_corpus_hairlines (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/issue21570.pdf");
  const PuratanPreflightFinding *f = puratan_preflight_report_find (r, "line-width", 1);

  assert_mentions (f, "thinnest is 0 pt");
  g_assert_true (f->has_bbox);
  g_assert_cmpfloat (f->bbox[0], <, f->bbox[2]);
  g_assert_cmpint (f->severity, ==, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  /* The XMP declares the PDF/X namespace without a version; there is no output intent. */
  assert_mentions (puratan_preflight_report_find (r, "pdfx-version", 0),
                   "does not declare a PDF/X version");
  assert_mentions (puratan_preflight_report_find (r, "output-intent", 0), "no output intent");
}

static void
test_corpus_pdfx3 (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/issue9949.pdf");
  const PuratanPreflightFinding *x = puratan_preflight_report_find (r, "pdfx-version", 0);
  const PuratanPreflightFinding *oi = puratan_preflight_report_find (r, "output-intent", 0);

  assert_mentions (x, "PDF/X-3");
  /* GWG 2022 asks for PDF/X-4 (or X-1a); X-3 is not accepted. */
  g_assert_cmpint (x->severity, ==, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  assert_mentions (oi, "FOGRA39");
  g_assert_cmpint (oi->severity, ==, PURATAN_PREFLIGHT_SEVERITY_INFO);
  g_assert_null (puratan_preflight_report_find (r, "page-boxes", G_MAXUINT));
}

static void
test_corpus_intent_without_version (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/issue20513.pdf");
  const PuratanPreflightFinding *x = puratan_preflight_report_find (r, "pdfx-version", 0);

  assert_mentions (x, "PDF/X output intent");
  assert_mentions (x, "does not declare a PDF/X version");
  assert_mentions (puratan_preflight_report_find (r, "output-intent", 0), "Custom");
  g_assert_null (puratan_preflight_report_find (r, "fonts-embedded", G_MAXUINT));
}

static void
test_corpus_devicen_and_spots (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/devicen.pdf");
  g_autoptr (PuratanPreflightReport) r2 = run_corpus ("pdfjs/issue5470.pdf");

  g_assert_cmpuint (puratan_preflight_report_count_check (r, "spot-colors"), ==, 3);
  assert_mentions (puratan_preflight_report_find (r2, "spot-colors", 1), "PANTONE 485 M");
  assert_mentions (puratan_preflight_report_find (r2, "fonts-embedded", 1), "Arial");
}

static void
test_malformed (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = corpus (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", NULL);
  g_autoptr (PuratanPreflightReport) r = puratan_preflight_run (path, p, NULL, &error);

  if (r == NULL)
    {
      g_assert_error (error, PURATAN_PREFLIGHT_ERROR, error->code);
      g_assert_cmpuint (strlen (error->message), >, 20);
      if (strstr (name, "bug1782186") != NULL)
        {
          /* Broken encryption that viewers open without a password is damage, not a lock. */
          g_assert_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED);
          g_assert_nonnull (strstr (error->message, "security settings are damaged"));
        }
      if (strstr (name, "encrypted") != NULL)
        {
          g_assert_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_ENCRYPTED);
          g_assert_nonnull (strstr (error->message, "password"));
        }
    }
  else
    {
      g_assert_false (puratan_preflight_report_is_complete (r) &&
                      puratan_preflight_report_find (r, "pdf-syntax", G_MAXUINT) == NULL);
      g_assert_nonnull (puratan_preflight_report_find (r, "pdf-syntax", G_MAXUINT));
    }
}

static void
test_hostile_inputs (void)
{
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", NULL);
  g_autofree char *source = corpus ("pdfjs/issue6127.pdf");
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *names[] = { "empty.pdf", "garbage.pdf", "truncated.pdf", "dir.pdf" };

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanPreflightReport) r = NULL;

      if (i == 0)
        g_assert_true (g_file_set_contents (path, "", 0, NULL));
      else if (i == 1)
        g_assert_true (
            g_file_set_contents (path, "%PDF-1.7\n\x01\x02 garbage obj << /Type", -1, NULL));
      else if (i == 2)
        g_assert_true (g_file_set_contents (path, data, (gssize) (len / 2), NULL));
      else
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      r = puratan_preflight_run (path, p, NULL, &error);
      if (r == NULL)
        g_assert_true (error->domain == PURATAN_PREFLIGHT_ERROR);
      else
        g_assert_nonnull (puratan_preflight_report_find (r, "pdf-syntax", G_MAXUINT));
      if (i == 3)
        g_rmdir (path);
    }
}

static const struct
{
  TestDefect defect;
  const char *check;
  PuratanPreflightSeverity severity;
} defects[] = {
  { DEFECT_LOW_RES_IMAGE, "image-resolution", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_WHITE_OVERPRINT, "white-overprint", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_HAIRLINE, "line-width", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_RGB, "color-space", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_HIGH_INK, "total-ink-coverage", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_RICH_BLACK_TEXT, "rich-black-text", PURATAN_PREFLIGHT_SEVERITY_WARNING },
  { DEFECT_BLACK_KNOCKOUT_TEXT, "black-overprint", PURATAN_PREFLIGHT_SEVERITY_WARNING },
  { DEFECT_SMALL_MULTI_INK_TEXT, "text-size", PURATAN_PREFLIGHT_SEVERITY_WARNING },
  { DEFECT_UNEMBEDDED_FONT, "fonts-embedded", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_WRONG_SIZE, "page-size", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_NO_BLEED, "bleed", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_EMPTY_PAGE, "empty-page", PURATAN_PREFLIGHT_SEVERITY_WARNING },
  { DEFECT_TOO_MANY_PAGES, "page-count", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_NO_TRIM_BOX, "page-boxes", PURATAN_PREFLIGHT_SEVERITY_WARNING },
  { DEFECT_SPOT, "spot-colors", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_TRANSPARENCY, "transparency", PURATAN_PREFLIGHT_SEVERITY_INFO },
  { DEFECT_NO_OUTPUT_INTENT, "output-intent", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_NO_PDFX_VERSION, "pdfx-version", PURATAN_PREFLIGHT_SEVERITY_ERROR },
  { DEFECT_BROKEN_XREF, "pdf-syntax", PURATAN_PREFLIGHT_SEVERITY_ERROR },
};

static void
test_generated_clean (void)
{
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_NONE);
  g_autoptr (PuratanPreflightReport) r = run_file (path, "business-cards");
  g_autofree char *text = puratan_preflight_report_to_text (r);

  if (puratan_preflight_report_count (r, PURATAN_PREFLIGHT_SEVERITY_ERROR) +
          puratan_preflight_report_count (r, PURATAN_PREFLIGHT_SEVERITY_WARNING) !=
      0)
    g_error ("the clean card has findings:\n%s", text);
  assert_mentions (puratan_preflight_report_find (r, "pdfx-version", 0), "PDF/X-4");
  g_assert_true (puratan_preflight_report_is_complete (r));
}

static void
test_generated_defect (gconstpointer data)
{
  gsize i = GPOINTER_TO_SIZE (data);
  g_autofree char *path = test_make_business_card (tmp_dir, defects[i].defect);
  g_autoptr (PuratanPreflightReport) r = run_file (path, "business-cards");
  g_autofree char *text = puratan_preflight_report_to_text (r);
  GPtrArray *findings = puratan_preflight_report_get_findings (r);

  if (count (r, defects[i].check, defects[i].severity) == 0)
    g_error ("expected a %s %s finding:\n%s",
             puratan_preflight_severity_to_string (defects[i].severity), defects[i].check, text);
  for (guint k = 0; k < findings->len; k++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (findings, k);
      if (f->severity >= PURATAN_PREFLIGHT_SEVERITY_WARNING &&
          !g_str_equal (f->check_id, defects[i].check))
        g_error ("one defect (%s) gave another finding:\n%s", defects[i].check, text);
      g_assert_cmpuint (strlen (f->message), >, 20);
    }
}

/* Runs a Ghostscript coverage device and returns its per-page CMYK figures. */
static GArray *
ghostscript_coverage (const char *device, const char *path)
{
  g_autofree char *dev = g_strdup_printf ("-sDEVICE=%s", device);
  const char *argv[] = { "gs",   "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", dev,
                         "-r36", "-o", "-",       path,      NULL };
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double v[4];
      if (sscanf (lines[i], "%lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]) == 4)
        g_array_append_vals (values, v, 4);
    }
  return values;
}

static void
test_ink_matches_ghostscript (void)
{
  /* CMYK-native files, with and without spot colours; RGB content is left out because it is
   * converted to CMYK by a different path than the CMYK render's. */
  const char *files[] = { "pdfjs/issue20513.pdf", "pdfjs/issue9949.pdf", "pdfjs/issue6127.pdf",
                          "pdfjs/devicen.pdf", "verapdf/6-2-4-4-t01-pass-a.pdf" };
  const char *plates[] = { "Cyan", "Magenta", "Yellow", "Black" };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = corpus (files[i]);
      g_autoptr (PuratanPreflightReport) r = run_file (path, NULL);
      g_autoptr (GArray) amount = ghostscript_coverage ("ink_cov", path);
      g_autoptr (GArray) area = ghostscript_coverage ("inkcov", path);
      GPtrArray *ink = puratan_preflight_report_get_ink (r);

      g_assert_cmpuint (ink->len * 4, ==, amount->len);
      g_assert_cmpuint (ink->len * 4, ==, area->len);
      for (guint p = 0; p < ink->len; p++)
        {
          PuratanPreflightPageInk *page = g_ptr_array_index (ink, p);
          for (guint c = 0; c < 4; c++)
            {
              double *ours = g_hash_table_lookup (page->channels, plates[c]);
              double gs_amount = g_array_index (amount, double, p * 4 + c);
              double gs_area = g_array_index (area, double, p * 4 + c) * 100.0;
              g_assert_nonnull (ours);
              /* Same renderer, same resolution: the averages agree to within rounding. */
              g_assert_cmpfloat_with_epsilon (*ours, gs_amount, 0.05 + gs_amount * 0.02);
              /* An average amount can never exceed the share of the area that has ink. */
              g_assert_cmpfloat (*ours, <=, gs_area + 0.05);
            }
          g_assert_cmpfloat (page->max_percent, >=, 0);
          g_assert_cmpfloat (page->max_percent, <=, 400.0 + 1e-6);
        }
    }
}

static void
test_ink_area_rule (void)
{
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_HIGH_INK);
  g_autoptr (PuratanPreflightReport) r = run_file (path, "business-cards");
  PuratanPreflightPageInk *page = g_ptr_array_index (puratan_preflight_report_get_ink (r), 0);
  const PuratanPreflightFinding *f = puratan_preflight_report_find (r, "total-ink-coverage", 1);

  /* 400 % everywhere; a 15 mm square is about 42.5 pt wide at this resolution's grid. */
  g_assert_cmpfloat_with_epsilon (page->max_percent, 400, 0.5);
  g_assert_cmpfloat_with_epsilon (page->bbox[2] - page->bbox[0], 15 * 72 / 25.4, 2.5);
  assert_mentions (f, "400 % ink in a 15 mm area");
  assert_mentions (f, "allows 320 %");
  g_assert_true (f->has_bbox);
}

static void
test_ink_rgb_through_press_profile (void)
{
  /* RGB black reads about 295 % through Ghostscript's default conversion, within 40 % of
   * the 320 % limit, so it is measured again through the press profile (FOGRA39 bundled). */
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_RGB_BLACK_PAGE);
  g_autoptr (PuratanPreflightReport) r = run_file (path, "business-cards");
  g_autoptr (PuratanPreflightReport) light = run_corpus ("pdfjs/issue21570.pdf");
  g_autoptr (PuratanPreflightReport) cmyk = run_corpus ("pdfjs/issue20513.pdf");
  PuratanPreflightPageInk *page = g_ptr_array_index (puratan_preflight_report_get_ink (r), 0);
  PuratanPreflightPageInk *low = g_ptr_array_index (puratan_preflight_report_get_ink (light), 0);
  PuratanPreflightPageInk *other = g_ptr_array_index (puratan_preflight_report_get_ink (cmyk), 0);

  g_assert_cmpstr (page->method, ==, "press-profile fogra39-coated");
  g_assert_cmpfloat (page->max_percent, >, 250);
  g_assert_cmpfloat (page->max_percent, <, 350);
  g_assert_cmpfloat_with_epsilon (page->bbox[2] - page->bbox[0], 15 * 72 / 25.4, 2.5);
  g_assert_cmpfloat (page->bbox[0], >=, -0.5);
  /* An RGB page far under the limit, and a CMYK page, keep Ghostscript's reading. */
  g_assert_null (low->method);
  g_assert_null (other->method);
}

static void
test_ink_slug_not_counted (void)
{
  /* A 400 % colour bar in the slug, outside the BleedBox, is trimmed off: no finding. */
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_NONE_SLUG_MARKS);
  g_autoptr (PuratanPreflightReport) r = run_file (path, "business-cards");
  PuratanPreflightPageInk *page = g_ptr_array_index (puratan_preflight_report_get_ink (r), 0);

  g_assert_null (puratan_preflight_report_find (r, "total-ink-coverage", G_MAXUINT));
  g_assert_cmpfloat (page->max_percent, <=, 100.5);
  g_assert_cmpfloat (page->bbox[0], >=, -0.5);
  g_assert_cmpuint (puratan_preflight_report_count (r, PURATAN_PREFLIGHT_SEVERITY_ERROR), ==, 0);
}

static void
test_report_json (void)
{
  g_autoptr (PuratanPreflightReport) r = run_corpus ("pdfjs/issue21570.pdf");
  g_autofree char *json = puratan_preflight_report_to_json (r);
  g_autofree char *text = puratan_preflight_report_to_text (r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *summary;
  JsonArray *findings;
  guint errors = 0;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==,
                   "puratan-preflight-report/1");
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, "issue21570.pdf");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "profile"), "id"), ==,
      "gwg-sheetcmyk");
  g_assert_cmpint (json_object_get_int_member (root, "pages"), ==, 1);
  g_assert_true (json_object_get_boolean_member (root, "complete"));
  g_assert_cmpfloat (json_object_get_double_member (root, "elapsed_seconds"), >, 0);
  summary = json_object_get_object_member (root, "summary");
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *sev = json_object_get_string_member (f, "severity");
      g_assert_true (g_strv_contains (puratan_preflight_check_ids (),
                                      json_object_get_string_member (f, "check")));
      g_assert_true (g_str_equal (sev, "error") || g_str_equal (sev, "warning") ||
                     g_str_equal (sev, "info"));
      g_assert_true (json_object_has_member (f, "page"));
      g_assert_nonnull (json_object_get_string_member (f, "message"));
      if (json_object_has_member (f, "bbox"))
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "bbox")), ==, 4);
      errors += g_str_equal (sev, "error");
    }
  g_assert_cmpint (json_object_get_int_member (summary, "errors"), ==, errors);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "ink")), ==, 1);
  g_assert_nonnull (strstr (text, "line-width"));
  g_assert_nonnull (strstr (text, "issue21570.pdf"));
}

static void
async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanPreflightReport **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = puratan_preflight_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = corpus ("verapdf/6-2-11-4-1-t01-fail-c.pdf");
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_load_builtin ("gwg-webcmyk", NULL);
  PuratanPreflightReport *report = NULL;

  puratan_preflight_run_async (path, p, NULL, async_done, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (puratan_preflight_report_get_profile_id (report), ==, "gwg-webcmyk");
  g_assert_nonnull (puratan_preflight_report_find (report, "fonts-embedded", 1));
  puratan_preflight_report_unref (report);
}

static void
cancelled_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightReport) report = puratan_preflight_run_finish (result, &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_async_cancelled (void)
{
  g_autofree char *path = corpus ("pdfjs/issue6127.pdf");
  g_autoptr (PuratanPreflightProfile) p =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_cancellable_cancel (cancellable);
  puratan_preflight_run_async (path, p, cancellable, cancelled_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_annotate (void)
{
  g_autofree char *path = corpus ("pdfjs/issue21570.pdf");
  g_autofree char *dir = g_build_filename (tmp_dir, "annotated", NULL);
  g_autofree char *png = g_build_filename (dir, "page-001.png", NULL);
  g_autoptr (PuratanPreflightReport) r = run_file (path, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (puratan_preflight_annotate (r, path, dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_unlink (png);
  g_rmdir (dir);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("PURATAN_CORPUS_DIR");
  g_autofree char *manifest = NULL;
  const char *malformed[] = { "malformed/pdfium-encrypted_hello_world_r6.pdf",
                              "malformed/pdfium-trailer_unterminated.pdf",
                              "malformed/qpdf-fuzz-28262.pdf", "malformed/qpdf-fuzz-68668.pdf",
                              "pdfjs/bug1782186.pdf" };
  int status;

  g_test_init (&argc, &argv, NULL);
  corpus_dir = g_strdup (env != NULL && *env != '\0' ? env : PURATAN_CORPUS_DIR);
  manifest = g_build_filename (corpus_dir, "MANIFEST.tsv", NULL);
  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("The test corpus is missing: %s not found. Put a copy of shared/ beside the "
                  "source tree or set PURATAN_CORPUS_DIR.\n",
                  manifest);
      return 1;
    }
  tmp_dir = g_dir_make_tmp ("puratan-preflight-test-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/preflight/profile/builtin", test_profile_builtin);
  g_test_add_func ("/preflight/profile/bad", test_profile_bad);
  g_test_add_func ("/preflight/profile/user-file", test_profile_user_file);
  g_test_add_func ("/preflight/profile/product", test_profile_product);
  g_test_add_func ("/preflight/profile/product-size", test_profile_product_size);
  g_test_add_func ("/preflight/profile/for-job", test_profile_for_job);
  g_test_add_func ("/preflight/profile/technical-spots", test_profile_technical_spots);
  g_test_add_func ("/preflight/corpus/unembedded-truetype", test_corpus_unembedded_truetype);
  g_test_add_func ("/preflight/corpus/unembedded-fonts-and-pantone", test_corpus_issue6127);
  g_test_add_func ("/preflight/corpus/hairlines", test_corpus_hairlines);
  g_test_add_func ("/preflight/corpus/pdfx3-fogra39", test_corpus_pdfx3);
  g_test_add_func ("/preflight/corpus/intent-without-version", test_corpus_intent_without_version);
  g_test_add_func ("/preflight/corpus/devicen-and-spots", test_corpus_devicen_and_spots);
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *test =
          g_strdup_printf ("/preflight/malformed/%s", strchr (malformed[i], '/') + 1);
      g_test_add_data_func (test, malformed[i], test_malformed);
    }
  g_test_add_func ("/preflight/malformed/hostile-inputs", test_hostile_inputs);
  g_test_add_func ("/preflight/generated/clean", test_generated_clean);
  for (gsize i = 0; i < G_N_ELEMENTS (defects); i++)
    {
      g_autofree char *test = g_strdup_printf ("/preflight/generated/%s", defects[i].check);
      g_test_add_data_func (test, GSIZE_TO_POINTER (i), test_generated_defect);
    }
  g_test_add_func ("/preflight/ink/matches-ghostscript", test_ink_matches_ghostscript);
  g_test_add_func ("/preflight/ink/area-rule", test_ink_area_rule);
  g_test_add_func ("/preflight/ink/rgb-through-press-profile", test_ink_rgb_through_press_profile);
  g_test_add_func ("/preflight/ink/slug-not-counted", test_ink_slug_not_counted);
  g_test_add_func ("/preflight/report/json", test_report_json);
  g_test_add_func ("/preflight/run/async", test_async);
  g_test_add_func ("/preflight/run/async-cancelled", test_async_cancelled);
  g_test_add_func ("/preflight/report/annotate", test_annotate);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (corpus_dir);
  return status;
}
