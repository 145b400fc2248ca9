/* puratan-server-stripe.c: online card payments and Stripe's webhook
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/orders/{id}/payment-intents asks the configured provider (Stripe) for a
 * payment of the order's balance, on a worker since it goes over the network. It needs an
 * Idempotency-Key: the key the provider is asked under is derived from the sender's account
 * and that key, and the intent is stored under it, so a retried request (after a lost answer,
 * or while the first still runs elsewhere) gives the same intent and the provider makes one.
 *
 * POST /api/v1/webhooks/stripe is public but believes only a notice whose Stripe-Signature
 * verifies (puratan-stripe-provider.c); a "payment_intent.succeeded" notice records the
 * payment once (puratan_payment_provider_record_success()), however often it is delivered.
 */
#include "puratan-server-tus-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

/**
 * puratan_server_set_stripe:
 * @self: a server
 * @base_url: Stripe's API address ("https://api.stripe.com")
 * @secret_key: the secret API key
 * @webhook_secret: the webhook endpoint's signing secret
 * @tolerance_seconds: how old a webhook's signature may be
 * @error: return location for a #GError
 *
 * Turns on online card payments through Stripe.
 *
 * Returns: %TRUE when set; %FALSE with @error set for an unusable setting
 */
gboolean
puratan_server_set_stripe (PuratanServer *self,
                           const char *base_url,
                           const char *secret_key,
                           const char *webhook_secret,
                           guint tolerance_seconds,
                           GError **error)
{
  PuratanStripeProvider *provider;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);

  provider =
      puratan_stripe_provider_new (base_url, secret_key, webhook_secret, tolerance_seconds, error);
  if (provider == NULL)
    return FALSE;
  g_clear_object (&self->payment_provider);
  self->payment_provider = PURATAN_PAYMENT_PROVIDER (provider);
  return TRUE;
}

static void
add_online_payment (JsonBuilder *builder, const PuratanOnlinePayment *payment)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, payment->id);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, payment->order_id);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, payment->provider);
  json_builder_set_member_name (builder, "intent_id");
  json_builder_add_string_value (builder, payment->intent_id);
  json_builder_set_member_name (builder, "client_secret");
  if (payment->client_secret != NULL)
    json_builder_add_string_value (builder, payment->client_secret);
  else
    json_builder_add_null_value (builder);
  puratan_server_add_money (builder, "amount", payment->amount_paise);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, payment->status);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, payment->created_at);
  json_builder_end_object (builder);
}

/* One intent being asked for. */
typedef struct
{
  SoupServerMessage *msg;
  PuratanPaymentProvider *provider;
  PuratanDatabase *database;
  char *key;
  char *order_id;
  char *account_id;
  gint64 amount;
  /* Set on the request's own loop, read on the main loop. */
  gint disconnected;
  gboolean replayed;
} IntentJob;

static void
intent_job_free (IntentJob *job)
{
  g_clear_object (&job->provider);
  g_clear_object (&job->database);
  g_free (job->key);
  g_free (job->order_id);
  g_free (job->account_id);
  g_free (job);
}

static void
intent_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  IntentJob *job = task_data;
  g_autoptr (PuratanOnlinePayment) stored = NULL;
  g_autoptr (PuratanOnlinePayment) row = NULL;
  g_autoptr (PuratanPaymentIntent) intent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *provider_key = NULL;

  stored = puratan_online_payment_find (job->database, "idempotency_key", job->key, &error);
  if (stored == NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (stored == NULL)
    {
      provider_key = g_strconcat ("puratan-", job->key, NULL);
      intent = puratan_payment_provider_create_intent (job->provider, job->order_id, job->amount,
                                                       provider_key, cancellable, &error);
      if (intent == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      row = g_new0 (PuratanOnlinePayment, 1);
      row->idempotency_key = g_strdup (job->key);
      row->order_id = g_strdup (job->order_id);
      row->provider = g_strdup (puratan_payment_provider_get_name (job->provider));
      row->intent_id = g_strdup (intent->id);
      row->client_secret = g_strdup (intent->client_secret);
      row->amount_paise = job->amount;
      row->requested_by = g_strdup (job->account_id);
      stored = puratan_online_payment_insert (job->database, row, &error);
      if (stored == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    job->replayed = TRUE;
  if (strcmp (stored->order_id, job->order_id) != 0 || stored->amount_paise != job->amount)
    {
      g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                               "This Idempotency-Key was used before for a different payment; "
                               "use a new key for a new request.");
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&stored),
                         (GDestroyNotify) puratan_online_payment_free);
}

static void
intent_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IntentJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autoptr (PuratanOnlinePayment) payment = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_signal_handlers_disconnect_by_data (msg, job);
  payment = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_atomic_int_get (&job->disconnected))
    return;
  if (payment == NULL)
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
        puratan_server_respond_problem_code (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                             "idempotency_key_reused", error->message);
      else
        {
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                            "Cannot create an online payment: %s", error->message);
          puratan_server_respond_problem_code (msg, SOUP_STATUS_BAD_GATEWAY, "provider_failed",
                                               "The payment provider could not take the "
                                               "request; send it again with the same "
                                               "Idempotency-Key.");
        }
      puratan_server_resume (msg);
      return;
    }
  add_online_payment (builder, payment);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_CREATED, root);
  if (job->replayed)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Idempotent-Replayed", "true");
  puratan_server_resume (msg);
}

static void
intent_disconnected_cb (SoupServerMessage *msg, gpointer user_data)
{
  IntentJob *job = user_data;

  g_atomic_int_set (&job->disconnected, TRUE);
}

static void
intent_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GTask) task = NULL;
  g_autofree char *key = NULL;
  IntentJob *job;
  gboolean present;

  order = puratan_server_visible_order (self, msg, params);
  if (order == NULL)
    return;
  key = puratan_server_idempotency_key (msg, &present);
  if (key == NULL)
    {
      puratan_server_respond_problem_code (
          msg, SOUP_STATUS_BAD_REQUEST,
          present ? "idempotency_key_invalid" : "idempotency_key_missing",
          "This request needs an Idempotency-Key header: 1 to 255 printable ASCII characters, "
          "the same when the request is sent again.");
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (body) > 0 &&
      !(g_bytes_get_size (body) == 2 && memcmp (g_bytes_get_data (body, NULL), "{}", 2) == 0))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "An online payment is always for the order's balance; "
                                      "send no body or {}.");
      return;
    }
  if (self->payment_provider == NULL)
    {
      puratan_server_respond_problem_code (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                           "payments_not_configured",
                                           "Online payments are not set up on this server.");
      return;
    }
  if (order->total_paise - order->paid_paise <= 0 || strcmp (order->status, "draft") == 0)
    {
      puratan_server_respond_problem_code (msg, SOUP_STATUS_CONFLICT, "nothing_to_pay",
                                           "The order has no balance to pay, or is still a "
                                           "draft.");
      return;
    }

  g_checksum_update (checksum, (const guchar *) principal->account_id, -1);
  g_checksum_update (checksum, (const guchar *) "\nonline\n", -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  job = g_new0 (IntentJob, 1);
  job->msg = g_object_ref (msg);
  job->provider = g_object_ref (self->payment_provider);
  job->database = g_object_ref (self->database);
  job->key = g_strdup (g_checksum_get_string (checksum));
  job->order_id = g_strdup (order->id);
  job->account_id = g_strdup (principal->account_id);
  job->amount = order->total_paise - order->paid_paise;
  task = g_task_new (self, NULL, intent_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) intent_job_free);
  g_signal_connect (msg, "disconnected", G_CALLBACK (intent_disconnected_cb), job);
  puratan_server_defer (msg);
  g_task_run_in_thread (task, intent_thread);
}

static void
webhook_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (PuratanPaymentEvent) event = NULL;
  g_autoptr (PuratanPayment) payment = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  gboolean duplicate = FALSE;

  if (self->payment_provider == NULL ||
      strcmp (puratan_payment_provider_get_name (self->payment_provider), "stripe") != 0)
    {
      puratan_server_respond_problem_code (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                           "payments_not_configured",
                                           "Online payments are not set up on this server.");
      return;
    }
  event = puratan_payment_provider_verify_event (
      self->payment_provider,
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                    "Stripe-Signature"),
      body, puratan_server_now (), &error);
  if (event == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "A Stripe notice was refused: %s", error->message);
      puratan_server_respond_problem_code (msg, SOUP_STATUS_BAD_REQUEST, "signature_invalid",
                                           error->message);
      return;
    }
  if (event->succeeded)
    {
      payment = puratan_payment_provider_record_success (self->payment_provider, self->database,
                                                         event, &duplicate, &error);
      if (payment == NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
        {
          puratan_server_respond_api_error (msg, error);
          return;
        }
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "received");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "payment_id");
  if (payment != NULL)
    json_builder_add_string_value (builder, payment->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "duplicate");
  json_builder_add_boolean_value (builder, duplicate);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
  if (payment != NULL && !duplicate &&
      (order = puratan_order_get (self->database, payment->order_id, NULL)) != NULL)
    puratan_server_publish_order (self, order);
}

/* Adds the online payment routes. */
void
puratan_server_add_stripe_routes (PuratanServer *self)
{
  puratan_server_add_route_full (self, "POST", "/api/v1/orders/{id}/payment-intents",
                                 PURATAN_ROUTE_IDEMPOTENT, intent_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/webhooks/stripe", webhook_cb, self);
}
