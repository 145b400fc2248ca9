/* puratan-server-preflight-store.c: checked uploads kept for a while
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A checked upload is kept as a preflight result, so that its report and its
 * annotated pages can be fetched afterwards. Each result is a folder
 * DATA_DIR/preflight/ID (mode 0700), ID a random version 4 UUID, holding the
 * PDF, the report as JSON and as text, and the page images drawn so far. A
 * worker thread builds it under a hidden name and renames it into place, so a
 * result is either whole or absent. The report's modification time is the
 * result's age. Results older than the keep time, and the oldest beyond the
 * count limit, are removed at start-up and then periodically on the main
 * loop.
 */
#include "puratan-server-preflight-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "puratan-error.h"
#include "puratan-id.h"

#define RESULTS_DIR          "preflight"
#define STAGING_PREFIX       ".new-"
#define STAGING_MAX_AGE_US   ((gint64) G_USEC_PER_SEC * 3600)
#define MAX_SWEEP_INTERVAL_S 300

struct _PuratanPreflightStore
{
  char *dir;
  guint keep_seconds;
  guint max_results;
  GMainContext *context;
  GSource *sweep_source;
};

PuratanPreflightStore *
puratan_preflight_store_new (void)
{
  PuratanPreflightStore *self = g_new0 (PuratanPreflightStore, 1);

  self->keep_seconds = PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP;
  self->max_results = PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS;
  return self;
}

void
puratan_preflight_store_free (PuratanPreflightStore *self)
{
  if (self == NULL)
    return;
  if (self->sweep_source != NULL)
    g_source_destroy (self->sweep_source);
  g_clear_pointer (&self->sweep_source, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->dir);
  g_free (self);
}

/* Returns (transfer none) the folder that holds the results, or NULL before
 * puratan_preflight_store_start() or when results are not kept. */
const char *
puratan_preflight_store_get_dir (PuratanPreflightStore *self)
{
  if (self->dir == NULL || self->keep_seconds == 0 || self->max_results == 0)
    return NULL;
  return self->dir;
}

guint
puratan_preflight_store_get_keep (PuratanPreflightStore *self)
{
  return self->keep_seconds;
}

guint
puratan_preflight_store_get_max_results (PuratanPreflightStore *self)
{
  return self->max_results;
}

/* Deletes the result folder @path and the files in it. It holds no
 * folders; anything else is left and logged. Whatever else has the name
 * (a link) is deleted itself, never followed. */
static void
remove_result (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  GStatBuf st;
  const char *name;

  if (g_lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (g_unlink (file) != 0)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot remove “%s” of an expired preflight result: %s", file,
                          g_strerror (errno));
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot remove the expired preflight result “%s”: %s", path,
                      g_strerror (errno));
}

/* Returns the modification time of @path in microseconds, or -1 when it
 * cannot be read. */
static gint64
modified_us (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
}

/* Returns the time the result in folder @path was made, or -1 when it is
 * damaged. */
static gint64
result_created (const char *path)
{
  g_autofree char *report = g_build_filename (path, PURATAN_PREFLIGHT_STORE_JSON, NULL);

  return modified_us (report);
}

static gboolean
is_expired (PuratanPreflightStore *self, gint64 created, gint64 now)
{
  return created < 0 || now - created >= (gint64) self->keep_seconds * G_USEC_PER_SEC;
}

typedef struct
{
  gint64 created;
  char *path;
} Kept;

static void
kept_clear (Kept *kept)
{
  g_free (kept->path);
}

static int
compare_kept (gconstpointer a, gconstpointer b)
{
  const Kept *ka = a, *kb = b;

  return ka->created < kb->created ? -1 : ka->created > kb->created;
}

/* Removes expired results, then the oldest beyond the count limit. Folders
 * being built are removed at start-up (@starting), else once an hour old.
 * Names the store does not make are left alone. */
static void
sweep (PuratanPreflightStore *self, gboolean starting)
{
  g_autoptr (GDir) dir = g_dir_open (self->dir, 0, NULL);
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (Kept));
  gint64 now = g_get_real_time ();
  guint max = self->keep_seconds == 0 ? 0 : self->max_results;
  const char *name;

  if (dir == NULL)
    return;
  g_array_set_clear_func (kept, (GDestroyNotify) kept_clear);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->dir, name, NULL);

      if (g_str_has_prefix (name, STAGING_PREFIX))
        {
          GStatBuf st;

          if (starting || (g_lstat (path, &st) == 0 &&
                           now - (gint64) st.st_mtime * G_USEC_PER_SEC > STAGING_MAX_AGE_US))
            remove_result (path);
        }
      else if (puratan_id_validate (name, NULL))
        {
          Kept k = { result_created (path), NULL };

          if (is_expired (self, k.created, now))
            remove_result (path);
          else
            {
              k.path = g_steal_pointer (&path);
              g_array_append_val (kept, k);
            }
        }
    }

  g_array_sort (kept, compare_kept);
  for (guint i = 0; kept->len > max && i < kept->len - max; i++)
    remove_result (g_array_index (kept, Kept, i).path);
}

static gboolean
sweep_cb (gpointer user_data)
{
  sweep (user_data, FALSE);
  return G_SOURCE_CONTINUE;
}

/* (Re)starts the periodic sweep: as often as the keep time, at most every
 * few minutes. */
static void
schedule_sweep (PuratanPreflightStore *self)
{
  if (self->sweep_source != NULL)
    g_source_destroy (self->sweep_source);
  g_clear_pointer (&self->sweep_source, g_source_unref);
  if (self->context == NULL)
    return;
  self->sweep_source =
      g_timeout_source_new_seconds (CLAMP (self->keep_seconds, 1, MAX_SWEEP_INTERVAL_S));
  g_source_set_callback (self->sweep_source, sweep_cb, self, NULL);
  g_source_set_static_name (self->sweep_source, "puratan preflight results sweep");
  g_source_attach (self->sweep_source, self->context);
}

/* Starts keeping results in @data_dir's "preflight" folder: sweeps what a
 * previous run left and schedules the periodic sweep on the caller's
 * thread-default main context. Returns FALSE with @error set when the
 * folder cannot be made. */
gboolean
puratan_preflight_store_start (PuratanPreflightStore *self, const char *data_dir, GError **error)
{
  g_autofree char *dir = g_build_filename (data_dir, RESULTS_DIR, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot create the preflight results folder “%s”: %s", dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  g_free (self->dir);
  self->dir = g_steal_pointer (&dir);
  self->context = g_main_context_ref_thread_default ();
  sweep (self, TRUE);
  schedule_sweep (self);
  return TRUE;
}

/* Sets how long results are kept and how many at most; 0 for either stops
 * keeping them. Results over the new limits go at once. */
void
puratan_preflight_store_set_limits (PuratanPreflightStore *self,
                                    guint keep_seconds,
                                    guint max_results)
{
  self->keep_seconds = keep_seconds;
  self->max_results = max_results;
  if (self->dir != NULL)
    puratan_preflight_store_trim (self);
  schedule_sweep (self);
}

/* Removes results beyond the limits now (main thread). */
void
puratan_preflight_store_trim (PuratanPreflightStore *self)
{
  if (self->dir != NULL)
    sweep (self, FALSE);
}

/* Returns (transfer full) the folder of the result @id, or NULL when @id is
 * not a result id, or the result does not exist or has expired (an expired
 * one is removed). Main thread. */
char *
puratan_preflight_store_lookup (PuratanPreflightStore *self, const char *id)
{
  g_autofree char *path = NULL;

  if (self->dir == NULL || !puratan_id_validate (id, NULL))
    return NULL;
  path = g_build_filename (self->dir, id, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return NULL;
  if (is_expired (self, result_created (path), g_get_real_time ()))
    {
      remove_result (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static gboolean
write_file (const char *dir, const char *name, const char *contents, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, error);
}

/* Runs in a worker thread: keeps the checked file at @upload_path (moved,
 * not copied) with its reports @json and @text as a new result in the
 * results folder @dir. Returns (transfer full) the result's id, or NULL
 * with @error set; the caller then deletes @upload_path if it is still
 * there. */
char *
puratan_preflight_store_add (
    const char *dir, const char *upload_path, const char *json, const char *text, GError **error)
{
  g_autofree char *id = puratan_id_new (error);
  g_autofree char *staging_name = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *final = NULL;

  if (id == NULL)
    return NULL;
  staging_name = g_strconcat (STAGING_PREFIX, id, NULL);
  staging = g_build_filename (dir, staging_name, NULL);
  pdf = g_build_filename (staging, PURATAN_PREFLIGHT_STORE_PDF, NULL);
  final = g_build_filename (dir, id, NULL);

  if (g_mkdir (staging, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "Cannot create “%s”: %s",
                   staging, g_strerror (saved_errno));
      return NULL;
    }
  if (g_rename (upload_path, pdf) != 0)
    {
      int saved_errno = errno;

      g_rmdir (staging);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot move the upload to “%s”: %s", pdf, g_strerror (saved_errno));
      return NULL;
    }
  /* The JSON report goes last: its time is the result's age. */
  if (!write_file (staging, PURATAN_PREFLIGHT_STORE_TEXT, text, error) ||
      !write_file (staging, PURATAN_PREFLIGHT_STORE_JSON, json, error))
    {
      remove_result (staging);
      return NULL;
    }
  if (g_rename (staging, final) != 0)
    {
      int saved_errno = errno;

      remove_result (staging);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "Cannot rename “%s”: %s",
                   staging, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&id);
}
