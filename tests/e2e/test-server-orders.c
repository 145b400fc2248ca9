/* test-server-orders.c: orders, payments, idempotency, concurrency and isolation over HTTP
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real puratan-server on 127.0.0.1, spoken to with libsoup and, where a test must cut a
 * connection or hold a request half-sent, with a plain socket.
 */
#include "config.h"

#include <string.h>

#include "e2e-api.h"
#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

#define CARDS_500 "{\"product\":\"business-cards\",\"quantity\":500}"

/* The request of a cash payment of @paise. */
static char *
cash (gint64 paise)
{
  return g_strdup_printf ("{\"method\":\"cash\",\"amount\":{\"amount_minor\":%" G_GINT64_FORMAT
                          ",\"currency\":\"INR\"}}",
                          paise);
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

static void
test_payment_retried_after_lost_answer (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = cash (10000);
  g_autofree char *other = cash (20000);
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) again = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Asha Prints");
  path = g_strdup_printf ("/api/v1/orders/%s/payments", order);

  /* The answer to the first try is lost: the connection closes before it is read. */
  api_send_and_hang_up (&server, "POST", path, counter, body, "pay-7f1c2a");

  /* The retry gets the answer of the first try, once it is done. Requests on two
   * connections may be answered by two request loops in either order, so the retry is sent
   * once the first try's payment is there (a retry that came first would be the one to pay,
   * and the late first try would get its answer). */
  for (guint i = 0; i < 500 && count_payments (&server, counter, order) == 0; i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  api_call_until_settled (&server, &reply, "POST", path, counter, body, "pay-7f1c2a");
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  g_assert_cmpstr (reply_header (&reply, "Idempotent-Replayed"), ==, "true");
  first = reply_object (&reply);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (first, "amount"), "amount_minor"),
      ==, 10000);
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);

  /* And again: the same payment, still once. */
  api_call (&server, &reply, "POST", path, counter, body, "pay-7f1c2a", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  again = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (again, "id"), ==,
                   json_object_get_string_member (first, "id"));
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);

  /* The same key with another amount is refused, and changes nothing. */
  api_call (&server, &reply, "POST", path, counter, other, "pay-7f1c2a", NULL);
  assert_problem_code (&reply, 422, "idempotency_key_reused");
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);

  /* Without a key nothing is taken. */
  api_call (&server, &reply, "POST", path, counter, other, NULL, NULL);
  assert_problem_code (&reply, 400, "idempotency_key_missing");
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);
}

static void
test_payment_concurrent_same_key (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) second = { 0 };
  g_autoptr (ApiHeld) held = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = cash (5000);
  g_autofree char *answer = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Bhavna Traders");
  path = g_strdup_printf ("/api/v1/orders/%s/payments", order);

  /* The first request's headers are in (the server said 100 Continue), its body not yet. */
  held = api_hold (&server, "POST", path, counter, body, "pay-concurrent-1");
  /* A second request with the key meanwhile is refused… */
  api_call (&server, &second, "POST", path, counter, body, "pay-concurrent-1", NULL);
  assert_problem_code (&second, 409, "idempotency_key_in_use");
  /* …and the first, once its body is sent, takes the one payment. */
  answer = api_release (held);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 201 "));
  g_assert_cmpuint (count_payments (&server, counter, order), ==, 1);
}

static void
test_patch_needs_current_version (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_draft_order (&server, counter, "Chetan Stores", "pay-unused-1");
  path = g_strdup_printf ("/api/v1/orders/%s", order);

  api_call (&server, &reply, "GET", path, counter, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  etag = g_strdup (reply_header (&reply, "ETag"));
  before = reply_object (&reply);
  g_assert_nonnull (etag);

  /* Without If-Match: 428. */
  api_call (&server, &reply, "PATCH", path, counter, "{\"notes\":\"matt finish\"}", NULL, NULL);
  assert_problem_code (&reply, 428, "if_match_required");

  /* Someone else changes it; the first editor's version is now stale. */
  api_call (&server, &reply, "PATCH", path, counter, "{\"notes\":\"gloss finish\"}", NULL, etag);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_cmpstr (reply_header (&reply, "ETag"), !=, etag);
  api_call (&server, &reply, "PATCH", path, counter,
            "{\"notes\":\"matt finish\",\"due_date\":\"2027-01-15\"}", NULL, etag);
  assert_problem_code (&reply, 412, "stale");

  api_call (&server, &reply, "GET", path, counter, NULL, NULL, NULL);
  after = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (after, "notes"), ==, "gloss finish");
  g_assert_true (json_object_get_null_member (after, "due_date"));
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==,
                   json_object_get_int_member (before, "version") + 1);
}

static void
test_transitions_guarded (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) placed = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *production = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *counter_id = NULL;
  g_autofree char *show = NULL;
  g_auto (E2eRun) run = { 0 };

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  production = api_sign_in (&server, "press@example.in", "production");
  counter_id = api_account_id (&server, counter);
  order = api_draft_order (&server, counter, "Deepa Events", "order-transitions-1");
  path = g_strdup_printf ("/api/v1/orders/%s/transitions", order);

  /* Production staff may not place an order: the workflow refuses the role. */
  api_call (&server, &reply, "POST", path, production, "{\"action\":\"place\"}", NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 403);
  /* A draft cannot be marked ready: the workflow refuses the state. */
  api_call (&server, &reply, "POST", path, counter, "{\"action\":\"mark_ready\"}", NULL, NULL);
  assert_problem_code (&reply, 409, "invalid_transition");
  /* An action the workflow does not know. */
  api_call (&server, &reply, "POST", path, counter, "{\"action\":\"teleport\"}", NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 400);
  /* A stale If-Match. */
  api_call (&server, &reply, "POST", path, counter, "{\"action\":\"place\"}", NULL, "\"1\"");
  assert_problem_code (&reply, 412, "stale");

  api_call (&server, &reply, "POST", path, counter, "{\"action\":\"place\",\"reason\":\"walk-in\"}",
            NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  placed = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (placed, "status"), ==, "placed");

  /* The audit log names the acting account and its role. */
  {
    g_autofree char *database = g_build_filename (server.data_dir, "shop.sqlite3", NULL);
    const char *argv[] = {
      e2e_program ("PURATAN_CLI"), "orders", "show", "--database", database, order, NULL
    };

    e2e_run (&run, argv);
    g_assert_cmpint (run.exit_status, ==, 0);
    show = g_strdup_printf ("%s (counter) place: draft → placed", counter_id);
    g_assert_nonnull (strstr (run.out, show));
  }
}

static void
test_customers_see_their_own (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) mine = NULL;
  g_autoptr (JsonObject) list = NULL;
  JsonArray *feed;
  g_autofree char *asha = NULL;
  g_autofree char *bhavna = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *payments = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *pay = cash (1000);
  g_autofree char *steps = NULL;

  server_start (&server, NULL);
  asha = api_sign_in (&server, "asha@example.in", "customer");
  bhavna = api_sign_in (&server, "bhavna@example.in", "customer");
  counter = api_sign_in (&server, "counter@example.in", "counter");

  /* Asha orders for herself; the server prices it, and a price she sends is refused. */
  api_call (&server, &reply, "POST", "/api/v1/orders", asha,
            "{\"lines\":[{\"product\":\"business-cards\",\"quantity\":500,"
            "\"unit_price\":{\"amount_minor\":1,\"currency\":\"INR\"}}]}",
            "asha-order-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 400);
  api_call (&server, &reply, "POST", "/api/v1/orders", asha,
            "{\"lines\":[" CARDS_500 "],\"due_date\":\"2027-02-01\"}", "asha-order-2", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  mine = reply_object (&reply);
  order = g_strdup (json_object_get_string_member (mine, "id"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (mine, "total"), "amount_minor"), >,
      0);
  path = g_strdup_printf ("/api/v1/orders/%s", order);
  payments = g_strdup_printf ("/api/v1/orders/%s/payments", order);
  steps = g_strdup_printf ("%s/transitions", path);
  api_call (&server, &reply, "POST", steps, asha, "{\"action\":\"place\"}", NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  api_call (&server, &reply, "POST", payments, counter, pay, "asha-pay-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);

  /* Asha reads her order and payments; Bhavna gets 404 for both, as for no order at all. */
  api_call (&server, &reply, "GET", path, asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  api_call (&server, &reply, "GET", payments, asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  api_call (&server, &reply, "GET", path, bhavna, NULL, NULL, NULL);
  assert_problem_code (&reply, 404, NULL);
  api_call (&server, &reply, "GET", payments, bhavna, NULL, NULL, NULL);
  assert_problem_code (&reply, 404, NULL);
  api_call (&server, &reply, "PATCH", path, bhavna, "{\"notes\":\"mine now\"}", NULL, "\"3\"");
  assert_problem_code (&reply, 404, NULL);
  api_call (&server, &reply, "POST", steps, bhavna, "{\"action\":\"cancel\"}", NULL, NULL);
  assert_problem_code (&reply, 404, NULL);
  /* Customers may not take payments, not even on their own orders. */
  api_call (&server, &reply, "POST", payments, asha, pay, "asha-pay-2", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 403);

  /* Lists and the change feed hold only one's own. */
  api_call (&server, &reply, "GET", "/api/v1/orders", bhavna, NULL, NULL, NULL);
  list = reply_object (&reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "orders")), ==, 0);
  g_clear_pointer (&list, json_object_unref);
  api_call (&server, &reply, "GET", "/api/v1/changes", bhavna, NULL, NULL, NULL);
  list = reply_object (&reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "changes")), ==, 0);
  g_clear_pointer (&list, json_object_unref);
  filter = g_strdup_printf ("/api/v1/orders?customer=%s",
                            json_object_get_string_member (mine, "customer_id"));
  api_call (&server, &reply, "GET", filter, bhavna, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 403);
  api_call (&server, &reply, "GET", "/api/v1/orders", asha, NULL, NULL, NULL);
  list = reply_object (&reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "orders")), ==, 1);
  g_clear_pointer (&list, json_object_unref);
  api_call (&server, &reply, "GET", "/api/v1/changes", asha, NULL, NULL, NULL);
  list = reply_object (&reply);
  /* Her order (its rows folded into one change in the page) and her payment. */
  feed = json_object_get_array_member (list, "changes");
  g_assert_cmpuint (json_array_get_length (feed), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (feed, 0), "id"),
                   ==, order);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (feed, 1), "entity"), ==,
      "payment");
}

/* The server prices a line it has priced before from a memo. A choice that spells out
 * another option in it is still refused by the catalog, never taken for the line it reads
 * like. */
static void
test_priced_lines_not_confused (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) valid = { 0 };
  g_auto (Reply) forged = { 0 };
  g_autofree char *counter = NULL;
  const char *priced = "{\"customer_name\":\"Asha\",\"lines\":[{\"product\":\"business-cards\","
                       "\"quantity\":500,\"options\":{\"sides\":\"4/0\","
                       "\"stock\":\"art-350-matt\"}}]}";
  /* Control characters a key of joined fields would use as separators, inside a choice. */
  const char *spelled = "{\"customer_name\":\"Asha\",\"lines\":[{\"product\":\"business-cards\","
                        "\"quantity\":500,\"options\":{\"sides\":"
                        "\"4/0\\u001fstock\\u001eart-350-matt\"}}]}";

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  api_call (&server, &valid, "POST", "/api/v1/orders", counter, priced, "key-priced", NULL);
  g_assert_cmpuint (soup_message_get_status (valid.msg), ==, 201);
  api_call (&server, &forged, "POST", "/api/v1/orders", counter, spelled, "key-spelled", NULL);
  g_assert_cmpuint (soup_message_get_status (forged.msg), >=, 400);
  g_assert_cmpuint (soup_message_get_status (forged.msg), <, 500);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/orders/payment-retried-after-lost-answer",
                   test_payment_retried_after_lost_answer);
  g_test_add_func ("/e2e/orders/payment-concurrent-same-key", test_payment_concurrent_same_key);
  g_test_add_func ("/e2e/orders/patch-needs-current-version", test_patch_needs_current_version);
  g_test_add_func ("/e2e/orders/transitions-guarded", test_transitions_guarded);
  g_test_add_func ("/e2e/orders/customers-see-their-own", test_customers_see_their_own);
  g_test_add_func ("/e2e/orders/priced-lines-not-confused", test_priced_lines_not_confused);
  api_add_feed_tests ();

  return g_test_run ();
}
