/* puratan-change-feed.c: every change to orders, payments and files, in commit order
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are written by triggers (schema steps 8 and 13), inside the transaction of each
 * change; this file only reads them. A payment's or a file's row holds its record; an
 * order's row only marks where a change to the order stands in commit order, and the order
 * is read with the feed.
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

/* Whether any change after @after_seq is left for the reader (all, or one customer's). */
static gboolean
changes_after (PuratanDatabase *database,
               gint64 after_seq,
               const char *customer_id,
               gboolean *more,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
      database,
      "SELECT EXISTS (SELECT 1 FROM changes WHERE seq > ? AND (?2 IS NULL OR customer_id = ?2))",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  puratan_store_bind_text (stmt, 2, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return puratan_store_fail (database, "read the change feed", error);
  *more = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * puratan_change_list:
 * @database: an open database
 * @after_seq: the cursor: changes after this one (0 for all)
 * @customer_id: (nullable): only this customer's changes
 * @limit: read at most this many rows of the feed, 1 to 10000
 * @next_seq: (out): the cursor after the rows read (@after_seq when none were)
 * @has_more: (out): whether rows are left after them
 * @error: return location for a #GError
 *
 * Reads a page of the feed. An order's record is the whole order as it is when the feed is
 * read: its row, its lines (`lines`, as the API shows them: position, product, description,
 * hsn_sac, quantity, unit_price, line_total, tax_rate_bp, tax) and its customer's name
 * (`customer_name`). Each change to an order leaves it whole, so the order read now holds
 * every earlier change, and applying it at any of its changes' places converges.
 *
 * Since each order row is the whole order, the rows of one order within the page fold into
 * one: it stands at the place (and has the cursor) of the first of them, so that what
 * follows it in the page (a payment, a file) still finds its order before it, and it
 * carries the last one's time. Applying the page in order ends in the same state as applying
 * every row; payments and files are never folded.
 *
 * Returns: (transfer container) (element-type PuratanChange) (nullable): the changes in
 *   commit order, or %NULL with @error set
 */
GPtrArray *
puratan_change_list (PuratanDatabase *database,
                     gint64 after_seq,
                     const char *customer_id,
                     guint limit,
                     gint64 *next_seq,
                     gboolean *has_more,
                     GError **error)
{
  g_autoptr (GPtrArray) changes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_change_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 last_read;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (limit >= 1 && limit <= 10000, NULL);
  g_return_val_if_fail (next_seq != NULL && has_more != NULL, NULL);

  after_seq = MAX (after_seq, 0);
  last_read = after_seq;
  stmt = puratan_store_prepare (
      database,
      "WITH page AS (SELECT seq, entity, entity_id, operation, customer_id,"
      "  (entity = 'order' AND operation = 'upsert') AS folds"
      "  FROM changes WHERE seq > ?1 AND (?2 IS NULL OR customer_id = ?2)"
      "  ORDER BY seq LIMIT ?3),"
      " folded AS (SELECT seq, entity, entity_id, operation, customer_id,"
      "  CASE WHEN folds THEN min (seq) OVER (PARTITION BY folds, entity_id) ELSE seq END"
      "   AS first_seq,"
      "  CASE WHEN folds THEN max (seq) OVER (PARTITION BY folds, entity_id) ELSE seq END"
      "   AS last_seq,"
      "  max (seq) OVER () AS page_last FROM page)"
      " SELECT f.seq, f.entity, f.entity_id, f.operation, c.customer_id,"
      " CASE WHEN f.entity = 'order' AND f.operation = 'upsert'"
      "  THEN json_set (" PURATAN_CHANGE_ORDER_JSON ","
      "  '$.customer_name', (SELECT name FROM customers WHERE id = c.customer_id),"
      "  '$.lines', (SELECT json_group_array (json_object ('position', l.position,"
      "   'product', l.product, 'description', l.description, 'hsn_sac', l.hsn_sac,"
      "   'quantity', l.quantity,"
      "   'unit_price', json_object ('amount_minor', l.unit_price_paise, 'currency', 'INR'),"
      "   'line_total', json_object ('amount_minor', l.line_total_paise, 'currency', 'INR'),"
      "   'tax_rate_bp', l.tax_rate_bp,"
      "   'tax', json_object ('amount_minor', l.tax_paise, 'currency', 'INR')))"
      "   FROM (SELECT * FROM order_lines WHERE order_id = f.entity_id ORDER BY position) l))"
      " ELSE json (c.data) END, c.at, f.page_last"
      " FROM folded f JOIN changes c ON c.seq = f.last_seq"
      " LEFT JOIN orders o ON f.entity = 'order' AND o.id = f.entity_id"
      " WHERE f.seq = f.first_seq AND (f.entity != 'order' OR o.id IS NOT NULL)"
      " ORDER BY f.seq",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
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
      last_read = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the change feed", error);
      return NULL;
    }
  if (!changes_after (database, last_read, customer_id, has_more, error))
    return NULL;
  *next_seq = last_read;
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
