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

typedef struct
{
  const PuratanPrincipal *principal;
  PuratanPayment *attempt;
} Take;

static gboolean
take_work (PuratanDatabase *database, gpointer data, PuratanStoredAnswer *answer, GError **error)
{
  Take *take = data;
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

static void
take_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *method = NULL, *reference = NULL, *key;
  gint64 amount = 0, tendered = 0;
  Take take = { principal, NULL };

  order = puratan_server_visible_order (self, msg, params);
  if (order == NULL)
    return;
  body = puratan_server_read_json (msg);
  if (body == NULL)
    return;
  if (!puratan_json_get_string (body, "method", &method, &error) ||
      !read_money (body, "amount", TRUE, &amount, &error) ||
      !read_money (body, "tendered", FALSE, &tendered, &error) ||
      !puratan_json_get_optional_string (body, "reference", NULL, &reference, &error))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return;
    }
  if (json_object_get_size (body) >
      2u + json_object_has_member (body, "tendered") + json_object_has_member (body, "reference"))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "A payment takes only method, amount, tendered and "
                                      "reference.");
      return;
    }
  if (strcmp (method, "cash") != 0 && strcmp (method, "upi") != 0 && strcmp (method, "card") != 0)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“method” must be cash, upi or card (card-present, with the "
                                      "terminal's reference).");
      return;
    }
  if ((tendered != 0 && (strcmp (method, "cash") != 0 || tendered < amount)) ||
      (reference != NULL && (strlen (reference) < 1 || strlen (reference) > 64)))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“tendered” is for cash and at least the amount; "
                                      "“reference” is 1 to 64 bytes.");
      return;
    }

  attempt =
      puratan_payment_new (order->id, "payment", method, amount, principal->account_id, &error);
  if (attempt == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  attempt->tendered_paise = tendered;
  attempt->reference = g_strdup (reference);
  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                      "Idempotency-Key");
  g_checksum_update (checksum, (const guchar *) principal->account_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (key != NULL ? key : ""), -1);
  g_free (attempt->idempotency_key);
  attempt->idempotency_key = g_strdup (g_checksum_get_string (checksum));
  take.attempt = attempt;
  puratan_server_run_idempotent (self, msg, take_work, &take);
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
