/* puratan-outbox.c: changes waiting to be pushed to the shop server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-outbox.h"
#include "puratan-store-private.h"

/**
 * puratan_outbox_entry_free:
 * @entry: (nullable): an entry
 */
void
puratan_outbox_entry_free (PuratanOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->idempotency_key);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->operation);
  g_free (entry->payload);
  g_free (entry->created_at);
  g_free (entry->pushed_at);
  g_free (entry);
}

/**
 * puratan_outbox_append:
 * @database: a database with a write transaction open
 * @entity: the kind of record changed
 * @entity_id: its id
 * @operation: what happened
 * @payload: a builder holding one finished JSON object
 * @error: return location for a #GError
 *
 * Queues a change for the server under a fresh idempotency key. Must run in the same
 * transaction as the change itself, so the two commit or vanish together. A database that
 * keeps no outbox (the server's; see puratan_database_set_outbox()) queues nothing.
 *
 * Returns: %TRUE when queued, or when there is no outbox to queue in
 */
gboolean
puratan_outbox_append (PuratanDatabase *database,
                       const char *entity,
                       const char *entity_id,
                       const char *operation,
                       JsonBuilder *payload,
                       GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonNode) root = json_builder_get_root (payload);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = puratan_store_now ();

  g_assert (!sqlite3_get_autocommit (puratan_database_get_handle (database)));
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  if (!puratan_database_get_outbox (database))
    return TRUE;

  key = puratan_store_new_id (error);
  if (key == NULL)
    return FALSE;
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  stmt = puratan_store_prepare (database,
                                "INSERT INTO outbox (idempotency_key, entity, entity_id, operation,"
                                " payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, key);
  puratan_store_bind_text (stmt, 2, entity);
  puratan_store_bind_text (stmt, 3, entity_id);
  puratan_store_bind_text (stmt, 4, operation);
  puratan_store_bind_text (stmt, 5, json);
  puratan_store_bind_text (stmt, 6, now);
  return puratan_store_step_done (database, stmt, "queue the change for the server", error);
}

/**
 * puratan_outbox_list_pending:
 * @database: an open database
 * @limit: the most entries to return, oldest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanOutboxEntry) (nullable): the changes not yet
 *   acknowledged by the server, or %NULL with @error set
 */
GPtrArray *
puratan_outbox_list_pending (PuratanDatabase *database, guint limit, GError **error)
{
  return puratan_outbox_list_pending_after (database, 0, limit, error);
}

/**
 * puratan_outbox_list_pending_after:
 * @database: an open database
 * @after_id: only entries positioned after this one (0 for all)
 * @limit: the most entries to return, oldest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanOutboxEntry) (nullable): the changes not yet
 *   answered by the server, after @after_id, or %NULL with @error set
 */
GPtrArray *
puratan_outbox_list_pending_after (PuratanDatabase *database,
                                   gint64 after_id,
                                   guint limit,
                                   GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_outbox_entry_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT id, idempotency_key, entity, entity_id, operation, payload,"
                                " created_at, pushed_at FROM outbox WHERE pushed_at IS NULL"
                                " AND id > ? ORDER BY id LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanOutboxEntry *entry = g_new0 (PuratanOutboxEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->idempotency_key = puratan_store_column_text (stmt, 1);
      entry->entity = puratan_store_column_text (stmt, 2);
      entry->entity_id = puratan_store_column_text (stmt, 3);
      entry->operation = puratan_store_column_text (stmt, 4);
      entry->payload = puratan_store_column_text (stmt, 5);
      entry->created_at = puratan_store_column_text (stmt, 6);
      entry->pushed_at = puratan_store_column_text (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the outbox", error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * puratan_outbox_count_pending:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: the number of changes not yet pushed, or -1 with @error set
 */
gint64
puratan_outbox_count_pending (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);

  stmt = puratan_store_prepare (database, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL",
                                error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      puratan_store_fail (database, "count the outbox", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
mark_pushed (PuratanDatabase *database, gpointer user_data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (
      database, "UPDATE outbox SET pushed_at = coalesce (pushed_at, ?) WHERE idempotency_key = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, user_data);
  if (!puratan_store_step_done (database, stmt, "mark the change as pushed", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "No outbox entry has the idempotency key “%s”", (const char *) user_data);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_outbox_mark_pushed:
 * @database: an open database
 * @idempotency_key: the key the server acknowledged
 * @error: return location for a #GError
 *
 * Records that the server applied the change. Marking an entry twice keeps the first time.
 *
 * Returns: %TRUE when marked; %PURATAN_ERROR_NOT_FOUND for an unknown key
 */
gboolean
puratan_outbox_mark_pushed (PuratanDatabase *database, const char *idempotency_key, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (idempotency_key != NULL, FALSE);

  return puratan_database_run_in_transaction (database, mark_pushed, (gpointer) idempotency_key,
                                              error);
}

/**
 * puratan_outbox_pending_keys:
 * @database: an open database
 * @entity: the record kind
 * @entity_id: the record's id
 * @operation: the operation
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the idempotency keys of the entries not yet answered
 *   for this record and operation, oldest first (an empty array for none), or %NULL with
 *   @error set
 */
GStrv
puratan_outbox_pending_keys (PuratanDatabase *database,
                             const char *entity,
                             const char *entity_id,
                             const char *operation,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT idempotency_key FROM outbox WHERE pushed_at IS NULL"
                                " AND entity = ? AND entity_id = ? AND operation = ? ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, entity);
  puratan_store_bind_text (stmt, 2, entity_id);
  puratan_store_bind_text (stmt, 3, operation);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (keys, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the outbox", error);
      return NULL;
    }
  return g_strv_builder_end (keys);
}
