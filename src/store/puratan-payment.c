/* puratan-payment.c: payments and refunds against orders
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-payment.h"
#include "puratan-store-private.h"

#define PAYMENT_COLUMNS                                                                   \
  "id, idempotency_key, order_id, kind, method, amount_paise, tendered_paise, reference," \
  " recorded_by, business_date, created_at"

static const char *const methods[] = { "cash", "upi", "card", "store_credit" };

/**
 * puratan_payment_new:
 * @order_id: the order
 * @kind: "payment" or "refund"
 * @method: "cash", "upi", "card" or "store_credit"
 * @amount_paise: the amount applied to the order
 * @recorded_by: the user taking it
 * @error: return location for a #GError
 *
 * Creates a payment attempt with a fresh idempotency key, before anything is charged. Keep
 * the attempt (and its key) until puratan_payment_record() succeeds, and retry with it.
 *
 * Returns: (transfer full) (nullable): the attempt, or %NULL when the random source failed
 */
PuratanPayment *
puratan_payment_new (const char *order_id,
                     const char *kind,
                     const char *method,
                     gint64 amount_paise,
                     const char *recorded_by,
                     GError **error)
{
  g_autoptr (PuratanPayment) payment = g_new0 (PuratanPayment, 1);

  payment->idempotency_key = puratan_store_new_id (error);
  if (payment->idempotency_key == NULL)
    return NULL;
  payment->order_id = g_strdup (order_id);
  payment->kind = g_strdup (kind);
  payment->method = g_strdup (method);
  payment->amount_paise = amount_paise;
  payment->recorded_by = g_strdup (recorded_by);
  return g_steal_pointer (&payment);
}

/**
 * puratan_payment_copy:
 * @payment: a payment
 *
 * Returns: (transfer full): a deep copy
 */
PuratanPayment *
puratan_payment_copy (const PuratanPayment *payment)
{
  PuratanPayment *copy = g_new0 (PuratanPayment, 1);

  *copy = *payment;
  copy->id = g_strdup (payment->id);
  copy->idempotency_key = g_strdup (payment->idempotency_key);
  copy->order_id = g_strdup (payment->order_id);
  copy->kind = g_strdup (payment->kind);
  copy->method = g_strdup (payment->method);
  copy->reference = g_strdup (payment->reference);
  copy->recorded_by = g_strdup (payment->recorded_by);
  copy->business_date = g_strdup (payment->business_date);
  copy->created_at = g_strdup (payment->created_at);
  return copy;
}

/**
 * puratan_payment_free:
 * @payment: (nullable): a payment
 */
void
puratan_payment_free (PuratanPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->id);
  g_free (payment->idempotency_key);
  g_free (payment->order_id);
  g_free (payment->kind);
  g_free (payment->method);
  g_free (payment->reference);
  g_free (payment->recorded_by);
  g_free (payment->business_date);
  g_free (payment->created_at);
  g_free (payment);
}

/**
 * puratan_cash_up_line_free:
 * @line: (nullable): a line of the cash-up
 */
void
puratan_cash_up_line_free (PuratanCashUpLine *line)
{
  if (line == NULL)
    return;
  g_free (line->method);
  g_free (line);
}

static PuratanPayment *
read_row (sqlite3_stmt *stmt)
{
  PuratanPayment *payment = g_new0 (PuratanPayment, 1);

  payment->id = puratan_store_column_text (stmt, 0);
  payment->idempotency_key = puratan_store_column_text (stmt, 1);
  payment->order_id = puratan_store_column_text (stmt, 2);
  payment->kind = puratan_store_column_text (stmt, 3);
  payment->method = puratan_store_column_text (stmt, 4);
  payment->amount_paise = sqlite3_column_int64 (stmt, 5);
  payment->tendered_paise = sqlite3_column_int64 (stmt, 6);
  payment->reference = puratan_store_column_text (stmt, 7);
  payment->recorded_by = puratan_store_column_text (stmt, 8);
  payment->business_date = puratan_store_column_text (stmt, 9);
  payment->created_at = puratan_store_column_text (stmt, 10);
  return payment;
}

static gboolean
validate (const PuratanPayment *payment, GError **error)
{
  gboolean known_method = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    known_method |= g_strcmp0 (payment->method, methods[i]) == 0;
  if (!known_method)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a payment method; use cash, upi, card or store_credit",
                   payment->method != NULL ? payment->method : "");
      return FALSE;
    }
  if (g_strcmp0 (payment->kind, "payment") != 0 && g_strcmp0 (payment->kind, "refund") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A payment is either a payment or a refund");
      return FALSE;
    }
  if (payment->amount_paise <= 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The amount must be more than zero");
      return FALSE;
    }
  if (payment->tendered_paise != 0 &&
      (g_strcmp0 (payment->method, "cash") != 0 || g_strcmp0 (payment->kind, "payment") != 0 ||
       payment->tendered_paise < payment->amount_paise))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Cash tendered applies only to cash payments and must cover the "
                           "amount paid");
      return FALSE;
    }
  if (g_strcmp0 (payment->kind, "payment") == 0 &&
      (g_strcmp0 (payment->method, "upi") == 0 || g_strcmp0 (payment->method, "card") == 0) &&
      (payment->reference == NULL || *payment->reference == '\0'))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A %s payment needs its reference (the transaction or slip number)",
                   payment->method);
      return FALSE;
    }
  if (payment->idempotency_key == NULL || strlen (payment->idempotency_key) < 8 ||
      strlen (payment->idempotency_key) > 128)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A payment needs an idempotency key of 8 to 128 characters; create "
                           "it with puratan_payment_new()");
      return FALSE;
    }
  if (payment->business_date != NULL)
    {
      g_autoptr (GDate) date = g_date_new ();
      if (strlen (payment->business_date) == 10)
        g_date_set_parse (date, payment->business_date);
      if (!g_date_valid (date))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "“%s” is not a business date (YYYY-MM-DD)", payment->business_date);
          return FALSE;
        }
    }
  return puratan_store_check_text ("payment reference", payment->reference, FALSE, 64, error) &&
         puratan_store_check_text ("user taking the payment", payment->recorded_by, TRUE, 128,
                                   error);
}

static PuratanPayment *
find_by_key (PuratanDatabase *database, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
      database, "SELECT " PAYMENT_COLUMNS " FROM payments WHERE idempotency_key = ?", error);

  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return read_row (stmt);
  return NULL;
}

/* Reads the order's total and what has been paid, net of refunds. */
static gboolean
read_balance (PuratanDatabase *database,
              const char *order_id,
              gint64 *total,
              gint64 *paid,
              char **customer_id,
              GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
      database,
      "SELECT (SELECT coalesce (sum (line_total_paise + tax_paise), 0) FROM order_lines"
      "         WHERE order_id = o.id),"
      " (SELECT coalesce (sum (CASE kind WHEN 'payment' THEN amount_paise ELSE -amount_paise"
      "   END), 0) FROM payments WHERE order_id = o.id), o.customer_id, o.status"
      " FROM orders o WHERE o.id = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no order %s", order_id);
      return FALSE;
    }
  *total = sqlite3_column_int64 (stmt, 0);
  *paid = sqlite3_column_int64 (stmt, 1);
  *customer_id = puratan_store_column_text (stmt, 2);
  return TRUE;
}

static gboolean
move_store_credit (PuratanDatabase *database, const char *customer_id, gint64 delta, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
      database,
      "UPDATE customers SET store_credit_paise = store_credit_paise + ?, version = version + 1"
      " WHERE id = ? AND store_credit_paise + ? >= 0",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, delta);
  puratan_store_bind_text (stmt, 2, customer_id);
  sqlite3_bind_int64 (stmt, 3, delta);
  if (!puratan_store_step_done (database, stmt, "use the store credit", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The customer does not have enough store credit for this payment");
      return FALSE;
    }
  return TRUE;
}

static void
build_payload (JsonBuilder *builder, const PuratanPayment *payment)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, payment->id);
  json_builder_set_member_name (builder, "idempotency_key");
  json_builder_add_string_value (builder, payment->idempotency_key);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, payment->order_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, payment->kind);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, payment->method);
  json_builder_set_member_name (builder, "amount_paise");
  json_builder_add_int_value (builder, payment->amount_paise);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, payment->reference);
  json_builder_set_member_name (builder, "business_date");
  json_builder_add_string_value (builder, payment->business_date);
  json_builder_end_object (builder);
}

typedef struct
{
  PuratanPayment *payment;
  gboolean duplicate;
} Record;

static gboolean
record_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Record *record = user_data;
  PuratanPayment *payment = record->payment;
  g_autoptr (PuratanPayment) stored = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *customer_id = NULL;
  gboolean refund = g_strcmp0 (payment->kind, "refund") == 0;
  gint64 total = 0, paid = 0;

  stored = find_by_key (database, payment->idempotency_key, error);
  if (stored != NULL)
    {
      if (g_strcmp0 (stored->order_id, payment->order_id) != 0 ||
          g_strcmp0 (stored->kind, payment->kind) != 0 ||
          g_strcmp0 (stored->method, payment->method) != 0 ||
          stored->amount_paise != payment->amount_paise)
        {
          g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                               "This payment's idempotency key was already used for a "
                               "different payment; start a new payment attempt");
          return FALSE;
        }
      puratan_payment_free (record->payment);
      record->payment = g_steal_pointer (&stored);
      record->duplicate = TRUE;
      return TRUE;
    }

  if (!read_balance (database, payment->order_id, &total, &paid, &customer_id, error))
    return FALSE;
  if (!refund && payment->amount_paise > total - paid)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The payment of %" G_GINT64_FORMAT " paise is more than the %" G_GINT64_FORMAT
                   " paise due on the order",
                   payment->amount_paise, MAX (total - paid, 0));
      return FALSE;
    }
  if (refund && payment->amount_paise > paid)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A refund of %" G_GINT64_FORMAT " paise is more than the %" G_GINT64_FORMAT
                   " paise paid on the order",
                   payment->amount_paise, paid);
      return FALSE;
    }
  if (g_strcmp0 (payment->method, "store_credit") == 0 &&
      !move_store_credit (database, customer_id,
                          refund ? payment->amount_paise : -payment->amount_paise, error))
    return FALSE;

  stmt = puratan_store_prepare (database,
                                "INSERT INTO payments (" PAYMENT_COLUMNS ")"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, payment->id);
  puratan_store_bind_text (stmt, 2, payment->idempotency_key);
  puratan_store_bind_text (stmt, 3, payment->order_id);
  puratan_store_bind_text (stmt, 4, payment->kind);
  puratan_store_bind_text (stmt, 5, payment->method);
  sqlite3_bind_int64 (stmt, 6, payment->amount_paise);
  if (payment->tendered_paise > 0)
    sqlite3_bind_int64 (stmt, 7, payment->tendered_paise);
  else
    sqlite3_bind_null (stmt, 7);
  puratan_store_bind_text (stmt, 8, payment->reference);
  puratan_store_bind_text (stmt, 9, payment->recorded_by);
  puratan_store_bind_text (stmt, 10, payment->business_date);
  puratan_store_bind_text (stmt, 11, payment->created_at);
  if (!puratan_store_step_done (database, stmt, "record the payment", error))
    return FALSE;

  build_payload (payload, payment);
  return puratan_outbox_append (database, "payment", payment->id, payment->kind, payload, error);
}

/**
 * puratan_payment_record:
 * @database: an open database
 * @payment: an attempt from puratan_payment_new(), with reference and tendered cash filled in
 * @out_duplicate: (out) (optional): set to %TRUE when the key was already recorded
 * @error: return location for a #GError
 *
 * Records a payment or refund exactly once per idempotency key: a retry with the same key
 * returns the payment stored the first time and changes nothing. A payment cannot exceed the
 * balance due, and a refund cannot exceed what was paid (%PURATAN_ERROR_INVALID_INPUT); store
 * credit is taken from (or, for a refund, returned to) the customer in the same transaction.
 * A key reused for a different payment is %PURATAN_ERROR_CONFLICT.
 *
 * Returns: (transfer full) (nullable): the stored payment, or %NULL with @error set
 */
PuratanPayment *
puratan_payment_record (PuratanDatabase *database,
                        const PuratanPayment *payment,
                        gboolean *out_duplicate,
                        GError **error)
{
  Record record = { NULL, FALSE };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (payment != NULL && payment->order_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate (payment, error))
    return NULL;

  record.payment = puratan_payment_copy (payment);
  if (record.payment->id == NULL)
    record.payment->id = puratan_store_new_id (error);
  if (record.payment->id == NULL)
    {
      puratan_payment_free (record.payment);
      return NULL;
    }
  if (record.payment->business_date == NULL)
    record.payment->business_date = g_date_time_format (now, "%Y-%m-%d");
  g_free (record.payment->created_at);
  record.payment->created_at = puratan_store_now ();

  if (!puratan_database_run_in_transaction (database, record_in_transaction, &record, error))
    {
      puratan_payment_free (record.payment);
      return NULL;
    }
  if (out_duplicate != NULL)
    *out_duplicate = record.duplicate;
  return record.payment;
}

/**
 * puratan_payment_list_for_order:
 * @database: an open database
 * @order_id: the order
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanPayment) (nullable): the order's payments and
 *   refunds, oldest first, or %NULL with @error set
 */
GPtrArray *
puratan_payment_list_for_order (PuratanDatabase *database, const char *order_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) payments =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_payment_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT " PAYMENT_COLUMNS " FROM payments WHERE order_id = ?"
                                " ORDER BY created_at, rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (payments, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "read the payments", error);
      return NULL;
    }
  return g_steal_pointer (&payments);
}

/**
 * puratan_payment_cash_up:
 * @database: an open database
 * @business_date: the shop day, YYYY-MM-DD
 * @error: return location for a #GError
 *
 * Totals a day's payments and refunds by method, for counting the till and checking the UPI
 * and card statements. Every method has a line, zero when unused.
 *
 * Returns: (transfer full) (element-type PuratanCashUpLine) (nullable): one line per method
 *   (cash, upi, card, store_credit), or %NULL with @error set
 */
GPtrArray *
puratan_payment_cash_up (PuratanDatabase *database, const char *business_date, GError **error)
{
  g_autoptr (GPtrArray) lines =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_cash_up_line_free);

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (business_date != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
          database,
          "SELECT count(*) FILTER (WHERE kind = 'payment'),"
          " coalesce (sum (amount_paise) FILTER (WHERE kind = 'payment'), 0),"
          " count(*) FILTER (WHERE kind = 'refund'),"
          " coalesce (sum (amount_paise) FILTER (WHERE kind = 'refund'), 0)"
          " FROM payments WHERE business_date = ? AND method = ?",
          error);
      PuratanCashUpLine *line;

      if (stmt == NULL)
        return NULL;
      puratan_store_bind_text (stmt, 1, business_date);
      puratan_store_bind_text (stmt, 2, methods[i]);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          puratan_store_fail (database, "total the day's payments", error);
          return NULL;
        }
      line = g_new0 (PuratanCashUpLine, 1);
      line->method = g_strdup (methods[i]);
      line->payments = sqlite3_column_int64 (stmt, 0);
      line->payments_paise = sqlite3_column_int64 (stmt, 1);
      line->refunds = sqlite3_column_int64 (stmt, 2);
      line->refunds_paise = sqlite3_column_int64 (stmt, 3);
      line->net_paise = line->payments_paise - line->refunds_paise;
      g_ptr_array_add (lines, line);
    }
  return g_steal_pointer (&lines);
}
