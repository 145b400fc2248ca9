/* puratan-sync-apply.c: the server's change feed applied to the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"
#include "puratan-sync-private.h"
#include "puratan-sync-state.h"

/* Reads a member that is a string or null; absent counts as null. */
static gboolean
get_nullable_string (JsonObject *object, const char *member, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return puratan_json_get_string (object, member, out, error);
}

static gboolean
has_pending_edit (PuratanDatabase *database,
                  const char *order_id,
                  gboolean *pending,
                  GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = puratan_store_prepare (database,
                                "SELECT 1 FROM outbox WHERE pushed_at IS NULL AND entity = 'order'"
                                " AND entity_id = ?1 AND operation IN ('details', 'state')"
                                " UNION ALL SELECT 1 FROM sync_conflicts WHERE order_id = ?1"
                                " AND resolved_at IS NULL LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return puratan_store_fail (database, "read the outbox", error);
  *pending = rc == SQLITE_ROW;
  return TRUE;
}

/* The local customer for the server's customer id: linked, or made now. The change feed
 * carries no customer names, so a customer first met in the feed is named after the id
 * until the shop renames them. */
static char *
local_customer (PuratanDatabase *database, const char *server_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *local = NULL;
  g_autofree char *now = NULL;
  g_autofree char *name = NULL;
  GError *lookup_error = NULL;

  local = puratan_sync_link_local_id (database, "customer", server_id, &lookup_error);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      return NULL;
    }
  if (local != NULL)
    return g_steal_pointer (&local);

  now = puratan_store_now ();
  name = g_strdup_printf ("Customer %.8s", server_id);
  stmt = puratan_store_prepare (database,
                                "INSERT INTO customers (id, name, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (id) DO NOTHING",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, server_id);
  puratan_store_bind_text (stmt, 2, name);
  puratan_store_bind_text (stmt, 3, now);
  if (!puratan_store_step_done (database, stmt, "save the server's customer", error) ||
      !puratan_sync_link_put (database, "customer", server_id, server_id, 0, NULL, error))
    return NULL;
  return g_strdup (server_id);
}

typedef struct
{
  const char *id;
  const char *customer_id;
  const char *status;
  const char *resume_status;
  const char *delivery;
  gboolean credit_approved;
  const char *due_date;
  const char *notes;
  gint64 version;
  const char *created_at;
  const char *updated_at;
} ServerOrder;

static gboolean
read_order (JsonObject *object, ServerOrder *order, GError **error)
{
  if (!puratan_json_get_string (object, "id", &order->id, error) ||
      !puratan_json_get_string (object, "customer_id", &order->customer_id, error) ||
      !puratan_json_get_string (object, "status", &order->status, error) ||
      !get_nullable_string (object, "resume_status", &order->resume_status, error) ||
      !get_nullable_string (object, "delivery", &order->delivery, error) ||
      !puratan_json_get_bool (object, "credit_approved", &order->credit_approved, error) ||
      !get_nullable_string (object, "due_date", &order->due_date, error) ||
      !get_nullable_string (object, "notes", &order->notes, error) ||
      !puratan_json_get_int_in_range (object, "version", 1, G_MAXINT64, &order->version, error) ||
      !puratan_json_get_string (object, "created_at", &order->created_at, error) ||
      !puratan_json_get_string (object, "updated_at", &order->updated_at, error))
    return FALSE;
  if (strlen (order->id) != 36 || strlen (order->customer_id) != 36)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The server sent an order whose id or customer id is not a UUID");
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_local_order (PuratanDatabase *database,
                    const char *local_id,
                    const ServerOrder *order,
                    GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "UPDATE orders SET status = ?, resume_status = ?, delivery = ?,"
                                " credit_approved = ?, due_date = ?, notes = ?,"
                                " version = version + 1, updated_at = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order->status);
  puratan_store_bind_text (stmt, 2, order->resume_status);
  puratan_store_bind_text (stmt, 3, order->delivery);
  sqlite3_bind_int (stmt, 4, order->credit_approved ? 1 : 0);
  puratan_store_bind_text (stmt, 5, order->due_date);
  puratan_store_bind_text (stmt, 6, order->notes != NULL ? order->notes : "");
  puratan_store_bind_text (stmt, 7, now);
  puratan_store_bind_text (stmt, 8, local_id);
  return puratan_store_step_done (database, stmt, "apply the server's order", error);
}

static gboolean
insert_local_order (PuratanDatabase *database, const ServerOrder *order, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *customer = local_customer (database, order->customer_id, error);

  if (customer == NULL)
    return FALSE;
  /* The server's numbers are its own; the order gets the next local number. */
  stmt =
      puratan_store_prepare (database,
                             "INSERT INTO orders (id, number, customer_id, status, resume_status,"
                             " delivery, credit_approved, due_date, notes, created_at,"
                             " updated_at) VALUES (?1, (SELECT coalesce (max (number), 0) + 1"
                             " FROM orders), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order->id);
  puratan_store_bind_text (stmt, 2, customer);
  puratan_store_bind_text (stmt, 3, order->status);
  puratan_store_bind_text (stmt, 4, order->resume_status);
  puratan_store_bind_text (stmt, 5, order->delivery);
  sqlite3_bind_int (stmt, 6, order->credit_approved ? 1 : 0);
  puratan_store_bind_text (stmt, 7, order->due_date);
  puratan_store_bind_text (stmt, 8, order->notes != NULL ? order->notes : "");
  puratan_store_bind_text (stmt, 9, order->created_at);
  puratan_store_bind_text (stmt, 10, order->updated_at);
  return puratan_store_step_done (database, stmt, "save the server's order", error);
}

/* Applies the server's order record inside the caller's transaction. A record no newer than
 * the one last seen is skipped (the feed replays the engine's own changes too). Unless
 * @force, an order with a local edit still waiting to be sent, or with an open conflict, keeps
 * its local fields and its link's version: the edit is sent with the version it was based on
 * and meets a 412 instead of overwriting the server's change, and a conflict's local side
 * stays as it is until a person resolves it. */
gboolean
puratan_sync_apply_order_record (PuratanDatabase *database,
                                 JsonObject *object,
                                 gboolean force,
                                 GError **error)
{
  ServerOrder order = { 0 };
  g_autofree char *local = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *data = NULL;
  GError *lookup_error = NULL;
  gint64 seen = 0;

  if (!read_order (object, &order, error))
    return FALSE;
  json_node_set_object (node, object);
  data = puratan_json_to_string (node, FALSE);

  local = puratan_sync_link_local_id (database, "order", order.id, &lookup_error);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      return FALSE;
    }
  if (local == NULL)
    return insert_local_order (database, &order, error) &&
           puratan_sync_link_put (database, "order", order.id, order.id, order.version, data,
                                  error);

  if (!puratan_sync_link_lookup (database, "order", local, NULL, &seen, error))
    return FALSE;
  if (!force)
    {
      gboolean pending = FALSE;

      /* One transaction on the server can write several rows of one version (a workflow step
       * bumps the version, then sets the state): the last of them is the order as committed,
       * so only older versions are skipped. */
      if (order.version < seen)
        return TRUE;
      if (!has_pending_edit (database, local, &pending, error))
        return FALSE;
      if (pending)
        return TRUE;
    }
  return update_local_order (database, local, &order, error) &&
         puratan_sync_link_put (database, "order", local, order.id, order.version, data, error);
}

static gboolean
apply_payment (PuratanDatabase *database, JsonObject *object, GError **error)
{
  const char *id, *order_id, *kind, *method, *reference, *business_date, *created_at;
  JsonObject *amount;
  gint64 amount_minor;
  g_autofree char *known = NULL;
  g_autofree char *order = NULL;
  g_autofree char *key = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GError *lookup_error = NULL;

  if (!puratan_json_get_string (object, "id", &id, error) ||
      !puratan_json_get_string (object, "order_id", &order_id, error) ||
      !puratan_json_get_string (object, "kind", &kind, error) ||
      !puratan_json_get_string (object, "method", &method, error) ||
      !puratan_json_get_object (object, "amount", &amount, error) ||
      !puratan_json_get_int_in_range (amount, "amount_minor", 1, G_MAXINT64, &amount_minor,
                                      error) ||
      !get_nullable_string (object, "reference", &reference, error) ||
      !puratan_json_get_string (object, "business_date", &business_date, error) ||
      !puratan_json_get_string (object, "created_at", &created_at, error))
    return FALSE;

  /* The engine's own payments are linked when the server answers them. */
  known = puratan_sync_link_local_id (database, "payment", id, &lookup_error);
  if (known == NULL && lookup_error == NULL)
    order = puratan_sync_link_local_id (database, "order", order_id, &lookup_error);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      return FALSE;
    }
  if (known != NULL)
    return TRUE;
  if (order == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The server sent payment %s for order %s before the order itself", id, order_id);
      return FALSE;
    }

  key = g_strconcat ("server:", id, NULL);
  stmt = puratan_store_prepare (database,
                                "INSERT INTO payments (id, idempotency_key, order_id, kind, method,"
                                " amount_paise, tendered_paise, reference, recorded_by,"
                                " business_date, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?,"
                                " 'server', ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, id);
  puratan_store_bind_text (stmt, 2, key);
  puratan_store_bind_text (stmt, 3, order);
  puratan_store_bind_text (stmt, 4, kind);
  puratan_store_bind_text (stmt, 5, method);
  sqlite3_bind_int64 (stmt, 6, amount_minor);
  puratan_store_bind_text (stmt, 7, reference);
  puratan_store_bind_text (stmt, 8, business_date);
  puratan_store_bind_text (stmt, 9, created_at);
  return puratan_store_step_done (database, stmt, "save the server's payment", error) &&
         puratan_sync_link_put (database, "payment", id, id, 1, NULL, error);
}

static gboolean
save_cursor (PuratanDatabase *database, const char *cursor, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt =
      puratan_store_prepare (database,
                             "INSERT INTO sync_cursor (id, cursor, updated_at) VALUES (1, ?1, ?2)"
                             " ON CONFLICT (id) DO UPDATE SET cursor = ?1, updated_at = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, cursor);
  puratan_store_bind_text (stmt, 2, now);
  return puratan_store_step_done (database, stmt, "save the change feed's cursor", error);
}

typedef struct
{
  JsonArray *changes;
  const char *next_cursor;
  guint applied;
} Batch;

static gboolean
apply_one (PuratanDatabase *database, JsonObject *change, guint *applied, GError **error)
{
  const char *entity, *operation;
  JsonObject *data;

  if (!puratan_json_get_string (change, "entity", &entity, error) ||
      !puratan_json_get_string (change, "operation", &operation, error))
    return FALSE;
  /* Files come by their own upload route; their feed entries are for that part. */
  if (g_strcmp0 (entity, "file") == 0)
    return TRUE;
  if (g_strcmp0 (operation, "upsert") != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The server's change feed has a “%s” of a %s, which only files can have",
                   operation, entity);
      return FALSE;
    }
  if (!puratan_json_get_object (change, "data", &data, error))
    return FALSE;
  (*applied)++;
  if (g_strcmp0 (entity, "order") == 0)
    return puratan_sync_apply_order_record (database, data, FALSE, error);
  if (g_strcmp0 (entity, "payment") == 0)
    return apply_payment (database, data, error);
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
               "The server's change feed names an unknown kind of record, “%s”", entity);
  return FALSE;
}

static gboolean
apply_batch (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Batch *batch = user_data;
  g_autofree char *detail = NULL;
  guint n = json_array_get_length (batch->changes);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (batch->changes, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                       "Change %u of the server's feed is not a JSON object", i + 1);
          return FALSE;
        }
      GError *change_error = NULL;

      if (!apply_one (database, json_node_get_object (node), &batch->applied, &change_error))
        {
          /* A member missing or of the wrong type is the server's malformed answer. */
          if (g_error_matches (change_error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT))
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "Change %u of the server's feed cannot be applied: %s", i + 1,
                           change_error->message);
              g_error_free (change_error);
            }
          else
            g_propagate_error (error, change_error);
          return FALSE;
        }
    }
  if (n == 0)
    return save_cursor (database, batch->next_cursor, error);
  detail = g_strdup_printf ("%u changes", n);
  return save_cursor (database, batch->next_cursor, error) &&
         puratan_sync_log_insert (database, "received", "changes", batch->next_cursor, 200, detail,
                                  error);
}

/**
 * puratan_sync_apply_changes:
 * @database: an open database
 * @changes: the `changes` array of one answer of `GET /api/v1/changes`
 * @next_cursor: the answer's `next_cursor`
 * @applied: (out) (optional): how many orders and payments were applied
 * @error: return location for a #GError
 *
 * Applies one batch of the server's change feed and stores the cursor, in one transaction:
 * after a crash the batch is either wholly applied with its cursor or not at all. Orders
 * upsert (the engine's own, already linked, are matched to their local records; others get
 * the next local number); payments are inserted once. A malformed change fails the whole
 * batch with %PURATAN_ERROR_PARSE and changes nothing.
 *
 * Returns: %TRUE when applied
 */
gboolean
puratan_sync_apply_changes (PuratanDatabase *database,
                            JsonArray *changes,
                            const char *next_cursor,
                            guint *applied,
                            GError **error)
{
  Batch batch = { changes, next_cursor, 0 };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (changes != NULL && next_cursor != NULL, FALSE);

  if (strlen (next_cursor) == 0 || strlen (next_cursor) > 64)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The server's change feed sent a cursor of %zu characters",
                   strlen (next_cursor));
      return FALSE;
    }
  if (!puratan_database_run_in_transaction (database, apply_batch, &batch, error))
    return FALSE;
  if (applied != NULL)
    *applied = batch.applied;
  return TRUE;
}

static gboolean
apply_order (PuratanDatabase *database, gpointer user_data, GError **error)
{
  return puratan_sync_apply_order_record (database, user_data, FALSE, error);
}

/**
 * puratan_sync_apply_order:
 * @database: an open database
 * @order: an order as the server answers it
 * @error: return location for a #GError
 *
 * Applies one order record of the server (from an event or a `GET`), as the change feed
 * would, in its own transaction.
 *
 * Returns: %TRUE when applied (or skipped as not newer)
 */
gboolean
puratan_sync_apply_order (PuratanDatabase *database, JsonObject *order, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  return puratan_database_run_in_transaction (database, apply_order, order, error);
}
