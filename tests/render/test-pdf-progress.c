/* test-pdf-progress.c: progress and cancel of the print PDF export
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "render-fixtures.h"

#define N_PAGES 3

/* The Hindi card with two more pages of the same items: three pages and two fonts. */
static PuratanDocument *
three_page_card (void)
{
  PuratanDocument *doc = fixture_hindi_card ();
  const PuratanDocPage *first = puratan_document_get_page (doc, 0);
  g_autoptr (GError) error = NULL;

  for (guint p = 1; p < N_PAGES; p++)
    {
      g_assert_cmpuint (puratan_document_add_page (doc, first->width, first->height, first->bleed,
                                                   first->safe, &error),
                        ==, p);
      g_assert_no_error (error);
      first = puratan_document_get_page (doc, 0);
      for (guint i = 0; i < first->items->len; i++)
        {
          PuratanDocItem *copy = puratan_doc_item_copy (first->items->pdata[i]);

          g_clear_pointer (&copy->id, g_free);
          g_assert_nonnull (puratan_document_add_item (doc, p, copy, &error));
          g_assert_no_error (error);
          first = puratan_document_get_page (doc, 0);
        }
    }
  return doc;
}

static void
init_options (PuratanPdfOptions *options, GDateTime *date)
{
  puratan_pdf_options_init (options);
  options->date = date;
}

typedef struct
{
  GArray *fractions; /* double */
  GCancellable *cancellable;
  guint cancel_at;  /* cancel at this report (1-based); 0 never */
  GThread *thread;  /* the thread reports must arrive on */
  gboolean done;    /* the async callback ran */
  gboolean late;    /* a report arrived after the callback */
  guint n_notified; /* times the progress data was freed */
  GAsyncResult *result;
} Recorder;

static void
recorder_init (Recorder *rec)
{
  memset (rec, 0, sizeof *rec);
  rec->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  rec->cancellable = g_cancellable_new ();
  rec->thread = g_thread_self ();
}

static void
recorder_clear (Recorder *rec)
{
  g_array_unref (rec->fractions);
  g_object_unref (rec->cancellable);
  g_clear_object (&rec->result);
}

static void
record (double fraction, gpointer user_data)
{
  Recorder *rec = user_data;

  g_assert_true (g_thread_self () == rec->thread);
  if (rec->done)
    rec->late = TRUE;
  g_array_append_val (rec->fractions, fraction);
  if (rec->cancel_at != 0 && rec->fractions->len == rec->cancel_at)
    g_cancellable_cancel (rec->cancellable);
}

static void
recorder_notify (gpointer user_data)
{
  Recorder *rec = user_data;

  g_assert_false (rec->done);
  rec->n_notified++;
}

static void
assert_monotonic (GArray *fractions)
{
  g_assert_cmpuint (fractions->len, >, 0);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    {
      g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                         g_array_index (fractions, double, i - 1));
      g_assert_cmpfloat (g_array_index (fractions, double, i), <=, 1.0);
    }
}

/* Progress rises from 0 to 1, once per page and per font, and changes nothing in the PDF. */
static void
test_progress (void)
{
  g_autoptr (PuratanDocument) doc = three_page_card ();
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 3, 14, 10, 30, 0);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  PuratanPdfOptions options;
  Recorder rec;

  init_options (&options, date);
  expected = puratan_pdf_export (doc, &options, &error);
  g_assert_no_error (error);

  recorder_init (&rec);
  pdf = puratan_pdf_export_full (doc, &options, rec.cancellable, record, &rec, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, expected));
  assert_monotonic (rec.fractions);
  /* The start, each page, at least one font and the end. */
  g_assert_cmpuint (rec.fractions->len, >=, 1 + N_PAGES + 1 + 1);
  g_assert_cmpfloat (g_array_index (rec.fractions, double, rec.fractions->len - 1), ==, 1.0);
  g_assert_cmpfloat (g_array_index (rec.fractions, double, rec.fractions->len - 2), <, 1.0);
  recorder_clear (&rec);
}

/* A cancel at any report but the last stops the export and leaves no file. */
static void
test_cancel_to_file (void)
{
  g_autoptr (PuratanDocument) doc = three_page_card ();
  g_autofree char *dir = g_dir_make_tmp ("pdf-cancel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "card.pdf", NULL);
  g_autoptr (GError) error = NULL;
  guint n_reports;
  Recorder rec;

  g_assert_nonnull (dir);
  recorder_init (&rec);
  g_assert_true (puratan_pdf_export_to_file_full (doc, NULL, path, NULL, record, &rec, &error));
  g_assert_no_error (error);
  n_reports = rec.fractions->len;
  g_assert_cmpfloat (g_array_index (rec.fractions, double, n_reports - 1), ==, 1.0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  recorder_clear (&rec);

  for (guint at = 1; at < n_reports; at++)
    {
      recorder_init (&rec);
      rec.cancel_at = at;
      g_assert_false (
          puratan_pdf_export_to_file_full (doc, NULL, path, rec.cancellable, record, &rec, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* It stopped at the next step: no report came after the cancel. */
      g_assert_cmpuint (rec.fractions->len, ==, at);
      recorder_clear (&rec);
    }

  /* Cancelled before it starts: no report at all. */
  recorder_init (&rec);
  g_cancellable_cancel (rec.cancellable);
  g_assert_null (puratan_pdf_export_full (doc, NULL, rec.cancellable, record, &rec, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (rec.fractions->len, ==, 0);
  recorder_clear (&rec);
  g_rmdir (dir);
}

static void
on_file_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Recorder *rec = user_data;

  g_assert_true (g_thread_self () == rec->thread);
  rec->done = TRUE;
  rec->result = g_object_ref (result);
}

static void
run_until_done (Recorder *rec)
{
  while (!rec->done)
    g_main_context_iteration (NULL, TRUE);
  /* Anything still queued would run now, and be caught as late. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* On a worker: reports on the caller's main context, in order, all before the callback. */
static void
test_to_file_async (void)
{
  g_autoptr (PuratanDocument) doc = three_page_card ();
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 3, 14, 10, 30, 0);
  g_autofree char *dir = g_dir_make_tmp ("pdf-async-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "card.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  gsize length = 0;
  PuratanPdfOptions options;
  Recorder rec;

  init_options (&options, date);
  expected = puratan_pdf_export (doc, &options, &error);
  g_assert_no_error (error);

  recorder_init (&rec);
  puratan_pdf_export_to_file_async (doc, &options, file, rec.cancellable, record, &rec,
                                    recorder_notify, on_file_exported, &rec);
  /* The export works on a copy: this change is not in it. */
  g_assert_true (puratan_document_remove_item (doc, 0, "name", &error));
  run_until_done (&rec);
  g_assert_true (puratan_pdf_export_to_file_finish (rec.result, &error));
  g_assert_no_error (error);
  g_assert_false (rec.late);
  g_assert_cmpuint (rec.n_notified, ==, 1);
  assert_monotonic (rec.fractions);
  g_assert_cmpuint (rec.fractions->len, >=, 1 + N_PAGES + 1 + 1);
  g_assert_cmpfloat (g_array_index (rec.fractions, double, rec.fractions->len - 1), ==, 1.0);
  g_assert_true (g_file_get_contents (path, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_true (fixture_run (NULL, "qpdf", "--check", path, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  recorder_clear (&rec);

  /* Cancelled from the progress function after the first page: no file. */
  for (guint at = 2; at <= 3; at++)
    {
      recorder_init (&rec);
      rec.cancel_at = at;
      puratan_pdf_export_to_file_async (doc, &options, file, rec.cancellable, record, &rec,
                                        recorder_notify, on_file_exported, &rec);
      run_until_done (&rec);
      g_assert_false (puratan_pdf_export_to_file_finish (rec.result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_false (rec.late);
      g_assert_cmpuint (rec.n_notified, ==, 1);
      g_assert_cmpfloat (g_array_index (rec.fractions, double, rec.fractions->len - 1), <, 1.0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      recorder_clear (&rec);
    }
  g_rmdir (dir);
}

/* A folder that cannot be written to, and a file not on this computer, fail clearly. */
static void
test_to_file_async_refused (void)
{
  g_autoptr (PuratanDocument) doc = fixture_hindi_card ();
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent-folder/card.pdf");
  g_autoptr (GFile) remote = g_file_new_for_uri ("http://example.invalid/card.pdf");
  g_autoptr (GError) error = NULL;
  Recorder rec;

  recorder_init (&rec);
  puratan_pdf_export_to_file_async (doc, NULL, missing, NULL, record, &rec, recorder_notify,
                                    on_file_exported, &rec);
  run_until_done (&rec);
  g_assert_false (puratan_pdf_export_to_file_finish (rec.result, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Cannot write the PDF: "));
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder"));
  g_clear_error (&error);
  g_assert_cmpuint (rec.n_notified, ==, 1);
  g_assert_false (rec.late);
  recorder_clear (&rec);

  recorder_init (&rec);
  puratan_pdf_export_to_file_async (doc, NULL, remote, NULL, record, &rec, recorder_notify,
                                    on_file_exported, &rec);
  run_until_done (&rec);
  g_assert_false (puratan_pdf_export_to_file_finish (rec.result, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "http://example.invalid/card.pdf"));
  g_assert_cmpuint (rec.fractions->len, ==, 0);
  g_assert_cmpuint (rec.n_notified, ==, 1);
  recorder_clear (&rec);
}

/* The in-memory export on a worker honours its cancellable too. */
static void
test_async_cancelled (void)
{
  g_autoptr (PuratanDocument) doc = three_page_card ();
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  Recorder rec;

  recorder_init (&rec);
  g_cancellable_cancel (rec.cancellable);
  puratan_pdf_export_async (doc, NULL, rec.cancellable, on_file_exported, &rec);
  run_until_done (&rec);
  pdf = puratan_pdf_export_finish (rec.result, &error);
  g_assert_null (pdf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  recorder_clear (&rec);
}

void
fixture_add_progress_tests (void)
{
  g_test_add_func ("/render/pdf/progress", test_progress);
  g_test_add_func ("/render/pdf/cancel-to-file", test_cancel_to_file);
  g_test_add_func ("/render/pdf/to-file-async", test_to_file_async);
  g_test_add_func ("/render/pdf/to-file-async-refused", test_to_file_async_refused);
  g_test_add_func ("/render/pdf/async-cancelled", test_async_cancelled);
}
