/* puratan-order.c: orders and their frozen lines
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-customer.h"
#include "puratan-order.h"
#include "puratan-store-private.h"

#define ORDER_COLUMNS                                                                              \
  "o.id, o.number, o.customer_id, o.status, o.resume_status, o.delivery, o.credit_approved,"       \
  " o.due_date, o.notes, o.currency, o.version, o.created_at, o.updated_at,"                       \
  " (SELECT coalesce (sum (line_total_paise), 0) FROM order_lines WHERE order_id = o.id),"         \
  " (SELECT coalesce (sum (tax_paise), 0) FROM order_lines WHERE order_id = o.id),"                \
  " (SELECT coalesce (sum (CASE kind WHEN 'payment' THEN amount_paise ELSE -amount_paise END), 0)" \
  "    FROM payments WHERE order_id = o.id)"

/**
 * puratan_order_line_new:
 * @product: the product's name
 * @hsn_sac: HSN or SAC code
 * @quantity: pieces
 * @unit_price_paise: price of one piece before tax
 * @line_total_paise: the line's price before tax
 * @tax_rate_bp: GST rate in basis points
 * @tax_paise: GST on the line
 * @snapshot: the quote as a JSON object
 *
 * Returns: (transfer full): a line not yet added to an order; checked when it is added
 */
PuratanOrderLine *
puratan_order_line_new (const char *product,
                        const char *hsn_sac,
                        gint64 quantity,
                        gint64 unit_price_paise,
                        gint64 line_total_paise,
                        gint64 tax_rate_bp,
                        gint64 tax_paise,
                        const char *snapshot)
{
  PuratanOrderLine *line = g_new0 (PuratanOrderLine, 1);

  line->product = g_strdup (product);
  line->description = g_strdup ("");
  line->hsn_sac = g_strdup (hsn_sac);
  line->quantity = quantity;
  line->unit_price_paise = unit_price_paise;
  line->line_total_paise = line_total_paise;
  line->tax_rate_bp = tax_rate_bp;
  line->tax_paise = tax_paise;
  line->snapshot = g_strdup (snapshot);
  return line;
}

/**
 * puratan_order_line_free:
 * @line: (nullable): a line
 */
void
puratan_order_line_free (PuratanOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->product);
  g_free (line->description);
  g_free (line->hsn_sac);
  g_free (line->snapshot);
  g_free (line);
}

/**
 * puratan_order_free:
 * @order: (nullable): an order
 */
void
puratan_order_free (PuratanOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->id);
  g_free (order->customer_id);
  g_free (order->status);
  g_free (order->resume_status);
  g_free (order->delivery);
  g_free (order->due_date);
  g_free (order->notes);
  g_free (order->currency);
  g_free (order->created_at);
  g_free (order->updated_at);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order);
}

/**
 * puratan_order_format_number:
 * @number: an order number
 *
 * Returns: (transfer full): the number as printed on tickets and in the UPI note: ORDER-000042
 */
char *
puratan_order_format_number (gint64 number)
{
  return g_strdup_printf ("ORDER-%06" G_GINT64_FORMAT, number);
}

static PuratanOrder *
read_row (sqlite3_stmt *stmt)
{
  PuratanOrder *order = g_new0 (PuratanOrder, 1);

  order->id = puratan_store_column_text (stmt, 0);
  order->number = sqlite3_column_int64 (stmt, 1);
  order->customer_id = puratan_store_column_text (stmt, 2);
  order->status = puratan_store_column_text (stmt, 3);
  order->resume_status = puratan_store_column_text (stmt, 4);
  order->delivery = puratan_store_column_text (stmt, 5);
  order->credit_approved = sqlite3_column_int (stmt, 6) != 0;
  order->due_date = puratan_store_column_text (stmt, 7);
  order->notes = puratan_store_column_text (stmt, 8);
  order->currency = puratan_store_column_text (stmt, 9);
  order->version = sqlite3_column_int64 (stmt, 10);
  order->created_at = puratan_store_column_text (stmt, 11);
  order->updated_at = puratan_store_column_text (stmt, 12);
  order->subtotal_paise = sqlite3_column_int64 (stmt, 13);
  order->tax_paise = sqlite3_column_int64 (stmt, 14);
  order->total_paise = order->subtotal_paise + order->tax_paise;
  order->paid_paise = sqlite3_column_int64 (stmt, 15);
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);
  return order;
}

static gboolean
read_lines (PuratanDatabase *database, PuratanOrder *order, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = puratan_store_prepare (database,
                                "SELECT position, product, description, hsn_sac, quantity,"
                                " unit_price_paise, line_total_paise, tax_rate_bp, tax_paise,"
                                " snapshot FROM order_lines WHERE order_id = ? ORDER BY position",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanOrderLine *line = g_new0 (PuratanOrderLine, 1);
      line->position = sqlite3_column_int64 (stmt, 0);
      line->product = puratan_store_column_text (stmt, 1);
      line->description = puratan_store_column_text (stmt, 2);
      line->hsn_sac = puratan_store_column_text (stmt, 3);
      line->quantity = sqlite3_column_int64 (stmt, 4);
      line->unit_price_paise = sqlite3_column_int64 (stmt, 5);
      line->line_total_paise = sqlite3_column_int64 (stmt, 6);
      line->tax_rate_bp = sqlite3_column_int64 (stmt, 7);
      line->tax_paise = sqlite3_column_int64 (stmt, 8);
      line->snapshot = puratan_store_column_text (stmt, 9);
      g_ptr_array_add (order->lines, line);
    }
  if (rc != SQLITE_DONE)
    return puratan_store_fail (database, "read the order lines", error);
  return TRUE;
}

static PuratanOrder *
get_where (PuratanDatabase *database,
           const char *where,
           const char *text_key,
           gint64 int_key,
           GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " ORDER_COLUMNS " FROM orders o WHERE %s", where);
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);
  g_autoptr (PuratanOrder) order = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text_key != NULL)
    puratan_store_bind_text (stmt, 1, text_key);
  else
    sqlite3_bind_int64 (stmt, 1, int_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = puratan_order_format_number (int_key);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no order %s",
                   text_key != NULL ? text_key : number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the order", error);
      return NULL;
    }
  order = read_row (stmt);
  if (!read_lines (database, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/**
 * puratan_order_get:
 * @database: an open database
 * @id: the order's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order with its lines and totals, or %NULL with
 *   @error set (%PURATAN_ERROR_NOT_FOUND when there is none)
 */
PuratanOrder *
puratan_order_get (PuratanDatabase *database, const char *id, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_where (database, "o.id = ?", id, 0, error);
}

/**
 * puratan_order_get_by_number:
 * @database: an open database
 * @number: the shop's order number
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order, or %NULL with @error set
 */
PuratanOrder *
puratan_order_get_by_number (PuratanDatabase *database, gint64 number, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  return get_where (database, "o.number = ?", NULL, number, error);
}

static void
build_payload (JsonBuilder *builder, const PuratanOrder *order, const char *operation)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, order->id);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, operation);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, order->number);
  json_builder_set_member_name (builder, "customer_id");
  json_builder_add_string_value (builder, order->customer_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, order->status);
  json_builder_set_member_name (builder, "resume_status");
  json_builder_add_string_value (builder, order->resume_status);
  json_builder_set_member_name (builder, "delivery");
  json_builder_add_string_value (builder, order->delivery);
  json_builder_set_member_name (builder, "credit_approved");
  json_builder_add_boolean_value (builder, order->credit_approved);
  json_builder_set_member_name (builder, "due_date");
  json_builder_add_string_value (builder, order->due_date);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, order->notes);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, order->version);
  json_builder_end_object (builder);
}

/* Queues @order's @operation in the outbox, when the database keeps one. */
static gboolean
queue_order (PuratanDatabase *database,
             const PuratanOrder *order,
             const char *operation,
             GError **error)
{
  g_autoptr (JsonBuilder) payload = NULL;

  if (!puratan_database_get_outbox (database))
    return TRUE;
  payload = json_builder_new ();
  build_payload (payload, order, operation);
  return puratan_outbox_append (database, "order", order->id, operation, payload, error);
}

static gboolean
check_due_date (const char *due_date, GError **error)
{
  g_autoptr (GDate) date = g_date_new ();

  if (due_date == NULL)
    return TRUE;
  if (strlen (due_date) == 10 && due_date[4] == '-' && due_date[7] == '-')
    g_date_set_parse (date, due_date);
  if (!g_date_valid (date))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a due date; write it as YYYY-MM-DD, e.g. 2026-12-31", due_date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PuratanOrder *order = user_data;
  g_autoptr (sqlite3_stmt) number = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  number =
      puratan_store_prepare (database, "SELECT coalesce (max (number), 0) + 1 FROM orders", error);
  if (number == NULL)
    return FALSE;
  if (sqlite3_step (number) != SQLITE_ROW)
    return puratan_store_fail (database, "number the order", error);
  order->number = sqlite3_column_int64 (number, 0);

  stmt = puratan_store_prepare (database,
                                "INSERT INTO orders (id, number, customer_id, due_date, notes,"
                                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, order->number);
  puratan_store_bind_text (stmt, 3, order->customer_id);
  puratan_store_bind_text (stmt, 4, order->due_date);
  puratan_store_bind_text (stmt, 5, order->notes);
  puratan_store_bind_text (stmt, 6, order->created_at);
  puratan_store_bind_text (stmt, 7, order->updated_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (puratan_database_get_handle (database)) ==
          SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                       "There is no customer with id %s; create the customer first",
                       order->customer_id);
          return FALSE;
        }
      return puratan_store_fail (database, "save the order", error);
    }
  return queue_order (database, order, "create", error);
}

/**
 * puratan_order_create:
 * @database: an open database
 * @customer_id: an existing customer
 * @due_date: (nullable): YYYY-MM-DD
 * @notes: (nullable): free text
 * @error: return location for a #GError
 *
 * Creates a draft order with the next order number, and its outbox entry, in one transaction.
 *
 * Returns: (transfer full) (nullable): the new order, or %NULL with @error set
 */
PuratanOrder *
puratan_order_create (PuratanDatabase *database,
                      const char *customer_id,
                      const char *due_date,
                      const char *notes,
                      GError **error)
{
  g_autoptr (PuratanOrder) order = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_due_date (due_date, error) ||
      !puratan_store_check_text ("order notes", notes, FALSE, 4000, error))
    return NULL;

  order = g_new0 (PuratanOrder, 1);
  order->id = puratan_store_new_id (error);
  if (order->id == NULL)
    return NULL;
  order->customer_id = g_strdup (customer_id);
  order->status = g_strdup ("draft");
  order->due_date = g_strdup (due_date);
  order->notes = g_strdup (notes != NULL ? notes : "");
  order->currency = g_strdup ("INR");
  order->version = 1;
  order->created_at = puratan_store_now ();
  order->updated_at = g_strdup (order->created_at);
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);

  if (!puratan_database_run_in_transaction (database, create_in_transaction, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/* Bumps the order's version guarded by the version the caller read. */
static gboolean
bump_version (PuratanDatabase *database, PuratanOrder *order, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "UPDATE orders SET version = version + 1, updated_at = ?"
                                " WHERE id = ? AND version = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, order->id);
  sqlite3_bind_int64 (stmt, 3, order->version);
  if (!puratan_store_step_done (database, stmt, "save the order", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    return puratan_store_check_version (database, "orders", "order", order->id, order->version,
                                        error);
  order->version++;
  g_free (order->updated_at);
  order->updated_at = g_steal_pointer (&now);
  return TRUE;
}

typedef struct
{
  PuratanOrder *order;
  PuratanOrderLine *line;
} AddLine;

/* Queues the line @add added, when the database keeps an outbox. */
static gboolean
queue_line (PuratanDatabase *database, const AddLine *add, GError **error)
{
  g_autoptr (JsonBuilder) payload = NULL;
  g_autoptr (JsonNode) snapshot = NULL;

  if (!puratan_database_get_outbox (database))
    return TRUE;
  payload = json_builder_new ();
  snapshot = json_from_string (add->line->snapshot, NULL);
  json_builder_begin_object (payload);
  json_builder_set_member_name (payload, "order_id");
  json_builder_add_string_value (payload, add->order->id);
  json_builder_set_member_name (payload, "order_version");
  json_builder_add_int_value (payload, add->order->version);
  json_builder_set_member_name (payload, "position");
  json_builder_add_int_value (payload, add->line->position);
  json_builder_set_member_name (payload, "snapshot");
  json_builder_add_value (payload, g_steal_pointer (&snapshot));
  json_builder_end_object (payload);
  return puratan_outbox_append (database, "order", add->order->id, "add_line", payload, error);
}

static gboolean
add_line_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  AddLine *add = user_data;
  PuratanOrderLine *line = add->line;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!bump_version (database, add->order, error))
    return FALSE;
  stmt = puratan_store_prepare (database,
                                "INSERT INTO order_lines (order_id, position, product, description,"
                                " hsn_sac, quantity, unit_price_paise, line_total_paise,"
                                " tax_rate_bp, tax_paise, snapshot) VALUES (?1,"
                                " (SELECT coalesce (max (position), 0) + 1 FROM order_lines"
                                "  WHERE order_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                                " RETURNING position",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, add->order->id);
  puratan_store_bind_text (stmt, 2, line->product);
  puratan_store_bind_text (stmt, 3, line->description != NULL ? line->description : "");
  puratan_store_bind_text (stmt, 4, line->hsn_sac);
  sqlite3_bind_int64 (stmt, 5, line->quantity);
  sqlite3_bind_int64 (stmt, 6, line->unit_price_paise);
  sqlite3_bind_int64 (stmt, 7, line->line_total_paise);
  sqlite3_bind_int64 (stmt, 8, line->tax_rate_bp);
  sqlite3_bind_int64 (stmt, 9, line->tax_paise);
  puratan_store_bind_text (stmt, 10, line->snapshot);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return puratan_store_fail (database, "add the line to the order", error);
  line->position = sqlite3_column_int64 (stmt, 0);
  return puratan_store_step_done (database, stmt, "add the line to the order", error) &&
         queue_line (database, add, error);
}

/* Whether @snapshot is a JSON object, asked of SQLite's own JSON parser: building a json-glib
 * tree for it was a tenth of the time the server took to apply an order. */
static gboolean
check_snapshot (PuratanDatabase *database, const char *snapshot, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (snapshot == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The quote stored with the line is not valid JSON: it is missing");
      return FALSE;
    }
  stmt = puratan_store_prepare (database, "SELECT json_type (?1)", error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, snapshot);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The quote stored with the line is not valid JSON: %s",
                   sqlite3_errmsg (puratan_database_get_handle (database)));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "object") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The quote stored with the line must be a JSON object");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_line (PuratanDatabase *database, const PuratanOrderLine *line, GError **error)
{
  if (!puratan_store_check_text ("product name", line->product, TRUE, 200, error) ||
      !puratan_store_check_text ("line description", line->description, FALSE, 2000, error))
    return FALSE;
  if (line->hsn_sac == NULL || strlen (line->hsn_sac) < 4 || strlen (line->hsn_sac) > 8 ||
      strspn (line->hsn_sac, "0123456789") != strlen (line->hsn_sac))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not an HSN or SAC code; it must be 4 to 8 digits (e.g. 4911 for "
                   "printed matter, 998912 for printing services)",
                   line->hsn_sac != NULL ? line->hsn_sac : "");
      return FALSE;
    }
  if (line->quantity < 1 || line->unit_price_paise < 0 || line->line_total_paise < 0 ||
      line->tax_paise < 0 || line->tax_rate_bp < 0 || line->tax_rate_bp > 10000)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The line for “%s” has a quantity below 1, a negative amount or a tax rate "
                   "outside 0–100 %%",
                   line->product);
      return FALSE;
    }
  return check_snapshot (database, line->snapshot, error);
}

/**
 * puratan_order_add_line:
 * @database: an open database
 * @order: (inout): a draft order as last read; its version is bumped and the line appended
 * @line: (inout): the line; its position is set on success. A copy is kept in @order.
 * @error: return location for a #GError
 *
 * Adds a frozen quote line to a draft order. Refused with %PURATAN_ERROR_INVALID_INPUT when
 * the order is no longer a draft or the line is malformed, %PURATAN_ERROR_PARSE when the
 * snapshot is not a JSON object, and %PURATAN_ERROR_CONFLICT when @order is stale.
 *
 * Returns: %TRUE when added
 */
gboolean
puratan_order_add_line (PuratanDatabase *database,
                        PuratanOrder *order,
                        PuratanOrderLine *line,
                        GError **error)
{
  AddLine add = { order, line };
  PuratanOrderLine *copy;
  gint64 version = order->version;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order != NULL && order->id != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_line (database, line, error))
    return FALSE;
  if (g_strcmp0 (order->status, "draft") != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Order %" G_GINT64_FORMAT " is %s; lines are frozen once an order is placed",
                   order->number, order->status);
      return FALSE;
    }
  if (!puratan_database_run_in_transaction (database, add_line_in_transaction, &add, error))
    {
      order->version = version;
      return FALSE;
    }

  copy = puratan_order_line_new (line->product, line->hsn_sac, line->quantity,
                                 line->unit_price_paise, line->line_total_paise, line->tax_rate_bp,
                                 line->tax_paise, line->snapshot);
  g_free (copy->description);
  copy->description = g_strdup (line->description != NULL ? line->description : "");
  copy->position = line->position;
  g_ptr_array_add (order->lines, copy);
  order->subtotal_paise += line->line_total_paise;
  order->tax_paise += line->tax_paise;
  order->total_paise = order->subtotal_paise + order->tax_paise;
  return TRUE;
}

/**
 * puratan_order_list:
 * @database: an open database
 * @status: (nullable): only orders in this state
 * @customer_id: (nullable): only this customer's orders
 * @due_on_or_before: (nullable): only orders due on or before this YYYY-MM-DD
 * @limit: the most orders to return, newest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanOrder) (nullable): the orders with totals
 *   (without lines), or %NULL with @error set
 */
GPtrArray *
puratan_order_list (PuratanDatabase *database,
                    const char *status,
                    const char *customer_id,
                    const char *due_on_or_before,
                    guint limit,
                    GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) orders =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  if (!check_due_date (due_on_or_before, error))
    return NULL;
  stmt = puratan_store_prepare (database,
                                "SELECT " ORDER_COLUMNS " FROM orders o"
                                " WHERE (?1 IS NULL OR o.status = ?1)"
                                " AND (?2 IS NULL OR o.customer_id = ?2)"
                                " AND (?3 IS NULL OR o.due_date <= ?3)"
                                " ORDER BY o.number DESC LIMIT ?4",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, status);
  puratan_store_bind_text (stmt, 2, customer_id);
  puratan_store_bind_text (stmt, 3, due_on_or_before);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "list the orders", error);
      return NULL;
    }
  return g_steal_pointer (&orders);
}

/**
 * puratan_order_save_state:
 * @database: a database with a write transaction open (the workflow's)
 * @order: (inout): the order as last read; updated on success
 * @status: the new state
 * @resume_status: (nullable): the state to resume, when @status is "on_hold"
 * @delivery: (nullable): "picked_up" or "shipped"
 * @credit_approved: whether production may start unpaid
 * @error: return location for a #GError
 *
 * Writes the workflow fields of an order, guarded by its version, with an outbox entry. The
 * workflow in the orders layer decides whether the change is allowed; this only stores it.
 * Errors: %PURATAN_ERROR_CONFLICT when @order is stale.
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_order_save_state (PuratanDatabase *database,
                          PuratanOrder *order,
                          const char *status,
                          const char *resume_status,
                          const char *delivery,
                          gboolean credit_approved,
                          GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order != NULL && status != NULL, FALSE);

  if (!bump_version (database, order, error))
    return FALSE;
  stmt = puratan_store_prepare (database,
                                "UPDATE orders SET status = ?, resume_status = ?, delivery = ?,"
                                " credit_approved = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, status);
  puratan_store_bind_text (stmt, 2, resume_status);
  puratan_store_bind_text (stmt, 3, delivery);
  sqlite3_bind_int (stmt, 4, credit_approved ? 1 : 0);
  puratan_store_bind_text (stmt, 5, order->id);
  if (!puratan_store_step_done (database, stmt, "save the order's state", error))
    return FALSE;

  g_free (order->status);
  order->status = g_strdup (status);
  g_free (order->resume_status);
  order->resume_status = g_strdup (resume_status);
  g_free (order->delivery);
  order->delivery = g_strdup (delivery);
  order->credit_approved = credit_approved;
  return queue_order (database, order, "state", error);
}

/**
 * puratan_order_list_page:
 * @database: an open database
 * @status: (nullable): only orders in this state
 * @customer_id: (nullable): only this customer's orders
 * @due_on_or_before: (nullable): only orders due on or before this YYYY-MM-DD
 * @before_number: only orders numbered below this (0 for no bound): the cursor of the page
 *   after one whose last order had this number
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * Lists orders newest first, a page at a time: orders made while a client pages through do
 * not shift the pages after its cursor.
 *
 * Returns: (transfer container) (element-type PuratanOrder) (nullable): the orders without
 *   their lines, or %NULL with @error set
 */
GPtrArray *
puratan_order_list_page (PuratanDatabase *database,
                         const char *status,
                         const char *customer_id,
                         const char *due_on_or_before,
                         gint64 before_number,
                         guint limit,
                         GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) orders =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  if (!check_due_date (due_on_or_before, error))
    return NULL;
  stmt = puratan_store_prepare (database,
                                "SELECT " ORDER_COLUMNS " FROM orders o"
                                " WHERE (?1 IS NULL OR o.status = ?1)"
                                " AND (?2 IS NULL OR o.customer_id = ?2)"
                                " AND (?3 IS NULL OR o.due_date <= ?3)"
                                " AND (?4 <= 0 OR o.number < ?4)"
                                " ORDER BY o.number DESC LIMIT ?5",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, status);
  puratan_store_bind_text (stmt, 2, customer_id);
  puratan_store_bind_text (stmt, 3, due_on_or_before);
  sqlite3_bind_int64 (stmt, 4, before_number);
  sqlite3_bind_int64 (stmt, 5, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "list the orders", error);
      return NULL;
    }
  return g_steal_pointer (&orders);
}

/**
 * puratan_order_save_details:
 * @database: an open database
 * @order: (inout): the order as the editor last read it (its version is the guard); updated
 *   on success
 * @due_date: (nullable): the new due date, YYYY-MM-DD, or %NULL for none
 * @notes: the new notes, up to 4000 bytes
 * @error: return location for a #GError
 *
 * Changes an order's due date and notes, guarded by its version, with an outbox entry, in
 * one transaction. Errors: %PURATAN_ERROR_CONFLICT when @order is stale (nothing changes),
 * %PURATAN_ERROR_INVALID_INPUT for a bad date or over-long notes.
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_order_save_details (PuratanDatabase *database,
                            PuratanOrder *order,
                            const char *due_date,
                            const char *notes,
                            GError **error)
{
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order != NULL && notes != NULL, FALSE);

  if (!check_due_date (due_date, error) ||
      !puratan_store_check_text ("notes", notes, FALSE, 4000, error))
    return FALSE;
  if (!puratan_database_begin (database, error))
    return FALSE;
  ok = bump_version (database, order, error);
  if (ok)
    ok = (stmt = puratan_store_prepare (
              database, "UPDATE orders SET due_date = ?, notes = ? WHERE id = ?", error)) != NULL;
  if (ok)
    {
      puratan_store_bind_text (stmt, 1, due_date);
      puratan_store_bind_text (stmt, 2, notes);
      puratan_store_bind_text (stmt, 3, order->id);
      ok = puratan_store_step_done (database, stmt, "save the order's details", error);
    }
  if (ok)
    {
      g_free (order->due_date);
      order->due_date = g_strdup (due_date);
      g_free (order->notes);
      order->notes = g_strdup (notes);
      build_payload (payload, order, "details");
      ok = puratan_outbox_append (database, "order", order->id, "details", payload, error);
    }
  return puratan_store_end_write (database, ok, error);
}

/**
 * puratan_account_customer_get:
 * @database: an open database
 * @account_id: an account
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the customer record tied to the account, or
 *   %NULL with @error set (%PURATAN_ERROR_NOT_FOUND when it has none yet)
 */
char *
puratan_account_customer_get (PuratanDatabase *database, const char *account_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  stmt = puratan_store_prepare (
      database, "SELECT customer_id FROM account_customers WHERE account_id = ?", error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, account_id);
  switch (sqlite3_step (stmt))
    {
      case SQLITE_ROW:
        return puratan_store_column_text (stmt, 0);
      case SQLITE_DONE:
        g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                             "The account has no customer record yet");
        return NULL;
      default:
        puratan_store_fail (database, "find the account's customer record", error);
        return NULL;
    }
}

/**
 * puratan_account_customer_ensure:
 * @database: an open database, best inside the transaction that needs the record
 * @account_id: a customer's account
 * @name: the name for a new customer record
 * @email: (nullable): the email for a new customer record
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the customer record tied to the account,
 *   made and tied now when it had none, or %NULL with @error set
 */
char *
puratan_account_customer_ensure (PuratanDatabase *database,
                                 const char *account_id,
                                 const char *name,
                                 const char *email,
                                 GError **error)
{
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  char *id;
  gboolean ok;

  id = puratan_account_customer_get (database, account_id, &local_error);
  if (id != NULL || !g_error_matches (local_error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      if (id == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return id;
    }
  if (!puratan_database_begin (database, error))
    return NULL;
  customer = puratan_customer_new (name);
  customer->email = g_strdup (email);
  ok = puratan_customer_insert (database, customer, error);
  if (ok)
    ok = (stmt = puratan_store_prepare (database,
                                        "INSERT INTO account_customers (account_id, customer_id)"
                                        " VALUES (?, ?)",
                                        error)) != NULL;
  if (ok)
    {
      puratan_store_bind_text (stmt, 1, account_id);
      puratan_store_bind_text (stmt, 2, customer->id);
      ok =
          puratan_store_step_done (database, stmt, "tie the account to its customer record", error);
    }
  if (!puratan_store_end_write (database, ok, error))
    return NULL;
  return g_strdup (customer->id);
}

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX, so a worker may read through it. */
static void
get_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanOrder *order = puratan_order_get (source, task_data, &error);

  if (order != NULL)
    g_task_return_pointer (task, order, (GDestroyNotify) puratan_order_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_order_get_async:
 * @database: an open #PuratanDatabase
 * @id: the order's id
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Reads one order with its lines as puratan_order_get() does, on a worker thread.
 */
void
puratan_order_get_async (PuratanDatabase *database,
                         const char *id,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (id != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_order_get_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, get_in_thread);
}

/**
 * puratan_order_get_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order, or %NULL with @error set
 */
PuratanOrder *
puratan_order_get_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
