/* puratan-server-loops.c: more than one request loop, sharing the port
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GMainContext reading, parsing and writing every request is the ceiling of a libsoup
 * server: on a machine with more cores than one, the server runs puratan_server_set_loops()
 * request loops. Loop 0 is the main loop (the context puratan_server_listen() was called
 * from); each other loop is a thread with its own GMainContext and SoupServer, listening on
 * a socket of its own bound to the same address with SO_REUSEPORT, so the kernel spreads
 * new connections over the loops. A connection stays on the loop that accepted it.
 *
 * Handlers, and everything they keep (the database connection, the idempotency keys, the
 * tus tables, the events clients, jobs), belong to the main loop. A request loop answers
 * itself only routes marked PURATAN_ROUTE_THREAD_SAFE (the catalog and quotes), with its
 * own database connection for the access check. For any other request it pauses the
 * request, runs the step on the main loop (puratan_server_hand_to_main()) and resumes the
 * request on its own loop: soup_server_message_unpause() must be called from the loop that
 * owns the connection, as it schedules the rest of the exchange on the calling thread's
 * context (puratan_server_unpause()). What every request touches on its own loop is safe
 * from any loop: the rate limiter, the metrics and the log are locked, and each loop keeps
 * its own header deadlines and idle connections (puratan-server-limits.c).
 */
#include "puratan-server-private.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "puratan-core.h"
#include "puratan-store.h"

static GQuark
loop_quark (void)
{
  return g_quark_from_static_string ("puratan-server-loop");
}

static PuratanRequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());
}

/* The database connection of the loop running on this thread, if it is a request loop. */
static __thread PuratanDatabase *thread_database = NULL;

static void
loop_free (PuratanServerLoop *loop)
{
  puratan_server_limits_loop_finalize (loop);
  if (loop->index != 0)
    {
      g_clear_object (&loop->soup);
      g_clear_object (&loop->database);
      g_clear_pointer (&loop->loop, g_main_loop_unref);
    }
  g_clear_pointer (&loop->context, g_main_context_unref);
  g_free (loop);
}

/* Makes loop 0, the main loop: the server's own SoupServer and database. */
PuratanServerLoop *
puratan_server_loop_new_main (PuratanServer *self)
{
  PuratanServerLoop *loop = g_new0 (PuratanServerLoop, 1);

  loop->server = self;
  loop->soup = self->soup;
  loop->context = g_main_context_ref_thread_default ();
  g_object_set_qdata (G_OBJECT (self->soup), loop_quark (), loop);
  self->loops = g_ptr_array_new_with_free_func ((GDestroyNotify) loop_free);
  g_ptr_array_add (self->loops, loop);
  return loop;
}

/* Returns (transfer none) the loop @soup answers on. */
PuratanServerLoop *
puratan_server_loop_of (SoupServer *soup)
{
  return g_object_get_qdata (G_OBJECT (soup), loop_quark ());
}

/* Returns (transfer none) the database connection for this thread's access checks: a
 * request loop's own, or the server's on the main loop. */
PuratanDatabase *
puratan_server_loop_database (PuratanServer *self)
{
  return thread_database != NULL ? thread_database : self->database;
}

/* Whether @msg is on the main loop, where its handler may run as it is. */
gboolean
puratan_server_on_main (PuratanServer *self, SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  return state == NULL || state->loop == NULL || state->loop->index == 0;
}

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

/* Resumes @msg on the loop that owns its connection, from any thread. */
void
puratan_server_unpause (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);
  PuratanServerLoop *loop = state != NULL ? state->loop : NULL;

  if (loop == NULL || loop->index == 0 || g_main_context_is_owner (loop->context))
    {
      soup_server_message_unpause (msg);
      return;
    }
  g_main_context_invoke_full (loop->context, G_PRIORITY_DEFAULT, unpause_cb, g_object_ref (msg),
                              g_object_unref);
}

typedef struct
{
  PuratanServer *self;
  SoupServerMessage *msg;
  PuratanMainStep step;
  gboolean resume;
} HandOff;

static void
hand_off_free (HandOff *hand_off)
{
  g_object_unref (hand_off->msg);
  g_object_unref (hand_off->self);
  g_free (hand_off);
}

static gboolean
hand_off_cb (gpointer user_data)
{
  HandOff *hand_off = user_data;
  PuratanRequestState *state = request_state (hand_off->msg);

  hand_off->step (hand_off->self, hand_off->msg);
  /* A handler that answers later resumes the request itself (puratan_server_resume()). */
  if (hand_off->resume && (state == NULL || !state->deferred))
    puratan_server_unpause (hand_off->msg);
  return G_SOURCE_REMOVE;
}

/* Pauses @msg, which a request loop is answering, and runs @step on the main loop; then
 * resumes @msg on its own loop, unless @step deferred it. */
void
puratan_server_hand_to_main (PuratanServer *self, SoupServerMessage *msg, PuratanMainStep step)
{
  HandOff *hand_off = g_new0 (HandOff, 1);

  hand_off->self = g_object_ref (self);
  hand_off->msg = g_object_ref (msg);
  hand_off->step = step;
  hand_off->resume = TRUE;
  soup_server_message_pause (msg);
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, hand_off_cb, hand_off,
                              (GDestroyNotify) hand_off_free);
}

/* Runs @step on the main loop for @msg, which is not paused (its exchange is over). */
void
puratan_server_invoke_on_main (PuratanServer *self, SoupServerMessage *msg, PuratanMainStep step)
{
  HandOff *hand_off = g_new0 (HandOff, 1);

  hand_off->self = g_object_ref (self);
  hand_off->msg = g_object_ref (msg);
  hand_off->step = step;
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, hand_off_cb, hand_off,
                              (GDestroyNotify) hand_off_free);
}

/* A request loop's start, on its thread: a SoupServer on the loop's context. */
typedef struct
{
  PuratanServerLoop *loop;
  GSocket *socket;
  gboolean tls;
  GMutex lock;
  GCond cond;
  gboolean done;
  GError *error;
} LoopStart;

static gpointer
loop_thread (gpointer user_data)
{
  LoopStart *start = user_data;
  PuratanServerLoop *loop = start->loop;
  PuratanServer *self = loop->server;
  GTlsCertificate *certificate = NULL;

  g_main_context_push_thread_default (loop->context);
  thread_database = loop->database;
  loop->soup = soup_server_new ("server-header", "puratan-server", NULL);
  g_object_get (self->soup, "tls-certificate", &certificate, NULL);
  if (certificate != NULL)
    g_object_set (loop->soup, "tls-certificate", certificate, NULL);
  g_clear_object (&certificate);
  g_object_set_qdata (G_OBJECT (loop->soup), loop_quark (), loop);
  puratan_server_setup_soup (self, loop->soup);

  g_mutex_lock (&start->lock);
  if (!soup_server_listen_socket (loop->soup, start->socket,
                                  start->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &start->error))
    g_clear_object (&loop->soup);
  start->done = TRUE;
  g_cond_signal (&start->cond);
  g_mutex_unlock (&start->lock);

  if (loop->soup != NULL)
    g_main_loop_run (loop->loop);

  thread_database = NULL;
  g_main_context_pop_thread_default (loop->context);
  return NULL;
}

/* A listening TCP socket on @address that shares its port with the other loops'. */
static GSocket *
reuse_port_socket (GSocketAddress *address, GError **error)
{
  g_autoptr (GSocket) socket = NULL;
  struct sockaddr_storage native;
  gsize length = g_socket_address_get_native_size (address);
  int one = 1;

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_address_to_native (address, &native, sizeof native, error))
    return NULL;
  /* g_socket_bind() would clear SO_REUSEPORT on a TCP socket: bind the descriptor here. */
  if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0 ||
      bind (g_socket_get_fd (socket), (struct sockaddr *) &native, (socklen_t) length) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static PuratanServerLoop *
loop_start (PuratanServer *self, GSocket *socket, gboolean tls, GError **error)
{
  g_autofree char *database_path =
      g_build_filename (self->data_dir, PURATAN_SERVER_DATABASE_NAME, NULL);
  g_autofree char *name = NULL;
  PuratanServerLoop *loop = g_new0 (PuratanServerLoop, 1);
  LoopStart start = { loop, socket, tls };

  loop->server = self;
  loop->index = self->loops->len;
  loop->database = puratan_database_open (database_path, error);
  if (loop->database == NULL)
    {
      g_free (loop);
      return NULL;
    }
  puratan_database_set_outbox (loop->database, FALSE);
  loop->context = g_main_context_new ();
  loop->loop = g_main_loop_new (loop->context, FALSE);
  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  name = g_strdup_printf ("request-loop-%u", loop->index);
  loop->thread = g_thread_new (name, loop_thread, &start);
  g_mutex_lock (&start.lock);
  while (!start.done)
    g_cond_wait (&start.cond, &start.lock);
  g_mutex_unlock (&start.lock);
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);
  if (start.error != NULL)
    {
      g_propagate_error (error, start.error);
      g_thread_join (loop->thread);
      loop_free (loop);
      return NULL;
    }
  g_ptr_array_add (self->loops, loop);
  return loop;
}

/* Listens on @address with every loop: the main loop's SoupServer and, the first time, a
 * thread for each further loop. With one loop, the main loop's SoupServer listens alone. */
gboolean
puratan_server_loops_listen (PuratanServer *self,
                             GSocketAddress *address,
                             gboolean tls,
                             GError **error)
{
  g_autoptr (GSocket) first = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  SoupServerListenOptions options = tls ? SOUP_SERVER_LISTEN_HTTPS : 0;

  if (self->n_loops <= 1 || self->loops->len > 1)
    return soup_server_listen (self->soup, address, options, error);

  /* Port 0 picks a port with the first socket; the others bind that same port. */
  first = reuse_port_socket (address, error);
  if (first == NULL || (bound = g_socket_get_local_address (first, error)) == NULL ||
      !soup_server_listen_socket (self->soup, first, options, error))
    return FALSE;
  for (guint i = 1; i < self->n_loops; i++)
    {
      g_autoptr (GSocket) socket = reuse_port_socket (bound, error);

      if (socket == NULL || loop_start (self, socket, tls, error) == NULL)
        {
          puratan_server_loops_stop (self);
          soup_server_disconnect (self->soup);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
stop_cb (gpointer user_data)
{
  PuratanServerLoop *loop = user_data;

  soup_server_disconnect (loop->soup);
  g_main_loop_quit (loop->loop);
  return G_SOURCE_REMOVE;
}

/* Stops the request loops' threads, closing their connections; the main loop stays. */
void
puratan_server_loops_stop (PuratanServer *self)
{
  if (self->loops == NULL)
    return;
  while (self->loops->len > 1)
    {
      PuratanServerLoop *loop = g_ptr_array_index (self->loops, self->loops->len - 1);

      g_main_context_invoke (loop->context, stop_cb, loop);
      g_thread_join (loop->thread);
      g_ptr_array_remove_index (self->loops, self->loops->len - 1);
    }
}

/**
 * puratan_server_set_loops:
 * @self: a server that does not listen yet
 * @n_loops: how many loops answer requests, at least 1
 *
 * Sets how many request loops answer connections: the caller's main loop and @n_loops - 1
 * threads, each with its own main context, sharing the listening port. Handlers other
 * than the catalog's and quotes' still run on the main loop.
 */
void
puratan_server_set_loops (PuratanServer *self, guint n_loops)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));
  g_return_if_fail (n_loops >= 1);

  self->n_loops = n_loops;
}

/**
 * puratan_server_set_access_log:
 * @self: a server
 * @access_log: whether to log a line for each request
 *
 * Turns the access log (one info record per request) on or off; it is on by default.
 */
void
puratan_server_set_access_log (PuratanServer *self, gboolean access_log)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  self->access_log = access_log;
}
