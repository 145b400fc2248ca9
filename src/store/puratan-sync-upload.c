/* puratan-sync-upload.c: the sync engine's resumable uploads of attached files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An `attach_file` outbox entry is answered by a tus upload of the file to the order on the
 * server. The upload's address is kept in sync_uploads as soon as the server made it, so
 * the engine resumes the same upload after a lost connection or a restart; the entry
 * leaves the outbox (puratan_sync_record_answer()) only when the server confirmed the
 * final offset. `file` entries (a file taken into the store) have nothing to send of their
 * own: a file goes up with each order it is attached to.
 */
#include "puratan-sync-upload.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"
#include "puratan-sync-private.h"

/**
 * puratan_sync_upload_free:
 * @upload: (nullable): an upload
 */
void
puratan_sync_upload_free (PuratanSyncUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->idempotency_key);
  g_free (upload->order_id);
  g_free (upload->sha256);
  g_free (upload->name);
  g_free (upload->path);
  g_free (upload->server_order_id);
  g_free (upload->url);
  g_free (upload);
}

/**
 * puratan_sync_upload_list_waiting:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanSyncUpload) (nullable): the attached files
 *   not yet uploaded, oldest first, or %NULL with @error set
 */
GPtrArray *
puratan_sync_upload_list_waiting (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) uploads =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_sync_upload_free);
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (
      database,
      "SELECT o.idempotency_key, o.entity_id, json_extract (o.payload, '$.sha256'),"
      " json_extract (o.payload, '$.name'), f.size, l.server_id,"
      " EXISTS (SELECT 1 FROM outbox c WHERE c.pushed_at IS NULL AND c.entity = 'order'"
      "   AND c.entity_id = o.entity_id AND c.operation = 'create'),"
      " u.url, coalesce (u.mismatches, 0)"
      " FROM outbox o"
      " LEFT JOIN files f ON f.sha256 = json_extract (o.payload, '$.sha256')"
      " LEFT JOIN sync_links l ON l.entity = 'order' AND l.local_id = o.entity_id"
      " LEFT JOIN sync_uploads u ON u.idempotency_key = o.idempotency_key"
      " WHERE o.pushed_at IS NULL AND o.entity = 'order' AND o.operation = 'attach_file'"
      " ORDER BY o.id",
      error);
  if (stmt == NULL)
    return NULL;
  dir = g_path_get_dirname (puratan_database_get_path (database));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanSyncUpload *upload = g_new0 (PuratanSyncUpload, 1);

      upload->idempotency_key = puratan_store_column_text (stmt, 0);
      upload->order_id = puratan_store_column_text (stmt, 1);
      upload->sha256 = puratan_store_column_text (stmt, 2);
      upload->name = puratan_store_column_text (stmt, 3);
      upload->size =
          sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
      upload->server_order_id = puratan_store_column_text (stmt, 5);
      upload->order_waiting = sqlite3_column_int (stmt, 6) != 0;
      upload->url = puratan_store_column_text (stmt, 7);
      upload->mismatches = (guint) sqlite3_column_int (stmt, 8);
      if (upload->sha256 != NULL && strlen (upload->sha256) == 64 &&
          strspn (upload->sha256, "0123456789abcdef") == 64)
        {
          char prefix[3] = { upload->sha256[0], upload->sha256[1], '\0' };
          upload->path = g_build_filename (dir, "files", prefix, upload->sha256, NULL);
        }
      else
        upload->size = -1;
      g_ptr_array_add (uploads, upload);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "list the files waiting to go up", error);
      return NULL;
    }
  return g_steal_pointer (&uploads);
}

typedef struct
{
  const char *key;
  const char *url;
  gboolean mismatch;
  gint64 mismatches;
} UploadRow;

static gboolean
put_row (PuratanDatabase *database, gpointer user_data, GError **error)
{
  UploadRow *row = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) read = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (
      database,
      row->mismatch
          ? "INSERT INTO sync_uploads (idempotency_key, mismatches, updated_at) VALUES (?1, 1, ?3)"
            " ON CONFLICT (idempotency_key) DO UPDATE SET mismatches = mismatches + 1,"
            " updated_at = ?3"
          : "INSERT INTO sync_uploads (idempotency_key, url, updated_at) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (idempotency_key) DO UPDATE SET url = ?2, updated_at = ?3",
      error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, row->key);
  if (!row->mismatch)
    puratan_store_bind_text (stmt, 2, row->url);
  puratan_store_bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (puratan_database_get_handle (database)) ==
          SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                       "No outbox entry has the idempotency key “%s”", row->key);
          return FALSE;
        }
      return puratan_store_fail (database, "keep the upload's address", error);
    }
  read = puratan_store_prepare (
      database, "SELECT mismatches FROM sync_uploads WHERE idempotency_key = ?", error);
  if (read == NULL)
    return FALSE;
  puratan_store_bind_text (read, 1, row->key);
  if (sqlite3_step (read) != SQLITE_ROW)
    return puratan_store_fail (database, "read the upload", error);
  row->mismatches = sqlite3_column_int64 (read, 0);
  return TRUE;
}

/**
 * puratan_sync_upload_set_url:
 * @database: an open database
 * @idempotency_key: an `attach_file` outbox entry
 * @url: (nullable): the server's path of its tus upload; %NULL to forget it (the upload
 *   is made again)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when kept
 */
gboolean
puratan_sync_upload_set_url (PuratanDatabase *database,
                             const char *idempotency_key,
                             const char *url,
                             GError **error)
{
  UploadRow row = { idempotency_key, url, FALSE, 0 };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (idempotency_key != NULL, FALSE);

  if (url != NULL && (url[0] != '/' || strlen (url) > 512))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not an upload's path on the server", url);
      return FALSE;
    }
  return puratan_database_run_in_transaction (database, put_row, &row, error);
}

/**
 * puratan_sync_upload_add_mismatch:
 * @database: an open database
 * @idempotency_key: an `attach_file` outbox entry
 * @error: return location for a #GError
 *
 * Counts one chunk of the upload that the server found damaged.
 *
 * Returns: how many so far, or -1 with @error set
 */
gint64
puratan_sync_upload_add_mismatch (PuratanDatabase *database,
                                  const char *idempotency_key,
                                  GError **error)
{
  UploadRow row = { idempotency_key, NULL, TRUE, 0 };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);
  g_return_val_if_fail (idempotency_key != NULL, -1);

  if (!puratan_database_run_in_transaction (database, put_row, &row, error))
    return -1;
  return row.mismatches;
}

static gboolean
settle_files (PuratanDatabase *database, gpointer user_data, GError **error)
{
  gint64 *settled = user_data;
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = puratan_store_now ();
  int rc;

  select = puratan_store_prepare (database,
                                  "SELECT idempotency_key, entity_id FROM outbox"
                                  " WHERE pushed_at IS NULL AND entity = 'file' ORDER BY id",
                                  error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_ptr_array_add (keys, puratan_store_column_text (select, 0));
      g_ptr_array_add (ids, puratan_store_column_text (select, 1));
    }
  if (rc != SQLITE_DONE)
    return puratan_store_fail (database, "read the outbox", error);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr (sqlite3_stmt) mark = puratan_store_prepare (
          database, "UPDATE outbox SET pushed_at = ?, outcome = 'local' WHERE idempotency_key = ?",
          error);

      if (mark == NULL)
        return FALSE;
      puratan_store_bind_text (mark, 1, now);
      puratan_store_bind_text (mark, 2, keys->pdata[i]);
      if (!puratan_store_step_done (database, mark, "mark the file as answered", error) ||
          !puratan_sync_log_insert (database, "local", "file", ids->pdata[i], 0,
                                    "a file goes up with each order it is attached to", error))
        return FALSE;
    }
  *settled = keys->len;
  return TRUE;
}

/**
 * puratan_sync_upload_settle_files:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Answers the `file` outbox entries (a file taken into the store) as `local`: nothing goes
 * up for them; each `attach_file` entry uploads the file to its order.
 *
 * Returns: how many entries were answered, or -1 with @error set
 */
gint64
puratan_sync_upload_settle_files (PuratanDatabase *database, GError **error)
{
  gint64 settled = 0;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);

  if (!puratan_database_run_in_transaction (database, settle_files, &settled, error))
    return -1;
  return settled;
}

/**
 * puratan_sync_count_files_waiting:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: the number of attached files not yet uploaded, or -1 with @error set
 */
gint64
puratan_sync_count_files_waiting (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);

  stmt = puratan_store_prepare (database,
                                "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"
                                " AND entity = 'order' AND operation = 'attach_file'",
                                error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      puratan_store_fail (database, "count the files waiting", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
