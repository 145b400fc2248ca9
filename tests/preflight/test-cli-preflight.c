/* test-cli-preflight.c: end-to-end tests of `puratan preflight`
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built puratan program on corpus files and generated PDFs and checks the
 * exit statuses (0 clean, 1 errors, 2 cannot check) and the output.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "e2e-util.h"
#include "test-pdf-maker.h"

static char *corpus_dir;
static char *tmp_dir;

static void
run_cli (E2eRun *run, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  const char *arg;
  va_list args;

  g_strv_builder_add (builder, e2e_program ("PURATAN_CLI"));
  g_strv_builder_add (builder, "preflight");
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);
  e2e_run (run, (const char *const *) argv);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->exit_status, run->out, run->err);
}

static void
test_errors_exit_1 (void)
{
  g_autofree char *path = g_build_filename (corpus_dir, "verapdf/6-2-11-4-1-t01-fail-c.pdf", NULL);
  g_auto (E2eRun) run = { 0 };

  run_cli (&run, path, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.out, "fonts-embedded"));
  g_assert_nonnull (strstr (run.out, "Calibri"));
}

static void
test_clean_exit_0_json (void)
{
  g_autofree char *path = test_make_business_card (tmp_dir, DEFECT_NONE);
  g_auto (E2eRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  run_cli (&run, "--product", "business-cards", "--format", "json", path, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==,
                   "puratan-preflight-report/1");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "profile"), "product"),
      ==, "business-cards");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (root, "summary"), "errors"), ==,
      0);

  /* The card is 85 × 55 mm: the product's "eu" size, not its "us" one. */
  {
    g_auto (E2eRun) eu = { 0 };
    g_auto (E2eRun) us = { 0 };
    run_cli (&eu, "--product", "business-cards", "--size", "eu", path, NULL);
    g_assert_cmpint (eu.exit_status, ==, 0);
    run_cli (&us, "--product", "business-cards", "--size", "us", path, NULL);
    g_assert_cmpint (us.exit_status, ==, 1);
    g_assert_nonnull (strstr (us.out, "the product is 88.9 × 50.8 mm"));
  }
}

static void
test_unreadable_exit_2 (void)
{
  g_autofree char *damaged = g_build_filename (corpus_dir, "malformed/qpdf-fuzz-68668.pdf", NULL);
  g_autofree char *locked =
      g_build_filename (corpus_dir, "malformed/pdfium-encrypted_hello_world_r6.pdf", NULL);
  g_auto (E2eRun) a = { 0 };
  g_auto (E2eRun) b = { 0 };
  g_auto (E2eRun) c = { 0 };

  run_cli (&a, damaged, NULL);
  g_assert_cmpint (a.exit_status, ==, 2);
  g_assert_nonnull (strstr (a.err, "cannot be checked"));
  run_cli (&b, locked, NULL);
  g_assert_cmpint (b.exit_status, ==, 2);
  g_assert_nonnull (strstr (b.err, "password"));
  run_cli (&c, "/nonexistent/file.pdf", NULL);
  g_assert_cmpint (c.exit_status, ==, 2);
  g_assert_nonnull (strstr (c.err, "does not exist"));
}

static void
test_bad_profile_and_usage (void)
{
  g_autofree char *pdf = test_make_business_card (tmp_dir, DEFECT_NONE);
  g_autofree char *profile = g_build_filename (tmp_dir, "bad.json", NULL);
  g_auto (E2eRun) a = { 0 };
  g_auto (E2eRun) b = { 0 };
  g_auto (E2eRun) c = { 0 };
  g_auto (E2eRun) d = { 0 };
  g_auto (E2eRun) e = { 0 };

  g_assert_true (
      g_file_set_contents (profile,
                           "{\"format\": \"puratan-preflight-profile\", \"version\": 1, "
                           "\"id\": \"x\", \"checks\": {\"bleed\": {\"severity\": \"loud\"}}}",
                           -1, NULL));
  run_cli (&a, "--profile", profile, pdf, NULL);
  g_assert_cmpint (a.exit_status, ==, 2);
  g_assert_nonnull (strstr (a.err, "bad.json: check \"bleed\" has an invalid severity"));
  run_cli (&b, "--format", "xml", pdf, NULL);
  g_assert_cmpint (b.exit_status, ==, 2);
  run_cli (&c, "--product", "mug", pdf, NULL);
  g_assert_cmpint (c.exit_status, ==, 2);
  g_assert_nonnull (strstr (c.err, "business-cards"));
  run_cli (&d, "--product", "business-cards", "--size", "a7", pdf, NULL);
  g_assert_cmpint (d.exit_status, ==, 2);
  g_assert_nonnull (strstr (d.err, "eu (85 × 55 mm)"));
  run_cli (&e, "--size", "eu", pdf, NULL);
  g_assert_cmpint (e.exit_status, ==, 2);
  g_assert_nonnull (strstr (e.err, "give --product too"));
}

static void
test_annotate (void)
{
  g_autofree char *pdf = test_make_business_card (tmp_dir, DEFECT_LOW_RES_IMAGE);
  g_autofree char *dir = g_build_filename (tmp_dir, "pages", NULL);
  g_autofree char *png = g_build_filename (dir, "page-001.png", NULL);
  g_auto (E2eRun) run = { 0 };

  run_cli (&run, "--product", "business-cards", "--annotate", dir, pdf, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.out, "image-resolution"));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_unlink (png);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("PURATAN_CORPUS_DIR");
  g_autofree char *manifest = NULL;
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
  tmp_dir = g_dir_make_tmp ("puratan-cli-preflight-XXXXXX", NULL);

  g_test_add_func ("/preflight/cli/errors-exit-1", test_errors_exit_1);
  g_test_add_func ("/preflight/cli/clean-exit-0-json", test_clean_exit_0_json);
  g_test_add_func ("/preflight/cli/unreadable-exit-2", test_unreadable_exit_2);
  g_test_add_func ("/preflight/cli/bad-profile-and-usage", test_bad_profile_and_usage);
  g_test_add_func ("/preflight/cli/annotate", test_annotate);

  status = g_test_run ();
  {
    g_autoptr (GDir) d = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  g_free (corpus_dir);
  return status;
}
