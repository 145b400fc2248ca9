/* puratan-doc-file.c: the design file, an SQLite application file
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes a complete new file beside the old one, syncs it and renames it over the
 * old one, so a crash or kill at any moment leaves either the old or the new design whole.
 * See docs/file-format.md for the layout.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-document-private.h"

/* PRAGMA application_id of a Puratan design: "PDSG" in ASCII. */
#define DESIGN_APPLICATION_ID 0x50445347

static const char schema[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE document (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,"
    " sha256 TEXT NOT NULL);"
    "CREATE TABLE assets (sha256 TEXT PRIMARY KEY, mime TEXT NOT NULL, data BLOB NOT NULL);"
    "CREATE TABLE thumbnail (id INTEGER PRIMARY KEY CHECK (id = 1), png BLOB NOT NULL);";

static gboolean
sqlite_fail (sqlite3 *db, const char *path, const char *doing, GError **error)
{
  int code = db != NULL ? sqlite3_errcode (db) : SQLITE_NOMEM;

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                 "“%s” is damaged or is not a Puratan design (%s); open an earlier copy", path,
                 sqlite3_errmsg (db));
  else
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot %s “%s”: %s", doing, path,
                 db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static void
collect_assets (GPtrArray *items, GHashTable *used)
{
  for (guint i = 0; i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];
      if (item->asset != NULL)
        g_hash_table_add (used, item->asset);
      if (item->children != NULL)
        collect_assets (item->children, used);
    }
}

static gboolean
write_contents (
    PuratanDocument *self, sqlite3 *db, const char *path, GBytes *thumbnail, GError **error)
{
  g_autofree char *json = puratan_document_to_json (self);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  g_autofree char *pragmas =
      g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                       DESIGN_APPLICATION_ID, PURATAN_DOCUMENT_FORMAT_VERSION);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  for (guint p = 0; p < self->pages->len; p++)
    collect_assets (((PuratanDocPage *) self->pages->pdata[p])->items, used);

  if (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; BEGIN", NULL,
                    NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, schema, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "INSERT INTO meta VALUES ('generator', 'Puratan Studio')", NULL, NULL,
                    NULL) != SQLITE_OK)
    return sqlite_fail (db, path, "write", error);

  if (sqlite3_prepare_v2 (db, "INSERT INTO document VALUES (1, ?, ?)", -1, &stmt, NULL) !=
      SQLITE_OK)
    return sqlite_fail (db, path, "write", error);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    return sqlite_fail (db, path, "write", error);

  {
    g_autoptr (GPtrArray) assets = puratan_document_get_assets (self);
    if (sqlite3_prepare_v2 (db, "INSERT INTO assets VALUES (?, ?, ?)", -1, &stmt, NULL) !=
        SQLITE_OK)
      return sqlite_fail (db, path, "write", error);
    for (guint i = 0; ok && i < assets->len; i++)
      {
        PuratanDocAsset *asset = assets->pdata[i];
        gsize size = 0;
        gconstpointer data = g_bytes_get_data (asset->data, &size);
        if (!g_hash_table_contains (used, asset->hash))
          continue;
        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, asset->hash, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, asset->mime, -1, SQLITE_STATIC);
        sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
        ok = sqlite3_step (stmt) == SQLITE_DONE;
      }
    sqlite3_finalize (stmt);
    if (!ok)
      return sqlite_fail (db, path, "write", error);
  }

  if (thumbnail != NULL)
    {
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (thumbnail, &size);
      if (sqlite3_prepare_v2 (db, "INSERT INTO thumbnail VALUES (1, ?)", -1, &stmt, NULL) !=
          SQLITE_OK)
        return sqlite_fail (db, path, "write", error);
      sqlite3_bind_blob64 (stmt, 1, data, size, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
      if (!ok)
        return sqlite_fail (db, path, "write", error);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_fail (db, path, "write", error);
  return TRUE;
}

static gboolean
sync_path (const char *path, gboolean directory, GError **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot flush “%s” to disk: %s", path,
               g_strerror (saved));
  return FALSE;
}

/**
 * puratan_document_save:
 * @self: a #PuratanDocument
 * @path: the design file to write
 * @thumbnail_png: (nullable): a PNG preview of the first page to store in the file
 * @error: return location for a #GError
 *
 * Writes the design with the assets its items use. The file at @path is replaced atomically:
 * a failure, crash or kill during the save leaves the previous file untouched (a leftover
 * temporary file "PATH.saving-XXXXXX" may remain after a crash). Blocking: call it from a
 * worker thread in interactive programs.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_IO
 */
gboolean
puratan_document_save (PuratanDocument *self,
                       const char *path,
                       GBytes *thumbnail_png,
                       GError **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp = g_strconcat (path, ".saving-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write beside “%s”: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    ok = sqlite_fail (db, tmp, "write", error);
  else
    ok = write_contents (self, db, tmp, thumbnail_png, error);
  if (sqlite3_close (db) != SQLITE_OK && ok)
    ok = sqlite_fail (db, tmp, "close", error);
  ok = ok && sync_path (tmp, FALSE, error);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot replace “%s”: %s", path,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  return sync_path (dir, TRUE, error);
}

static gboolean
query_int (sqlite3 *db, const char *sql, int *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Opens read-only and checks the file is a design this build can read. */
static sqlite3 *
open_design (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  int app_id = 0, version = 0, page_count = 0, page_size = 0;
  GStatBuf st;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no design file “%s”",
                   path);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      !query_int (db, "PRAGMA application_id", &app_id) ||
      !query_int (db, "PRAGMA user_version", &version))
    {
      sqlite_fail (db, path, "open", error);
      sqlite3_close (db);
      return NULL;
    }
  if (app_id != DESIGN_APPLICATION_ID)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "“%s” is not a Puratan design file (it may be damaged or belong to another "
                   "program)",
                   path);
      sqlite3_close (db);
      return NULL;
    }
  /* The header records the page count; a shorter file lost its end. */
  if (!query_int (db, "PRAGMA page_count", &page_count) ||
      !query_int (db, "PRAGMA page_size", &page_size) || g_stat (path, &st) != 0 ||
      (goffset) st.st_size < (goffset) page_count * page_size)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "“%s” is truncated (a copy or download was cut short); open an earlier copy",
                   path);
      sqlite3_close (db);
      return NULL;
    }
  if (version > PURATAN_DOCUMENT_FORMAT_VERSION)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "“%s” was saved by a newer Puratan Studio (file format %d; this version "
                   "reads up to %d); update Puratan Studio to open it",
                   path, version, PURATAN_DOCUMENT_FORMAT_VERSION);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
load_assets (PuratanDocument *self, sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT sha256, data FROM assets", -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_fail (db, path, "read", error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr (GBytes) data =
          g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      PuratanDocAsset *asset = puratan_document_asset_new (data, NULL);

      if (asset == NULL || hash == NULL || !g_str_equal (asset->hash, hash))
        {
          puratan_document_asset_free (asset);
          sqlite3_finalize (stmt);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                       "“%s” is damaged: a placed image or PDF does not match its checksum; open "
                       "an earlier copy",
                       path);
          return FALSE;
        }
      g_hash_table_insert (self->assets, asset->hash, asset);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_fail (db, path, "read", error);
  return TRUE;
}

static gboolean
check_asset_refs (PuratanDocument *self, GPtrArray *items, const char *path, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];
      if (item->asset != NULL && !g_hash_table_contains (self->assets, item->asset))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                       "“%s” is damaged: item “%s” places a file that is missing from it", path,
                       item->id);
          return FALSE;
        }
      if (item->children != NULL && !check_asset_refs (self, item->children, path, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * puratan_document_open:
 * @path: a design file written by puratan_document_save()
 * @error: return location for a #GError
 *
 * Reads a design with its assets, checking every checksum. The file is opened read-only and
 * never modified. A file of an older format is brought forward in memory and written in the
 * current format on the next save.
 *
 * Errors: %PURATAN_ERROR_NOT_FOUND when @path is missing, %PURATAN_ERROR_CORRUPT for a
 * truncated, damaged or foreign file, %PURATAN_ERROR_UNSUPPORTED_VERSION for a file from a
 * newer Puratan Studio, %PURATAN_ERROR_PARSE when the design inside breaks a rule.
 *
 * Returns: (transfer full) (nullable): the design with an empty undo history
 */
PuratanDocument *
puratan_document_open (const char *path, GError **error)
{
  g_autoptr (PuratanDocument) self = NULL;
  g_autoptr (JsonNode) root = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sha = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = open_design (path, error);
  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT json, sha256 FROM document WHERE id = 1", -1, &stmt, NULL) !=
      SQLITE_OK)
    {
      sqlite_fail (db, path, "read", error);
      sqlite3_close (db);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sha = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (json == NULL || sha == NULL)
    {
      if (sqlite3_errcode (db) != SQLITE_OK && sqlite3_errcode (db) != SQLITE_DONE &&
          sqlite3_errcode (db) != SQLITE_ROW)
        sqlite_fail (db, path, "read", error);
      else
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                     "“%s” is damaged: it holds no design; open an earlier copy", path);
      sqlite3_close (db);
      return NULL;
    }
  {
    g_autofree char *actual = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
    if (!g_str_equal (actual, sha))
      {
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                     "“%s” is damaged: the design does not match its checksum; open an earlier "
                     "copy",
                     path);
        sqlite3_close (db);
        return NULL;
      }
  }
  self = g_object_new (PURATAN_TYPE_DOCUMENT, NULL);
  ok = load_assets (self, db, path, error);
  sqlite3_close (db);
  if (!ok)
    return NULL;
  root = puratan_json_parse (json, -1, NULL);
  if (root == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "“%s” is damaged: the design is not valid JSON", path);
      return NULL;
    }
  if (!puratan_document_load_json (self, root, error))
    return NULL;
  for (guint p = 0; p < self->pages->len; p++)
    if (!check_asset_refs (self, ((PuratanDocPage *) self->pages->pdata[p])->items, path, error))
      return NULL;
  return g_steal_pointer (&self);
}

/**
 * puratan_document_read_thumbnail:
 * @path: a design file
 * @error: return location for a #GError
 *
 * Reads only the preview, for file choosers and recent-file lists.
 *
 * Returns: (transfer full) (nullable): PNG bytes, or %NULL with @error set (
 *   %PURATAN_ERROR_NOT_FOUND when the file has no thumbnail)
 */
GBytes *
puratan_document_read_thumbnail (const char *path, GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GBytes *png = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  db = open_design (path, error);
  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT png FROM thumbnail WHERE id = 1", -1, &stmt, NULL) ==
          SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    png = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  if (png == NULL)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "“%s” has no thumbnail", path);
  sqlite3_close (db);
  return png;
}

typedef struct
{
  PuratanDocument *copy;
  char *path;
  GBytes *thumbnail;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->copy);
  g_free (job->path);
  g_clear_pointer (&job->thumbnail, g_bytes_unref);
  g_free (job);
}

static void
save_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (puratan_document_save (job->copy, job->path, job->thumbnail, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_document_save_async:
 * @self: a #PuratanDocument
 * @path: the design file to write
 * @thumbnail_png: (nullable): a PNG preview of the first page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Saves as puratan_document_save() does, on a worker thread. The design is copied first, so
 * the caller may go on editing while the save runs; the file holds the design as it was at
 * the call.
 */
void
puratan_document_save_async (PuratanDocument *self,
                             const char *path,
                             GBytes *thumbnail_png,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (PURATAN_IS_DOCUMENT (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (SaveJob, 1);
  job->copy = puratan_document_dup (self);
  job->path = g_strdup (path);
  job->thumbnail = thumbnail_png != NULL ? g_bytes_ref (thumbnail_png) : NULL;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_document_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

/**
 * puratan_document_save_finish:
 * @self: a #PuratanDocument
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written, or %FALSE with @error set
 */
gboolean
puratan_document_save_finish (PuratanDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
open_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanDocument *doc = puratan_document_open (task_data, &error);

  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

/**
 * puratan_document_open_async:
 * @path: a design file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Opens a design as puratan_document_open() does, on a worker thread.
 */
void
puratan_document_open_async (const char *path,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_document_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * puratan_document_open_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the design, or %NULL with @error set
 */
PuratanDocument *
puratan_document_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
