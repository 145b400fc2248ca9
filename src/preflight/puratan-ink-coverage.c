/* puratan-ink-coverage.c: total ink measured on a CMYK render
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler renders RGB only, which hides the ink a file really asks for. Ghostscript's
 * pamcmyk32 device renders every page as 8-bit CMYK from the file's own CMYK values
 * (DeviceCMYK passes through untouched; spot colours go through their alternate space,
 * as Ghostscript's inkcov and ink_cov devices do). Ghostscript runs in the process's
 * long-lived workers (puratan-gs-pool.c), with -dSAFER and a time limit, over ranges of
 * pages, one range per worker at a time on all cores; each range's pages are read and
 * deleted before its worker takes the next, so disk and memory stay bounded whatever the
 * page count.
 *
 * Only the BleedBox is rendered (-dUseBleedBox): printer's marks and colour bars in the
 * slug outside it are cut off and must not count.
 *
 * Per page we report each plate's average and the highest total ink over any square of
 * the profile's area (GWG: 15 mm), found with a summed-area table. The separating tiffsep
 * device would keep spot plates apart, but costs about 60 % more Ghostscript time.
 */
#include "puratan-ink-coverage-private.h"
#include "puratan-gs-pool-private.h"
#include "puratan-preflight-error.h"
#include "puratan-preflight-report-private.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

typedef struct
{
  guint first, last; /* 1-based, inclusive */
  double dpi;
} Range;

/* One measurement over a list of ranges, shared by the threads that drive the workers. */
typedef struct
{
  const PuratanInkJob *job;
  GArray *ranges;
  GPtrArray *by_page; /* each thread writes only the pages of its own ranges */
  gint next;          /* index of the next range to take, atomic */
  gint64 deadline;
  GCancellable *cancellable; /* the caller's, or one cancelled when a range fails */
  GMutex lock;
  GError *error; /* the first failure, under @lock */
} Measure;

/* Reads a PAM file (netpbm P7) with TUPLTYPE CMYK and 8-bit samples: @sum gets the total
 * ink per pixel (0 to 1020) and @avg the average of each plate in percent. */
static gboolean
read_pam (const char *path, guint16 **sum, guint32 *width, guint32 *height, double avg[4])
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *p, *end, *body = NULL;
  guint64 w = 0, h = 0, depth = 0, maxval = 0;
  guint64 totals[4] = { 0 };

  if (!g_file_get_contents (path, &data, &len, NULL) || len < 3 || strncmp (data, "P7\n", 3) != 0)
    return FALSE;
  end = data + len;
  for (p = data + 3; p < end && body == NULL;)
    {
      const char *eol = memchr (p, '\n', (size_t) (end - p));
      if (eol == NULL)
        return FALSE;
      if (g_str_has_prefix (p, "WIDTH "))
        w = g_ascii_strtoull (p + 6, NULL, 10);
      else if (g_str_has_prefix (p, "HEIGHT "))
        h = g_ascii_strtoull (p + 7, NULL, 10);
      else if (g_str_has_prefix (p, "DEPTH "))
        depth = g_ascii_strtoull (p + 6, NULL, 10);
      else if (g_str_has_prefix (p, "MAXVAL "))
        maxval = g_ascii_strtoull (p + 7, NULL, 10);
      else if (g_str_has_prefix (p, "ENDHDR"))
        body = eol + 1;
      p = eol + 1;
    }
  if (body == NULL || depth != 4 || maxval != 255 || w == 0 || h == 0 || w * h > 64 * 1024 * 1024 ||
      (guint64) (end - body) < w * h * 4)
    return FALSE;

  *width = (guint32) w;
  *height = (guint32) h;
  *sum = g_new (guint16, w * h);
  for (guint64 i = 0; i < w * h; i++)
    {
      const guchar *px = (const guchar *) body + i * 4;
      (*sum)[i] = (guint16) (px[0] + px[1] + px[2] + px[3]);
      for (int c = 0; c < 4; c++)
        totals[c] += px[c];
    }
  for (int c = 0; c < 4; c++)
    avg[c] = (double) totals[c] / ((double) w * h * 255.0) * 100.0;
  return TRUE;
}

/* The highest mean over any @side × @side window; its top-left corner goes to @bx, @by. */
static double
max_window (const guint16 *sum, guint32 w, guint32 h, guint32 side, guint32 *bx, guint32 *by)
{
  g_autofree guint64 *sat = g_new0 (guint64, (gsize) (w + 1) * (h + 1));
  double best = 0;

  for (guint32 y = 0; y < h; y++)
    {
      guint64 row = 0;
      for (guint32 x = 0; x < w; x++)
        {
          row += sum[(gsize) y * w + x];
          sat[(gsize) (y + 1) * (w + 1) + x + 1] = sat[(gsize) y * (w + 1) + x + 1] + row;
        }
    }
  *bx = *by = 0;
  for (guint32 y = 0; y + side <= h; y++)
    for (guint32 x = 0; x + side <= w; x++)
      {
        guint64 a = sat[(gsize) y * (w + 1) + x];
        guint64 b = sat[(gsize) y * (w + 1) + x + side];
        guint64 c = sat[(gsize) (y + side) * (w + 1) + x];
        guint64 d = sat[(gsize) (y + side) * (w + 1) + x + side];
        double mean = (double) (d + a - b - c) / ((double) side * side);
        if (mean > best)
          {
            best = mean;
            *bx = x;
            *by = y;
          }
      }
  return best / 255.0 * 100.0;
}

/* Maps a rectangle in rendered points (origin top-left) to PDF points on the page. */
static void
to_pdf (
    const PuratanRect *m, int rotate, double u0, double v0, double u1, double v1, PuratanRect *r)
{
  switch (((rotate % 360) + 360) % 360)
    {
      case 90:
        *r = (PuratanRect){ m->x0 + v0, m->y0 + u0, m->x0 + v1, m->y0 + u1 };
        break;
      case 180:
        *r = (PuratanRect){ m->x1 - u1, m->y0 + v0, m->x1 - u0, m->y0 + v1 };
        break;
      case 270:
        *r = (PuratanRect){ m->x1 - v1, m->y1 - u1, m->x1 - v0, m->y1 - u0 };
        break;
      default:
        *r = (PuratanRect){ m->x0 + u0, m->y1 - v1, m->x0 + u1, m->y1 - v0 };
        break;
    }
}

static PuratanPreflightPageInk *
measure_page (const PuratanInkJob *job, const char *path, guint page, double dpi)
{
  static const char *const plates[] = { "Cyan", "Magenta", "Yellow", "Black" };
  g_autofree guint16 *sum = NULL;
  guint32 w = 0, h = 0, side, bx, by;
  double avg[4], pt = 72.0 / dpi;
  PuratanPreflightPageInk *ink;
  PuratanRect r;

  ink = g_new0 (PuratanPreflightPageInk, 1);
  ink->page = page;
  ink->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_pam (path, &sum, &w, &h, avg))
    return ink;
  for (int c = 0; c < 4; c++)
    g_hash_table_insert (ink->channels, g_strdup (plates[c]), g_memdup2 (&avg[c], sizeof (double)));
  side = (guint32) MAX (1.0, round (job->area_mm / 25.4 * dpi));
  side = MIN (side, MIN (w, h));
  ink->max_percent = max_window (sum, w, h, side, &bx, &by);
  to_pdf (&job->boxes[page - 1], job->rotate[page - 1], bx * pt, by * pt, (bx + side) * pt,
          (by + side) * pt, &r);
  ink->bbox[0] = r.x0;
  ink->bbox[1] = r.y0;
  ink->bbox[2] = r.x1;
  ink->bbox[3] = r.y1;
  return ink;
}

static void
fail (Measure *m, GError *error)
{
  g_mutex_lock (&m->lock);
  if (m->error == NULL)
    m->error = g_steal_pointer (&error);
  g_mutex_unlock (&m->lock);
  g_clear_error (&error);
  g_cancellable_cancel (m->cancellable);
}

/* Renders one range on a worker and measures its pages; returns the worker's fitness. */
static gboolean
measure_range (Measure *m, PuratanGsWorker *worker, const Range *range, GError **error)
{
  g_autoptr (GPtrArray) renders = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!puratan_gs_worker_render (worker, m->job->pdf_path, range->first, range->last, range->dpi,
                                 m->deadline, m->cancellable, &renders, error))
    return FALSE;
  for (guint p = range->first; p <= range->last; p++)
    {
      const char *render = g_ptr_array_index (renders, p - range->first);
      PuratanPreflightPageInk *ink = measure_page (m->job, render, p, range->dpi);
      puratan_preflight_page_ink_free (m->by_page->pdata[p - 1]);
      m->by_page->pdata[p - 1] = ink;
    }
  g_debug ("ink: pages %u to %u at %g ppi measured in %.3f s", range->first, range->last,
           range->dpi, (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* Takes ranges until none are left or one fails. */
static gpointer
measure_thread (gpointer data)
{
  Measure *m = data;

  for (;;)
    {
      guint index = (guint) g_atomic_int_add (&m->next, 1);
      GError *error = NULL;
      PuratanGsWorker *worker;
      gboolean ok;

      if (index >= m->ranges->len || g_cancellable_is_cancelled (m->cancellable))
        return NULL;
      worker = puratan_gs_pool_acquire (m->deadline, m->cancellable, &error);
      if (worker == NULL)
        {
          fail (m, error);
          return NULL;
        }
      ok = measure_range (m, worker, &g_array_index (m->ranges, Range, index), &error);
      puratan_gs_pool_release (worker, ok);
      if (!ok)
        {
          fail (m, error);
          return NULL;
        }
    }
}

/* The error to report for a failed measurement, in the preflight domain. */
static void
propagate_failure (Measure *m, GCancellable *caller, GError **error)
{
  if (g_cancellable_is_cancelled (caller))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Preflight was cancelled");
  else if (g_error_matches (m->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_TIMEOUT,
                 "Measuring ink coverage took longer than %.0f s", m->job->timeout_seconds);
  else if (m->error->domain == PURATAN_PREFLIGHT_ERROR)
    g_propagate_error (error, g_steal_pointer (&m->error));
  else
    g_set_error_literal (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
                         m->error->message);
  g_clear_error (&m->error);
}

static void
forward_cancel (GCancellable *caller, gpointer stop)
{
  g_cancellable_cancel (stop);
}

/* Measures @ranges on up to n_workers workers at once and stores each page in @by_page
 * (index page - 1), replacing an earlier measurement. */
static gboolean
run_ranges (const PuratanInkJob *job,
            GArray *ranges,
            GPtrArray *by_page,
            gint64 deadline,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GCancellable) stop = g_cancellable_new ();
  Measure m = { job, ranges, by_page, 0, deadline, stop, { 0 }, NULL };
  guint n_threads = MIN (MAX (job->n_workers, 1), ranges->len);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  gulong forward = 0;

  if (cancellable != NULL)
    forward = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel), g_object_ref (stop),
                                     g_object_unref);
  g_mutex_init (&m.lock);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("preflight-ink", measure_thread, &m);
  measure_thread (&m);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, forward);
  g_mutex_clear (&m.lock);

  if (m.error == NULL && g_cancellable_is_cancelled (cancellable))
    m.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Preflight was cancelled");
  if (m.error == NULL)
    return TRUE;
  propagate_failure (&m, cancellable, error);
  return FALSE;
}

/**
 * puratan_ink_measure:
 * @job: the file, its page geometry and the measuring parameters
 * @cancellable: (nullable): cancels the measurement
 * @error: return location for a #PURATAN_PREFLIGHT_ERROR
 *
 * Measures every page of the file at @job->dpi; pages whose highest area reads above
 * @job->recheck_above percent are measured again at @job->recheck_dpi, because a coarse
 * render over-reads thin text and hairlines.
 *
 * Returns: (transfer full) (element-type PuratanPreflightPageInk) (nullable): one entry
 *   per page in page order, or %NULL when Ghostscript is missing, fails or times out
 */
GPtrArray *
puratan_ink_measure (const PuratanInkJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  gint64 deadline;
  guint step;

  g_return_val_if_fail (job != NULL && job->n_pages > 0, NULL);

  deadline = g_get_monotonic_time () + (gint64) (job->timeout_seconds * G_TIME_SPAN_SECOND);
  step = MAX (job->pages_per_run, 1);
  pages = g_ptr_array_new_full (job->n_pages, (GDestroyNotify) puratan_preflight_page_ink_free);
  g_ptr_array_set_size (pages, (gint) job->n_pages);

  for (guint first = 1; first <= job->n_pages; first += step)
    {
      Range r = { first, MIN (job->n_pages, first + step - 1), job->dpi };
      g_array_append_val (ranges, r);
    }
  if (!run_ranges (job, ranges, pages, deadline, cancellable, error))
    return NULL;

  g_array_set_size (ranges, 0);
  for (guint p = 1; job->recheck_above > 0 && p <= job->n_pages; p++)
    {
      PuratanPreflightPageInk *ink = g_ptr_array_index (pages, p - 1);
      Range r = { p, p, job->recheck_dpi };
      if (ink != NULL && ink->max_percent > job->recheck_above && job->recheck_dpi > job->dpi)
        g_array_append_val (ranges, r);
    }
  if (ranges->len > 0 && !run_ranges (job, ranges, pages, deadline, cancellable, error))
    return NULL;
  return g_steal_pointer (&pages);
}
