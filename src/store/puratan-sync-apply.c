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

/* Names a customer first met in the feed, before the feed carried names, after the server's
 * customer: the placeholder is replaced once a name arrives. */
static char *
placeholder_name (const char *server_id)
{
  return g_strdup_printf ("Customer %.8s", server_id);
}

/* Gives linked customer @local the server's @name while it has the placeholder. */
static gboolean
name_customer (PuratanDatabase *database,
               const char *local,
               const char *server_id,
               const char *name,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *placeholder = NULL;

  if (name == NULL || name[0] == '\0')
    return TRUE;
  now = puratan_store_now ();
  placeholder = placeholder_name (server_id);
  stmt = puratan_store_prepare (database,
                                "UPDATE customers SET name = ?1, updated_at = ?2"
                                " WHERE id = ?3 AND name = ?4",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, name);
  puratan_store_bind_text (stmt, 2, now);
  puratan_store_bind_text (stmt, 3, local);
  puratan_store_bind_text (stmt, 4, placeholder);
  return puratan_store_step_done (database, stmt, "name the server's customer", error);
}

/* The local customer for the server's customer id: linked, or made now with @name (NULL:
 * named after the id until the shop renames them). A linked customer still under the
 * placeholder takes @name. */
static char *
local_customer (PuratanDatabase *database, const char *server_id, const char *name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *local = NULL;
  g_autofree char *now = NULL;
  g_autofree char *placeholder = placeholder_name (server_id);
  GError *lookup_error = NULL;

  local = puratan_sync_link_local_id (database, "customer", server_id, &lookup_error);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, lookup_error);
      return NULL;
    }
  if (local != NULL)
    return name_customer (database, local, server_id, name, error) ? g_steal_pointer (&local)
                                                                   : NULL;

  now = puratan_store_now ();
  stmt = puratan_store_prepare (database,
                                "INSERT INTO customers (id, name, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (id) DO NOTHING",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, server_id);
  puratan_store_bind_text (stmt, 2, name != NULL && name[0] != '\0' ? name : placeholder);
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
  const char *customer_name;
  JsonArray *lines;
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
  /* Feeds of older servers carry neither. */
  order->lines = NULL;
  if (!get_nullable_string (object, "customer_name", &order->customer_name, error))
    return FALSE;
  if (json_object_has_member (object, "lines") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "lines")) &&
      !puratan_json_get_array (object, "lines", &order->lines, error))
    return FALSE;
  if (strlen (order->id) != 36 || strlen (order->customer_id) != 36)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The server sent an order whose id or customer id is not a UUID");
      return FALSE;
    }
  return TRUE;
}

/* Takes the server's fields into the local order; an order that has them already (the
 * engine's own, read back from the feed) is left as it is, version and all. */
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
                                " version = version + 1, updated_at = ?7 WHERE id = ?8"
                                " AND (status IS NOT ?1 OR resume_status IS NOT ?2"
                                " OR delivery IS NOT ?3 OR credit_approved IS NOT ?4"
                                " OR due_date IS NOT ?5 OR notes IS NOT ?6)",
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

static gint64
count_local_lines (PuratanDatabase *database, const char *local_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database, "SELECT count(*) FROM order_lines WHERE order_id = ?",
                                error);
  if (stmt == NULL)
    return -1;
  puratan_store_bind_text (stmt, 1, local_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the order's lines", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
get_money (JsonObject *line, const char *member, gint64 *out, GError **error)
{
  JsonObject *money;

  return puratan_json_get_object (line, member, &money, error) &&
         puratan_json_get_int_in_range (money, "amount_minor", 0, G_MAXINT64, out, error);
}

/* Saves one of the server's lines on the local order (a draft at this point: lines are
 * frozen once an order is placed), with a snapshot that says where it came from. */
static gboolean
insert_line (PuratanDatabase *database, const char *local_id, JsonObject *line, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *snapshot = NULL;
  const char *product, *description = NULL, *hsn;
  gint64 position, quantity, unit, total, rate, tax;

  if (!puratan_json_get_int_in_range (line, "position", 1, G_MAXINT32, &position, error) ||
      !puratan_json_get_string (line, "product", &product, error) ||
      !get_nullable_string (line, "description", &description, error) ||
      !puratan_json_get_string (line, "hsn_sac", &hsn, error) ||
      !puratan_json_get_int_in_range (line, "quantity", 1, G_MAXINT64, &quantity, error) ||
      !get_money (line, "unit_price", &unit, error) ||
      !get_money (line, "line_total", &total, error) ||
      !puratan_json_get_int_in_range (line, "tax_rate_bp", 0, 10000, &rate, error) ||
      !get_money (line, "tax", &tax, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "server");
  json_builder_set_member_name (builder, "product");
  json_builder_add_string_value (builder, product);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description != NULL ? description : "");
  json_builder_set_member_name (builder, "hsn_sac");
  json_builder_add_string_value (builder, hsn);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_set_member_name (builder, "unit_price_paise");
  json_builder_add_int_value (builder, unit);
  json_builder_set_member_name (builder, "line_total_paise");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "tax_rate_bp");
  json_builder_add_int_value (builder, rate);
  json_builder_set_member_name (builder, "tax_paise");
  json_builder_add_int_value (builder, tax);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "INR");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  snapshot = puratan_json_to_string (root, FALSE);

  stmt = puratan_store_prepare (database,
                                "INSERT INTO order_lines (order_id, position, product, description,"
                                " hsn_sac, quantity, unit_price_paise, line_total_paise,"
                                " tax_rate_bp, tax_paise, snapshot)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, local_id);
  sqlite3_bind_int64 (stmt, 2, position);
  puratan_store_bind_text (stmt, 3, product);
  puratan_store_bind_text (stmt, 4, description != NULL ? description : "");
  puratan_store_bind_text (stmt, 5, hsn);
  sqlite3_bind_int64 (stmt, 6, quantity);
  sqlite3_bind_int64 (stmt, 7, unit);
  sqlite3_bind_int64 (stmt, 8, total);
  sqlite3_bind_int64 (stmt, 9, rate);
  sqlite3_bind_int64 (stmt, 10, tax);
  puratan_store_bind_text (stmt, 11, snapshot);
  return puratan_store_step_done (database, stmt, "save the server's order line", error);
}

/* Saves the lines of @order the local order lacks (positions above the local count; lines
 * only grow). The local order must be a draft. */
static gboolean
insert_missing_lines (PuratanDatabase *database,
                      const char *local_id,
                      const ServerOrder *order,
                      gint64 have,
                      GError **error)
{
  for (guint i = 0; i < json_array_get_length (order->lines); i++)
    {
      JsonNode *node = json_array_get_element (order->lines, i);
      gint64 position;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                       "A line of the server's order %s is not a JSON object", order->id);
          return FALSE;
        }
      position =
          json_object_get_int_member_with_default (json_node_get_object (node), "position", 0);
      if (position > have && !insert_line (database, local_id, json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}

/* Sets the workflow fields alone (after lines were added to a new local order as a draft). */
static gboolean
set_local_state (PuratanDatabase *database,
                 const char *local_id,
                 const ServerOrder *order,
                 GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database,
                                "UPDATE orders SET status = ?, resume_status = ?, delivery = ?"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order->status);
  puratan_store_bind_text (stmt, 2, order->resume_status);
  puratan_store_bind_text (stmt, 3, order->delivery);
  puratan_store_bind_text (stmt, 4, local_id);
  return puratan_store_step_done (database, stmt, "apply the server's order", error);
}

static gboolean
insert_local_order (PuratanDatabase *database, const ServerOrder *order, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *customer =
      local_customer (database, order->customer_id, order->customer_name, error);
  gboolean as_draft = order->lines != NULL && json_array_get_length (order->lines) > 0 &&
                      g_strcmp0 (order->status, "draft") != 0;

  if (customer == NULL)
    return FALSE;
  /* The server's numbers are its own; the order gets the next local number. An order with
   * lines is saved as a draft first, since lines are frozen once an order is placed. */
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
  puratan_store_bind_text (stmt, 3, as_draft ? "draft" : order->status);
  puratan_store_bind_text (stmt, 4, as_draft ? NULL : order->resume_status);
  puratan_store_bind_text (stmt, 5, as_draft ? NULL : order->delivery);
  sqlite3_bind_int (stmt, 6, order->credit_approved ? 1 : 0);
  puratan_store_bind_text (stmt, 7, order->due_date);
  puratan_store_bind_text (stmt, 8, order->notes != NULL ? order->notes : "");
  puratan_store_bind_text (stmt, 9, order->created_at);
  puratan_store_bind_text (stmt, 10, order->updated_at);
  if (!puratan_store_step_done (database, stmt, "save the server's order", error))
    return FALSE;
  if (order->lines == NULL)
    return TRUE;
  return insert_missing_lines (database, order->id, order, 0, error) &&
         (!as_draft || set_local_state (database, order->id, order, error));
}

/* Adds the lines a local order lacks (one pulled before the feed carried lines), reopening
 * it as a draft for the moment: update_local_order() then sets its state again. */
static gboolean
complete_local_lines (PuratanDatabase *database,
                      const char *local_id,
                      const ServerOrder *order,
                      GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 have;

  if (order->lines == NULL)
    return TRUE;
  have = count_local_lines (database, local_id, error);
  if (have < 0)
    return FALSE;
  if ((guint64) have >= json_array_get_length (order->lines))
    return TRUE;
  stmt = puratan_store_prepare (database,
                                "UPDATE orders SET status = 'draft', resume_status = NULL"
                                " WHERE id = ? AND status != 'draft'",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, local_id);
  return puratan_store_step_done (database, stmt, "reopen the order for its lines", error) &&
         insert_missing_lines (database, local_id, order, have, error);
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
  if (order.customer_name != NULL)
    {
      g_autofree char *customer =
          puratan_sync_link_local_id (database, "customer", order.customer_id, &lookup_error);

      if (lookup_error != NULL)
        {
          g_propagate_error (error, lookup_error);
          return FALSE;
        }
      if (customer != NULL &&
          !name_customer (database, customer, order.customer_id, order.customer_name, error))
        return FALSE;
    }
  return complete_local_lines (database, local, &order, error) &&
         update_local_order (database, local, &order, error) &&
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

  /* A refund the server made with this workstation's cancel step is the refund recorded
   * here with the cancel: linked to it, not saved twice. */
  if (g_strcmp0 (kind, "refund") == 0)
    {
      g_autoptr (sqlite3_stmt) find = NULL;
      int rc;

      find = puratan_store_prepare (
          database,
          "SELECT p.id FROM payments p WHERE p.order_id = ? AND p.kind = 'refund'"
          " AND p.method = ? AND p.amount_paise = ? AND NOT EXISTS (SELECT 1 FROM sync_links s"
          " WHERE s.entity = 'payment' AND s.local_id = p.id) ORDER BY p.created_at LIMIT 1",
          error);
      if (find == NULL)
        return FALSE;
      puratan_store_bind_text (find, 1, order);
      puratan_store_bind_text (find, 2, method);
      sqlite3_bind_int64 (find, 3, amount_minor);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *local = puratan_store_column_text (find, 0);
          return puratan_sync_link_put (database, "payment", local, id, 1, NULL, error);
        }
      if (rc != SQLITE_DONE)
        return puratan_store_fail (database, "read the order's refunds", error);
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

/* A member that is a string, or NULL. */
static const char *
string_member (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The order id of a change that upserts an order, or NULL. */
static const char *
order_change_id (JsonNode *node)
{
  JsonObject *change;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  change = json_node_get_object (node);
  if (g_strcmp0 (string_member (change, "entity"), "order") != 0 ||
      g_strcmp0 (string_member (change, "operation"), "upsert") != 0)
    return NULL;
  return string_member (change, "id");
}

static gboolean
apply_batch (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Batch *batch = user_data;
  g_autofree char *detail = NULL;
  guint n = json_array_get_length (batch->changes);

  g_autoptr (GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  /* Each order record is the whole order after its change: of an order's records in the
   * page only the last counts. It is applied where the order first appears, so that a
   * payment after that finds its order. */
  for (guint i = 0; i < n; i++)
    {
      const char *id = order_change_id (json_array_get_element (batch->changes, i));

      if (id != NULL)
        g_hash_table_insert (last, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (batch->changes, i);
      const char *id = order_change_id (node);
      guint index = i;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                       "Change %u of the server's feed is not a JSON object", i + 1);
          return FALSE;
        }
      if (id != NULL)
        {
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (last, id));

          if (at == 0)
            {
              /* Applied already, with its order's last record. */
              batch->applied++;
              continue;
            }
          index = at - 1;
          node = json_array_get_element (batch->changes, index);
          g_hash_table_insert (last, (gpointer) id, GUINT_TO_POINTER (0));
        }
      GError *change_error = NULL;

      if (!apply_one (database, json_node_get_object (node), &batch->applied, &change_error))
        {
          /* A member missing or of the wrong type is the server's malformed answer. */
          if (g_error_matches (change_error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT))
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "Change %u of the server's feed cannot be applied: %s", index + 1,
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
