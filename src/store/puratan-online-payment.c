/* puratan-online-payment.c: payments asked of an online provider
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row per payment intent asked of a provider. The idempotency key and the provider's
 * intent id are each unique, so a retried request finds the intent it made, and marking a
 * row paid happens once: only a pending row changes.
 */
#include "puratan-online-payment.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"

#define COLUMNS                                                                              \
  "id, idempotency_key, order_id, provider, intent_id, client_secret, amount_paise, status," \
  " payment_id, requested_by, created_at"

/**
 * puratan_online_payment_free:
 * @payment: (nullable) (transfer full): an online payment
 */
void
puratan_online_payment_free (PuratanOnlinePayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->id);
  g_free (payment->idempotency_key);
  g_free (payment->order_id);
  g_free (payment->provider);
  g_free (payment->intent_id);
  g_free (payment->client_secret);
  g_free (payment->status);
  g_free (payment->payment_id);
  g_free (payment->requested_by);
  g_free (payment->created_at);
  g_free (payment);
}

/**
 * puratan_online_payment_find:
 * @database: an open database
 * @column: "idempotency_key" or "intent_id"
 * @value: the key or intent id looked for
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the online payment, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND when there is none)
 */
PuratanOnlinePayment *
puratan_online_payment_find (PuratanDatabase *database,
                             const char *column,
                             const char *value,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  PuratanOnlinePayment *payment;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (strcmp (column, "idempotency_key") == 0)
    stmt = puratan_store_prepare (
        database, "SELECT " COLUMNS " FROM online_payments WHERE idempotency_key = ?", error);
  else if (strcmp (column, "intent_id") == 0)
    stmt = puratan_store_prepare (
        database, "SELECT " COLUMNS " FROM online_payments WHERE intent_id = ?", error);
  else
    g_return_val_if_reached (NULL);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "There is no such online payment");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the online payment", error);
      return NULL;
    }
  payment = g_new0 (PuratanOnlinePayment, 1);
  payment->id = puratan_store_column_text (stmt, 0);
  payment->idempotency_key = puratan_store_column_text (stmt, 1);
  payment->order_id = puratan_store_column_text (stmt, 2);
  payment->provider = puratan_store_column_text (stmt, 3);
  payment->intent_id = puratan_store_column_text (stmt, 4);
  payment->client_secret = puratan_store_column_text (stmt, 5);
  payment->amount_paise = sqlite3_column_int64 (stmt, 6);
  payment->status = puratan_store_column_text (stmt, 7);
  payment->payment_id = puratan_store_column_text (stmt, 8);
  payment->requested_by = puratan_store_column_text (stmt, 9);
  payment->created_at = puratan_store_column_text (stmt, 10);
  return payment;
}

/**
 * puratan_online_payment_insert:
 * @database: an open database
 * @payment: the new payment (status "pending"); id and created_at are set here
 * @error: return location for a #GError
 *
 * Records an intent the provider made, once per idempotency key: when the key is known
 * already, nothing is written and the stored row is returned.
 *
 * Returns: (transfer full) (nullable): the stored row, or %NULL with @error set
 */
PuratanOnlinePayment *
puratan_online_payment_insert (PuratanDatabase *database,
                               PuratanOnlinePayment *payment,
                               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (payment != NULL, NULL);

  g_free (payment->id);
  payment->id = puratan_store_new_id (error);
  if (payment->id == NULL)
    return NULL;
  g_free (payment->created_at);
  payment->created_at = puratan_store_now ();
  stmt = puratan_store_prepare (database,
                                "INSERT INTO online_payments (id, idempotency_key, order_id,"
                                " provider, intent_id, client_secret, amount_paise, status,"
                                " requested_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                                " 'pending', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, payment->id);
  puratan_store_bind_text (stmt, 2, payment->idempotency_key);
  puratan_store_bind_text (stmt, 3, payment->order_id);
  puratan_store_bind_text (stmt, 4, payment->provider);
  puratan_store_bind_text (stmt, 5, payment->intent_id);
  puratan_store_bind_text (stmt, 6, payment->client_secret);
  sqlite3_bind_int64 (stmt, 7, payment->amount_paise);
  puratan_store_bind_text (stmt, 8, payment->requested_by);
  puratan_store_bind_text (stmt, 9, payment->created_at);
  if (!puratan_store_step_done (database, stmt, "record the online payment", error))
    return NULL;
  return puratan_online_payment_find (database, "idempotency_key", payment->idempotency_key, error);
}

/**
 * puratan_online_payment_mark_paid:
 * @database: an open database, inside the transaction that records @payment_id
 * @intent_id: the provider's intent
 * @payment_id: the recorded payment
 * @error: return location for a #GError
 *
 * Marks a pending online payment paid.
 *
 * Returns: %TRUE when it was pending and now is paid; %FALSE with @error set otherwise
 *   (%PURATAN_ERROR_CONFLICT when it was paid already)
 */
gboolean
puratan_online_payment_mark_paid (PuratanDatabase *database,
                                  const char *intent_id,
                                  const char *payment_id,
                                  GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  stmt = puratan_store_prepare (database,
                                "UPDATE online_payments SET status = 'paid', payment_id = ?"
                                " WHERE intent_id = ? AND status = 'pending'",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, payment_id);
  puratan_store_bind_text (stmt, 2, intent_id);
  if (!puratan_store_step_done (database, stmt, "mark the online payment paid", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                           "The online payment is not pending");
      return FALSE;
    }
  return TRUE;
}
