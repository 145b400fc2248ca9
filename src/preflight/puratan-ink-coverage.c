/* puratan-ink-coverage.c: total ink measured on a CMYK render
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler renders RGB only, which hides the ink a file really asks for. Ghostscript's
 * pamcmyk32 device renders every page as 8-bit CMYK from the file's own CMYK values
 * (DeviceCMYK passes through untouched; spot colours go through their alternate space,
 * as Ghostscript's inkcov and ink_cov devices do). Ghostscript runs as a subprocess with
 * -dSAFER and a time limit, over ranges of pages, two ranges at a time on the two cores;
 * each range's pages are read and deleted before the next range starts, so disk and
 * memory stay bounded whatever the page count.
 *
 * Only the BleedBox is rendered (-dUseBleedBox): printer's marks and colour bars in the
 * slug outside it are cut off and must not count.
 *
 * Per page we report each plate's average and the highest total ink over any square of
 * the profile's area (GWG: 15 mm), found with a summed-area table. The separating tiffsep
 * device would keep spot plates apart, but costs about 60 % more Ghostscript time.
 */
#include "puratan-ink-coverage-private.h"
#include "puratan-preflight-error.h"
#include "puratan-preflight-report-private.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

typedef struct
{
  guint first, last; /* 1-based, inclusive */
  double dpi;
  char *dir;
  GSubprocess *proc;
  gboolean done;
  gint64 started, exited; /* monotonic µs, for the debug log */
  GError *error;
} Run;

typedef struct
{
  guint first, last;
  double dpi;
} Range;

typedef struct
{
  int pending;
  GMainContext *context;
} Waiter;

static void
run_free (Run *run)
{
  if (run->dir != NULL)
    {
      g_autoptr (GDir) d = g_dir_open (run->dir, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (run->dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (run->dir);
      g_free (run->dir);
    }
  g_clear_object (&run->proc);
  g_clear_error (&run->error);
  g_free (run);
}

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
measure_page (const PuratanInkJob *job, const char *dir, guint index, guint page, double dpi)
{
  static const char *const plates[] = { "Cyan", "Magenta", "Yellow", "Black" };
  g_autofree char *name = g_strdup_printf ("p%u.pam", index);
  g_autofree char *path = g_build_filename (dir, name, NULL);
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
run_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  Waiter *waiter = g_object_get_data (source, "waiter");

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &run->error);
  run->exited = g_get_monotonic_time ();
  run->done = TRUE;
  waiter->pending--;
  g_main_context_wakeup (waiter->context);
}

static gboolean
time_is_up (gpointer user_data)
{
  gboolean *flag = user_data;
  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wake (GCancellable *cancellable, gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static Run *
start_run (const PuratanInkJob *job, const Range *range, Waiter *waiter, GError **error)
{
  Run *run = g_new0 (Run, 1);
  guint first = range->first, last = range->last;
  g_autofree char *res = g_strdup_printf ("-r%g", range->dpi);
  g_autofree char *fp = g_strdup_printf ("-dFirstPage=%u", first);
  g_autofree char *lp = g_strdup_printf ("-dLastPage=%u", last);
  g_autofree char *out = NULL;

  run->first = first;
  run->last = last;
  run->dpi = range->dpi;
  run->started = g_get_monotonic_time ();
  run->dir = g_dir_make_tmp ("puratan-ink-XXXXXX", error);
  if (run->dir == NULL)
    {
      run_free (run);
      return NULL;
    }
  out = g_strdup_printf ("-sOutputFile=%s/p%%u.pam", run->dir);
  run->proc =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                        error, "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pamcmyk32",
                        "-dUseBleedBox", res, fp, lp, out, "-f", job->pdf_path, NULL);
  if (run->proc == NULL)
    {
      g_prefix_error (error, "Ghostscript (gs) is needed to measure ink coverage: ");
      run_free (run);
      return NULL;
    }
  g_object_set_data (G_OBJECT (run->proc), "waiter", waiter);
  waiter->pending++;
  g_subprocess_wait_async (run->proc, NULL, run_exited, run);
  return run;
}

/* Runs Ghostscript over @ranges, n_workers at a time, and stores each measured page in
 * @by_page (index page - 1), replacing an earlier measurement. */
static gboolean
run_ranges (const PuratanInkJob *job,
            GArray *ranges,
            GPtrArray *by_page,
            GMainContext *context,
            const gboolean *timed_out,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GPtrArray) running = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  Waiter waiter = { 0, context };
  guint next = 0;
  gboolean ok = TRUE;

  while (ok && (next < ranges->len || running->len > 0))
    {
      while (ok && next < ranges->len && running->len < MAX (job->n_workers, 1))
        {
          Run *run = start_run (job, &g_array_index (ranges, Range, next++), &waiter, error);
          if (run == NULL)
            ok = FALSE;
          else
            g_ptr_array_add (running, run);
        }
      if (!ok)
        break;
      g_main_context_iteration (context, TRUE);
      if (*timed_out || g_cancellable_is_cancelled (cancellable))
        {
          if (*timed_out)
            g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_TIMEOUT,
                         "Measuring ink coverage took longer than %.0f s", job->timeout_seconds);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Preflight was cancelled");
          ok = FALSE;
          break;
        }
      for (guint i = 0; i < running->len;)
        {
          Run *run = g_ptr_array_index (running, i);
          if (!run->done)
            {
              i++;
              continue;
            }
          if (run->error != NULL || !g_subprocess_get_if_exited (run->proc) ||
              g_subprocess_get_exit_status (run->proc) != 0)
            {
              g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
                           "Ghostscript could not render pages %u to %u for the ink measurement",
                           run->first, run->last);
              ok = FALSE;
              break;
            }
          for (guint p = run->first; p <= run->last; p++)
            {
              PuratanPreflightPageInk *ink =
                  measure_page (job, run->dir, p - run->first + 1, p, run->dpi);
              puratan_preflight_page_ink_free (by_page->pdata[p - 1]);
              by_page->pdata[p - 1] = ink;
            }
          g_debug ("ink: pages %u to %u at %g ppi: Ghostscript took %.3f s, reading the "
                   "renders %.3f s",
                   run->first, run->last, run->dpi, (run->exited - run->started) / 1e6,
                   (g_get_monotonic_time () - run->exited) / 1e6);
          g_ptr_array_remove_index (running, i);
        }
    }

  for (guint i = 0; i < running->len; i++)
    {
      Run *run = g_ptr_array_index (running, i);
      if (!run->done)
        g_subprocess_force_exit (run->proc);
    }
  while (waiter.pending > 0)
    g_main_context_iteration (context, TRUE);
  return ok;
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
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr (GSource) timer = NULL;
  gboolean timed_out = FALSE;
  gboolean ok;

  g_return_val_if_fail (job != NULL && job->n_pages > 0, NULL);

  pages = g_ptr_array_new_full (job->n_pages, (GDestroyNotify) puratan_preflight_page_ink_free);
  g_ptr_array_set_size (pages, (gint) job->n_pages);
  g_main_context_push_thread_default (context);
  timer = g_timeout_source_new ((guint) (job->timeout_seconds * 1000));
  g_source_set_callback (timer, time_is_up, &timed_out, NULL);
  g_source_attach (timer, context);
  if (cancellable != NULL)
    {
      g_autoptr (GSource) cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (cancel, G_SOURCE_FUNC (wake), NULL, NULL);
      g_source_attach (cancel, context);
    }

  for (guint first = 1; first <= job->n_pages; first += MAX (job->pages_per_run, 1))
    {
      Range r = { first, MIN (job->n_pages, first + MAX (job->pages_per_run, 1) - 1), job->dpi };
      g_array_append_val (ranges, r);
    }
  ok = run_ranges (job, ranges, pages, context, &timed_out, cancellable, error);

  g_array_set_size (ranges, 0);
  for (guint p = 1; ok && job->recheck_above > 0 && p <= job->n_pages; p++)
    {
      PuratanPreflightPageInk *ink = g_ptr_array_index (pages, p - 1);
      Range r = { p, p, job->recheck_dpi };
      if (ink != NULL && ink->max_percent > job->recheck_above && job->recheck_dpi > job->dpi)
        g_array_append_val (ranges, r);
    }
  if (ok && ranges->len > 0)
    ok = run_ranges (job, ranges, pages, context, &timed_out, cancellable, error);

  g_source_destroy (timer);
  g_main_context_pop_thread_default (context);
  if (!ok)
    return NULL;
  return g_steal_pointer (&pages);
}
