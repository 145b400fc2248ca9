/* test-server-orders-feed.c: the change feed, the events WebSocket and hostile input
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "e2e-api.h"

/* A client's copy of the server's records: "entity id" → the record as JSON text. */
typedef struct
{
  GHashTable *records;
  char *cursor;
} Replica;

static void
replica_init (Replica *replica)
{
  replica->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  replica->cursor = g_strdup ("0");
}

static void
replica_clear (Replica *replica)
{
  g_clear_pointer (&replica->records, g_hash_table_unref);
  g_clear_pointer (&replica->cursor, g_free);
}

static void
replica_copy (Replica *to, const Replica *from)
{
  GHashTableIter iter;
  gpointer key, value;

  replica_init (to);
  g_hash_table_iter_init (&iter, from->records);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to->records, g_strdup (key), g_strdup (value));
  g_free (to->cursor);
  to->cursor = g_strdup (from->cursor);
}

/* Applies one page of changes after the replica's cursor; returns whether more follow. */
static gboolean
replica_pull (Server *server, Replica *replica, const char *token, guint limit)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) page = NULL;
  g_autofree char *path =
      g_strdup_printf ("/api/v1/changes?since=%s&limit=%u", replica->cursor, limit);
  JsonArray *changes;
  gint64 last = g_ascii_strtoll (replica->cursor, NULL, 10);

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  page = reply_object (&reply);
  changes = json_object_get_array_member (page, "changes");
  g_assert_cmpuint (json_array_get_length (changes), <=, limit);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      gint64 cursor = g_ascii_strtoll (json_object_get_string_member (change, "cursor"), NULL, 10);
      g_autofree char *key = g_strconcat (json_object_get_string_member (change, "entity"), " ",
                                          json_object_get_string_member (change, "id"), NULL);

      /* Commit order: the cursor only grows. */
      g_assert_cmpint (cursor, >, last);
      last = cursor;
      if (strcmp (json_object_get_string_member (change, "operation"), "delete") == 0)
        g_hash_table_remove (replica->records, key);
      else
        g_hash_table_insert (replica->records, g_steal_pointer (&key),
                             json_to_string (json_object_get_member (change, "data"), FALSE));
    }
  g_free (replica->cursor);
  replica->cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
  return json_object_get_boolean_member (page, "has_more");
}

static void
replica_pull_all (Server *server, Replica *replica, const char *token, guint limit)
{
  while (replica_pull (server, replica, token, limit))
    ;
}

static void
assert_same (const Replica *a, const Replica *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a->records), ==, g_hash_table_size (b->records));
  g_hash_table_iter_init (&iter, a->records);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (b->records, key));
  g_assert_cmpstr (a->cursor, ==, b->cursor);
}

static void
test_feed_converges (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *status = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  Replica early, late, mid, again;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  first = api_draft_order (&server, counter, "Esha Cafe", "feed-order-1");
  second = api_placed_order (&server, counter, "Farid Motors");

  /* One client follows along from the start, a page of two at a time. */
  replica_init (&early);
  g_assert_true (replica_pull (&server, &early, counter, 2));
  replica_copy (&mid, &early);
  replica_pull_all (&server, &early, counter, 2);
  g_assert_cmpuint (g_hash_table_size (early.records), ==, 2);

  /* More happens: an edit, a payment, a step. */
  path = g_strdup_printf ("/api/v1/orders/%s", first);
  api_call (&server, &reply, "GET", path, counter, NULL, NULL, NULL);
  etag = g_strdup (reply_header (&reply, "ETag"));
  api_call (&server, &reply, "PATCH", path, counter, "{\"notes\":\"deliver by noon\"}", NULL, etag);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_free (path);
  path = g_strdup_printf ("/api/v1/orders/%s/payments", second);
  api_call (&server, &reply, "POST", path, counter,
            "{\"method\":\"upi\",\"amount\":{\"amount_minor\":2500,\"currency\":\"INR\"},"
            "\"reference\":\"UTR412345678901\"}",
            "feed-pay-1", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  status = api_transition (&server, counter, first, "place");

  /* The early client goes on from its cursor; a new client starts from nothing; a third
   * resumes from a cursor in the middle of the first page run, in pages of three. */
  replica_pull_all (&server, &early, counter, 2);
  replica_init (&late);
  replica_pull_all (&server, &late, counter, 1000);
  replica_pull_all (&server, &mid, counter, 3);
  g_assert_cmpuint (g_hash_table_size (late.records), ==, 3);
  assert_same (&early, &late);
  assert_same (&mid, &late);

  /* Replaying from an older cursor onto a current copy changes nothing. */
  replica_copy (&again, &late);
  g_free (again.cursor);
  again.cursor = g_strdup ("1");
  replica_pull_all (&server, &again, counter, 4);
  assert_same (&again, &late);

  replica_clear (&early);
  replica_clear (&late);
  replica_clear (&mid);
  replica_clear (&again);
}

typedef struct
{
  SoupWebsocketConnection *connection;
  GQueue messages;
  GError *error;
  gboolean done;
  gboolean closed;
} Socket;

static void
message_cb (SoupWebsocketConnection *connection, gint type, GBytes *message, Socket *socket)
{
  g_queue_push_tail (&socket->messages,
                     g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
closed_cb (SoupWebsocketConnection *connection, Socket *socket)
{
  socket->closed = TRUE;
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Socket *socket = user_data;

  socket->connection =
      soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &socket->error);
  if (socket->connection != NULL)
    {
      g_signal_connect (socket->connection, "message", G_CALLBACK (message_cb), socket);
      g_signal_connect (socket->connection, "closed", G_CALLBACK (closed_cb), socket);
    }
  socket->done = TRUE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_error ("the events WebSocket did not answer in 30 s");
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @flag is set, failing the test after 30 s. */
static void
wait_for (gboolean *flag)
{
  guint timeout = g_timeout_add_seconds (30, give_up_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
socket_open (Server *server, SoupSession *session, Socket *socket, const char *token)
{
  g_autofree char *url = g_strconcat (server->url, "api/v1/events", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);

  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  g_queue_init (&socket->messages);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, socket);
  wait_for (&socket->done);
}

static gboolean
has_message (Socket *socket)
{
  return !g_queue_is_empty (&socket->messages);
}

/* Waits for the socket's next message; returns (transfer full) its order's id and status. */
static char *
next_event (Socket *socket)
{
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) event = NULL;
  JsonObject *order;
  guint timeout = g_timeout_add_seconds (30, give_up_cb, NULL);

  while (!has_message (socket))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  text = g_queue_pop_head (&socket->messages);
  event = parse_object (g_bytes_new_static (text, strlen (text)));
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "order.status");
  order = json_object_get_object_member (event, "order");
  return g_strconcat (json_object_get_string_member (order, "id"), " ",
                      json_object_get_string_member (order, "status"), NULL);
}

static void
socket_clear (Socket *socket)
{
  if (socket->connection != NULL &&
      soup_websocket_connection_get_state (socket->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (socket->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&socket->connection);
  g_clear_error (&socket->error);
  g_queue_clear_full (&socket->messages, g_free);
}

static void
test_events_reach_owner_only (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *asha = NULL, *bhavna = NULL, *counter = NULL;
  g_autofree char *asha_order = NULL, *bhavna_order = NULL;
  g_autofree char *status = NULL, *expected = NULL, *event = NULL;
  g_autoptr (JsonObject) made = NULL;
  Socket anonymous = { 0 }, asha_socket = { 0 }, bhavna_socket = { 0 }, staff_socket = { 0 };

  server_start (&server, NULL);
  asha = api_sign_in (&server, "asha@example.in", "customer");
  bhavna = api_sign_in (&server, "bhavna@example.in", "customer");
  counter = api_sign_in (&server, "counter@example.in", "counter");
  api_call (&server, &reply, "POST", "/api/v1/orders", asha,
            "{\"lines\":[{\"product\":\"business-cards\",\"quantity\":100}]}", "ev-asha", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  made = reply_object (&reply);
  asha_order = g_strdup (json_object_get_string_member (made, "id"));
  g_clear_pointer (&made, json_object_unref);
  api_call (&server, &reply, "POST", "/api/v1/orders", bhavna,
            "{\"lines\":[{\"product\":\"business-cards\",\"quantity\":200}]}", "ev-bhavna", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  made = reply_object (&reply);
  bhavna_order = g_strdup (json_object_get_string_member (made, "id"));

  /* Without an access token there is no socket. */
  socket_open (&server, session, &anonymous, NULL);
  g_assert_null (anonymous.connection);
  g_assert_nonnull (anonymous.error);

  socket_open (&server, session, &asha_socket, asha);
  socket_open (&server, session, &bhavna_socket, bhavna);
  socket_open (&server, session, &staff_socket, counter);
  g_assert_no_error (asha_socket.error);
  g_assert_no_error (bhavna_socket.error);
  g_assert_no_error (staff_socket.error);

  /* Asha places her order: she and the staff hear of it. */
  status = api_transition (&server, asha, asha_order, "place");
  expected = g_strconcat (asha_order, " placed", NULL);
  event = next_event (&asha_socket);
  g_assert_cmpstr (event, ==, expected);
  g_free (event);
  event = next_event (&staff_socket);
  g_assert_cmpstr (event, ==, expected);
  g_free (event);

  /* Bhavna's first event is her own order's: Asha's never reached her. */
  g_free (status);
  status = api_transition (&server, bhavna, bhavna_order, "place");
  g_free (expected);
  expected = g_strconcat (bhavna_order, " placed", NULL);
  event = next_event (&bhavna_socket);
  g_assert_cmpstr (event, ==, expected);
  g_free (event);
  event = next_event (&staff_socket);
  g_assert_cmpstr (event, ==, expected);
  /* Nor did Bhavna's reach Asha: her socket holds nothing more. */
  g_assert_false (has_message (&asha_socket));

  /* Once Asha signs out, her socket is closed at the next event, which she does not get. */
  api_call (&server, &reply, "POST", "/api/v1/auth/logout", asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 204);
  g_free (status);
  status = api_transition (&server, counter, asha_order, "request_files");
  g_assert_cmpstr (status, ==, "awaiting_files");
  wait_for (&asha_socket.closed);
  g_assert_cmpuint (soup_websocket_connection_get_close_code (asha_socket.connection), ==,
                    SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_false (has_message (&asha_socket));
  g_free (event);
  event = next_event (&staff_socket);
  g_assert_true (g_str_has_suffix (event, " awaiting_files"));

  socket_clear (&anonymous);
  socket_clear (&asha_socket);
  socket_clear (&bhavna_socket);
  socket_clear (&staff_socket);
}

static GBytes *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (contents, length);
}

static void
assert_refused (Server *server,
                const char *method,
                const char *path,
                const char *token,
                const char *json,
                const char *key,
                const char *if_match)
{
  g_auto (Reply) reply = { 0 };
  guint status;

  api_call (server, &reply, method, path, token, json, key, if_match);
  status = soup_message_get_status (reply.msg);
  g_test_message ("%s %s: %u", method, path, status);
  if (status < 400 || status >= 500)
    g_error ("%s %s with %s was answered %u", method, path, json != NULL ? json : "no body",
             status);
}

static char *
json_string (const char *text)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

static void
test_hostile_input_changes_nothing (void)
{
  static const char *const hostile[] = {
    "' OR '1'='1",
    "1; DROP TABLE orders; --",
    "x\" OR 1=1 --",
    "../../../../etc/passwd",
    "..\\..\\shop.sqlite3",
    "%00",
    "00000000-0000-4000-8000-000000000000' OR ''='",
    "' UNION SELECT password_hash FROM accounts --",
  };
  static const char *const query_names[] = { "status", "customer", "due_before", "cursor",
                                             "limit" };
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  const char *args[] = { "--max-body-size", "65536", NULL };
  g_autofree char *counter = NULL, *customer = NULL, *order = NULL;
  g_autofree char *order_path = NULL, *payments = NULL, *transitions = NULL;
  g_autofree char *big = NULL;
  g_autoptr (GBytes) db_before = NULL, wal_before = NULL, db_after = NULL, wal_after = NULL;
  g_autoptr (GString) deep = g_string_new (NULL);

  server_start (&server, args);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  customer = api_sign_in (&server, "asha@example.in", "customer");
  order = api_placed_order (&server, counter, "Gita Books");
  order_path = g_strdup_printf ("/api/v1/orders/%s", order);
  payments = g_strdup_printf ("%s/payments", order_path);
  transitions = g_strdup_printf ("%s/transitions", order_path);
  api_call (&server, &reply, "POST", payments, counter,
            "{\"method\":\"cash\",\"amount\":{\"amount_minor\":100,\"currency\":\"INR\"}}",
            "hostile-setup-pay", NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);

  db_before = read_file (server.data_dir, "shop.sqlite3");
  wal_before = read_file (server.data_dir, "shop.sqlite3-wal");

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (hostile[i], NULL, FALSE);
      g_autofree char *quoted = json_string (hostile[i]);
      g_autofree char *id_path = g_strconcat ("/api/v1/orders/", escaped, NULL);
      g_autofree char *id_payments = g_strconcat (id_path, "/payments", NULL);
      g_autofree char *id_transitions = g_strconcat (id_path, "/transitions", NULL);
      g_autofree char *json = NULL;
      g_autofree char *path = NULL;
      const char *tokens[] = { counter, customer };

      for (gsize t = 0; t < G_N_ELEMENTS (tokens); t++)
        {
          /* In the path. */
          assert_refused (&server, "GET", id_path, tokens[t], NULL, NULL, NULL);
          assert_refused (&server, "PATCH", id_path, tokens[t], "{\"notes\":\"x\"}", NULL, "\"1\"");
          assert_refused (&server, "POST", id_transitions, tokens[t], "{\"action\":\"place\"}",
                          NULL, NULL);
          assert_refused (&server, "GET", id_payments, tokens[t], NULL, NULL, NULL);
        }
      assert_refused (
          &server, "POST", id_payments, counter,
          "{\"method\":\"cash\",\"amount\":{\"amount_minor\":100,\"currency\":\"INR\"}}",
          "hostile-path-pay", NULL);

      /* In the query. */
      for (gsize q = 0; q < G_N_ELEMENTS (query_names); q++)
        {
          g_free (path);
          path = g_strdup_printf ("/api/v1/orders?%s=%s", query_names[q], escaped);
          assert_refused (&server, "GET", path, counter, NULL, NULL, NULL);
        }
      g_free (path);
      path = g_strdup_printf ("/api/v1/orders?%s=1", escaped);
      assert_refused (&server, "GET", path, counter, NULL, NULL, NULL);
      g_free (path);
      path = g_strdup_printf ("/api/v1/changes?since=%s", escaped);
      assert_refused (&server, "GET", path, counter, NULL, NULL, NULL);
      g_free (path);
      path = g_strdup_printf ("/api/v1/changes?limit=%s", escaped);
      assert_refused (&server, "GET", path, customer, NULL, NULL, NULL);

      /* In every member of the bodies. */
      json = g_strdup_printf ("{\"customer_name\":\"Gita\",\"lines\":[{\"product\":%s,"
                              "\"quantity\":100}]}",
                              quoted);
      assert_refused (&server, "POST", "/api/v1/orders", counter, json, "hostile-product", NULL);
      assert_refused (&server, "POST", "/api/v1/quotes", customer, strstr (json, "{\"product\""),
                      NULL, NULL);
      g_free (json);
      json = g_strdup_printf ("{\"customer_id\":%s,\"lines\":[{\"product\":\"business-cards\","
                              "\"quantity\":100}]}",
                              quoted);
      assert_refused (&server, "POST", "/api/v1/orders", counter, json, "hostile-customer", NULL);
      g_free (json);
      json = g_strdup_printf ("{\"customer_name\":\"Gita\",\"due_date\":%s,\"lines\":"
                              "[{\"product\":\"business-cards\",\"quantity\":100}]}",
                              quoted);
      assert_refused (&server, "POST", "/api/v1/orders", counter, json, "hostile-due", NULL);
      g_free (json);
      json = g_strdup_printf ("{\"lines\":[{\"product\":\"business-cards\",\"quantity\":100,"
                              "\"options\":{\"stock\":%s}}]}",
                              quoted);
      assert_refused (&server, "POST", "/api/v1/orders", customer, json, "hostile-option", NULL);
      /* An odd key is still a key; the body is refused all the same. */
      assert_refused (&server, "POST", "/api/v1/orders", customer, json, hostile[i], NULL);
      g_free (json);
      json = g_strdup_printf ("{\"action\":%s}", quoted);
      assert_refused (&server, "POST", transitions, counter, json, NULL, NULL);
      g_free (json);
      json = g_strdup_printf ("{\"method\":%s,\"amount\":{\"amount_minor\":100,"
                              "\"currency\":\"INR\"}}",
                              quoted);
      assert_refused (&server, "POST", payments, counter, json, "hostile-method", NULL);
      g_free (json);
      json = g_strdup_printf ("{\"method\":\"cash\",\"amount\":{\"amount_minor\":100,"
                              "\"currency\":%s}}",
                              quoted);
      assert_refused (&server, "POST", payments, counter, json, "hostile-currency", NULL);
      g_free (json);
      json = g_strdup_printf ("{\"due_date\":%s}", quoted);
      assert_refused (&server, "PATCH", order_path, counter, json, NULL, "\"3\"");
      assert_refused (&server, "PATCH", order_path, counter, "{\"notes\":\"x\"}", NULL, hostile[i]);
    }

  /* Malformed JSON, and bodies over the limit. */
  {
    const char *const broken[] = {
      "{", "[1,2]", "{\"lines\":", "{\"lines\":[]}{}", "{\"lines\":[1]}", "\xff\xfe{}", "null", ""
    };

    for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        assert_refused (&server, "POST", "/api/v1/orders", counter, broken[i], "broken", NULL);
        assert_refused (&server, "POST", payments, counter, broken[i], "broken-pay", NULL);
        assert_refused (&server, "POST", transitions, counter, broken[i], NULL, NULL);
        assert_refused (&server, "PATCH", order_path, counter, broken[i], NULL, "\"3\"");
        assert_refused (&server, "POST", "/api/v1/quotes", customer, broken[i], NULL, NULL);
      }
    for (int i = 0; i < 20000; i++)
      g_string_append_c (deep, '[');
    assert_refused (&server, "POST", "/api/v1/orders", counter, deep->str, "deep", NULL);
    big = g_strnfill (70000, ' ');
    memcpy (big, "{\"notes\":\"", 10);
    assert_refused (&server, "POST", "/api/v1/orders", counter, big, "big", NULL);
    assert_refused (&server, "POST", payments, counter, big, "big-pay", NULL);
    assert_refused (&server, "PATCH", order_path, counter, big, NULL, "\"3\"");
  }

  db_after = read_file (server.data_dir, "shop.sqlite3");
  wal_after = read_file (server.data_dir, "shop.sqlite3-wal");
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));
}

/* Adds this file's tests. */
void
api_add_feed_tests (void)
{
  g_test_add_func ("/e2e/orders/feed-converges", test_feed_converges);
  g_test_add_func ("/e2e/orders/events-reach-owner-only", test_events_reach_owner_only);
  g_test_add_func ("/e2e/orders/hostile-input-changes-nothing", test_hostile_input_changes_nothing);
}
