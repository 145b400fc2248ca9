/* sync-proxy.c: a TCP proxy for sync tests that cuts connections and drops answers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync-proxy.h"

#include <gio/gio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

struct _SyncProxy
{
  GSocket *listener;
  guint16 port;
  GThread *thread;
  GMutex lock;
  guint16 upstream;
  SyncProxyMode mode;
  double chance;
  guint cuts;
  guint dropped_answers;
  guint connections;
  /* Bytes passed from clients to the server since last taken. */
  guint64 bytes_up;
  /* Refresh answers still to throw away in SYNC_PROXY_DROP_REFRESH. */
  guint refreshes_to_drop;
  gboolean stopping;
  GRand *rand;
};

typedef struct
{
  SyncProxy *proxy;
  GSocket *from;
  GSocket *to;
  gboolean answers;
  gint64 budget;
  /* Shared by a connection's two pumps: the client sent a request the server has not
   * started answering yet. */
  gint *asked;
  /* The request waiting for its answer is a token refresh. */
  gint *refresh;
} Pump;

/* Whether to cut this connection or drop this answer. Until the first cut or dropped answer
 * every chance is taken, so a run always meets at least one, however few connections or
 * answers it makes; after that the chance decides. */
static gboolean
random_event (SyncProxy *proxy)
{
  gboolean hit;

  g_mutex_lock (&proxy->lock);
  hit = proxy->cuts + proxy->dropped_answers == 0 || g_rand_double (proxy->rand) < proxy->chance;
  g_mutex_unlock (&proxy->lock);
  return hit;
}

static gpointer
pump_thread (gpointer data)
{
  Pump *pump = data;
  SyncProxy *proxy = pump->proxy;
  char buffer[16384];

  for (;;)
    {
      gssize got = g_socket_receive (pump->from, buffer, sizeof buffer, NULL, NULL);
      gssize forward;

      if (got <= 0)
        break;
      forward = got;
      if (proxy->mode == SYNC_PROXY_CUT && pump->budget >= 0)
        {
          if (pump->budget < got)
            {
              /* Cut here: forward part of the chunk, then close both ends. */
              forward = pump->budget;
              if (forward > 0)
                g_socket_send (pump->to, buffer, forward, NULL, NULL);
              g_mutex_lock (&proxy->lock);
              proxy->cuts++;
              g_mutex_unlock (&proxy->lock);
              break;
            }
          pump->budget -= got;
        }
      if (!pump->answers)
        {
          static const char refresh_line[] = "POST /api/v1/auth/refresh ";

          g_atomic_int_set (pump->refresh,
                            (gsize) got >= strlen (refresh_line) &&
                                memcmp (buffer, refresh_line, strlen (refresh_line)) == 0);
          g_atomic_int_set (pump->asked, 1);
          g_mutex_lock (&proxy->lock);
          proxy->bytes_up += (guint64) forward;
          g_mutex_unlock (&proxy->lock);
        }
      if (proxy->mode == SYNC_PROXY_CORRUPT && !pump->answers)
        {
          gsize mark = strlen (SYNC_PROXY_MARK);

          /* A mark split between two reads passes whole; the ones inside a read do not. */
          for (gsize at = 0; at + mark <= (gsize) forward; at++)
            if (memcmp (buffer + at, SYNC_PROXY_MARK, mark) == 0)
              buffer[at + mark - 1] = 'X';
        }
      if (proxy->mode == SYNC_PROXY_DROP_REFRESH && pump->answers &&
          g_atomic_int_compare_and_exchange (pump->refresh, 1, 0))
        {
          gboolean drop;

          g_mutex_lock (&proxy->lock);
          drop = proxy->refreshes_to_drop > 0;
          if (drop)
            {
              proxy->refreshes_to_drop--;
              proxy->dropped_answers++;
            }
          g_mutex_unlock (&proxy->lock);
          /* The server has rotated the token; the client never hears of it. */
          if (drop)
            break;
        }
      /* An answer's first bytes decide whether the whole answer is lost. */
      if (proxy->mode == SYNC_PROXY_DROP_ANSWERS && pump->answers &&
          g_atomic_int_compare_and_exchange (pump->asked, 1, 0) && random_event (proxy))
        {
          /* The server has answered, so it committed: the client never hears it. */
          g_mutex_lock (&proxy->lock);
          proxy->dropped_answers++;
          g_mutex_unlock (&proxy->lock);
          break;
        }
      if (g_socket_send (pump->to, buffer, forward, NULL, NULL) != forward)
        break;
    }
  g_socket_shutdown (pump->from, TRUE, TRUE, NULL);
  g_socket_shutdown (pump->to, TRUE, TRUE, NULL);
  return NULL;
}

static gpointer
connection_thread (gpointer data)
{
  Pump *up = data;
  SyncProxy *proxy = up->proxy;
  Pump down = *up;
  GThread *reverse;
  gint64 budget = -1;
  gint asked = 0;
  gint refresh = 0;

  down.from = up->to;
  down.to = up->from;
  down.answers = TRUE;
  up->asked = &asked;
  down.asked = &asked;
  up->refresh = &refresh;
  down.refresh = &refresh;
  if (proxy->mode == SYNC_PROXY_CUT && random_event (proxy))
    {
      g_mutex_lock (&proxy->lock);
      budget = g_rand_int_range (proxy->rand, 0, 128 * 1024);
      g_mutex_unlock (&proxy->lock);
    }
  /* The cut falls in one direction, chosen at random by the budget's parity. */
  up->budget = budget >= 0 && budget % 2 == 0 ? budget : -1;
  down.budget = budget >= 0 && budget % 2 == 1 ? budget : -1;
  reverse = g_thread_new ("proxy-down", pump_thread, &down);
  pump_thread (up);
  g_thread_join (reverse);
  g_object_unref (up->from);
  g_object_unref (up->to);
  g_free (up);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  SyncProxy *proxy = data;

  for (;;)
    {
      g_autoptr (GSocket) client = g_socket_accept (proxy->listener, NULL, NULL);
      g_autoptr (GSocket) server = NULL;
      g_autoptr (GInetAddress) loopback = NULL;
      g_autoptr (GSocketAddress) address = NULL;
      guint16 upstream;
      Pump *pump;

      g_mutex_lock (&proxy->lock);
      upstream = proxy->upstream;
      if (proxy->stopping)
        {
          g_mutex_unlock (&proxy->lock);
          return NULL;
        }
      proxy->connections++;
      g_mutex_unlock (&proxy->lock);
      if (client == NULL)
        continue;
      if (upstream == 0)
        continue; /* the server is down: the connection is closed at once */
      server =
          g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      address = g_inet_socket_address_new (loopback, upstream);
      if (server == NULL || !g_socket_connect (server, address, NULL, NULL))
        continue;
      /* Bytes go on as they come, as they would without the proxy. */
      g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      g_socket_set_option (server, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      pump = g_new0 (Pump, 1);
      pump->proxy = proxy;
      pump->from = g_steal_pointer (&client);
      pump->to = g_steal_pointer (&server);
      g_thread_unref (g_thread_new ("proxy-connection", connection_thread, pump));
    }
}

SyncProxy *
sync_proxy_new (void)
{
  SyncProxy *proxy = g_new0 (SyncProxy, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_mutex_init (&proxy->lock);
  proxy->rand = g_rand_new ();
  proxy->listener =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (proxy->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (proxy->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  proxy->thread = g_thread_new ("proxy-accept", accept_thread, proxy);
  return proxy;
}

char *
sync_proxy_url (SyncProxy *proxy)
{
  return g_strdup_printf ("http://127.0.0.1:%u/", proxy->port);
}

void
sync_proxy_set_upstream (SyncProxy *proxy, const char *server_url)
{
  guint16 port = 0;

  if (server_url != NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
      g_assert_nonnull (uri);
      port = (guint16) g_uri_get_port (uri);
    }
  g_mutex_lock (&proxy->lock);
  proxy->upstream = port;
  g_mutex_unlock (&proxy->lock);
}

void
sync_proxy_set_mode (SyncProxy *proxy, SyncProxyMode mode, double chance)
{
  g_mutex_lock (&proxy->lock);
  proxy->mode = mode;
  proxy->chance = chance;
  g_mutex_unlock (&proxy->lock);
}

guint
sync_proxy_get_cuts (SyncProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->cuts + proxy->dropped_answers;
  g_mutex_unlock (&proxy->lock);
  return n;
}

/* Throws away the answers of the next @count token refreshes (in SYNC_PROXY_DROP_REFRESH). */
void
sync_proxy_drop_refreshes (SyncProxy *proxy, guint count)
{
  g_mutex_lock (&proxy->lock);
  proxy->refreshes_to_drop = count;
  g_mutex_unlock (&proxy->lock);
}

/* Returns the bytes passed from clients to the server since the last call, and starts
 * counting again. */
guint64
sync_proxy_take_bytes_up (SyncProxy *proxy)
{
  guint64 n;

  g_mutex_lock (&proxy->lock);
  n = proxy->bytes_up;
  proxy->bytes_up = 0;
  g_mutex_unlock (&proxy->lock);
  return n;
}

void
sync_proxy_free (SyncProxy *proxy)
{
  g_autoptr (GSocket) poke = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, proxy->port);

  g_mutex_lock (&proxy->lock);
  proxy->stopping = TRUE;
  g_mutex_unlock (&proxy->lock);
  /* Wakes the accepting thread so it sees it should stop. */
  poke = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_socket_connect (poke, address, NULL, NULL);
  g_thread_join (proxy->thread);
  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_rand_free (proxy->rand);
  g_mutex_clear (&proxy->lock);
  g_free (proxy);
}
