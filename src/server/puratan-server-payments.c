/* puratan-server-payments.c: payments against an order
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/orders/{id}/payments records cash, UPI and card-present payments as the
 * counter records them (puratan_payments_take(): never more than the balance, audited), under
 * an Idempotency-Key. The payment's own idempotency key in the store is derived from the
 * sender's account and that key, so even apart from the stored answer the same request can
 * never be recorded twice. GET lists an order's payments and refunds.
 */
#include "puratan-server-api-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

static gboolean
read_money (JsonObject *body, const char *member, gboolean required, gint64 *out, GError **error)
{
  JsonObject *money = NULL;
  const char *currency = NULL;

  if (!puratan_json_get_optional_object (body, member, &money, error))
    return FALSE;
  if (money == NULL)
    {
      if (required)
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "“%s” is required: {\"amount_minor\": PAISE, \"currency\": \"INR\"}", member);
      *out = 0;
      return !required;
    }
  if (!puratan_json_get_int (money, "amount_minor", out, error) ||
      !puratan_json_get_string (money, "currency", &currency, error))
    return FALSE;
  if (strcmp (currency, "INR") != 0 || json_object_get_size (money) != 2 || *out <= 0 ||
      *out > G_GINT64_CONSTANT (10000000000))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” must be {\"amount_minor\": PAISE, \"currency\": \"INR\"} with PAISE "
                   "above zero",
                   member);
      return FALSE;
    }
  return TRUE;
}

/* The work of POST /api/v1/orders/{id}/payments (a #PuratanIdempotentWork on a
 * #PuratanPaymentTake). */
gboolean
puratan_server_payment_work (PuratanDatabase *database,
                             gpointer data,
                             PuratanStoredAnswer *answer,
                             GError **error)
{
  PuratanPaymentTake *take = data;
  g_autoptr (PuratanPayment) stored = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  gboolean duplicate = FALSE;

  stored =
      puratan_payments_take (database, take->attempt, take->principal->role, &duplicate, error);
  if (stored == NULL)
    return FALSE;
  puratan_server_add_payment (builder, stored);
  root = json_builder_get_root (builder);
  answer->status = SOUP_STATUS_CREATED;
  answer->response = puratan_json_to_string (root, FALSE);
  answer->location = g_strdup_printf ("/api/v1/orders/%s/payments", stored->order_id);
  return TRUE;
}

/* Reads a payment's body for @order into @take (whose attempt the caller frees). The
 * payment's own idempotency key in the store is derived from the sender's account and
 * @idempotency_key. %PURATAN_ERROR_INVALID_INPUT tells what is wrong with the body. */
gboolean
puratan_server_payment_parse (const PuratanPrincipal *principal,
                              const PuratanOrder *order,
                              JsonObject *body,
                              const char *idempotency_key,
                              PuratanPaymentTake *take,
                              GError **error)
{
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *method = NULL, *reference = NULL;
  gint64 amount = 0, tendered = 0;

  if (!puratan_json_get_string (body, "method", &method, error) ||
      !read_money (body, "amount", TRUE, &amount, error) ||
      !read_money (body, "tendered", FALSE, &tendered, error) ||
      !puratan_json_get_optional_string (body, "reference", NULL, &reference, error))
    {
      if ((*error)->domain != PURATAN_ERROR)
        (*error)->domain = PURATAN_ERROR, (*error)->code = PURATAN_ERROR_INVALID_INPUT;
      return FALSE;
    }
  if (json_object_get_size (body) >
      2u + json_object_has_member (body, "tendered") + json_object_has_member (body, "reference"))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A payment takes only method, amount, tendered and reference.");
      return FALSE;
    }
  if (strcmp (method, "cash") != 0 && strcmp (method, "upi") != 0 && strcmp (method, "card") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "“method” must be cash, upi or card (card-present, with the "
                           "terminal's reference).");
      return FALSE;
    }
  if ((tendered != 0 && (strcmp (method, "cash") != 0 || tendered < amount)) ||
      (reference != NULL && (strlen (reference) < 1 || strlen (reference) > 64)))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "“tendered” is for cash and at least the amount; "
                           "“reference” is 1 to 64 bytes.");
      return FALSE;
    }

  attempt =
      puratan_payment_new (order->id, "payment", method, amount, principal->account_id, error);
  if (attempt == NULL)
    return FALSE;
  attempt->tendered_paise = tendered;
  attempt->reference = g_strdup (reference);
  g_checksum_update (checksum, (const guchar *) principal->account_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (idempotency_key != NULL ? idempotency_key : ""),
                     -1);
  g_free (attempt->idempotency_key);
  attempt->idempotency_key = g_strdup (g_checksum_get_string (checksum));
  take->principal = principal;
  take->attempt = g_steal_pointer (&attempt);
  return TRUE;
}

static void
take_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  PuratanPaymentTake take = { principal, NULL };

  order = puratan_server_visible_order (self, msg, params);
  if (order == NULL)
    return;
  body = puratan_server_read_json (msg);
  if (body == NULL)
    return;
  if (!puratan_server_payment_parse (
          principal, order, body,
          soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                        "Idempotency-Key"),
          &take, &error))
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT))
        puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      else
        puratan_server_respond_error (msg, error);
      return;
    }
  puratan_server_run_idempotent (self, msg, puratan_server_payment_work, &take);
  puratan_payment_free (take.attempt);
}

static void
list_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (PuratanOrder) order = puratan_server_visible_order (self, msg, params);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autoptr (GError) error = NULL;

  if (order == NULL)
    return;
  payments = puratan_payment_list_for_order (puratan_server_get_database (self), order->id, &error);
  if (payments == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < payments->len; i++)
    puratan_server_add_payment (builder, payments->pdata[i]);
  json_builder_end_array (builder);
  puratan_server_add_money (builder, "paid", order->paid_paise);
  puratan_server_add_money (builder, "balance", MAX (order->total_paise - order->paid_paise, 0));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Adds the payment routes. */
void
puratan_server_add_payment_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/api/v1/orders/{id}/payments", list_cb, self);
  puratan_server_add_route_full (self, "POST", "/api/v1/orders/{id}/payments",
                                 PURATAN_ROUTE_IDEMPOTENT, take_cb, self);
}
