/* puratan-audit.c: the append-only audit log
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-audit.h"
#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_audit_entry_free:
 * @entry: (nullable): an entry
 */
void
puratan_audit_entry_free (PuratanAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->role);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->action);
  g_free (entry->from_state);
  g_free (entry->to_state);
  g_free (entry->reason);
  g_free (entry);
}

static gboolean
append_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PuratanAuditEntry *entry = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database,
                                "INSERT INTO audit_log (at, actor, role, entity, entity_id, action,"
                                " from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                " RETURNING id",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, entry->at);
  puratan_store_bind_text (stmt, 2, entry->actor);
  puratan_store_bind_text (stmt, 3, entry->role);
  puratan_store_bind_text (stmt, 4, entry->entity);
  puratan_store_bind_text (stmt, 5, entry->entity_id);
  puratan_store_bind_text (stmt, 6, entry->action);
  puratan_store_bind_text (stmt, 7, entry->from_state);
  puratan_store_bind_text (stmt, 8, entry->to_state);
  puratan_store_bind_text (stmt, 9, entry->reason != NULL ? entry->reason : "");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return puratan_store_fail (database, "write the audit log", error);
  entry->id = sqlite3_column_int64 (stmt, 0);
  return puratan_store_step_done (database, stmt, "write the audit log", error);
}

/**
 * puratan_audit_append:
 * @database: an open database; call inside the transaction of the change being audited
 * @entry: (inout): the entry; its id and time are set on success
 * @error: return location for a #GError
 *
 * Appends to the audit log. Entries are never changed or removed; the database refuses it.
 *
 * Returns: %TRUE when appended
 */
gboolean
puratan_audit_append (PuratanDatabase *database, PuratanAuditEntry *entry, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!puratan_store_check_text ("user name", entry->actor, TRUE, 128, error) ||
      !puratan_store_check_text ("reason", entry->reason, FALSE, 2000, error))
    return FALSE;
  g_free (entry->at);
  entry->at = puratan_store_now ();
  return puratan_database_run_in_transaction (database, append_in_transaction, entry, error);
}

/**
 * puratan_audit_list:
 * @database: an open database
 * @entity: the kind of record
 * @entity_id: the record
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanAuditEntry) (nullable): the record's history,
 *   oldest first, or %NULL with @error set
 */
GPtrArray *
puratan_audit_list (PuratanDatabase *database,
                    const char *entity,
                    const char *entity_id,
                    GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_audit_entry_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (entity != NULL && entity_id != NULL, NULL);

  stmt =
      puratan_store_prepare (database,
                             "SELECT id, at, actor, role, entity, entity_id, action, from_state,"
                             " to_state, reason FROM audit_log WHERE entity = ? AND entity_id = ?"
                             " ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, entity);
  puratan_store_bind_text (stmt, 2, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanAuditEntry *entry = g_new0 (PuratanAuditEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = puratan_store_column_text (stmt, 1);
      entry->actor = puratan_store_column_text (stmt, 2);
      entry->role = puratan_store_column_text (stmt, 3);
      entry->entity = puratan_store_column_text (stmt, 4);
      entry->entity_id = puratan_store_column_text (stmt, 5);
      entry->action = puratan_store_column_text (stmt, 6);
      entry->from_state = puratan_store_column_text (stmt, 7);
      entry->to_state = puratan_store_column_text (stmt, 8);
      entry->reason = puratan_store_column_text (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the audit log", error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
