/* puratan-upload.c: resumable uploads on their way into the file store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row per tus upload: who may write to it, which order its file goes to, how long it
 * will be and how much of it is stored. The bytes themselves live in a partial file the
 * server keeps; once complete they go to the content-addressed file store and the row
 * names the stored file.
 */
#include "puratan-upload.h"

#include "puratan-core.h"
#include "puratan-store-private.h"

#define UPLOAD_COLUMNS                                                                       \
  "id, account_id, order_id, name, length, received, sha256, preflight_id, preflight_error," \
  " created_at"

/**
 * puratan_upload_free:
 * @upload: (nullable) (transfer full): an upload
 */
void
puratan_upload_free (PuratanUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->id);
  g_free (upload->account_id);
  g_free (upload->order_id);
  g_free (upload->name);
  g_free (upload->sha256);
  g_free (upload->preflight_id);
  g_free (upload->preflight_error);
  g_free (upload->created_at);
  g_free (upload);
}

/**
 * puratan_upload_insert:
 * @database: an open database
 * @upload: the new upload; its id and created_at are set here, received starts at 0
 * @error: return location for a #GError
 *
 * Records a new upload.
 *
 * Returns: %TRUE when stored; %FALSE with @error set (%PURATAN_ERROR_INVALID_INPUT when the
 *   order or account does not exist or a field breaks the schema's rules)
 */
gboolean
puratan_upload_insert (PuratanDatabase *database, PuratanUpload *upload, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (upload != NULL, FALSE);

  g_free (upload->id);
  upload->id = puratan_store_new_id (error);
  if (upload->id == NULL)
    return FALSE;
  g_free (upload->created_at);
  upload->created_at = puratan_store_now ();
  upload->received = 0;
  stmt = puratan_store_prepare (database,
                                "INSERT INTO uploads (id, account_id, order_id, name, length,"
                                " received, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, upload->id);
  puratan_store_bind_text (stmt, 2, upload->account_id);
  puratan_store_bind_text (stmt, 3, upload->order_id);
  puratan_store_bind_text (stmt, 4, upload->name);
  sqlite3_bind_int64 (stmt, 5, upload->length);
  puratan_store_bind_text (stmt, 6, upload->created_at);
  return puratan_store_step_done (database, stmt, "record the upload", error);
}

/**
 * puratan_upload_get:
 * @database: an open database
 * @id: the upload's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the upload, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND when there is none with @id)
 */
PuratanUpload *
puratan_upload_get (PuratanDatabase *database, const char *id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  PuratanUpload *upload;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = puratan_store_prepare (database, "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "There is no upload with this id");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the upload", error);
      return NULL;
    }
  upload = g_new0 (PuratanUpload, 1);
  upload->id = puratan_store_column_text (stmt, 0);
  upload->account_id = puratan_store_column_text (stmt, 1);
  upload->order_id = puratan_store_column_text (stmt, 2);
  upload->name = puratan_store_column_text (stmt, 3);
  upload->length = sqlite3_column_int64 (stmt, 4);
  upload->received = sqlite3_column_int64 (stmt, 5);
  upload->sha256 = puratan_store_column_text (stmt, 6);
  upload->preflight_id = puratan_store_column_text (stmt, 7);
  upload->preflight_error = puratan_store_column_text (stmt, 8);
  upload->created_at = puratan_store_column_text (stmt, 9);
  return upload;
}

static gboolean
run_update (PuratanDatabase *database,
            const char *sql,
            const char *id,
            const char *text1,
            const char *text2,
            gint64 number,
            const char *doing,
            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, id);
  puratan_store_bind_text (stmt, 2, text1);
  puratan_store_bind_text (stmt, 3, text2);
  sqlite3_bind_int64 (stmt, 4, number);
  if (!puratan_store_step_done (database, stmt, doing, error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "There is no upload with this id");
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_upload_set_received:
 * @database: an open database
 * @id: the upload's id
 * @received: the bytes now stored, at most its length
 * @error: return location for a #GError
 *
 * Records how much of an unfinished upload is stored.
 *
 * Returns: %TRUE when recorded
 */
gboolean
puratan_upload_set_received (PuratanDatabase *database,
                             const char *id,
                             gint64 received,
                             GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  return run_update (database,
                     "UPDATE uploads SET received = ?4 WHERE id = ?1 AND sha256 IS NULL"
                     " AND ?2 IS NULL AND ?3 IS NULL",
                     id, NULL, NULL, received, "record the upload's progress", error);
}

/**
 * puratan_upload_complete:
 * @database: an open database
 * @id: the upload's id
 * @sha256: the stored file, already in the file store
 * @error: return location for a #GError
 *
 * Marks an upload complete and attaches its file to the upload's order as artwork under the
 * upload's name, in one transaction (the change feed then shows the file).
 *
 * Returns: %TRUE when recorded
 */
gboolean
puratan_upload_complete (PuratanDatabase *database,
                         const char *id,
                         const char *sha256,
                         GError **error)
{
  g_autoptr (PuratanUpload) upload = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();
  gboolean ok;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  upload = puratan_upload_get (database, id, error);
  ok = upload != NULL &&
       run_update (database,
                   "UPDATE uploads SET sha256 = ?2, received = length WHERE id = ?1"
                   " AND ?3 IS NULL AND ?4 = 0",
                   id, sha256, NULL, 0, "complete the upload", error);
  if (ok)
    {
      stmt = puratan_store_prepare (database,
                                    "INSERT INTO order_files (order_id, sha256, name, role,"
                                    " attached_at) VALUES (?, ?, ?, 'artwork', ?)"
                                    " ON CONFLICT (order_id, sha256, role) DO NOTHING",
                                    error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      puratan_store_bind_text (stmt, 1, upload->order_id);
      puratan_store_bind_text (stmt, 2, sha256);
      puratan_store_bind_text (stmt, 3, upload->name);
      puratan_store_bind_text (stmt, 4, now);
      ok = puratan_store_step_done (database, stmt, "attach the uploaded file", error);
    }
  return puratan_store_end_write (database, ok, error);
}

/**
 * puratan_upload_set_preflight:
 * @database: an open database
 * @id: the upload's id
 * @preflight_id: (nullable): the kept preflight result
 * @preflight_error: (nullable): why the file could not be checked
 * @error: return location for a #GError
 *
 * Returns: %TRUE when recorded
 */
gboolean
puratan_upload_set_preflight (PuratanDatabase *database,
                              const char *id,
                              const char *preflight_id,
                              const char *preflight_error,
                              GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  return run_update (database,
                     "UPDATE uploads SET preflight_id = ?2, preflight_error = ?3"
                     " WHERE id = ?1 AND ?4 = 0",
                     id, preflight_id, preflight_error, 0, "record the upload's check", error);
}

/**
 * puratan_upload_delete:
 * @database: an open database
 * @id: the upload's id
 * @error: return location for a #GError
 *
 * Forgets an upload (the tus termination extension). A file already stored stays attached
 * to its order.
 *
 * Returns: %TRUE when deleted
 */
gboolean
puratan_upload_delete (PuratanDatabase *database, const char *id, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  return run_update (database,
                     "DELETE FROM uploads WHERE id = ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 = 0",
                     id, NULL, NULL, 0, "delete the upload", error);
}

/**
 * puratan_upload_list_unfinished:
 * @database: an open database
 * @older_than: seconds since their creation
 * @limit: at most this many, 1 to 10000
 * @error: return location for a #GError
 *
 * Finds uploads that are not complete (no stored file yet) and were created more than
 * @older_than seconds ago, oldest first: those a server lets expire.
 *
 * Returns: (transfer container) (element-type utf8) (nullable): their ids, or %NULL with
 *   @error set
 */
GPtrArray *
puratan_upload_list_unfinished (PuratanDatabase *database,
                                gint64 older_than,
                                guint limit,
                                GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *created_before = puratan_store_time_ago (older_than);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (limit >= 1 && limit <= 10000, NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT id FROM uploads WHERE sha256 IS NULL AND created_at < ?"
                                " ORDER BY created_at LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, created_before);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, puratan_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "list the unfinished uploads", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * puratan_upload_preflight_for_file:
 * @database: an open database
 * @order_id: an order
 * @sha256: one of its files
 * @error: return location for a #GError
 *
 * Finds the preflight result of the latest completed upload of @sha256 to @order_id.
 *
 * Returns: (transfer full) (nullable): the result's id; %NULL when there is none (with @error
 *   unset) or on failure (with @error set)
 */
char *
puratan_upload_preflight_for_file (PuratanDatabase *database,
                                   const char *order_id,
                                   const char *sha256,
                                   GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT preflight_id FROM uploads WHERE order_id = ? AND sha256 = ?"
                                " AND preflight_id IS NOT NULL ORDER BY created_at DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, order_id);
  puratan_store_bind_text (stmt, 2, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return puratan_store_column_text (stmt, 0);
  if (rc != SQLITE_DONE)
    puratan_store_fail (database, "read the upload's check", error);
  return NULL;
}
