/* test-gs-worker.c: tests of the long-lived Ghostscript workers behind the ink measurement
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The temporary folder this program uses has parentheses, a backslash, a percent sign and
 * spaces in its name, so every worker's directory does too: the PostScript each job sends
 * must quote them.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "puratan-gs-pool-private.h"
#include "puratan-gs-worker-private.h"
#include "puratan-preflight.h"

#define ONE_MINUTE (60 * G_TIME_SPAN_SECOND)

static char *tmp_dir;

static char *
corpus (const char *name)
{
  return g_build_filename (PURATAN_CORPUS_DIR, name, NULL);
}

static gint64
in_a_minute (void)
{
  return g_get_monotonic_time () + ONE_MINUTE;
}

/* Renders @pdf at 36 ppi with Ghostscript's command line, as a technician would. */
static GPtrArray *
render_with_command_line (const char *pdf, guint n_pages)
{
  g_autofree char *dir = g_dir_make_tmp ("command-line-XXXXXX", NULL);
  g_autoptr (GString) output = g_string_new (dir);
  g_autofree char *output_arg = NULL;
  const char *argv[] = {
    "gs",   "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pamcmyk32", "-dUseBleedBox",
    "-r36", NULL, pdf,       NULL
  };
  g_autoptr (GError) error = NULL;
  GPtrArray *renders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  int status = 0;

  g_assert_nonnull (dir);
  /* In an OutputFile template '%' starts the page number: the folder's own are doubled. */
  g_string_replace (output, "%", "%%", 0);
  g_string_append (output, "/page-%d.pam");
  output_arg = g_strconcat ("-sOutputFile=", output->str, NULL);
  argv[8] = output_arg;
  g_assert_true (
      g_spawn_sync (NULL, (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *name = g_strdup_printf ("page-%u.pam", page);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_ptr_array_add (renders, g_bytes_new_take (data, length));
      g_unlink (path);
    }
  g_rmdir (dir);
  return renders;
}

static void
assert_same_renders (GPtrArray *paths, GPtrArray *expected)
{
  g_assert_cmpuint (paths->len, ==, expected->len);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &data, &length, NULL));
      g_assert_true (g_str_has_prefix (data, "P7\n"));
      g_assert_nonnull (strstr (data, "TUPLTYPE CMYK"));
      g_autoptr (GBytes) render = g_bytes_new_static (data, length);

      g_assert_true (g_bytes_equal (render, g_ptr_array_index (expected, i)));
    }
}

/* One worker renders two files in turn exactly as two command-line runs do. */
static void
test_worker_matches_command_line (void)
{
  g_autofree char *first = corpus ("pdfjs/issue6127.pdf");
  g_autofree char *second = corpus ("pdfjs/issue9949.pdf");
  g_autoptr (GPtrArray) expected_first = render_with_command_line (first, 3);
  g_autoptr (GPtrArray) expected_second = render_with_command_line (second, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanGsWorker) worker = puratan_gs_worker_new (&error);
  g_autoptr (GPtrArray) paths = NULL;

  g_assert_no_error (error);
  g_assert_true (
      puratan_gs_worker_render (worker, first, 1, 3, 36, in_a_minute (), NULL, &paths, &error));
  g_assert_no_error (error);
  assert_same_renders (paths, expected_first);
  g_clear_pointer (&paths, g_ptr_array_unref);

  g_assert_true (
      puratan_gs_worker_render (worker, second, 1, 1, 36, in_a_minute (), NULL, &paths, &error));
  g_assert_no_error (error);
  assert_same_renders (paths, expected_second);
  g_clear_pointer (&paths, g_ptr_array_unref);

  /* A range inside the file, after the others: numbering starts again at its first page. */
  g_assert_true (
      puratan_gs_worker_render (worker, first, 2, 3, 36, in_a_minute (), NULL, &paths, &error));
  g_assert_no_error (error);
  g_ptr_array_remove_index (expected_first, 0);
  assert_same_renders (paths, expected_first);
  g_assert_cmpuint (puratan_gs_worker_get_n_jobs (worker), ==, 3);
}

static void
test_worker_deadline (void)
{
  g_autofree char *pdf = corpus ("pdfjs/issue6127.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanGsWorker) worker = puratan_gs_worker_new (&error);
  g_autoptr (GPtrArray) paths = NULL;

  g_assert_no_error (error);
  g_assert_false (puratan_gs_worker_render (worker, pdf, 1, 3, 36, g_get_monotonic_time (), NULL,
                                            &paths, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (paths);
}

static void
test_worker_cancelled (void)
{
  g_autofree char *pdf = corpus ("pdfjs/issue6127.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PuratanGsWorker) worker = puratan_gs_worker_new (&error);
  g_autoptr (GPtrArray) paths = NULL;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (puratan_gs_worker_render (worker, pdf, 1, 3, 36, in_a_minute (), cancellable,
                                            &paths, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Damaged files end in an answer, never a hang: a page Ghostscript cannot draw is a
 * renderer error, not an empty render; the next file on a new worker is fine. */
static void
test_worker_damaged_files (void)
{
  const struct
  {
    const char *name;
    gboolean renders;
  } files[] = {
    { "malformed/pdfium-trailer_unterminated.pdf", FALSE },
    { "malformed/qpdf-fuzz-28262.pdf", FALSE },
    { "malformed/qpdf-fuzz-68668.pdf", TRUE }, /* Ghostscript repairs it */
    { "malformed/pdfium-encrypted_hello_world_r6.pdf", FALSE },
  };
  g_autofree char *good = corpus ("pdfjs/issue9949.pdf");
  g_autoptr (GPtrArray) expected = render_with_command_line (good, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *pdf = corpus (files[i].name);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanGsWorker) worker = puratan_gs_worker_new (&error);
      g_autoptr (GPtrArray) paths = NULL;

      g_assert_no_error (error);
      if (files[i].renders)
        {
          g_assert_true (puratan_gs_worker_render (worker, pdf, 1, 1, 36, in_a_minute (), NULL,
                                                   &paths, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (paths->len, ==, 1);
          g_assert_true (g_file_test (g_ptr_array_index (paths, 0), G_FILE_TEST_IS_REGULAR));
        }
      else
        {
          g_assert_false (puratan_gs_worker_render (worker, pdf, 1, 1, 36, in_a_minute (), NULL,
                                                    &paths, &error));
          g_assert_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER);
          g_assert_nonnull (strstr (error->message, "page 1"));
          g_assert_null (paths);
        }
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PuratanGsWorker) worker = puratan_gs_worker_new (&error);
    g_autoptr (GPtrArray) paths = NULL;

    g_assert_true (
        puratan_gs_worker_render (worker, good, 1, 1, 36, in_a_minute (), NULL, &paths, &error));
    g_assert_no_error (error);
    assert_same_renders (paths, expected);
  }
}

static void
test_worker_without_ghostscript (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanGsWorker) worker = NULL;

      g_setenv ("PATH", tmp_dir, TRUE);
      worker = puratan_gs_worker_new (&error);
      g_assert_null (worker);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "Ghostscript (gs) is needed"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* At most the capacity is lent out; a worker given back is lent again. */
static void
test_pool_capacity (void)
{
  guint capacity = puratan_gs_pool_get_capacity ();
  g_autoptr (GPtrArray) lent = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  PuratanGsWorker *again;

  g_assert_cmpuint (capacity, >=, 2);
  for (guint i = 0; i < capacity; i++)
    {
      PuratanGsWorker *worker = puratan_gs_pool_acquire (in_a_minute (), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (worker);
      g_ptr_array_add (lent, worker);
    }
  g_assert_null (puratan_gs_pool_acquire (g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND,
                                          NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);

  puratan_gs_pool_release (g_ptr_array_steal_index (lent, 0), TRUE);
  again = puratan_gs_pool_acquire (in_a_minute (), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_ptr_array_add (lent, again);

  /* A worker given back as broken is stopped, and its place is free for a new one. */
  puratan_gs_pool_release (g_ptr_array_steal_index (lent, 0), FALSE);
  g_ptr_array_add (lent, puratan_gs_pool_acquire (in_a_minute (), NULL, &error));
  g_assert_no_error (error);
  while (lent->len > 0)
    puratan_gs_pool_release (g_ptr_array_steal_index (lent, 0), TRUE);
}

static PuratanPreflightReport *
check (const char *name)
{
  g_autofree char *pdf = corpus (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) profile =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", &error);
  PuratanPreflightReport *report;

  g_assert_no_error (error);
  report = puratan_preflight_run (pdf, profile, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
assert_same_ink (PuratanPreflightReport *a, PuratanPreflightReport *b)
{
  GPtrArray *ink_a = puratan_preflight_report_get_ink (a);
  GPtrArray *ink_b = puratan_preflight_report_get_ink (b);

  g_assert_cmpuint (ink_a->len, ==, ink_b->len);
  for (guint i = 0; i < ink_a->len; i++)
    {
      PuratanPreflightPageInk *pa = g_ptr_array_index (ink_a, i);
      PuratanPreflightPageInk *pb = g_ptr_array_index (ink_b, i);
      GHashTableIter iter;
      gpointer plate, value;

      g_assert_cmpuint (pa->page, ==, pb->page);
      g_assert_cmpfloat (pa->max_percent, ==, pb->max_percent);
      g_assert_cmpuint (g_hash_table_size (pa->channels), ==, 4);
      g_hash_table_iter_init (&iter, pa->channels);
      while (g_hash_table_iter_next (&iter, &plate, &value))
        g_assert_cmpfloat (*(double *) value, ==,
                           *(double *) g_hash_table_lookup (pb->channels, plate));
    }
}

static char *
write_garbage_pdf (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "garbage.pdf", NULL);

  g_assert_true (g_file_set_contents (path, "%PDF-1.7\nthis is not ( a page", -1, NULL));
  return g_steal_pointer (&path);
}

/* A job that Ghostscript fails: its worker is given back broken. */
static void
fail_one_job (void)
{
  g_autofree char *garbage = write_garbage_pdf ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  PuratanGsWorker *worker = puratan_gs_pool_acquire (in_a_minute (), NULL, &error);

  g_assert_no_error (error);
  g_assert_false (
      puratan_gs_worker_render (worker, garbage, 1, 1, 36, in_a_minute (), NULL, &paths, &error));
  g_assert_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER);
  puratan_gs_pool_release (worker, FALSE);
  g_unlink (garbage);
}

/* Fresh workers, warmed-up workers and workers that have just met a damaged file measure
 * the same ink. */
static void
test_pool_warm_and_cold_agree (void)
{
  g_autoptr (PuratanPreflightReport) cold = NULL;
  g_autoptr (PuratanPreflightReport) warm = NULL;
  g_autoptr (PuratanPreflightReport) after_damage = NULL;

  puratan_gs_pool_stop_idle ();
  cold = check ("pdfjs/issue6127.pdf");
  g_assert_cmpuint (puratan_preflight_report_get_ink (cold)->len, ==, 3);

  puratan_gs_pool_stop_idle ();
  puratan_gs_pool_warm_up_sync ();
  g_assert_cmpuint (puratan_gs_pool_get_n_idle (), ==, puratan_gs_pool_get_capacity ());
  warm = check ("pdfjs/issue6127.pdf");
  assert_same_ink (cold, warm);

  fail_one_job ();
  after_damage = check ("pdfjs/issue6127.pdf");
  assert_same_ink (cold, after_damage);
}

int
main (int argc, char **argv)
{
  /* g_get_tmp_dir() keeps its first answer, so nothing may ask it before TMPDIR is set. */
  const char *parent = g_getenv ("TMPDIR");
  g_autofree char *base = g_build_filename (parent != NULL && *parent != '\0' ? parent : "/tmp",
                                            "puratan-gs-test-XXXXXX", NULL);
  int status;

  g_assert_nonnull (g_mkdtemp (base));
  tmp_dir = g_build_filename (base, "odd (dir) 100% \\ name", NULL);
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmp_dir);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preflight/gs-worker/matches-command-line", test_worker_matches_command_line);
  g_test_add_func ("/preflight/gs-worker/deadline", test_worker_deadline);
  g_test_add_func ("/preflight/gs-worker/cancelled", test_worker_cancelled);
  g_test_add_func ("/preflight/gs-worker/damaged-files", test_worker_damaged_files);
  g_test_add_func ("/preflight/gs-worker/without-ghostscript", test_worker_without_ghostscript);
  g_test_add_func ("/preflight/gs-pool/capacity", test_pool_capacity);
  g_test_add_func ("/preflight/gs-pool/warm-and-cold-agree", test_pool_warm_and_cold_agree);

  status = g_test_run ();
  /* Stopped workers leave nothing behind: their folders are gone, so these are empty. */
  puratan_gs_pool_stop_idle ();
  g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
  g_assert_cmpint (g_rmdir (base), ==, 0);
  g_free (tmp_dir);
  return status;
}
