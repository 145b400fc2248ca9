/* e2e-api.c: calls to the back office's business routes in end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "e2e-api.h"

#include <string.h>

/* Sends a request with the optional JSON body, Idempotency-Key and If-Match. */
void
api_call (Server *server,
          Reply *reply,
          const char *method,
          const char *path,
          const char *token,
          const char *json,
          const char *idempotency_key,
          const char *if_match)
{
  SoupMessageHeaders *headers;

  reply_clear (reply);
  reply->msg = server_json_message (server, method, path, token, json);
  headers = soup_message_get_request_headers (reply->msg);
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  reply->body = server_send (server, reply->msg);
}

/* Sends an idempotent request again while the server says its key is still in use, as a
 * client following the Idempotency-Key draft does; at most 200 tries, 50 ms apart. */
void
api_call_until_settled (Server *server,
                        Reply *reply,
                        const char *method,
                        const char *path,
                        const char *token,
                        const char *json,
                        const char *idempotency_key)
{
  for (guint i = 0; i < 200; i++)
    {
      api_call (server, reply, method, path, token, json, idempotency_key, NULL);
      if (soup_message_get_status (reply->msg) != 409)
        return;
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("%s %s stayed 409", method, path);
}

/* Makes an account of @role and returns (transfer full) its access token. */
char *
api_sign_in (Server *server, const char *email, const char *role)
{
  g_autoptr (JsonObject) login = NULL;

  server_create_user (server, email, role, E2E_PASSWORD);
  login = server_login (server, email, E2E_PASSWORD, NULL);
  return g_strdup (json_object_get_string_member (login, "access_token"));
}

/* Returns (transfer full) the id of the account of @token. */
char *
api_account_id (Server *server, const char *token)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) me = NULL;

  api_call (server, &reply, "GET", "/api/v1/auth/me", token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  me = reply_object (&reply);
  return g_strdup (json_object_get_string_member (me, "id"));
}

/* Makes a draft order of 500 business cards for a new customer; returns (transfer full) its
 * id. */
char *
api_draft_order (Server *server, const char *token, const char *customer, const char *key)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) order = NULL;
  g_autofree char *json = g_strdup_printf (
      "{\"customer_name\":\"%s\",\"lines\":[{\"product\":\"business-cards\",\"quantity\":500}]}",
      customer);

  api_call (server, &reply, "POST", "/api/v1/orders", token, json, key, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  order = reply_object (&reply);
  g_assert_true (g_str_has_suffix (reply_header (&reply, "Location"),
                                   json_object_get_string_member (order, "id")));
  return g_strdup (json_object_get_string_member (order, "id"));
}

/* Takes a workflow step; returns (transfer full) the order's new state. */
char *
api_transition (Server *server, const char *token, const char *order, const char *action)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/transitions", order);
  g_autofree char *json = g_strdup_printf ("{\"action\":\"%s\"}", action);

  api_call (server, &reply, "POST", path, token, json, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  after = reply_object (&reply);
  return g_strdup (json_object_get_string_member (after, "status"));
}

/* Makes a placed order; returns (transfer full) its id. */
char *
api_placed_order (Server *server, const char *token, const char *customer)
{
  g_autofree char *key = g_strdup_printf ("order-%s", customer);
  char *order = api_draft_order (server, token, customer, key);
  g_autofree char *status = api_transition (server, token, order, "place");

  g_assert_cmpstr (status, ==, "placed");
  return order;
}

static GSocketConnection *
connect_to (Server *server)
{
  g_autoptr (GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;

  g_assert_nonnull (uri);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static char *
request_head (Server *server,
              const char *method,
              const char *path,
              const char *token,
              const char *json,
              const char *idempotency_key,
              gboolean expect_continue)
{
  return g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nIdempotency-Key: %s\r\n%s\r\n",
                          method, path, token, strlen (json), idempotency_key,
                          expect_continue ? "Expect: 100-continue\r\n" : "");
}

static void
write_all (GSocketConnection *connection, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), text,
                             strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Reads a response's status line and headers, up to the empty line. */
static char *
read_head (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr (GString) head = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      gssize n = g_input_stream_read (in, &c, 1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 1);
      g_string_append_c (head, c);
    }
  return g_string_free (g_steal_pointer (&head), FALSE);
}

/* Sends a whole request and closes the connection without reading any answer. */
void
api_send_and_hang_up (Server *server,
                      const char *method,
                      const char *path,
                      const char *token,
                      const char *json,
                      const char *idempotency_key)
{
  g_autoptr (GSocketConnection) connection = connect_to (server);
  g_autofree char *head = request_head (server, method, path, token, json, idempotency_key, FALSE);

  write_all (connection, head);
  write_all (connection, json);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

struct _ApiHeld
{
  GSocketConnection *connection;
  char *body;
};

void
api_held_free (ApiHeld *held)
{
  if (held == NULL)
    return;
  g_clear_object (&held->connection);
  g_free (held->body);
  g_free (held);
}

/* Sends a request's headers with `Expect: 100-continue` and waits for the server's
 * 100 Continue: from then on the server has read them. */
ApiHeld *
api_hold (Server *server,
          const char *method,
          const char *path,
          const char *token,
          const char *json,
          const char *idempotency_key)
{
  ApiHeld *held = g_new0 (ApiHeld, 1);
  g_autofree char *head = request_head (server, method, path, token, json, idempotency_key, TRUE);
  g_autofree char *answer = NULL;

  held->connection = connect_to (server);
  held->body = g_strdup (json);
  write_all (held->connection, head);
  answer = read_head (held->connection);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 100 "));
  return held;
}

/* Sends the held request's body; returns (transfer full) the answer's status line and
 * headers. */
char *
api_release (ApiHeld *held)
{
  write_all (held->connection, held->body);
  return read_head (held->connection);
}
