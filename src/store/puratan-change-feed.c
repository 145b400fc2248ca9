/* puratan-change-feed.c: every change to orders, payments and files, in commit order
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are written by the triggers of schema step 8, inside the transaction of each
 * change; this file only reads them.
 */
#include "puratan-change-feed.h"
#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_change_free:
 * @change: (nullable): a change
 */
void
puratan_change_free (PuratanChange *change)
{
  if (change == NULL)
    return;
  g_free (change->entity);
  g_free (change->entity_id);
  g_free (change->operation);
  g_free (change->customer_id);
  g_free (change->data);
  g_free (change->at);
  g_free (change);
}

/**
 * puratan_change_list:
 * @database: an open database
 * @after_seq: the cursor: changes after this one (0 for all)
 * @customer_id: (nullable): only this customer's changes
 * @limit: at most this many, 1 to 10000
 * @error: return location for a #GError
 *
 * An order's record carries, besides the row as the change left it, the order's lines
 * (`lines`, as the API shows them: position, product, description, hsn_sac, quantity,
 * unit_price, line_total, tax_rate_bp, tax) and its customer's name (`customer_name`) as they
 * are when the feed is read, so that a reader gets whole orders. Lines only ever grow, and
 * only while the order is a draft, so the lines read now hold those of any earlier change.
 *
 * Returns: (transfer container) (element-type PuratanChange) (nullable): the changes in
 *   commit order, or %NULL with @error set
 */
GPtrArray *
puratan_change_list (PuratanDatabase *database,
                     gint64 after_seq,
                     const char *customer_id,
                     guint limit,
                     GError **error)
{
  g_autoptr (GPtrArray) changes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_change_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (limit >= 1 && limit <= 10000, NULL);

  stmt = puratan_store_prepare (
      database,
      "SELECT c.seq, c.entity, c.entity_id, c.operation, c.customer_id,"
      " CASE WHEN c.entity = 'order' AND c.operation = 'upsert' THEN json_set (c.data,"
      "  '$.customer_name', (SELECT name FROM customers WHERE id = c.customer_id),"
      "  '$.lines', (SELECT json_group_array (json_object ('position', l.position,"
      "   'product', l.product, 'description', l.description, 'hsn_sac', l.hsn_sac,"
      "   'quantity', l.quantity,"
      "   'unit_price', json_object ('amount_minor', l.unit_price_paise, 'currency', 'INR'),"
      "   'line_total', json_object ('amount_minor', l.line_total_paise, 'currency', 'INR'),"
      "   'tax_rate_bp', l.tax_rate_bp,"
      "   'tax', json_object ('amount_minor', l.tax_paise, 'currency', 'INR')))"
      "   FROM (SELECT * FROM order_lines WHERE order_id = c.entity_id ORDER BY position) l))"
      " ELSE json (c.data) END, c.at"
      " FROM changes c WHERE c.seq > ? AND (?2 IS NULL OR c.customer_id = ?2)"
      " ORDER BY c.seq LIMIT ?3",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MAX (after_seq, 0));
  puratan_store_bind_text (stmt, 2, customer_id);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanChange *change = g_new0 (PuratanChange, 1);

      change->seq = sqlite3_column_int64 (stmt, 0);
      change->entity = puratan_store_column_text (stmt, 1);
      change->entity_id = puratan_store_column_text (stmt, 2);
      change->operation = puratan_store_column_text (stmt, 3);
      change->customer_id = puratan_store_column_text (stmt, 4);
      change->data = puratan_store_column_text (stmt, 5);
      change->at = puratan_store_column_text (stmt, 6);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the change feed", error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/**
 * puratan_change_last_seq:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: the newest change's cursor, 0 when there is none, or -1 with @error set
 */
gint64
puratan_change_last_seq (PuratanDatabase *database, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), -1);

  stmt = puratan_store_prepare (database, "SELECT coalesce (max (seq), 0) FROM changes", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the change feed", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
