/* puratan-preflight.c: checking a PDF before it is printed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run: qpdf opens the file and reads the page boxes; the separations renderer is
 * started on its own thread (it keeps the process's Ghostscript workers, one per core,
 * busy with page ranges); meanwhile
 * this thread reads each page's content, checks it and drops it, so a long file is never
 * held whole; last the ink measurement is joined and checked. Poppler is only needed for
 * the annotated previews.
 */
#include "puratan-preflight.h"
#include "puratan-gs-pool-private.h"
#include "puratan-ink-coverage-private.h"
#include "puratan-pdf-reader-private.h"
#include "puratan-preflight-checks-private.h"
#include "puratan-preflight-poppler-private.h"
#include "puratan-preflight-report-private.h"
#include "puratan-rgb-ink-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#define RUN_TIMEOUT_SECONDS   300.0
#define PAGES_PER_RUN         64
#define COLD_SINGLE_RUN_PAGES 4

G_DEFINE_QUARK (puratan - preflight - error - quark, puratan_preflight_error)

/* Ranges are split evenly over the workers, so each core gets its share of a file; a range
 * is at most PAGES_PER_RUN pages, so a long file's renders on disk stay bounded. A worker
 * that has still to start costs about 0.2 s of CPU before its first page (interpreter,
 * colour links, substitute fonts): more than a few pages take, so a short file is given to
 * a single worker unless the workers are already running. */
static guint
pages_per_run (guint n_pages, guint n_workers)
{
  if (n_pages <= COLD_SINGLE_RUN_PAGES && puratan_gs_pool_get_n_idle () < n_workers)
    return n_pages;
  return CLAMP ((n_pages + n_workers - 1) / n_workers, 1, PAGES_PER_RUN);
}

typedef struct
{
  PuratanInkJob job;
  GArray *boxes;
  GArray *rotate;
  GCancellable *cancellable;
  GPtrArray *pages; /* result */
  GError *error;
} InkThread;

static gpointer
ink_thread (gpointer data)
{
  InkThread *t = data;
  t->pages = puratan_ink_measure (&t->job, t->cancellable, &t->error);
  return NULL;
}

static void
add_spots (GPtrArray *names, GArray *first, const PuratanPageFacts *f)
{
  for (guint i = 0; i < f->spots->len; i++)
    {
      const char *name = g_ptr_array_index (f->spots, i);
      gboolean known = FALSE;
      for (guint j = 0; j < names->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (names, j), name);
      if (!known && names->len < 64)
        {
          g_ptr_array_add (names, g_strdup (name));
          g_array_append_val (first, f->number);
        }
    }
}

/* A page whose colour is all RGB or gray: its ink depends on the press profile. */
static gboolean
is_rgb_page (const PuratanPageFacts *f)
{
  guint32 rgb = PURATAN_CS_RGB | PURATAN_CS_ICC_RGB;
  guint32 cmyk = PURATAN_CS_CMYK | PURATAN_CS_ICC_CMYK | PURATAN_CS_SEPARATION |
                 PURATAN_CS_DEVICEN | PURATAN_CS_LAB;
  return (f->color_families & rgb) != 0 && (f->color_families & cmyk) == 0 && !f->scan_failed;
}

/* Ghostscript converts RGB with its default profiles. RGB pages whose reading comes near
 * the limit are measured again through the press profile (the color layer), which is what
 * the press will really lay down. */
static void
measure_rgb_pages (const char *path,
                   PuratanPreflightProfile *profile,
                   GArray *rgb_pages,
                   GPtrArray *ink_pages,
                   double near_limit)
{
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) measured = NULL;
  g_autofree char *condition = NULL;

  for (guint i = 0; ink_pages != NULL && i < rgb_pages->len; i++)
    {
      guint number = g_array_index (rgb_pages, guint, i);
      PuratanPreflightPageInk *page = g_ptr_array_index (ink_pages, number - 1);
      if (page->max_percent > near_limit)
        g_array_append_val (near, number);
    }
  if (near->len == 0)
    return;
  measured = puratan_rgb_ink_measure (
      path, near, puratan_preflight_profile_get_press_condition (profile), &condition, NULL);
  for (guint i = 0; measured != NULL && i < measured->len; i++)
    {
      PuratanRgbInk *m = &g_array_index (measured, PuratanRgbInk, i);
      PuratanPreflightPageInk *page = g_ptr_array_index (ink_pages, m->page - 1);
      page->max_percent = m->max_percent;
      memcpy (page->bbox, m->bbox, sizeof page->bbox);
      page->method = g_strconcat ("press-profile ", condition, NULL);
    }
}

static void
add_fonts (GHashTable *seen,
           PuratanPreflightReport *report,
           PuratanPreflightProfile *profile,
           const PuratanPageFacts *f)
{
  PuratanPreflightSeverity sev = puratan_preflight_profile_get_severity (profile, "fonts-embedded");

  for (guint i = 0; i < f->fonts->len && g_hash_table_size (seen) < 4096; i++)
    {
      const char *label = g_ptr_array_index (f->fonts, i);
      if (!g_hash_table_add (seen, g_strdup (label)))
        continue;
      puratan_preflight_report_add (report, "fonts-embedded", sev, f->number, NULL,
                                    "The font %s on page %u is not embedded, so the printer "
                                    "would substitute another font — embed all fonts when you "
                                    "export the PDF",
                                    label, f->number);
    }
}

/* qpdf refuses a file whose encryption dictionary is broken as if it needed a password;
 * when Poppler opens it without one, say that the security settings are damaged. */
static PuratanPdfReader *
open_reader (const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  PuratanPdfReader *reader = puratan_pdf_reader_open (path, &local);

  if (reader == NULL &&
      g_error_matches (local, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_ENCRYPTED))
    {
      g_autoptr (PuratanPopplerDoc) doc = puratan_poppler_doc_open (path, NULL);
      if (doc != NULL)
        {
          g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                       "The PDF's security settings are damaged (it opens without a password in "
                       "some viewers, but not reliably), so it cannot be checked or printed; "
                       "save it again without security");
          return NULL;
        }
    }
  if (reader == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return reader;
}

/**
 * puratan_preflight_run:
 * @path: the PDF to check
 * @profile: the profile to check it against
 * @cancellable: (nullable): stops the check
 * @error: return location for a #PURATAN_PREFLIGHT_ERROR
 *
 * Checks @path against @profile. Blocks for as long as the check takes (about a second
 * for a typical multi-page file, at most five minutes); call the async variant from a
 * UI thread. A damaged file that can be read in part gives a partial report with
 * "pdf-syntax" findings.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when the file cannot be
 *   checked at all (not a PDF, password protected, renderer missing, time limit)
 */
PuratanPreflightReport *
puratan_preflight_run (const char *path,
                       PuratanPreflightProfile *profile,
                       GCancellable *cancellable,
                       GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PuratanPdfReader) reader = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GPtrArray) spots = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) spot_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) rgb_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) used_fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const PuratanDocFacts *doc;
  PuratanScanLimits limits;
  InkThread ink = { 0 };
  GThread *thread = NULL;
  gboolean measure_ink;
  double largest = 1; /* the largest printed page, in square inches */

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  reader = open_reader (path, error);
  if (reader == NULL)
    return NULL;
  doc = puratan_pdf_reader_get_doc_facts (reader);
  report = puratan_preflight_report_new (path, profile);
  puratan_preflight_report_set_n_pages (report, doc->n_pages);
  puratan_preflight_scan_limits (profile, &limits);

  measure_ink = puratan_preflight_profile_get_severity (profile, "total-ink-coverage") !=
                PURATAN_PREFLIGHT_SEVERITY_OFF;
  if (measure_ink)
    {
      ink.boxes = g_array_sized_new (FALSE, TRUE, sizeof (PuratanRect), doc->n_pages);
      ink.rotate = g_array_sized_new (FALSE, TRUE, sizeof (int), doc->n_pages);
      for (guint n = 1; n <= doc->n_pages; n++)
        {
          PuratanRect box;
          int rotate;
          puratan_pdf_reader_page_geometry (reader, n, &box, &rotate);
          g_array_append_val (ink.boxes, box);
          largest = MAX (largest, (box.x1 - box.x0) * (box.y1 - box.y0) / (72.0 * 72.0));
          g_array_append_val (ink.rotate, rotate);
        }
      ink.job = (PuratanInkJob){
        .pdf_path = path,
        .n_pages = doc->n_pages,
        .boxes = (const PuratanRect *) (void *) ink.boxes->data,
        .rotate = (const int *) (void *) ink.rotate->data,
        .dpi = MIN (PURATAN_INK_DEFAULT_DPI, sqrt (PURATAN_INK_MAX_PIXELS / largest)),
        .recheck_dpi = MIN (PURATAN_INK_RECHECK_DPI, sqrt (PURATAN_INK_MAX_PIXELS / largest)),
        .recheck_above = MAX (1, puratan_preflight_profile_get_number (
                                     profile, "total-ink-coverage", "max-percent", 320) -
                                     PURATAN_INK_RECHECK_MARGIN),
        .area_mm =
            puratan_preflight_profile_get_number (profile, "total-ink-coverage", "area-mm", 15),
        .n_workers = puratan_gs_pool_get_capacity (),
        .pages_per_run = pages_per_run (doc->n_pages, puratan_gs_pool_get_capacity ()),
        .timeout_seconds = RUN_TIMEOUT_SECONDS,
      };
      ink.cancellable = cancellable;
      thread = g_thread_new ("preflight-ink", ink_thread, &ink);
    }
  g_debug ("preflight: %s opened, renderer started after %.3f s", path,
           (g_get_monotonic_time () - start) / 1e6);

  puratan_preflight_check_document (report, profile, doc);
  for (guint n = 1; n <= doc->n_pages && !g_cancellable_is_cancelled (cancellable); n++)
    {
      g_autoptr (PuratanPageFacts) facts = puratan_pdf_reader_scan_page (reader, n, &limits);
      puratan_preflight_check_page (report, profile, facts);
      add_spots (spots, spot_pages, facts);
      add_fonts (used_fonts, report, profile, facts);
      if (is_rgb_page (facts))
        g_array_append_val (rgb_pages, facts->number);
    }
  /* Damage met while reading pages is reported once, with the document. */
  puratan_preflight_check_document_damage (report, profile, doc);
  puratan_preflight_check_spots (report, profile, spots, spot_pages);

  g_debug ("preflight: structure and content checked after %.3f s",
           (g_get_monotonic_time () - start) / 1e6);
  if (thread != NULL)
    {
      g_thread_join (thread);
      g_debug ("preflight: ink measured after %.3f s", (g_get_monotonic_time () - start) / 1e6);
      measure_rgb_pages (path, profile, rgb_pages, ink.pages, ink.job.recheck_above);
      if (ink.error != NULL && !g_error_matches (ink.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          puratan_preflight_report_set_incomplete (report);
          puratan_preflight_report_add (
              report, "pdf-syntax", puratan_preflight_profile_get_severity (profile, "pdf-syntax"),
              0, NULL, "%s; ink coverage was not checked — export the PDF again",
              ink.error->message);
        }
      for (guint i = 0; ink.pages != NULL && i < ink.pages->len; i++)
        {
          PuratanPreflightPageInk *page = g_ptr_array_index (ink.pages, i);
          puratan_preflight_check_ink (report, profile, page);
        }
      if (ink.pages != NULL)
        {
          while (ink.pages->len > 0)
            puratan_preflight_report_add_ink (report, g_ptr_array_steal_index (ink.pages, 0));
          g_ptr_array_unref (ink.pages);
        }
      g_debug ("preflight: ink checked after %.3f s", (g_get_monotonic_time () - start) / 1e6);
      g_clear_error (&ink.error);
      g_array_unref (ink.boxes);
      g_array_unref (ink.rotate);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  puratan_preflight_report_finish (report, (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&report);
}

typedef struct
{
  char *path;
  PuratanPreflightProfile *profile;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->path);
  puratan_preflight_profile_unref (data->profile);
  g_free (data);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  PuratanPreflightReport *report =
      puratan_preflight_run (data->path, data->profile, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) puratan_preflight_report_unref);
}

/**
 * puratan_preflight_run_async:
 * @path: the PDF to check
 * @profile: the profile to check it against; a reference is kept until the check ends
 * @cancellable: (nullable): stops the check
 * @callback: called in the thread-default main context of the caller when done
 * @user_data: data for @callback
 *
 * Checks @path on a worker thread. Finish with puratan_preflight_run_finish().
 */
void
puratan_preflight_run_async (const char *path,
                             PuratanPreflightProfile *profile,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (profile != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_preflight_run_async);
  data = g_new0 (RunData, 1);
  data->path = g_strdup (path);
  data->profile = puratan_preflight_profile_ref (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * puratan_preflight_run_finish:
 * @result: the result passed to the callback
 * @error: return location for a #PURATAN_PREFLIGHT_ERROR
 *
 * Returns: (transfer full) (nullable): the report, as from puratan_preflight_run()
 */
PuratanPreflightReport *
puratan_preflight_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * puratan_preflight_annotate:
 * @report: a report on @path
 * @path: the PDF the report is about
 * @directory: where to write the images; created when missing
 * @error: return location for an error
 *
 * Writes page-NNN.png for every page that has findings, with the located problems
 * outlined: red for errors, orange for warnings, blue for notes.
 *
 * Returns: %TRUE when every image was written
 */
gboolean
puratan_preflight_annotate (PuratanPreflightReport *report,
                            const char *path,
                            const char *directory,
                            GError **error)
{
  g_autoptr (PuratanPopplerDoc) doc = NULL;
  GPtrArray *findings;
  guint n_pages;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && directory != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create the folder %s: %s", directory, g_strerror (errno));
      return FALSE;
    }
  doc = puratan_poppler_doc_open (path, error);
  if (doc == NULL)
    return FALSE;
  n_pages = puratan_poppler_doc_get_n_pages (doc);
  findings = puratan_preflight_report_get_findings (report);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *name = NULL;
      g_autofree char *png = NULL;
      gboolean any = FALSE;

      for (guint i = 0; i < findings->len && !any; i++)
        any = ((PuratanPreflightFinding *) g_ptr_array_index (findings, i))->page == page;
      if (!any)
        continue;
      name = g_strdup_printf ("page-%03u.png", page);
      png = g_build_filename (directory, name, NULL);
      if (!puratan_poppler_doc_annotate_page (doc, page, findings, NULL, png, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * puratan_preflight_warm_up:
 *
 * Starts the separations renderer's workers (one Ghostscript process per core) in the
 * background and has each render a small built-in page, so the first check of a session
 * does not pay their start-up. Returns at once. Programs that check many files (the
 * studio, the server) call it when they start; a one-off check does not need it.
 */
void
puratan_preflight_warm_up (void)
{
  puratan_gs_pool_warm_up ();
}
