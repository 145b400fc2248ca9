/* puratan-server-changes.c: the change feed and the events WebSocket
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/changes?since=CURSOR&limit=N pages through the store's change feed: every
 * change to orders, payments and order files in commit order, each with the whole record
 * after it, so a client that applies them in order from any cursor it has reached ends with
 * the server's state. An order's rows within one page come folded into one (see
 * puratan_change_list()). A customer's account gets its own records' changes only.
 *
 * GET /api/v1/events upgrades to a WebSocket (RFC 6455, libsoup's) authenticated like every
 * other route, by the access token in the upgrade request's Authorization header; it pushes
 * {"type": "order.status", "order": {…}} whenever this server changes an order (a workflow
 * step or an edit), to staff and to the order's own customer only, while the token's session
 * lasts (a signed-out or revoked session's socket is closed at the next event).
 */
#include "puratan-server-api-private.h"

#include "puratan-core.h"
#include "puratan-server-log.h"
#include "puratan-server-response.h"

#define DEFAULT_LIMIT  100
#define MAX_LIMIT      1000
#define KEEPALIVE_SECS 30

/* Appends one change of the feed. Its record is SQLite's own JSON text (see PuratanChange),
 * copied as it is: parsing and writing it again was most of a page's cost. */
static void
append_change (GString *out, const PuratanChange *change)
{
  g_string_append_printf (out, "{\"cursor\":\"%" G_GINT64_FORMAT "\",\"entity\":", change->seq);
  puratan_server_append_json_string (out, change->entity);
  g_string_append (out, ",\"id\":");
  puratan_server_append_json_string (out, change->entity_id);
  g_string_append (out, ",\"operation\":");
  puratan_server_append_json_string (out, change->operation);
  g_string_append (out, ",\"at\":");
  puratan_server_append_json_string (out, change->at);
  g_string_append (out, ",\"data\":");
  g_string_append (out, change->data != NULL ? change->data : "null");
  g_string_append_c (out, '}');
}

/* Reads the query's cursor and page size, answering 400 for bad ones. */
static gboolean
read_page_query (SoupServerMessage *msg, guint64 *since, guint64 *limit)
{
  static const char *const allowed[] = { "since", "limit", NULL };
  g_autoptr (GHashTable) query = puratan_server_parse_query (msg, allowed);
  const char *text;

  if (query == NULL)
    return FALSE;
  text = g_hash_table_lookup (query, "since");
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, since, NULL))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“since” must be 0 or a next_cursor of the feed.");
      return FALSE;
    }
  text = g_hash_table_lookup (query, "limit");
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, MAX_LIMIT, limit, NULL))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“limit” must be a whole number from 1 to 1000.");
      return FALSE;
    }
  return TRUE;
}

static void
changes_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *own = NULL;
  GString *page;
  gint64 next = 0;
  gboolean more = FALSE;
  guint64 since = 0, limit = DEFAULT_LIMIT;
  gsize length;

  if (!read_page_query (msg, &since, &limit))
    return;
  next = (gint64) since;
  if (principal->role == PURATAN_ROLE_CUSTOMER)
    {
      own = puratan_server_customer_of (self, principal, &error);
      if (error != NULL)
        {
          puratan_server_respond_error (msg, error);
          return;
        }
    }
  if (principal->role == PURATAN_ROLE_CUSTOMER && own == NULL)
    changes = g_ptr_array_new ();
  else
    changes = puratan_change_list (puratan_server_get_database (self), (gint64) since, own,
                                   (guint) limit, &next, &more, &error);
  if (changes == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }

  page = g_string_sized_new (4096);
  g_string_append (page, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      if (i > 0)
        g_string_append_c (page, ',');
      append_change (page, changes->pdata[i]);
    }
  g_string_append_printf (page, "],\"next_cursor\":\"%" G_GINT64_FORMAT "\",\"has_more\":%s}", next,
                          more ? "true" : "false");
  length = page->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, PURATAN_SERVER_JSON_TYPE, SOUP_MEMORY_TAKE,
                                    g_string_free (page, FALSE), length);
}

/* One events client. It joins the main loop's list as soon as its upgrade is accepted, so
 * that no change made after its 101 answer is missed; events published before its
 * connection is made (on the request loop that owns it) wait in @pending. */
typedef struct
{
  PuratanServer *self;
  char *account_id;
  char *session_id;
  PuratanRole role;
  /* Under @lock: the connection and the context of the loop it lives on (it is used on
   * that loop only), and what waits for it. */
  GMutex lock;
  SoupWebsocketConnection *connection;
  GMainContext *context;
  GQueue pending;
} EventClient;

/* A text to send to a client, or (with no text) a reason to close its connection. */
typedef struct
{
  SoupWebsocketConnection *connection;
  char *text;
  gushort close_code;
  const char *close_reason;
} Outgoing;

static void
outgoing_free (Outgoing *outgoing)
{
  g_clear_object (&outgoing->connection);
  g_free (outgoing->text);
  g_free (outgoing);
}

static gboolean
outgoing_cb (gpointer user_data)
{
  Outgoing *outgoing = user_data;

  if (soup_websocket_connection_get_state (outgoing->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return G_SOURCE_REMOVE;
  if (outgoing->text != NULL)
    soup_websocket_connection_send_text (outgoing->connection, outgoing->text);
  else
    soup_websocket_connection_close (outgoing->connection, outgoing->close_code,
                                     outgoing->close_reason);
  return G_SOURCE_REMOVE;
}

static void
event_client_free (EventClient *client)
{
  if (client->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->connection, client);
      if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  g_clear_object (&client->connection);
  g_clear_pointer (&client->context, g_main_context_unref);
  g_queue_clear_full (&client->pending, (GDestroyNotify) outgoing_free);
  g_mutex_clear (&client->lock);
  g_free (client->account_id);
  g_free (client->session_id);
  g_free (client);
}

/* The list of clients is the main loop's: a client leaves it there. */
static gboolean
client_leave_cb (gpointer user_data)
{
  EventClient *client = user_data;

  /* Frees the client. */
  g_ptr_array_remove (client->self->event_clients, client);
  return G_SOURCE_REMOVE;
}

/* The request ended without the upgrade. */
static void
client_request_ended (EventClient *client)
{
  g_main_context_invoke (client->self->main_context, client_leave_cb, client);
}

static void
client_closed_cb (SoupWebsocketConnection *connection, EventClient *client)
{
  g_signal_handlers_disconnect_by_data (connection, client);
  g_main_context_invoke (client->self->main_context, client_leave_cb, client);
}

/* Sends @text to @client, or closes its connection with @close_code and @close_reason, on
 * the client's own loop; before its connection is made, once it is. From the main loop. */
static void
client_send (EventClient *client, const char *text, gushort close_code, const char *close_reason)
{
  Outgoing *outgoing = g_new0 (Outgoing, 1);

  outgoing->text = g_strdup (text);
  outgoing->close_code = close_code;
  outgoing->close_reason = close_reason;
  g_mutex_lock (&client->lock);
  if (client->connection == NULL)
    {
      g_queue_push_tail (&client->pending, outgoing);
      g_mutex_unlock (&client->lock);
      return;
    }
  outgoing->connection = g_object_ref (client->connection);
  g_main_context_invoke_full (client->context, G_PRIORITY_DEFAULT, outgoing_cb, outgoing,
                              (GDestroyNotify) outgoing_free);
  g_mutex_unlock (&client->lock);
}

/* On the loop that owns the request's connection, once the 101 answer is written. */
static void
upgraded_cb (SoupServerMessage *msg, EventClient *client)
{
  g_autoptr (GIOStream) stream = NULL;
  SoupWebsocketConnection *connection;
  Outgoing *outgoing;

  g_signal_handlers_disconnect_by_data (msg, client);
  g_object_steal_data (G_OBJECT (msg), "puratan-event-client");
  puratan_server_limits_connection_upgraded (msg);
  stream = soup_server_message_steal_connection (msg);
  connection = soup_websocket_connection_new (
      stream, soup_server_message_get_uri (msg), SOUP_WEBSOCKET_CONNECTION_SERVER,
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Origin"), NULL,
      NULL);
  soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_SECS);
  g_signal_connect (connection, "closed", G_CALLBACK (client_closed_cb), client);
  g_mutex_lock (&client->lock);
  client->connection = connection;
  client->context = g_main_context_ref_thread_default ();
  while ((outgoing = g_queue_pop_head (&client->pending)) != NULL)
    {
      outgoing->connection = g_object_ref (connection);
      outgoing_cb (outgoing);
      outgoing_free (outgoing);
    }
  g_mutex_unlock (&client->lock);
}

static void
events_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (GError) error = NULL;
  EventClient *client;

  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upgrade",
                                    "websocket");
      puratan_server_respond_problem (msg, PURATAN_SERVER_STATUS_UPGRADE_REQUIRED, NULL, NULL,
                                      "This resource is a WebSocket: send a WebSocket upgrade "
                                      "request (RFC 6455) with your access token.");
      return;
    }
  soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL);
  client = g_new0 (EventClient, 1);
  g_mutex_init (&client->lock);
  g_queue_init (&client->pending);
  client->self = self;
  client->account_id = g_strdup (principal->account_id);
  client->session_id = g_strdup (principal->session_id);
  client->role = principal->role;
  g_signal_connect (msg, "wrote-informational", G_CALLBACK (upgraded_cb), client);
  g_ptr_array_add (self->event_clients, client);
  /* A request that ends without the upgrade takes its client off the list. */
  g_object_set_data_full (G_OBJECT (msg), "puratan-event-client", client,
                          (GDestroyNotify) client_request_ended);
}

/* Tells every events client allowed to see @order its current state. */
void
puratan_server_publish_order (PuratanServer *self, const PuratanOrder *order)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (self->event_clients->len == 0)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "order.status");
  json_builder_set_member_name (builder, "order");
  json_builder_begin_object (builder);
  puratan_server_add_order (builder, order, FALSE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = puratan_json_to_string (root, FALSE);

  for (guint i = 0; i < self->event_clients->len; i++)
    {
      EventClient *client = self->event_clients->pdata[i];
      PuratanPrincipal who = { client->account_id, NULL, client->role, FALSE };
      g_autofree char *customer = NULL;

      g_autoptr (PuratanAuthSession) session = NULL;

      /* A socket outlives its access token, not its session: once signed out or revoked it
       * hears nothing more, and is closed. */
      session = puratan_auth_session_get_active (puratan_server_get_database (self),
                                                 client->session_id, client->account_id, NULL);
      if (session == NULL)
        {
          client_send (client, NULL, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                       "The session has ended; sign in again.");
          continue;
        }
      if (client->role == PURATAN_ROLE_CUSTOMER)
        {
          customer = puratan_server_customer_of (self, &who, NULL);
          if (g_strcmp0 (customer, order->customer_id) != 0)
            continue;
        }
      client_send (client, text, 0, NULL);
    }
}

/* Adds the change feed and the events WebSocket, and makes the list of events clients. */
void
puratan_server_add_change_routes (PuratanServer *self)
{
  self->event_clients = g_ptr_array_new_with_free_func ((GDestroyNotify) event_client_free);
  puratan_server_add_route (self, "GET", "/api/v1/changes", changes_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/events", events_cb, self);
}
