/* puratan-sync-conflict.c: edits the server refused as stale, kept until a person chooses
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-store-private.h"
#include "puratan-sync-private.h"
#include "puratan-sync-state.h"

#define CONFLICT_COLUMNS                                                                \
  "id, order_id, server_id, idempotency_key, mine, theirs, server_version, created_at," \
  " resolved_at, resolution"

/**
 * puratan_sync_conflict_free:
 * @conflict: (nullable): a conflict
 */
void
puratan_sync_conflict_free (PuratanSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->order_id);
  g_free (conflict->server_id);
  g_free (conflict->idempotency_key);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->created_at);
  g_free (conflict->resolved_at);
  g_free (conflict->resolution);
  g_free (conflict);
}

static PuratanSyncConflict *
read_row (sqlite3_stmt *stmt)
{
  PuratanSyncConflict *conflict = g_new0 (PuratanSyncConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->order_id = puratan_store_column_text (stmt, 1);
  conflict->server_id = puratan_store_column_text (stmt, 2);
  conflict->idempotency_key = puratan_store_column_text (stmt, 3);
  conflict->mine = puratan_store_column_text (stmt, 4);
  conflict->theirs = puratan_store_column_text (stmt, 5);
  conflict->server_version = sqlite3_column_int64 (stmt, 6);
  conflict->created_at = puratan_store_column_text (stmt, 7);
  conflict->resolved_at = puratan_store_column_text (stmt, 8);
  conflict->resolution = puratan_store_column_text (stmt, 9);
  return conflict;
}

typedef struct
{
  const char *key;
  const char *order_id;
  const char *server_id;
  const char *mine;
  const char *theirs;
  gint64 server_version;
  const char *detail;
} Add;

static gboolean
add_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Add *add = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();
  const char *const keys[] = { add->key, NULL };
  PuratanSyncAnswer answer = { keys, PURATAN_SYNC_OUTCOME_CONFLICT, "order", add->order_id };

  stmt = puratan_store_prepare (database,
                                "INSERT INTO sync_conflicts (order_id, server_id, idempotency_key,"
                                " mine, theirs, server_version, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, add->order_id);
  puratan_store_bind_text (stmt, 2, add->server_id);
  puratan_store_bind_text (stmt, 3, add->key);
  puratan_store_bind_text (stmt, 4, add->mine);
  puratan_store_bind_text (stmt, 5, add->theirs);
  sqlite3_bind_int64 (stmt, 6, add->server_version);
  puratan_store_bind_text (stmt, 7, now);
  if (!puratan_store_step_done (database, stmt, "keep the conflict", error))
    return FALSE;
  answer.status = 412;
  answer.detail = add->detail;
  return puratan_sync_record_answer (database, &answer, error);
}

/**
 * puratan_sync_conflict_add:
 * @database: an open database
 * @idempotency_key: the outbox entry the server refused as stale
 * @order_id: the local order
 * @server_id: the server's id of the order
 * @mine: the local edit, a JSON object
 * @theirs: the server's current order, a JSON object
 * @server_version: the version of @theirs
 * @detail: (nullable): the server's problem detail
 * @error: return location for a #GError
 *
 * Keeps both versions of an order the server refused with 412, and takes the entry out of
 * the queue, in one transaction: nothing is overwritten until a person resolves it with
 * puratan_sync_conflict_resolve().
 *
 * Returns: %TRUE when kept
 */
gboolean
puratan_sync_conflict_add (PuratanDatabase *database,
                           const char *idempotency_key,
                           const char *order_id,
                           const char *server_id,
                           const char *mine,
                           const char *theirs,
                           gint64 server_version,
                           const char *detail,
                           GError **error)
{
  Add add = { idempotency_key, order_id, server_id, mine, theirs, server_version, detail };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (idempotency_key != NULL && order_id != NULL && server_id != NULL, FALSE);
  g_return_val_if_fail (mine != NULL && theirs != NULL, FALSE);

  return puratan_database_run_in_transaction (database, add_in_transaction, &add, error);
}

/**
 * puratan_sync_conflict_list:
 * @database: an open database
 * @open_only: only conflicts nobody has resolved yet
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanSyncConflict) (nullable): the conflicts, oldest
 *   first, or %NULL with @error set
 */
GPtrArray *
puratan_sync_conflict_list (PuratanDatabase *database, gboolean open_only, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) conflicts =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_sync_conflict_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts"
                                " WHERE NOT ? OR resolved_at IS NULL ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, open_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the conflicts", error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * puratan_sync_conflict_get:
 * @database: an open database
 * @id: a conflict's number
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the conflict, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND for an unknown number)
 */
PuratanSyncConflict *
puratan_sync_conflict_get (PuratanDatabase *database, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (
      database, "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                 "There is no sync conflict number %" G_GINT64_FORMAT, id);
  else
    puratan_store_fail (database, "read the conflict", error);
  return NULL;
}

typedef struct
{
  gint64 id;
  const char *theirs;
  gint64 server_version;
} Update;

static gboolean
update_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Update *update = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database,
                                "UPDATE sync_conflicts SET theirs = ?, server_version = ?"
                                " WHERE id = ? AND resolved_at IS NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, update->theirs);
  sqlite3_bind_int64 (stmt, 2, update->server_version);
  sqlite3_bind_int64 (stmt, 3, update->id);
  if (!puratan_store_step_done (database, stmt, "update the conflict", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "There is no open sync conflict number %" G_GINT64_FORMAT, update->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_sync_conflict_update_theirs:
 * @database: an open database
 * @id: an open conflict's number
 * @theirs: the server's order as it is now, a JSON object
 * @server_version: its version
 * @error: return location for a #GError
 *
 * Replaces the server's side of an open conflict, when the server's order changed again
 * while a person was choosing ("keep mine" met another 412).
 *
 * Returns: %TRUE when updated; %PURATAN_ERROR_NOT_FOUND when no such open conflict exists
 */
gboolean
puratan_sync_conflict_update_theirs (
    PuratanDatabase *database, gint64 id, const char *theirs, gint64 server_version, GError **error)
{
  Update update = { id, theirs, server_version };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (theirs != NULL, FALSE);

  return puratan_database_run_in_transaction (database, update_in_transaction, &update, error);
}

typedef struct
{
  gint64 id;
  const char *resolution;
  JsonObject *server_order;
} Resolve;

static gboolean
resolve_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Resolve *resolve = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (PuratanSyncConflict) conflict = NULL;
  g_autofree char *now = puratan_store_now ();

  conflict = puratan_sync_conflict_get (database, resolve->id, error);
  if (conflict == NULL)
    return FALSE;
  if (conflict->resolved_at != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                   "Sync conflict number %" G_GINT64_FORMAT " was resolved already (%s)",
                   conflict->id, conflict->resolution);
      return FALSE;
    }
  if (!puratan_sync_apply_order_record (database, resolve->server_order, TRUE, error))
    return FALSE;
  stmt = puratan_store_prepare (database,
                                "UPDATE sync_conflicts SET resolved_at = ?, resolution = ?"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, resolve->resolution);
  sqlite3_bind_int64 (stmt, 3, resolve->id);
  return puratan_store_step_done (database, stmt, "resolve the conflict", error) &&
         puratan_sync_log_insert (database, "received", "order", conflict->order_id, 200,
                                  g_str_equal (resolve->resolution, "mine")
                                      ? "conflict resolved: the local edit was kept"
                                      : "conflict resolved: the server's version was taken",
                                  error);
}

/**
 * puratan_sync_conflict_resolve:
 * @database: an open database
 * @id: an open conflict's number
 * @resolution: "mine" (the local edit was sent again and accepted) or "theirs"
 * @server_order: the server's order after the choice: the answer to the re-sent edit for
 *   "mine", the server's current order for "theirs"
 * @error: return location for a #GError
 *
 * Closes a conflict once the chosen version is the server's: the local order takes the
 * server's fields and version, and the conflict is marked resolved, in one transaction. The
 * sync engine's puratan_sync_engine_resolve_conflict_async() talks to the server first.
 *
 * Returns: %TRUE when resolved; %PURATAN_ERROR_CONFLICT when it was resolved already
 */
gboolean
puratan_sync_conflict_resolve (PuratanDatabase *database,
                               gint64 id,
                               const char *resolution,
                               JsonObject *server_order,
                               GError **error)
{
  Resolve resolve = { id, resolution, server_order };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (server_order != NULL, FALSE);
  g_return_val_if_fail (
      g_strcmp0 (resolution, "mine") == 0 || g_strcmp0 (resolution, "theirs") == 0, FALSE);

  return puratan_database_run_in_transaction (database, resolve_in_transaction, &resolve, error);
}
