/* puratan-sync-events.c: the server's events WebSocket, as a wake-up for the engine
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian 12's libcurl (7.88) is built without WebSocket support, and libsoup belongs to the
 * server, so this is a small RFC 6455 client over GSocketClient: the upgrade handshake with
 * the access token, then frames read on a thread of its own. Each text message (an order's
 * status changed) wakes the engine, which reads the change feed: the feed stays the record,
 * the socket only says "now".
 */
#include "puratan-sync-events.h"

#include <string.h>

#include "puratan-core.h"

/* Messages are small hints; a larger frame means something is wrong. */
#define MAX_FRAME (1024 * 1024)

struct _PuratanSyncEvents
{
  char *server_url;
  PuratanSyncEventsHeard heard;
  gpointer user_data;

  GMutex lock;
  GThread *thread;
  GCancellable *cancellable;
  char *access_token;
  gboolean running;
};

static gboolean
read_exactly (GInputStream *in, guint8 *buffer, gsize length, GCancellable *cancellable)
{
  gsize got = 0;

  return g_input_stream_read_all (in, buffer, length, &got, cancellable, NULL) && got == length;
}

/* Sends one masked frame (clients must mask, RFC 6455 § 5.3). */
static gboolean
send_frame (GOutputStream *out,
            guint8 opcode,
            const guint8 *payload,
            gsize length,
            GCancellable *cancellable)
{
  guint8 header[14];
  gsize header_length = 2;
  guint8 mask[4];
  g_autofree guint8 *masked = g_malloc (MAX (length, 1));

  if (length > 125 || !puratan_random_bytes (mask, sizeof mask, NULL))
    return FALSE;
  header[0] = 0x80 | opcode;
  header[1] = 0x80 | (guint8) length;
  memcpy (header + header_length, mask, 4);
  header_length += 4;
  for (gsize i = 0; i < length; i++)
    masked[i] = payload[i] ^ mask[i % 4];
  return g_output_stream_write_all (out, header, header_length, NULL, cancellable, NULL) &&
         g_output_stream_write_all (out, masked, length, NULL, cancellable, NULL);
}

static gboolean
handshake (GIOStream *stream, GUri *uri, int port, const char *token, GCancellable *cancellable)
{
  guint8 nonce[16];
  g_autofree char *key = NULL;
  g_autofree char *request = NULL;
  g_autofree char *path = NULL;
  GString *answer = g_string_new (NULL);
  gboolean upgraded = FALSE;
  char byte;

  if (!puratan_random_bytes (nonce, sizeof nonce, NULL))
    return FALSE;
  key = g_base64_encode (nonce, sizeof nonce);
  path = g_strdup (g_uri_get_path (uri));
  if (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  request = g_strdup_printf ("GET %s/api/v1/events HTTP/1.1\r\nHost: %s:%d\r\n"
                             "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                             "Authorization: Bearer %s\r\n\r\n",
                             path, g_uri_get_host (uri), port, key, token);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (stream), request, strlen (request),
                                  NULL, cancellable, NULL))
    {
      g_string_free (answer, TRUE);
      return FALSE;
    }
  memset (request, 0, strlen (request));
  /* The answer's head, byte by byte so nothing of the first frame is read past it. */
  while (answer->len < 8192 && !g_str_has_suffix (answer->str, "\r\n\r\n"))
    {
      if (!read_exactly (g_io_stream_get_input_stream (stream), (guint8 *) &byte, 1, cancellable))
        break;
      g_string_append_c (answer, byte);
    }
  upgraded = g_str_has_prefix (answer->str, "HTTP/1.1 101");
  g_string_free (answer, TRUE);
  return upgraded;
}

static void
listen_on (PuratanSyncEvents *events, GIOStream *stream, GCancellable *cancellable)
{
  GInputStream *in = g_io_stream_get_input_stream (stream);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  for (;;)
    {
      guint8 head[2];
      guint8 extended[8];
      guint64 length;
      guint8 opcode;
      g_autofree guint8 *payload = NULL;

      if (!read_exactly (in, head, 2, cancellable))
        {
          g_debug ("The events socket closed");
          return;
        }
      opcode = head[0] & 0x0f;
      length = head[1] & 0x7f;
      /* A server never masks its frames. */
      if (head[1] & 0x80)
        return;
      if (length == 126)
        {
          if (!read_exactly (in, extended, 2, cancellable))
            return;
          length = ((guint64) extended[0] << 8) | extended[1];
        }
      else if (length == 127)
        {
          if (!read_exactly (in, extended, 8, cancellable))
            return;
          length = 0;
          for (int i = 0; i < 8; i++)
            length = (length << 8) | extended[i];
        }
      if (length > MAX_FRAME)
        return;
      payload = g_malloc (MAX (length, 1));
      if (length > 0 && !read_exactly (in, payload, length, cancellable))
        return;
      g_debug ("Events socket: frame %u of %" G_GUINT64_FORMAT " bytes", opcode, length);
      switch (opcode)
        {
          case 0x1: /* text: an event */
          case 0x0: /* continuation */
          case 0x2:
            events->heard (events->user_data);
            break;
          case 0x8: /* close: answer it and stop */
            send_frame (out, 0x8, payload, MIN (length, 2), cancellable);
            return;
          case 0x9: /* ping */
            if (!send_frame (out, 0xA, payload, MIN (length, 125), cancellable))
              return;
            break;
          default:
            break;
        }
    }
}

static gpointer
events_thread (gpointer data)
{
  PuratanSyncEvents *events = data;
  g_autoptr (GUri) uri = g_uri_parse (events->server_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;
  gboolean tls;
  int port;

  g_mutex_lock (&events->lock);
  token = g_strdup (events->access_token);
  cancellable = g_object_ref (events->cancellable);
  g_mutex_unlock (&events->lock);

  tls = uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0;
  port = uri != NULL && g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (tls ? 443 : 80);
  g_socket_client_set_tls (client, tls);
  g_socket_client_set_timeout (client, 10);
  if (uri != NULL)
    connection =
        g_socket_client_connect_to_host (client, g_uri_get_host (uri), port, cancellable, NULL);
  if (connection != NULL)
    {
      /* Events may be quiet for long; the server pings every 30 s. */
      g_socket_set_timeout (g_socket_connection_get_socket (connection), 0);
      if (!handshake (G_IO_STREAM (connection), uri, port, token, cancellable))
        g_debug ("The server refused the events socket");
      else
        {
          /* Changes made while the socket was down come with the feed. */
          events->heard (events->user_data);
          listen_on (events, G_IO_STREAM (connection), cancellable);
        }
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  if (token != NULL)
    memset (token, 0, strlen (token));
  g_object_unref (cancellable);
  g_mutex_lock (&events->lock);
  events->running = FALSE;
  g_mutex_unlock (&events->lock);
  return NULL;
}

/**
 * puratan_sync_events_new:
 * @server_url: the server's base URL
 * @heard: called on the socket's thread when the server sends an event
 * @user_data: for @heard
 *
 * Returns: (transfer full): a listener, not yet connected
 */
PuratanSyncEvents *
puratan_sync_events_new (const char *server_url, PuratanSyncEventsHeard heard, gpointer user_data)
{
  PuratanSyncEvents *events = g_new0 (PuratanSyncEvents, 1);

  events->server_url = g_strdup (server_url);
  events->heard = heard;
  events->user_data = user_data;
  g_mutex_init (&events->lock);
  return events;
}

static void
join_finished (PuratanSyncEvents *events)
{
  GThread *thread = NULL;

  g_mutex_lock (&events->lock);
  if (events->thread != NULL && !events->running)
    thread = g_steal_pointer (&events->thread);
  g_mutex_unlock (&events->lock);
  if (thread != NULL)
    g_thread_join (thread);
}

/**
 * puratan_sync_events_connect:
 * @events: a listener
 * @access_token: the token to open the socket with
 *
 * Opens the socket on a thread of its own unless it is open; a socket that closed (the
 * server stopped, the session ended) is opened again by the next call.
 */
void
puratan_sync_events_connect (PuratanSyncEvents *events, const char *access_token)
{
  join_finished (events);
  g_mutex_lock (&events->lock);
  if (events->thread == NULL)
    {
      g_free (events->access_token);
      events->access_token = g_strdup (access_token);
      g_clear_object (&events->cancellable);
      events->cancellable = g_cancellable_new ();
      events->running = TRUE;
      events->thread = g_thread_new ("puratan-sync-events", events_thread, events);
    }
  g_mutex_unlock (&events->lock);
}

/**
 * puratan_sync_events_is_connected:
 * @events: a listener
 *
 * Returns: whether the socket's thread is running
 */
gboolean
puratan_sync_events_is_connected (PuratanSyncEvents *events)
{
  gboolean running;

  g_mutex_lock (&events->lock);
  running = events->running;
  g_mutex_unlock (&events->lock);
  return running;
}

/**
 * puratan_sync_events_disconnect:
 * @events: a listener
 *
 * Closes the socket and waits for its thread.
 */
void
puratan_sync_events_disconnect (PuratanSyncEvents *events)
{
  GThread *thread;

  g_mutex_lock (&events->lock);
  if (events->cancellable != NULL)
    g_cancellable_cancel (events->cancellable);
  thread = g_steal_pointer (&events->thread);
  g_mutex_unlock (&events->lock);
  if (thread != NULL)
    g_thread_join (thread);
}

/**
 * puratan_sync_events_free:
 * @events: (nullable): a listener
 */
void
puratan_sync_events_free (PuratanSyncEvents *events)
{
  if (events == NULL)
    return;
  puratan_sync_events_disconnect (events);
  g_clear_object (&events->cancellable);
  if (events->access_token != NULL)
    memset (events->access_token, 0, strlen (events->access_token));
  g_free (events->access_token);
  g_free (events->server_url);
  g_mutex_clear (&events->lock);
  g_free (events);
}
