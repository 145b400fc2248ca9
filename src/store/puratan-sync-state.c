/* puratan-sync-state.c: what the sync engine keeps in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"
#include "puratan-sync-state.h"
#include "puratan-sync-private.h"

static const char *const outcome_names[] = { "sent", "refused", "conflict", "local" };

/* Appends one line to the sync log; runs inside the caller's transaction. */
gboolean
puratan_sync_log_insert (PuratanDatabase *database,
                         const char *direction,
                         const char *entity,
                         const char *entity_id,
                         guint status,
                         const char *detail,
                         GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();
  g_autofree char *clipped = NULL;

  /* A server's detail is kept whole unless it is absurdly long. */
  if (detail != NULL && strlen (detail) > 2000)
    {
      const char *end = NULL;
      g_utf8_validate (detail, 1990, &end);
      clipped = g_strndup (detail, end - detail);
      detail = clipped;
    }
  stmt = puratan_store_prepare (database,
                                "INSERT INTO sync_log (at, direction, entity, entity_id, status,"
                                " detail) VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, direction);
  puratan_store_bind_text (stmt, 3, entity);
  puratan_store_bind_text (stmt, 4, entity_id != NULL ? entity_id : "");
  sqlite3_bind_int (stmt, 5, (int) status);
  puratan_store_bind_text (stmt, 6, detail != NULL ? detail : "");
  return puratan_store_step_done (database, stmt, "write the sync log", error);
}

/* Links a local record to the server's, or updates the link; inside a transaction. A link
 * that says so already is not written again. */
gboolean
puratan_sync_link_put (PuratanDatabase *database,
                       const char *entity,
                       const char *local_id,
                       const char *server_id,
                       gint64 server_version,
                       const char *data,
                       GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database,
                                "INSERT INTO sync_links (entity, local_id, server_id,"
                                " server_version, data) VALUES (?1, ?2, ?3, ?4, ?5)"
                                " ON CONFLICT (entity, local_id) DO UPDATE SET server_id = ?3,"
                                " server_version = max (server_version, ?4),"
                                " data = CASE WHEN ?4 >= server_version THEN coalesce (?5, data)"
                                " ELSE data END"
                                " WHERE server_id IS NOT ?3 OR ?4 > server_version"
                                " OR (?4 = server_version AND ?5 IS NOT NULL AND data IS NOT ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, entity);
  puratan_store_bind_text (stmt, 2, local_id);
  puratan_store_bind_text (stmt, 3, server_id);
  sqlite3_bind_int64 (stmt, 4, MAX (server_version, 0));
  puratan_store_bind_text (stmt, 5, data);
  return puratan_store_step_done (database, stmt, "link the record to the server's", error);
}

static gboolean
mark_entry (PuratanDatabase *database, const char *key, PuratanSyncOutcome outcome, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "UPDATE outbox SET pushed_at = coalesce (pushed_at, ?),"
                                " outcome = coalesce (outcome, ?) WHERE idempotency_key = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, outcome_names[outcome]);
  puratan_store_bind_text (stmt, 3, key);
  if (!puratan_store_step_done (database, stmt, "mark the change as answered", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "No outbox entry has the idempotency key “%s”", key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_answer (PuratanDatabase *database, gpointer user_data, GError **error)
{
  const PuratanSyncAnswer *answer = user_data;

  for (guint i = 0; answer->keys[i] != NULL; i++)
    if (!mark_entry (database, answer->keys[i], answer->outcome, error))
      return FALSE;
  if (answer->customer_local_id != NULL && answer->customer_server_id != NULL &&
      !puratan_sync_link_put (database, "customer", answer->customer_local_id,
                              answer->customer_server_id, 0, NULL, error))
    return FALSE;
  if (answer->server_id != NULL &&
      !puratan_sync_link_put (database, answer->entity, answer->local_id, answer->server_id,
                              answer->server_version, answer->server_data, error))
    return FALSE;
  return puratan_sync_log_insert (database, outcome_names[answer->outcome], answer->entity,
                                  answer->local_id, answer->status, answer->detail, error);
}

/**
 * puratan_sync_record_answer:
 * @database: an open database
 * @answer: what the server answered
 * @error: return location for a #GError
 *
 * Records the server's answer to one or more outbox entries in one transaction: the entries
 * leave the queue with the outcome, the local record is linked to the server's (with the
 * server's version, the If-Match of the next edit), and the sync log gets a line. Called only
 * once the server has answered, so an entry whose answer was lost stays queued and is sent
 * again under the same idempotency key.
 *
 * Returns: %TRUE when recorded; %PURATAN_ERROR_NOT_FOUND for an unknown key (nothing changes)
 */
gboolean
puratan_sync_record_answer (PuratanDatabase *database,
                            const PuratanSyncAnswer *answer,
                            GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (answer != NULL && answer->keys != NULL, FALSE);
  g_return_val_if_fail (answer->entity != NULL && answer->local_id != NULL, FALSE);
  g_return_val_if_fail (answer->outcome <= PURATAN_SYNC_OUTCOME_LOCAL, FALSE);

  return puratan_database_run_in_transaction (database, record_answer, (gpointer) answer, error);
}

/**
 * puratan_sync_link_lookup:
 * @database: an open database
 * @entity: "order", "payment" or "customer"
 * @local_id: the local record's id
 * @server_id: (out) (optional) (transfer full) (nullable): the server's id, %NULL when unlinked
 * @server_version: (out) (optional): the server version last seen, 0 when unlinked
 * @error: return location for a #GError
 *
 * Returns: %TRUE when read (linked or not), %FALSE with @error set
 */
gboolean
puratan_sync_link_lookup (PuratanDatabase *database,
                          const char *entity,
                          const char *local_id,
                          char **server_id,
                          gint64 *server_version,
                          GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (entity != NULL && local_id != NULL, FALSE);

  if (server_id != NULL)
    *server_id = NULL;
  if (server_version != NULL)
    *server_version = 0;
  stmt = puratan_store_prepare (database,
                                "SELECT server_id, server_version FROM sync_links"
                                " WHERE entity = ? AND local_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, entity);
  puratan_store_bind_text (stmt, 2, local_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (server_id != NULL)
        *server_id = puratan_store_column_text (stmt, 0);
      if (server_version != NULL)
        *server_version = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return puratan_store_fail (database, "read the links to the server", error);
  return TRUE;
}

/**
 * puratan_sync_link_local_id:
 * @database: an open database
 * @entity: "order", "payment" or "customer"
 * @server_id: the server's id of a record
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the local record's id, or %NULL: unlinked (without
 *   @error) or failed (with @error set)
 */
char *
puratan_sync_link_local_id (PuratanDatabase *database,
                            const char *entity,
                            const char *server_id,
                            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (
      database, "SELECT local_id FROM sync_links WHERE entity = ? AND server_id = ?", error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, entity);
  puratan_store_bind_text (stmt, 2, server_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return puratan_store_column_text (stmt, 0);
  if (rc != SQLITE_DONE)
    puratan_store_fail (database, "read the links to the server", error);
  return NULL;
}

/**
 * puratan_sync_cursor_get:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the change feed's cursor reached so far ("0" before
 *   the first batch), or %NULL with @error set
 */
char *
puratan_sync_cursor_get (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database, "SELECT cursor FROM sync_cursor WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return puratan_store_column_text (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the change feed's cursor", error);
      return NULL;
    }
  return g_strdup ("0");
}

/**
 * puratan_sync_count_waiting:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: the number of outbox entries the engine still has to send, attached files (each
 *   a resumable upload) included, or -1 with @error set
 */
gint64
puratan_sync_count_waiting (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);

  stmt = puratan_store_prepare (database,
                                "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"
                                " AND entity <> 'file'",
                                error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      puratan_store_fail (database, "count the changes waiting", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * puratan_sync_log_entry_free:
 * @entry: (nullable): an entry
 */
void
puratan_sync_log_entry_free (PuratanSyncLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->direction);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->detail);
  g_free (entry);
}

typedef struct
{
  const char *direction;
  const char *entity;
  const char *entity_id;
  guint status;
  const char *detail;
} LogLine;

static gboolean
append_log (PuratanDatabase *database, gpointer user_data, GError **error)
{
  LogLine *line = user_data;

  return puratan_sync_log_insert (database, line->direction, line->entity, line->entity_id,
                                  line->status, line->detail, error);
}

/**
 * puratan_sync_log_append:
 * @database: an open database
 * @direction: "sent", "received", "refused", "conflict" or "local"
 * @entity: the record kind
 * @entity_id: (nullable): the record's id
 * @status: the HTTP status, 0 for none
 * @detail: (nullable): the server's problem detail or a note
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the line was written
 */
gboolean
puratan_sync_log_append (PuratanDatabase *database,
                         const char *direction,
                         const char *entity,
                         const char *entity_id,
                         guint status,
                         const char *detail,
                         GError **error)
{
  LogLine line = { direction, entity, entity_id, status, detail };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (direction != NULL && entity != NULL, FALSE);

  return puratan_database_run_in_transaction (database, append_log, &line, error);
}

/**
 * puratan_sync_log_list:
 * @database: an open database
 * @limit: the most entries to return, newest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanSyncLogEntry) (nullable): the sync log, newest
 *   first, or %NULL with @error set
 */
GPtrArray *
puratan_sync_log_list (PuratanDatabase *database, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_sync_log_entry_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT id, at, direction, entity, entity_id, status, detail"
                                " FROM sync_log ORDER BY id DESC LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanSyncLogEntry *entry = g_new0 (PuratanSyncLogEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = puratan_store_column_text (stmt, 1);
      entry->direction = puratan_store_column_text (stmt, 2);
      entry->entity = puratan_store_column_text (stmt, 3);
      entry->entity_id = puratan_store_column_text (stmt, 4);
      entry->status = (guint) sqlite3_column_int (stmt, 5);
      entry->detail = puratan_store_column_text (stmt, 6);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the sync log", error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
