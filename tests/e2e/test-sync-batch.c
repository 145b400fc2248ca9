/* test-sync-batch.c: POST /api/v1/sync/batch on the real server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many outbox changes in one request, each under its own Idempotency-Key: applied once
 * whatever is sent again, priced by the server, held to the permission table, and refused
 * change by change when bad, never as a crash.
 */
#include "config.h"

#include <string.h>

#include "e2e-api.h"
#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

#define BATCH "/api/v1/sync/batch"

/* A change creating an order for @customer with a line of 500 business cards. */
static void
add_create (GString *changes, const char *key, const char *customer, const char *notes)
{
  if (changes->len > 0)
    g_string_append_c (changes, ',');
  g_string_append_printf (changes,
                          "{\"idempotency_key\":\"%s\",\"type\":\"order.create\",\"body\":"
                          "{\"customer_name\":\"%s\",\"notes\":\"%s\",\"lines\":"
                          "[{\"product\":\"business-cards\",\"quantity\":500}]}}",
                          key, customer, notes);
}

/* A change paying @paise in cash on the order created under @order_key. */
static void
add_payment (GString *changes, const char *key, const char *order_key, gint64 paise)
{
  if (changes->len > 0)
    g_string_append_c (changes, ',');
  g_string_append_printf (
      changes,
      "{\"idempotency_key\":\"%s\",\"type\":\"payment\",\"order_key\":\"%s\","
      "\"body\":{\"method\":\"cash\",\"amount\":{\"amount_minor\":%" G_GINT64_FORMAT
      ",\"currency\":\"INR\"}}}",
      key, order_key, paise);
}

/* A workflow step (@action, leading to @to_status) of the order created under @order_key. */
static void
add_step (GString *changes,
          const char *key,
          const char *order_key,
          const char *action,
          const char *to_status)
{
  if (changes->len > 0)
    g_string_append_c (changes, ',');
  g_string_append_printf (changes,
                          "{\"idempotency_key\":\"%s\",\"type\":\"order.transition\","
                          "\"order_key\":\"%s\",\"to_status\":\"%s\",\"body\":"
                          "{\"action\":\"%s\"}}",
                          key, order_key, to_status, action);
}

static char *
batch_of (GString *changes)
{
  return g_strdup_printf ("{\"changes\":[%s]}", changes->str);
}

/* Sends @json and returns the results, checking there is one per change. */
static JsonArray *
send_batch (Server *server, const char *token, const char *json, guint n)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  JsonArray *results;

  api_call (server, &reply, "POST", BATCH, token, json, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  results = json_array_ref (json_object_get_array_member (answer, "results"));
  g_assert_cmpuint (json_array_get_length (results), ==, n);
  return results;
}

static JsonObject *
result (JsonArray *results, guint i)
{
  return json_array_get_object_element (results, i);
}

static guint
status_of (JsonArray *results, guint i)
{
  return (guint) json_object_get_int_member (result (results, i), "status");
}

static const char *
body_string (JsonArray *results, guint i, const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (result (results, i), "body"),
                                        member);
}

/* How many of the server's orders have @notes. */
static guint
orders_with_notes (Server *server, const char *token, const char *notes)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) page = NULL;
  JsonArray *orders;
  guint n = 0;

  api_call (server, &reply, "GET", "/api/v1/orders?limit=200", token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  page = reply_object (&reply);
  orders = json_object_get_array_member (page, "orders");
  for (guint i = 0; i < json_array_get_length (orders); i++)
    n += g_strcmp0 (
             json_object_get_string_member (json_array_get_object_element (orders, i), "notes"),
             notes) == 0;
  return n;
}

static guint
count_payments (Server *server, const char *token, const char *order_id)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/payments", order_id);

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  return json_array_get_length (json_object_get_array_member (answer, "payments"));
}

/* Orders and their payments in one batch; sent again, nothing is done twice. */
static void
test_orders_and_payments (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) first = NULL;
  g_autoptr (JsonArray) again = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("order-key-%u", i);
      g_autofree char *pay = g_strdup_printf ("pay-key-%u", i);
      g_autofree char *notes = g_strdup_printf ("B-%u", i);

      add_create (changes, key, "Batch Prints", notes);
      add_payment (changes, pay, key, 10000);
    }
  json = batch_of (changes);
  first = send_batch (&server, counter, json, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpuint (status_of (first, i), ==, 201);
      g_assert_false (json_object_get_boolean_member (result (first, i), "replayed"));
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *notes = g_strdup_printf ("B-%u", i);
      JsonObject *order = json_object_get_object_member (result (first, 2 * i), "body");
      JsonObject *total = json_object_get_object_member (order, "total");

      /* Priced by the server from its catalog. */
      g_assert_cmpint (json_object_get_int_member (total, "amount_minor"), >, 0);
      g_assert_cmpstr (body_string (first, 2 * i + 1, "order_id"), ==,
                       json_object_get_string_member (order, "id"));
      g_assert_cmpuint (orders_with_notes (&server, counter, notes), ==, 1);
    }

  /* The same batch again: the stored answers, nothing new. */
  again = send_batch (&server, counter, json, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpuint (status_of (again, i), ==, 201);
      g_assert_true (json_object_get_boolean_member (result (again, i), "replayed"));
      g_assert_cmpstr (body_string (again, i, "id"), ==, body_string (first, i, "id"));
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *notes = g_strdup_printf ("B-%u", i);
      g_assert_cmpuint (orders_with_notes (&server, counter, notes), ==, 1);
      g_assert_cmpuint (count_payments (&server, counter, body_string (first, 2 * i, "id")), ==, 1);
    }
}

/* The answer to a batch is lost (the connection closes before it is read); sending it again
 * gives every change's stored answer and duplicates nothing. */
static void
test_lost_answer (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) results = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  add_create (changes, "lost-order", "Lost Answers", "LOST");
  add_step (changes, "lost-step", "lost-order", "place", "placed");
  add_payment (changes, "lost-pay", "lost-order", 5000);
  json = batch_of (changes);
  api_send_and_hang_up (&server, "POST", BATCH, counter, json, NULL);

  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_clear_pointer (&results, json_array_unref);
      results = send_batch (&server, counter, json, 3);
      if (status_of (results, 0) != 409 && status_of (results, 1) != 409 &&
          status_of (results, 2) != 409)
        break;
      g_usleep (100 * 1000);
    }
  g_assert_cmpuint (status_of (results, 0), ==, 201);
  g_assert_cmpuint (status_of (results, 1), ==, 200);
  g_assert_cmpuint (status_of (results, 2), ==, 201);
  g_assert_cmpuint (orders_with_notes (&server, counter, "LOST"), ==, 1);
  g_assert_cmpstr (body_string (results, 1, "status"), ==, "placed");
  g_assert_cmpuint (count_payments (&server, counter, body_string (results, 0, "id")), ==, 1);
}

/* The server's order @id. */
static JsonObject *
get_order (Server *server, const char *token, const char *id)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s", id);

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  return reply_object (&reply);
}

/* Creations, their place steps and payments in one batch, as the Counter writes them; the
 * batch sent again (its answer lost) and a step sent again under a new key take no step
 * twice. */
static void
test_steps (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (GString) later = g_string_new (NULL);
  g_autoptr (JsonArray) first = NULL;
  g_autoptr (JsonArray) again = NULL;
  g_autoptr (JsonArray) repeat = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;
  g_autofree char *later_json = NULL;
  gint64 versions[3];

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("step-order-%u", i);
      g_autofree char *step = g_strdup_printf ("step-place-%u", i);
      g_autofree char *pay = g_strdup_printf ("step-pay-%u", i);
      g_autofree char *notes = g_strdup_printf ("S-%u", i);

      add_create (changes, key, "Step Prints", notes);
      add_step (changes, step, key, "place", "placed");
      add_payment (changes, pay, key, 10000);
    }
  json = batch_of (changes);
  first = send_batch (&server, counter, json, 9);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) order = NULL;

      g_assert_cmpuint (status_of (first, 3 * i), ==, 201);
      g_assert_cmpuint (status_of (first, 3 * i + 1), ==, 200);
      g_assert_cmpuint (status_of (first, 3 * i + 2), ==, 201);
      g_assert_cmpstr (body_string (first, 3 * i + 1, "status"), ==, "placed");
      g_assert_cmpstr (body_string (first, 3 * i + 1, "id"), ==, body_string (first, 3 * i, "id"));
      order = get_order (&server, counter, body_string (first, 3 * i, "id"));
      g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "placed");
      versions[i] = json_object_get_int_member (order, "version");
    }

  /* Sent again after its answer was lost: the stored answers, no step taken again. */
  again = send_batch (&server, counter, json, 9);
  for (guint i = 0; i < 9; i++)
    g_assert_true (json_object_get_boolean_member (result (again, i), "replayed"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonObject) order = get_order (&server, counter, body_string (first, 3 * i, "id"));

      g_assert_cmpuint (status_of (again, 3 * i + 1), ==, 200);
      g_assert_cmpint (json_object_get_int_member (order, "version"), ==, versions[i]);
      g_assert_cmpuint (count_payments (&server, counter, body_string (first, 3 * i, "id")), ==, 1);
    }

  /* The same step under a new key finds the order placed already: done, not taken again. */
  add_step (later, "step-place-new", "step-order-0", "place", "placed");
  later_json = batch_of (later);
  repeat = send_batch (&server, counter, later_json, 1);
  g_assert_cmpuint (status_of (repeat, 0), ==, 200);
  g_assert_false (json_object_get_boolean_member (result (repeat, 0), "replayed"));
  g_assert_cmpstr (body_string (repeat, 0, "status"), ==, "placed");
  {
    g_autoptr (JsonObject) order = get_order (&server, counter, body_string (first, 0, "id"));
    g_assert_cmpint (json_object_get_int_member (order, "version"), ==, versions[0]);
  }
}

/* A step the workflow refuses is refused alone, with its reason; the changes around it are
 * applied, and the order stays as it was. */
static void
test_step_refused (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) results = NULL;
  g_autoptr (JsonObject) order = NULL;
  g_autoptr (JsonObject) other = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;
  JsonObject *problem;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  add_create (changes, "refused-order", "Refused Steps", "R-1");
  /* A draft cannot be made ready. */
  add_step (changes, "refused-step", "refused-order", "mark_ready", "ready");
  add_payment (changes, "refused-pay", "refused-order", 5000);
  add_create (changes, "fine-order", "Refused Steps", "R-2");
  add_step (changes, "fine-step", "fine-order", "place", "placed");
  /* A step naming an order that this batch never made, and one with a bad action. */
  add_step (changes, "nowhere-step", "no-such-order", "place", "placed");
  add_step (changes, "bad-action", "fine-order", "fly", "placed");
  json = batch_of (changes);
  results = send_batch (&server, counter, json, 7);
  g_assert_cmpuint (status_of (results, 0), ==, 201);
  g_assert_cmpuint (status_of (results, 1), >=, 400);
  g_assert_cmpuint (status_of (results, 1), <, 500);
  problem = json_object_get_object_member (result (results, 1), "body");
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
  g_assert_cmpuint (status_of (results, 2), ==, 201);
  g_assert_cmpuint (status_of (results, 3), ==, 201);
  g_assert_cmpuint (status_of (results, 4), ==, 200);
  g_assert_cmpuint (status_of (results, 5), ==, 422);
  g_assert_cmpuint (status_of (results, 6), ==, 400);
  order = get_order (&server, counter, body_string (results, 0, "id"));
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "draft");
  other = get_order (&server, counter, body_string (results, 3, "id"));
  g_assert_cmpstr (json_object_get_string_member (other, "status"), ==, "placed");
}

/* A change first sent alone, its answer unread, then in a batch: the same request. */
static void
test_single_then_batch (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) results = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;
  const char *body = "{\"customer_name\":\"Alone\",\"notes\":\"ALONE\",\"lines\":"
                     "[{\"product\":\"business-cards\",\"quantity\":500}]}";

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  {
    g_auto (Reply) reply = { 0 };
    api_call (&server, &reply, "POST", "/api/v1/orders", counter, body, "alone-key", NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  }
  add_create (changes, "alone-key", "Alone", "ALONE");
  json = batch_of (changes);
  results = send_batch (&server, counter, json, 1);
  g_assert_cmpuint (status_of (results, 0), ==, 201);
  g_assert_true (json_object_get_boolean_member (result (results, 0), "replayed"));
  g_assert_cmpuint (orders_with_notes (&server, counter, "ALONE"), ==, 1);
}

/* Good and bad changes together: each bad one is refused with its reason, the good ones are
 * applied, and a payment whose order was refused is refused too. */
static void
test_mixed (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) results = NULL;
  g_autoptr (JsonArray) reused = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *json = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  add_create (changes, "good-1", "Mixed", "GOOD-1");
  /* 1: an unknown product (404, as the single route answers). */
  g_string_append (changes,
                   ",{\"idempotency_key\":\"bad-product\",\"type\":\"order.create\",\"body\":"
                   "{\"customer_name\":\"Mixed\",\"lines\":[{\"product\":\"no-such-thing\","
                   "\"quantity\":5}]}}");
  /* 2: its payment. */
  add_payment (changes, "pay-bad", "bad-product", 1000);
  /* 3: a client's price, which the server never takes. */
  g_string_append (changes,
                   ",{\"idempotency_key\":\"priced\",\"type\":\"order.create\",\"body\":"
                   "{\"customer_name\":\"Mixed\",\"lines\":[{\"product\":\"business-cards\","
                   "\"quantity\":500,\"unit_price\":1}]}}");
  /* 4: no key; 5: an unknown type; 6: not an object; 7: a key that is not text. */
  g_string_append (changes, ",{\"type\":\"order.create\",\"body\":{}}");
  g_string_append (changes, ",{\"idempotency_key\":\"what\",\"type\":\"delete\",\"body\":{}}");
  g_string_append (changes, ",42");
  g_string_append (changes, ",{\"idempotency_key\":{\"a\":1},\"type\":\"payment\",\"body\":{}}");
  /* 8: a payment naming no order creation of this account. */
  add_payment (changes, "pay-orphan", "never-sent", 1000);
  /* 9: more than the balance. */
  add_payment (changes, "pay-too-much", "good-1", 100000000);
  add_create (changes, "good-2", "Mixed", "GOOD-2");
  json = batch_of (changes);
  results = send_batch (&server, counter, json, 11);

  g_assert_cmpuint (status_of (results, 0), ==, 201);
  g_assert_cmpuint (status_of (results, 1), ==, 404);
  g_assert_cmpuint (status_of (results, 2), ==, 422);
  g_assert_cmpstr (body_string (results, 2, "code"), ==, "order_refused");
  g_assert_cmpuint (status_of (results, 3), ==, 400);
  g_assert_nonnull (strstr (body_string (results, 3, "detail"), "prices and totals"));
  for (guint i = 4; i <= 7; i++)
    g_assert_cmpuint (status_of (results, i), ==, 400);
  g_assert_true (json_object_get_null_member (result (results, 4), "idempotency_key"));
  g_assert_cmpuint (status_of (results, 8), ==, 422);
  g_assert_cmpstr (body_string (results, 8, "code"), ==, "order_unknown");
  g_assert_cmpuint (status_of (results, 9), ==, 400);
  g_assert_cmpuint (status_of (results, 10), ==, 201);
  g_assert_cmpuint (orders_with_notes (&server, counter, "GOOD-1"), ==, 1);
  g_assert_cmpuint (orders_with_notes (&server, counter, "GOOD-2"), ==, 1);
  g_assert_cmpuint (count_payments (&server, counter, body_string (results, 0, "id")), ==, 0);

  /* A key sent again with another body is refused for that change alone. */
  g_string_truncate (changes, 0);
  add_create (changes, "good-1", "Mixed", "CHANGED");
  add_create (changes, "good-3", "Mixed", "GOOD-3");
  g_clear_pointer (&json, g_free);
  json = batch_of (changes);
  reused = send_batch (&server, counter, json, 2);
  g_assert_cmpuint (status_of (reused, 0), ==, 422);
  g_assert_cmpstr (body_string (reused, 0, "code"), ==, "idempotency_key_reused");
  g_assert_cmpuint (status_of (reused, 1), ==, 201);
  g_assert_cmpuint (orders_with_notes (&server, counter, "CHANGED"), ==, 0);
  g_assert_cmpuint (orders_with_notes (&server, counter, "GOOD-1"), ==, 1);
}

/* Malformed and oversized batches are refused whole with a clear answer; the server serves
 * on. */
static void
test_hostile (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) many = g_string_new (NULL);
  g_autofree char *counter = NULL;
  g_autofree char *too_many = NULL;
  g_autofree char *too_big = NULL;
  const char *malformed[] = {
    "{\"changes\":[",           "[]",          "{}", "{\"changes\":[]}", "{\"changes\":{}}",
    "{\"changes\":[],\"x\":1}", "\"changes\"",
  };

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_auto (Reply) reply = { 0 };

      api_call (&server, &reply, "POST", BATCH, counter, malformed[i], NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 400);
    }
  for (guint i = 0; i < 501; i++)
    {
      g_autofree char *key = g_strdup_printf ("many-%u", i);
      add_create (many, key, "Many", "MANY");
    }
  too_many = batch_of (many);
  {
    g_auto (Reply) reply = { 0 };
    api_call (&server, &reply, "POST", BATCH, counter, too_many, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 413);
  }
  g_assert_cmpuint (orders_with_notes (&server, counter, "MANY"), ==, 0);
  {
    /* Over the server's body limit (1 MiB by default). */
    GString *big = g_string_new ("{\"changes\":[{\"idempotency_key\":\"big\",\"type\":"
                                 "\"order.create\",\"body\":{\"notes\":\"");
    g_auto (Reply) reply = { 0 };

    while (big->len < 1100 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}}]}");
    too_big = g_string_free (big, FALSE);
    api_call (&server, &reply, "POST", BATCH, counter, too_big, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 413);
  }
  /* Without a token. */
  {
    g_auto (Reply) reply = { 0 };
    api_call (&server, &reply, "POST", BATCH, NULL, "{\"changes\":[]}", NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 401);
  }
  /* Still serving. */
  {
    g_autoptr (GString) one = g_string_new (NULL);
    g_autofree char *json = NULL;
    g_autoptr (JsonArray) results = NULL;

    add_create (one, "after", "After", "AFTER");
    json = batch_of (one);
    results = send_batch (&server, counter, json, 1);
    g_assert_cmpuint (status_of (results, 0), ==, 201);
  }
}

/* Each change is held to its own route's row of the permission table, and a customer's
 * orders are their own. */
static void
test_permissions (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (JsonArray) results = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *json = NULL;

  server_start (&server, NULL);
  customer = api_sign_in (&server, "cust@example.in", "customer");
  g_string_append (changes, "{\"idempotency_key\":\"mine\",\"type\":\"order.create\",\"body\":"
                            "{\"notes\":\"MINE\",\"lines\":[{\"product\":\"business-cards\","
                            "\"quantity\":500}]}}");
  add_create (changes, "someone", "Someone Else", "ELSE");
  add_payment (changes, "cust-pay", "mine", 1000);
  json = batch_of (changes);
  results = send_batch (&server, customer, json, 3);
  g_assert_cmpuint (status_of (results, 0), ==, 201);
  g_assert_cmpuint (status_of (results, 1), ==, 400);
  g_assert_cmpuint (status_of (results, 2), ==, 403);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/sync-batch/orders-and-payments", test_orders_and_payments);
  g_test_add_func ("/e2e/sync-batch/lost-answer", test_lost_answer);
  g_test_add_func ("/e2e/sync-batch/steps", test_steps);
  g_test_add_func ("/e2e/sync-batch/step-refused", test_step_refused);
  g_test_add_func ("/e2e/sync-batch/single-then-batch", test_single_then_batch);
  g_test_add_func ("/e2e/sync-batch/mixed", test_mixed);
  g_test_add_func ("/e2e/sync-batch/hostile", test_hostile);
  g_test_add_func ("/e2e/sync-batch/permissions", test_permissions);
  return g_test_run ();
}
