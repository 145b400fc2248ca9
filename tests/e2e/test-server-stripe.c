/* test-server-stripe.c: online card payments through a Stripe stand-in, and its webhook
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real puratan-server on 127.0.0.1 is configured ([stripe] in its configuration file)
 * to reach a small libsoup server in this test, on a thread of its own, that speaks Stripe's
 * documented PaymentIntents request: it checks the bearer key, the form fields and the
 * Idempotency-Key, answers PaymentIntent JSON and replays the same answer for a repeated
 * key, as Stripe does. Webhooks are signed here as Stripe signs them.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "e2e-api.h"
#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

#define SECRET_KEY     "sk_test_standin_4f9a"
#define WEBHOOK_SECRET "whsec_standin_b7c1"

typedef struct
{
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  SoupServer *soup;
  char *url;
  GMutex lock;
  /* Idempotency-Key → the form it came with and the answer given. */
  GHashTable *forms;
  GHashTable *answers;
  GPtrArray *keys_seen;
  guint intents_made;
} StandIn;

static void
respond (SoupServerMessage *msg, guint status, const char *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
stripe_error (SoupServerMessage *msg, guint status, const char *type, const char *message)
{
  g_autofree char *json =
      g_strdup_printf ("{\"error\":{\"type\":\"%s\",\"message\":\"%s\"}}", type, message);

  respond (msg, status, json);
}

/* Answers a PaymentIntents request; the stand-in's lock is held. */
static void
answer_payment_intent (StandIn *stand_in, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *form_text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *answer = NULL;
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *amount, *currency, *order;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    {
      stripe_error (msg, 405, "invalid_request_error", "Use POST");
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), "Bearer " SECRET_KEY) !=
      0)
    {
      stripe_error (msg, 401, "invalid_request_error", "Invalid API Key provided");
      return;
    }
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"),
                 "application/x-www-form-urlencoded") != 0)
    {
      stripe_error (msg, 400, "invalid_request_error", "Send a form-encoded body");
      return;
    }
  form = soup_form_decode (form_text);
  amount = g_hash_table_lookup (form, "amount");
  currency = g_hash_table_lookup (form, "currency");
  order = g_hash_table_lookup (form, "metadata[order_id]");
  if (amount == NULL || strspn (amount, "0123456789") != strlen (amount) || amount[0] == '0' ||
      g_strcmp0 (currency, "inr") != 0 || order == NULL || strlen (order) != 36 ||
      g_strcmp0 (g_hash_table_lookup (form, "automatic_payment_methods[enabled]"), "true") != 0 ||
      g_hash_table_size (form) != 4)
    {
      stripe_error (msg, 400, "invalid_request_error", "Missing or invalid parameter");
      return;
    }
  if (key == NULL)
    {
      stripe_error (msg, 400, "invalid_request_error", "This stand-in wants an Idempotency-Key");
      return;
    }
  g_ptr_array_add (stand_in->keys_seen, g_strdup (key));
  if (g_hash_table_contains (stand_in->answers, key))
    {
      if (strcmp (g_hash_table_lookup (stand_in->forms, key), form_text) != 0)
        {
          stripe_error (msg, 400, "idempotency_error",
                        "Keys for idempotent requests can only be used with the same "
                        "parameters they were first used with.");
          return;
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Idempotent-Replayed", "true");
      respond (msg, 200, g_hash_table_lookup (stand_in->answers, key));
      return;
    }
  stand_in->intents_made++;
  answer = g_strdup_printf (
      "{\"id\":\"pi_standin_%u\",\"object\":\"payment_intent\",\"amount\":%s,"
      "\"currency\":\"inr\",\"status\":\"requires_payment_method\","
      "\"client_secret\":\"pi_standin_%u_secret_x1\",\"metadata\":{\"order_id\":\"%s\"}}",
      stand_in->intents_made, amount, stand_in->intents_made, order);
  g_hash_table_insert (stand_in->forms, g_strdup (key), g_strdup (form_text));
  g_hash_table_insert (stand_in->answers, g_strdup (key), g_strdup (answer));
  respond (msg, 200, answer);
}

static void
payment_intents_cb (SoupServer *soup,
                    SoupServerMessage *msg,
                    const char *path,
                    GHashTable *query,
                    gpointer user_data)
{
  StandIn *stand_in = user_data;

  g_mutex_lock (&stand_in->lock);
  answer_payment_intent (stand_in, msg);
  g_mutex_unlock (&stand_in->lock);
}

static gpointer
stand_in_thread (gpointer data)
{
  StandIn *stand_in = data;

  g_main_context_push_thread_default (stand_in->context);
  g_main_loop_run (stand_in->loop);
  g_main_context_pop_thread_default (stand_in->context);
  return NULL;
}

static void
stand_in_start (StandIn *stand_in)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_mutex_init (&stand_in->lock);
  stand_in->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stand_in->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stand_in->keys_seen = g_ptr_array_new_with_free_func (g_free);
  stand_in->context = g_main_context_new ();
  stand_in->loop = g_main_loop_new (stand_in->context, FALSE);
  g_main_context_push_thread_default (stand_in->context);
  stand_in->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (stand_in->soup, "/v1/payment_intents", payment_intents_cb, stand_in,
                           NULL);
  soup_server_listen_local (stand_in->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_main_context_pop_thread_default (stand_in->context);
  g_assert_no_error (error);
  uris = soup_server_get_uris (stand_in->soup);
  stand_in->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  stand_in->thread = g_thread_new ("stripe-stand-in", stand_in_thread, stand_in);
}

static gboolean
quit_cb (gpointer data)
{
  StandIn *stand_in = data;

  soup_server_disconnect (stand_in->soup);
  g_main_loop_quit (stand_in->loop);
  return G_SOURCE_REMOVE;
}

static void
stand_in_stop (StandIn *stand_in)
{
  g_main_context_invoke (stand_in->context, quit_cb, stand_in);
  g_thread_join (stand_in->thread);
  g_clear_object (&stand_in->soup);
  g_main_loop_unref (stand_in->loop);
  g_main_context_unref (stand_in->context);
  g_hash_table_unref (stand_in->forms);
  g_hash_table_unref (stand_in->answers);
  g_ptr_array_unref (stand_in->keys_seen);
  g_free (stand_in->url);
  g_mutex_clear (&stand_in->lock);
}

static guint
intents_made (StandIn *stand_in)
{
  guint made;

  g_mutex_lock (&stand_in->lock);
  made = stand_in->intents_made;
  g_mutex_unlock (&stand_in->lock);
  return made;
}

/* Returns (transfer full) the first Idempotency-Key the stand-in saw, and how many it saw. */
static char *
first_key_seen (StandIn *stand_in, guint *n_seen)
{
  char *key;

  g_mutex_lock (&stand_in->lock);
  *n_seen = stand_in->keys_seen->len;
  key = g_strdup (*n_seen > 0 ? stand_in->keys_seen->pdata[0] : NULL);
  g_mutex_unlock (&stand_in->lock);
  return key;
}

/* Starts the server with a configuration that points it at the stand-in. */
static void
start_with_stripe (Server *server, StandIn *stand_in)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "server.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[stripe]\nbase-url=%s\nsecret-key=" SECRET_KEY
                                           "\nwebhook-secret=" WEBHOOK_SECRET "\n",
                                           stand_in->url);
  g_autoptr (GError) error = NULL;
  const char *args[] = { "--config", config, NULL };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents_full (config, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  server_start (server, args);
}

static gint64
balance (Server *server, const char *token, const char *order)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/payments", order);

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  return json_object_get_int_member (json_object_get_object_member (answer, "balance"),
                                     "amount_minor");
}

static guint
count_payments (Server *server, const char *token, const char *order)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/payments", order);

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  return json_array_get_length (json_object_get_array_member (answer, "payments"));
}

/* Returns (transfer full) the change feed's newest cursor as @token sees it. */
static char *
feed_cursor (Server *server, const char *token)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) feed = NULL;
  char *cursor = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/api/v1/changes?since=%s&limit=1000", cursor != NULL ? cursor : "0");

      api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
      g_clear_pointer (&feed, json_object_unref);
      feed = reply_object (&reply);
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (feed, "next_cursor"));
      if (!json_object_get_boolean_member (feed, "has_more"))
        break;
    }
  return cursor;
}

static void
test_intent_once_per_key (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  StandIn stand_in = { 0 };
  g_autofree char *log = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *asha = NULL;
  g_autofree char *bhavna = NULL;
  g_autofree char *order = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second_path = NULL;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) again = NULL;
  gint64 due;

  stand_in_start (&stand_in);
  start_with_stripe (&server, &stand_in);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  asha = api_sign_in (&server, "asha@example.in", "customer");
  bhavna = api_sign_in (&server, "bhavna@example.in", "customer");
  order = api_placed_order (&server, counter, "Asha Prints");
  due = balance (&server, counter, order);
  path = g_strdup_printf ("/api/v1/orders/%s/payment-intents", order);

  /* Without an Idempotency-Key: refused before the provider is asked. */
  api_call (&server, &reply, "POST", path, counter, NULL, NULL, NULL);
  assert_problem_code (&reply, 400, "idempotency_key_missing");
  g_assert_cmpuint (intents_made (&stand_in), ==, 0);

  api_call (&server, &reply, "POST", path, counter, NULL, "online-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  first = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (first, "intent_id"), ==, "pi_standin_1");
  g_assert_cmpstr (json_object_get_string_member (first, "client_secret"), ==,
                   "pi_standin_1_secret_x1");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "pending");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (first, "amount"), "amount_minor"),
      ==, due);
  g_assert_cmpuint (intents_made (&stand_in), ==, 1);
  /* Stripe was asked under a key derived from the request's, not the request's own. */
  {
    guint n_seen = 0;
    g_autofree char *key = first_key_seen (&stand_in, &n_seen);

    g_assert_cmpuint (n_seen, ==, 1);
    g_assert_true (g_str_has_prefix (key, "puratan-"));
    g_assert_cmpuint (strlen (key), ==, strlen ("puratan-") + 64);
  }

  /* The retry gives the same intent; the provider made one. */
  api_call (&server, &reply, "POST", path, counter, NULL, "online-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  g_assert_cmpstr (reply_header (&reply, "Idempotent-Replayed"), ==, "true");
  again = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (again, "id"), ==,
                   json_object_get_string_member (first, "id"));
  g_assert_cmpuint (intents_made (&stand_in), ==, 1);

  /* A retry after the answer was lost: one intent for that key too. */
  second = api_placed_order (&server, counter, "Bhavna Traders");
  second_path = g_strdup_printf ("/api/v1/orders/%s/payment-intents", second);
  api_send_and_hang_up (&server, "POST", second_path, counter, "{}", "online-2");
  api_call_until_settled (&server, &reply, "POST", second_path, counter, "{}", "online-2");
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  g_assert_cmpuint (intents_made (&stand_in), ==, 2);

  /* The same key for another order is a different request: 422, nothing asked. */
  api_call (&server, &reply, "POST", second_path, counter, NULL, "online-1", NULL);
  assert_problem_code (&reply, 422, "idempotency_key_reused");
  g_assert_cmpuint (intents_made (&stand_in), ==, 2);

  /* A customer pays their own order, never another's; a body with an amount is refused. */
  {
    g_auto (Reply) own = { 0 };
    g_autoptr (JsonObject) mine = NULL;
    g_autofree char *own_path = NULL;

    api_call (&server, &own, "POST", "/api/v1/orders", asha,
              "{\"lines\":[{\"product\":\"business-cards\",\"quantity\":500}]}", "asha-order",
              NULL);
    g_assert_cmpuint (soup_message_get_status (own.msg), ==, 201);
    mine = reply_object (&own);
    own_path = g_strdup_printf ("/api/v1/orders/%s/payment-intents",
                                json_object_get_string_member (mine, "id"));
    /* A draft has nothing to pay yet. */
    api_call (&server, &reply, "POST", own_path, asha, NULL, "asha-pay", NULL);
    assert_problem_code (&reply, 409, "nothing_to_pay");
    api_call (&server, &reply, "POST", path, bhavna, NULL, "bhavna-pay", NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 404);
    api_call (&server, &reply, "POST", path, counter,
              "{\"amount\":{\"amount_minor\":1,\"currency\":\"INR\"}}", "online-9", NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 400);
  }
  g_assert_cmpuint (intents_made (&stand_in), ==, 2);
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 0);

  /* The server stops cleanly and its log never held a secret. */
  log = server_stop (&server, SIGTERM);
  g_assert_null (strstr (log, SECRET_KEY));
  g_assert_null (strstr (log, WEBHOOK_SECRET));
  stand_in_stop (&stand_in);
}

/* Returns (transfer full) a Stripe-Signature for @body at @t with @secret. */
static char *
sign (const char *body, gint64 t, const char *secret)
{
  g_autofree char *signed_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", t, body);
  g_autofree char *hex = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                                    strlen (secret), signed_text, -1);

  return g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s", t, hex);
}

static guint
deliver (Server *server, const char *body, const char *signature, JsonObject **answer)
{
  g_autoptr (SoupMessage) msg =
      server_json_message (server, "POST", "/api/v1/webhooks/stripe", NULL, body);
  g_autoptr (GBytes) reply = NULL;

  if (signature != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Stripe-Signature",
                                  signature);
  reply = server_send (server, msg);
  if (answer != NULL)
    *answer = soup_message_get_status (msg) == 200 ? parse_object (reply) : NULL;
  return soup_message_get_status (msg);
}

static void
test_webhook (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  StandIn stand_in = { 0 };
  g_autofree char *log = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *event = NULL;
  g_autofree char *wrong_key = NULL;
  g_autofree char *old = NULL;
  g_autofree char *good = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *other_amount = NULL;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonObject) payments = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *payment;
  gint64 due, now = g_get_real_time () / G_USEC_PER_SEC;

  stand_in_start (&stand_in);
  start_with_stripe (&server, &stand_in);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Chitra Stores");
  due = balance (&server, counter, order);
  path = g_strdup_printf ("/api/v1/orders/%s/payment-intents", order);
  api_call (&server, &reply, "POST", path, counter, NULL, "online-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);

  event = g_strdup_printf (
      "{\"id\":\"evt_standin_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
      "\"data\":{\"object\":{\"id\":\"pi_standin_1\",\"object\":\"payment_intent\","
      "\"amount\":%" G_GINT64_FORMAT ",\"amount_received\":%" G_GINT64_FORMAT
      ",\"currency\":\"inr\",\"status\":\"succeeded\"}}}",
      due, due);

  before = feed_cursor (&server, counter);
  /* Refused, and nothing recorded: no signature, the wrong secret, an old timestamp, a body
   * changed after signing. */
  g_assert_cmpuint (deliver (&server, event, NULL, NULL), ==, 400);
  wrong_key = sign (event, now, "whsec_someone_else");
  g_assert_cmpuint (deliver (&server, event, wrong_key, NULL), ==, 400);
  old = sign (event, now - 301 - 60, WEBHOOK_SECRET);
  g_assert_cmpuint (deliver (&server, event, old, NULL), ==, 400);
  tampered = g_strdup (event);
  tampered[strlen (tampered) - 5] = 'X';
  good = sign (event, now, WEBHOOK_SECRET);
  g_assert_cmpuint (deliver (&server, tampered, good, NULL), ==, 400);
  g_assert_cmpuint (deliver (&server, event, "t=abc,v1=00", NULL), ==, 400);
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 0);
  g_assert_cmpint (balance (&server, counter, order), ==, due);

  /* A signed notice with an amount other than the one asked for records nothing. */
  {
    g_autofree char *cheap = g_strdup_printf (
        "{\"id\":\"evt_standin_0\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":"
        "{\"id\":\"pi_standin_1\",\"amount\":1,\"currency\":\"inr\"}}}");
    g_autofree char *signature = sign (cheap, now, WEBHOOK_SECRET);
    other_amount = g_steal_pointer (&cheap);
    g_assert_cmpuint (deliver (&server, other_amount, signature, NULL), ==, 400);
  }
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 0);
  after = feed_cursor (&server, counter);
  g_assert_cmpstr (after, ==, before);

  /* A good one marks the payment paid, once, even delivered twice. */
  g_assert_cmpuint (deliver (&server, event, good, &first), ==, 200);
  g_assert_false (json_object_get_boolean_member (first, "duplicate"));
  g_assert_cmpuint (deliver (&server, event, good, &second), ==, 200);
  g_assert_true (json_object_get_boolean_member (second, "duplicate"));
  g_assert_cmpstr (json_object_get_string_member (first, "payment_id"), ==,
                   json_object_get_string_member (second, "payment_id"));
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);
  g_assert_cmpint (balance (&server, counter, order), ==, 0);
  {
    g_autofree char *list = g_strdup_printf ("/api/v1/orders/%s/payments", order);
    api_call (&server, &reply, "GET", list, counter, NULL, NULL, NULL);
    payments = reply_object (&reply);
    payment =
        json_array_get_object_element (json_object_get_array_member (payments, "payments"), 0);
    g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "card");
    g_assert_cmpstr (json_object_get_string_member (payment, "reference"), ==, "pi_standin_1");
  }

  /* Other event types are acknowledged and change nothing. */
  {
    const char *other = "{\"id\":\"evt_2\",\"type\":\"payment_intent.created\",\"data\":"
                        "{\"object\":{\"id\":\"pi_standin_1\"}}}";
    g_autofree char *signature = sign (other, now, WEBHOOK_SECRET);
    g_assert_cmpuint (deliver (&server, other, signature, NULL), ==, 200);
  }
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);

  log = server_stop (&server, SIGTERM);
  g_assert_null (strstr (log, SECRET_KEY));
  g_assert_null (strstr (log, WEBHOOK_SECRET));
  stand_in_stop (&stand_in);
}

static void
test_not_configured (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Deepa Arts");
  path = g_strdup_printf ("/api/v1/orders/%s/payment-intents", order);
  api_call (&server, &reply, "POST", path, counter, NULL, "online-1", NULL);
  assert_problem_code (&reply, 503, "payments_not_configured");
  g_assert_cmpuint (deliver (&server, "{}", "t=1,v1=00", NULL), ==, 503);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/stripe/intent-once-per-key", test_intent_once_per_key);
  g_test_add_func ("/e2e/stripe/webhook", test_webhook);
  g_test_add_func ("/e2e/stripe/not-configured", test_not_configured);
  return g_test_run ();
}
