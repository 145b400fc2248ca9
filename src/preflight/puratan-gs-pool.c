/* puratan-gs-pool.c: the process's Ghostscript workers, shared by every preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At most one worker per core exists at a time, however many preflights run: each asks for
 * a worker per page range and gives it back after, so concurrent checks share the cores
 * range by range. A worker that failed, timed out or was cancelled is stopped, never lent
 * again; a worker is also replaced after MAX_JOBS_PER_WORKER jobs, which bounds what a
 * long-lived interpreter can accumulate. Workers that remain when the process exits are
 * stopped and their directories removed.
 *
 * Warming up starts every worker and has it render a small built-in page (the standard
 * substitute fonts, a CID font without glyphs, RGB, gray, CMYK, Lab, spot and DeviceN
 * colour, an image, transparency and overprint), so the first real file finds the
 * interpreter, its colour links and its fonts already loaded.
 */
#include "puratan-gs-pool-private.h"
#include "puratan-preflight-error.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#define MAX_JOBS_PER_WORKER 64
#define WAIT_SLICE_US       (50 * G_TIME_SPAN_MILLISECOND)
#define WARM_UP_RESOURCE    "/in/puratan/Studio/preflight/warm-up.pdf"
#define WARM_UP_SECONDS     30

typedef struct
{
  GMutex lock;
  GCond changed;
  GPtrArray *idle; /* PuratanGsWorker, ready to lend */
  guint n_alive;   /* idle, lent out, or being started */
  guint capacity;
} Pool;

static Pool pool;

static Pool *pool_get (void);

/**
 * puratan_gs_pool_stop_idle:
 *
 * Stops every worker that is not lent out; the next checks start new ones.
 */
void
puratan_gs_pool_stop_idle (void)
{
  Pool *p = pool_get ();
  g_autoptr (GPtrArray) stopping =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_gs_worker_free);

  g_mutex_lock (&p->lock);
  while (p->idle->len > 0)
    g_ptr_array_add (stopping, g_ptr_array_steal_index (p->idle, p->idle->len - 1));
  p->n_alive -= stopping->len;
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
}

static Pool *
pool_get (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_mutex_init (&pool.lock);
      g_cond_init (&pool.changed);
      pool.idle = g_ptr_array_new ();
      pool.capacity = (guint) MAX (2, g_get_num_processors ());
      atexit (puratan_gs_pool_stop_idle);
      g_once_init_leave (&initialised, 1);
    }
  return &pool;
}

/**
 * puratan_gs_pool_get_capacity:
 *
 * Returns: how many workers may exist at once (one per core, at least two)
 */
guint
puratan_gs_pool_get_capacity (void)
{
  return pool_get ()->capacity;
}

/**
 * puratan_gs_pool_get_n_idle:
 *
 * Returns: how many workers are running and free at this moment
 */
guint
puratan_gs_pool_get_n_idle (void)
{
  Pool *p = pool_get ();
  guint n;

  g_mutex_lock (&p->lock);
  n = p->idle->len;
  g_mutex_unlock (&p->lock);
  return n;
}

static PuratanGsWorker *
start_worker (Pool *p, GError **error)
{
  PuratanGsWorker *worker;

  p->n_alive++;
  g_mutex_unlock (&p->lock);
  worker = puratan_gs_worker_new (error);
  g_mutex_lock (&p->lock);
  if (worker == NULL)
    {
      p->n_alive--;
      g_cond_broadcast (&p->changed);
    }
  return worker;
}

/**
 * puratan_gs_pool_acquire:
 * @deadline: monotonic time (µs) after which waiting for a free worker fails
 * @cancellable: (nullable): cancels the wait
 * @error: return location for a #GError: %G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_CANCELLED, or
 *   why Ghostscript could not be started
 *
 * Lends an idle worker, starts a new one when fewer than the capacity exist, or waits for
 * one to be given back.
 *
 * Returns: (transfer full) (nullable): a worker to give back with
 *   puratan_gs_pool_release(), or %NULL with @error set
 */
PuratanGsWorker *
puratan_gs_pool_acquire (gint64 deadline, GCancellable *cancellable, GError **error)
{
  Pool *p = pool_get ();
  PuratanGsWorker *worker = NULL;

  g_mutex_lock (&p->lock);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (p->idle->len > 0)
        {
          worker = g_ptr_array_steal_index (p->idle, p->idle->len - 1);
          break;
        }
      if (p->n_alive < p->capacity)
        {
          worker = start_worker (p, error);
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (now >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "No Ghostscript worker became free in time");
          break;
        }
      g_cond_wait_until (&p->changed, &p->lock, MIN (deadline, now + WAIT_SLICE_US));
    }
  g_mutex_unlock (&p->lock);
  return worker;
}

/**
 * puratan_gs_pool_release:
 * @worker: (transfer full): a worker from puratan_gs_pool_acquire()
 * @reusable: %FALSE when its last job failed, timed out or was cancelled
 *
 * Gives the worker back: it is lent again, or stopped when it is not @reusable or has
 * done its share of jobs.
 */
void
puratan_gs_pool_release (PuratanGsWorker *worker, gboolean reusable)
{
  Pool *p = pool_get ();

  g_return_if_fail (worker != NULL);

  if (!reusable || puratan_gs_worker_get_n_jobs (worker) >= MAX_JOBS_PER_WORKER)
    {
      puratan_gs_worker_free (worker);
      g_mutex_lock (&p->lock);
      p->n_alive--;
    }
  else
    {
      g_mutex_lock (&p->lock);
      g_ptr_array_add (p->idle, worker);
    }
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
}

typedef struct
{
  PuratanGsWorker *worker;
  const char *path;
  gboolean ok;
} WarmUp;

static gpointer
warm_up_worker (gpointer data)
{
  WarmUp *w = data;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WARM_UP_SECONDS * G_TIME_SPAN_SECOND;

  w->ok = puratan_gs_worker_render (w->worker, w->path, 1, 1, 36, deadline, NULL, &pages, &error);
  if (!w->ok)
    g_debug ("preflight: a Ghostscript worker failed to warm up: %s", error->message);
  return NULL;
}

static char *
write_warm_up_file (GError **error)
{
  g_autoptr (GBytes) pdf =
      g_resources_lookup_data (WARM_UP_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *path = NULL;
  int fd;

  if (pdf == NULL)
    return NULL;
  fd = g_file_open_tmp ("puratan-warm-up-XXXXXX.pdf", &path, error);
  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                            error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/**
 * puratan_gs_pool_warm_up_sync:
 *
 * Starts every worker and has each render the built-in warm-up page; returns when they
 * are done. Workers lent out meanwhile are waited for, up to WARM_UP_SECONDS.
 */
void
puratan_gs_pool_warm_up_sync (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_warm_up_file (&error);
  guint capacity = puratan_gs_pool_get_capacity ();
  g_autofree WarmUp *jobs = g_new0 (WarmUp, capacity);
  g_autofree GThread **threads = g_new0 (GThread *, capacity);
  gint64 deadline = g_get_monotonic_time () + WARM_UP_SECONDS * G_TIME_SPAN_SECOND;

  if (path == NULL)
    {
      g_debug ("preflight: cannot warm up Ghostscript: %s", error->message);
      return;
    }
  /* Hold every worker at once, so each one is a different process. */
  for (guint i = 0; i < capacity; i++)
    {
      jobs[i].path = path;
      jobs[i].worker = puratan_gs_pool_acquire (deadline, NULL, NULL);
      if (jobs[i].worker != NULL && puratan_gs_worker_get_n_jobs (jobs[i].worker) == 0)
        threads[i] = g_thread_new ("preflight-warm-up", warm_up_worker, &jobs[i]);
    }
  for (guint i = 0; i < capacity; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        jobs[i].ok = TRUE;
      if (jobs[i].worker != NULL)
        puratan_gs_pool_release (jobs[i].worker, jobs[i].ok);
    }
  g_unlink (path);
}

static gpointer
warm_up_thread (gpointer data)
{
  puratan_gs_pool_warm_up_sync ();
  return NULL;
}

/**
 * puratan_gs_pool_warm_up:
 *
 * Starts every worker and warms it up on a thread of its own; returns at once. Checks that
 * start meanwhile wait for the workers or use the ones already warm.
 */
void
puratan_gs_pool_warm_up (void)
{
  g_thread_unref (g_thread_new ("preflight-warm-up", warm_up_thread, NULL));
}
