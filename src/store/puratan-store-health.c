/* puratan-store-health.c: what the server's probes and metrics ask the store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-store-health.h"

#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_database_check_ready:
 * @self: an open database
 * @error: return location for a #GError
 *
 * Checks that the database answers a query now and that the schema version stored in the
 * file is still the one this connection migrated it to (another program could have moved
 * it on or back). Blocking, but only for one small read.
 *
 * Returns: %TRUE when ready; %FALSE with @error set: %PURATAN_ERROR_UNSUPPORTED_VERSION when
 *   the stored schema version differs, %PURATAN_ERROR_IO when the database cannot be read
 */
gboolean
puratan_database_check_ready (PuratanDatabase *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int stored;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);

  stmt = puratan_store_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return puratan_store_fail (self, "read the schema version", error);
  stored = sqlite3_column_int (stmt, 0);
  if (stored != puratan_database_get_schema_version (self))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "The database is at schema version %d; this server runs version %d", stored,
                   puratan_database_get_schema_version (self));
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_status_count_free:
 * @count: (nullable): a count
 */
void
puratan_status_count_free (PuratanStatusCount *count)
{
  if (count == NULL)
    return;
  g_free (count->status);
  g_free (count);
}

/**
 * puratan_order_count_by_status:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Counts the orders in each status that has any, in status order.
 *
 * Returns: (transfer full) (element-type PuratanStatusCount) (nullable): the counts, or
 *   %NULL with @error set when the database cannot be read
 */
GPtrArray *
puratan_order_count_by_status (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) counts =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_status_count_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  stmt = puratan_store_prepare (
      database, "SELECT status, count(*) FROM orders GROUP BY status ORDER BY status", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanStatusCount *count = g_new0 (PuratanStatusCount, 1);

      count->status = puratan_store_column_text (stmt, 0);
      count->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "count the orders", error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}
