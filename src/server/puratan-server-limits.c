/* puratan-server-limits.c: header limits, a per-client rate limit, idle timeouts and TLS
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * - Headers: a request whose header fields add up to more than the header limit, or
 *   number more than MAX_HEADER_FIELDS, gets 431 before its body is read (libsoup
 *   itself drops a connection whose header block passes 64 KiB).
 * - Rate: each client address has a token bucket of `burst` tokens refilled at `rate`
 *   per second; a request finding it empty gets 429 with Retry-After, before any work.
 * - Idle: a connection must deliver a request's complete headers within the idle
 *   timeout of being opened or of its previous answer, or it is shut down (a kept-alive
 *   connection between requests included), so a client
 *   that trickles headers (slowloris) or sits idle cannot hold it; and every read or
 *   write on the socket that waits longer than the idle timeout fails, which ends a
 *   stalled body or a client that stops reading its answer.
 * - TLS: with a certificate and key the server speaks only HTTPS.
 */
#include "puratan-server-private.h"

#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "puratan-core.h"

/* More header fields than this is not a real client. */
#define MAX_HEADER_FIELDS 100
/* Past this many client buckets, full (idle) ones are dropped. */
#define MAX_BUCKETS 10000

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _PuratanRateLimiter
{
  GMutex lock;
  GHashTable *buckets;
};

PuratanRateLimiter *
puratan_rate_limiter_new (void)
{
  PuratanRateLimiter *limiter = g_new0 (PuratanRateLimiter, 1);

  g_mutex_init (&limiter->lock);
  limiter->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return limiter;
}

void
puratan_rate_limiter_free (PuratanRateLimiter *limiter)
{
  g_hash_table_unref (limiter->buckets);
  g_mutex_clear (&limiter->lock);
  g_free (limiter);
}

static void
refill (Bucket *bucket, double rate, double burst, gint64 now_us)
{
  bucket->tokens = MIN (burst, bucket->tokens + (now_us - bucket->updated_us) / 1e6 * rate);
  bucket->updated_us = now_us;
}

static gboolean
drop_full (gpointer key, gpointer value, gpointer user_data)
{
  const double *params = user_data;
  Bucket *bucket = value;

  refill (bucket, params[0], params[1], (gint64) params[2]);
  return bucket->tokens >= params[1];
}

/* Takes a token for @client; returns 0 when there was one, else the seconds until there
 * will be. */
static guint
rate_limiter_take (PuratanRateLimiter *limiter, const char *client, double rate, double burst)
{
  gint64 now_us = g_get_monotonic_time ();
  Bucket *bucket;
  guint wait = 0;

  g_mutex_lock (&limiter->lock);
  bucket = g_hash_table_lookup (limiter->buckets, client);
  if (bucket == NULL)
    {
      if (g_hash_table_size (limiter->buckets) >= MAX_BUCKETS)
        {
          double params[3] = { rate, burst, (double) now_us };
          g_hash_table_foreach_remove (limiter->buckets, drop_full, params);
        }
      /* Still full: more clients are busy at once than the table holds. Starting over
       * gives each a fresh burst, but keeps the memory bounded. */
      if (g_hash_table_size (limiter->buckets) >= MAX_BUCKETS)
        g_hash_table_remove_all (limiter->buckets);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = burst;
      bucket->updated_us = now_us;
      g_hash_table_insert (limiter->buckets, g_strdup (client), bucket);
    }
  refill (bucket, rate, burst, now_us);
  if (bucket->tokens >= 1)
    bucket->tokens -= 1;
  else
    wait = (guint) MAX (1.0, ceil ((1 - bucket->tokens) / rate));
  g_mutex_unlock (&limiter->lock);
  return wait;
}

static gboolean
headers_too_large (SoupMessageHeaders *headers, gsize limit)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize total = 0;
  guint fields = 0;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      total += strlen (name) + strlen (value) + 4;
      if (++fields > MAX_HEADER_FIELDS || total > limit)
        return TRUE;
    }
  return FALSE;
}

static void
refuse (SoupServerMessage *msg, guint status, const char *detail)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  puratan_server_respond_problem (msg, status, NULL, NULL, detail);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

/* Checks a request whose headers were just read against the header limit and the
 * client's rate limit; answers and returns FALSE when it broke one. */
gboolean
puratan_server_limits_check (PuratanServer *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *client = soup_server_message_get_remote_host (msg);
  guint wait;

  if (headers_too_large (headers, self->max_header_size))
    {
      g_autofree char *detail = g_strdup_printf (
          "The request's header fields are larger than the limit of %" G_GSIZE_FORMAT
          " bytes or %u fields.",
          self->max_header_size, MAX_HEADER_FIELDS);
      refuse (msg, PURATAN_SERVER_STATUS_HEADERS_TOO_LARGE, detail);
      return FALSE;
    }

  if (self->rate_limit <= 0 || client == NULL)
    return TRUE;
  wait = rate_limiter_take (self->rate_limiter, client, self->rate_limit, self->rate_burst);
  if (wait == 0)
    return TRUE;
  {
    g_autofree char *seconds = g_strdup_printf ("%u", wait);

    soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
    puratan_server_respond_problem (msg, PURATAN_SERVER_STATUS_TOO_MANY_REQUESTS, NULL, NULL,
                                    "This client sent too many requests; wait before sending "
                                    "more (see Retry-After).");
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                  seconds);
  }
  return FALSE;
}

static void
shut_down (GSocket *socket)
{
  if (socket != NULL && !g_socket_is_closed (socket))
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

/* Shuts down the connections whose request headers are overdue, and the kept-alive ones
 * idle past the timeout: each pending read ends at once and libsoup closes the connection.
 * One timer for all a loop's connections: a timer source per request would cost every turn
 * of the loop a look at each. Each loop sweeps its own connections. */
static gboolean
sweep_cb (gpointer user_data)
{
  PuratanServerLoop *loop = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, loop->awaiting_headers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PuratanRequestState *state = key;

      if (state->headers_due_us > now)
        continue;
      g_hash_table_iter_remove (&iter);
      state->headers_due_us = 0;
      shut_down (soup_server_message_get_socket (state->msg));
    }
  g_hash_table_iter_init (&iter, loop->idle_connections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_socket_is_closed (key))
        g_hash_table_iter_remove (&iter);
      else if (*(gint64 *) value <= now)
        {
          shut_down (key);
          g_hash_table_iter_remove (&iter);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_sweep (PuratanServerLoop *loop)
{
  if (loop->awaiting_headers == NULL)
    loop->awaiting_headers = g_hash_table_new (NULL, NULL);
  if (loop->idle_connections == NULL)
    loop->idle_connections = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  if (loop->sweep != NULL)
    return;
  loop->sweep = g_timeout_source_new_seconds (1);
  g_source_set_callback (loop->sweep, sweep_cb, loop, NULL);
  g_source_set_static_name (loop->sweep, "[puratan-server] header deadlines");
  g_source_attach (loop->sweep, loop->context);
}

/* Starts the idle timeout for a request that has just begun on its connection (on the
 * request's loop). */
void
puratan_server_limits_request_started (PuratanServer *self,
                                       SoupServerMessage *msg,
                                       PuratanRequestState *state)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  PuratanServerLoop *loop = state->loop;

  if (self->idle_timeout == 0 || loop == NULL)
    return;
  ensure_sweep (loop);
  if (socket != NULL)
    {
      g_hash_table_remove (loop->idle_connections, socket);
      g_socket_set_timeout (socket, self->idle_timeout);
    }
  state->msg = msg;
  state->server = self;
  state->headers_due_us = g_get_monotonic_time () + (gint64) self->idle_timeout * G_USEC_PER_SEC;
  g_hash_table_add (loop->awaiting_headers, state);
}

/* The exchange is over. libsoup starts the next request on a kept-alive connection only once
 * its first bytes arrive, so until then the connection is watched here; its socket timeout is
 * lifted meanwhile, because one firing on the read that waits for the next request would end
 * that read but leave the connection open and unread, and the client's next request would
 * hang. On the request's loop. */
void
puratan_server_limits_request_finished (PuratanServer *self,
                                        SoupServerMessage *msg,
                                        PuratanRequestState *state)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  gint64 *due;

  if (state != NULL)
    puratan_server_limits_headers_read (state);
  if (self->idle_timeout == 0 || socket == NULL || g_socket_is_closed (socket) || state == NULL ||
      state->loop == NULL || state->upgraded)
    return;
  ensure_sweep (state->loop);
  g_socket_set_timeout (socket, 0);
  due = g_new (gint64, 1);
  *due = g_get_monotonic_time () + (gint64) self->idle_timeout * G_USEC_PER_SEC;
  g_hash_table_replace (state->loop->idle_connections, g_object_ref (socket), due);
}

/* Stops the header deadline: the request's headers are in, or it ended. On the request's
 * loop. */
void
puratan_server_limits_headers_read (PuratanRequestState *state)
{
  if (state->headers_due_us == 0)
    return;
  state->headers_due_us = 0;
  g_hash_table_remove (state->loop->awaiting_headers, state);
}

/* Stops the loop's sweep; the loop is going away. */
void
puratan_server_limits_loop_finalize (PuratanServerLoop *loop)
{
  GHashTableIter iter;
  PuratanRequestState *state;

  if (loop->sweep != NULL)
    g_source_destroy (loop->sweep);
  g_clear_pointer (&loop->sweep, g_source_unref);
  g_clear_pointer (&loop->idle_connections, g_hash_table_unref);
  if (loop->awaiting_headers == NULL)
    return;
  /* Requests that outlive the loop no longer look for it. */
  g_hash_table_iter_init (&iter, loop->awaiting_headers);
  while (g_hash_table_iter_next (&iter, (gpointer *) &state, NULL))
    state->headers_due_us = 0;
  g_clear_pointer (&loop->awaiting_headers, g_hash_table_unref);
}

/* Sets or clears TCP_CORK on the request's connection. */
static void
set_cork (SoupServerMessage *msg, gboolean cork)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL && g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, cork, NULL);
}

/* libsoup writes an answer's headers and its body with two send() calls; on a connection
 * with TCP_NODELAY that is two segments, and on loopback each costs a full trip through
 * both ends' TCP stacks. Corking the connection from when the handler runs until the answer
 * is written (puratan_server_answer_written()) sends them as one. Interim answers such as
 * 100 Continue go out before the handler runs, so they are never held back. */
void
puratan_server_answer_begins (SoupServerMessage *msg)
{
  set_cork (msg, TRUE);
}

/* The answer is written, or the request ended without one: send what is held. */
void
puratan_server_answer_written (SoupServerMessage *msg)
{
  set_cork (msg, FALSE);
}

/* A connection handed over to a WebSocket keeps no idle timeout (the WebSocket's own
 * keepalive pings look after it) and is not corked: its frames go out as they are sent. */
void
puratan_server_limits_connection_upgraded (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  PuratanRequestState *state =
      g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());

  if (state != NULL)
    state->upgraded = TRUE;
  if (socket != NULL)
    g_socket_set_timeout (socket, 0);
  set_cork (msg, FALSE);
}

/**
 * puratan_server_set_limits:
 * @self: a server
 * @limits: the limits for requests and connections that start from now on
 *
 * Sets the header limit, the per-client rate limit and the idle timeout.
 */
void
puratan_server_set_limits (PuratanServer *self, const PuratanServerLimits *limits)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));
  g_return_if_fail (limits != NULL);

  self->max_header_size = limits->max_header_size;
  self->rate_limit = limits->rate_limit;
  self->rate_burst = MAX (1.0, limits->rate_burst);
  self->idle_timeout = limits->idle_timeout;
}

/**
 * puratan_server_set_tls_files:
 * @self: a server that does not listen yet
 * @certificate_path: a PEM certificate (chain)
 * @key_path: its PEM private key
 * @error: return location for a #GError
 *
 * Makes the server speak HTTPS only, with this certificate, on every address it listens
 * on from now on.
 *
 * Returns: %TRUE on success; %FALSE with @error (%PURATAN_ERROR_INVALID_INPUT) when the
 *   files cannot be read or do not hold a certificate and its key
 */
gboolean
puratan_server_set_tls_files (PuratanServer *self,
                              const char *certificate_path,
                              const char *key_path,
                              GError **error)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);

  certificate = g_tls_certificate_new_from_files (certificate_path, key_path, &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Cannot use the TLS certificate “%s” with the key “%s”: %s", certificate_path,
                   key_path, local_error->message);
      return FALSE;
    }
  /* Request loops made later take it from the main loop's server. */
  g_object_set (self->soup, "tls-certificate", certificate, NULL);
  self->tls = TRUE;
  return TRUE;
}
