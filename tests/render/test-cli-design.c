/* test-cli-design.c: `puratan templates`, `new`, `export` and `render`, run as a user would
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-test-tmpdir.h"
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PURATAN_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

static char *
temp (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_cli_workflow (void)
{
  g_autofree char *design = temp ("cli-card.puratan");
  g_autofree char *pdf1 = temp ("cli-card-1.pdf");
  g_autofree char *pdf2 = temp ("cli-card-2.pdf");
  g_autofree char *png = temp ("cli-card.png");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize la = 0, lb = 0;

  g_unlink (design);
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "templates", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "business-card"));
    g_assert_nonnull (strstr (run.out, "rollup-banner"));
    g_assert_nonnull (strstr (run.out, "business-card    business-cards   Business card"));
  }
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "new", "--template", "business-card", "-o", design, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (design, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "new", "--template", "business-card", "-o", design, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "exists"));
  }
  for (int i = 0; i < 2; i++)
    {
      g_auto (Run) run = { 0 };
      run_cli (&run, "export", design, "-o", i == 0 ? pdf1 : pdf2, "--marks", "--date",
               "2026-03-14T10:30:00Z", NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
  g_assert_true (g_file_get_contents (pdf1, &a, &la, NULL));
  g_assert_true (g_file_get_contents (pdf2, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  g_assert_true (g_str_has_prefix (a, "%PDF-1.6"));
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "export", design, "-o", pdf1, "--standard", "pdfx1a", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "PDF/X-1a"));
  }
  {
    g_auto (Run) run = { 0 };
    g_autofree char *bytes = NULL;
    run_cli (&run, "render", design, "-o", png, "--dpi", "96", "--soft-proof", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (png, &bytes, NULL, NULL));
    g_assert_true (g_str_has_prefix (bytes, "\x89PNG"));
  }
  g_unlink (design);
  g_unlink (pdf1);
  g_unlink (pdf2);
  g_unlink (png);
}

static void
test_cli_refusals (void)
{
  g_autofree char *junk = temp ("cli-junk.puratan");
  g_autofree char *out = temp ("cli-never.pdf");

  g_assert_true (g_file_set_contents (junk, "not a design", -1, NULL));
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "export", junk, "-o", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "not a Puratan design"));
  }
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "export", junk, "-o", out, "--standard", "pdfx9", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "render", junk, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = { 0 };
    run_cli (&run, "new", "--template", "wedding-cake", "-o", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "puratan templates"));
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_unlink (junk);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/cli/workflow", test_cli_workflow);
  g_test_add_func ("/render/cli/refusals", test_cli_refusals);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
