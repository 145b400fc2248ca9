/* puratan-server.c: the REST backend's HTTP server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PuratanServer owns a SoupServer, the route table and the data directory.
 * Every request goes through the same steps: request_started_cb notes the
 * start time and sets the response headers every answer carries;
 * early_cb, once the headers are read, takes the request's X-Request-Id (or
 * makes one), refuses an over-long path (414) or
 * a body larger than the route's limit (413: the upload limit for upload
 * routes, the body limit for all others) before the body is stored;
 * upload and idempotent routes check their sender there too, and an
 * idempotent request takes its Idempotency-Key (puratan-server-idempotency.c);
 * an upload route's body goes to a file as it arrives (got_chunk_cb);
 * dispatch_cb finds the route, checks the caller's access token against the
 * route's row in the permission table (puratan-server-auth.c) and calls its
 * handler, or answers 401/403/404/405;
 * and request_finished_cb writes the access-log record. A handler that
 * answers later (puratan_server_defer()) leaves the request paused until
 * puratan_server_resume().
 */
#include "puratan-server-tus-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-server-log.h"
#include "puratan-store.h"

enum
{
  PROP_0,
  PROP_DATA_DIR,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_UPLOAD_SIZE,
  PROP_MAX_JOBS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void puratan_server_initable_iface_init (GInitableIface *iface);

static PuratanRequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PuratanServer,
                               puratan_server,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      puratan_server_initable_iface_init))

/* Closes and deletes the request's upload file, unless a handler took it. */
static void
discard_upload (PuratanRequestState *state)
{
  if (state->upload_fd >= 0)
    close (state->upload_fd);
  state->upload_fd = -1;
  if (state->upload_path != NULL && g_unlink (state->upload_path) != 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot remove the upload “%s”: %s", state->upload_path, g_strerror (errno));
  g_clear_pointer (&state->upload_path, g_free);
}

static void
request_state_free (PuratanRequestState *state)
{
  discard_upload (state);
  puratan_server_limits_headers_read (state);
  /* A PATCH normally settles when it ends (puratan_server_tus_request_done()); one that
   * never did still has its hashing thread stopped. */
  g_clear_pointer (&state->tus, puratan_server_tus_write_free);
  puratan_route_match_clear (&state->match);
  g_free (state->request_id);
  g_free (state->inflight_key);
  puratan_principal_free (state->principal);
  g_free (state);
}

/* Headers every answer carries. They are set again after a
 * "100 Continue", which clears the response headers. */
static void
add_default_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  PuratanRequestState *state = request_state (msg);

  /* The id is known once the request's headers are (early_cb). */
  if (state != NULL && state->request_id != NULL)
    soup_message_headers_replace (headers, "X-Request-Id", state->request_id);

  /* Answers are data for programs: never cached, never sniffed as HTML. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  PuratanRequestState *state = g_new0 (PuratanRequestState, 1);
  SoupMessageHeaders *headers;

  state->start_us = g_get_monotonic_time ();
  state->upload_fd = -1;
  state->loop = puratan_server_loop_of (soup);
  g_object_set_qdata_full (G_OBJECT (msg), puratan_server_request_state_quark (), state,
                           (GDestroyNotify) request_state_free);
  /* A new message has no response headers yet: append rather than replace (which looks for
   * the header first). */
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_append (headers, "Cache-Control", "no-store");
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  puratan_server_limits_request_started (PURATAN_SERVER (user_data), msg, state);
}

/* What the main loop keeps for a request (its Idempotency-Key, its tus write) is given back
 * as soon as its answer is made, before it is written: a client that has the answer and sends
 * its next request on another connection, which another loop may read first, finds the key
 * free and the upload settled. A request that ends without an answer gives them back when
 * it ends. */
static void
request_done_on_main (PuratanServer *self, SoupServerMessage *msg)
{
  puratan_server_tus_request_done (self, msg);
  puratan_server_idempotency_request_done (self, msg);
}

static void
request_finished_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  PuratanRequestState *state = request_state (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  gint64 duration_us = state != NULL ? g_get_monotonic_time () - state->start_us : 0;

  puratan_server_answer_written (msg);
  puratan_server_limits_request_finished (self, msg, state);
  if (state != NULL)
    discard_upload (state);
  if (puratan_server_on_main (self, msg))
    request_done_on_main (self, msg);
  else if (state->tus != NULL || state->inflight_key != NULL)
    puratan_server_invoke_on_main (self, msg, request_done_on_main);
  puratan_metrics_record_request (self->metrics, soup_server_message_get_method (msg),
                                  state != NULL ? state->route : NULL,
                                  soup_server_message_get_status (msg), duration_us);

  if (self->access_log)
    puratan_server_log_request (soup_server_message_get_method (msg),
                                uri != NULL ? g_uri_get_path (uri) : NULL,
                                soup_server_message_get_status (msg), duration_us,
                                state != NULL ? state->request_id : NULL);
}

/* Refuses the request's body with @status and @detail: it is read and
 * thrown away rather than stored, and the connection is closed after the
 * answer. */
static void
refuse_body_with (SoupServerMessage *msg, guint status, const char *detail)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  PuratanRequestState *state = request_state (msg);

  if (state != NULL)
    discard_upload (state);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  puratan_server_respond_problem (msg, status, NULL, NULL, detail);
  add_default_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

static void
refuse_body (SoupServerMessage *msg, gsize limit)
{
  g_autofree char *detail = g_strdup_printf (
      "The request body is larger than the limit of %" G_GSIZE_FORMAT " bytes.", limit);

  refuse_body_with (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, detail);
}

/* Answers a request whose upload cannot be stored; the full reason goes
 * to the log only. */
static void
refuse_upload (SoupServerMessage *msg, const GError *error)
{
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE", "Cannot store an upload: %s",
                    error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    refuse_body_with (msg, SOUP_STATUS_INSUFFICIENT_STORAGE,
                      "The server has no room to store the upload right now.");
  else
    refuse_body_with (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                      "The server could not store the upload.");
}

static void
got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  PuratanRequestState *state = request_state (msg);

  if (state == NULL || soup_server_message_get_status (msg) != 0)
    return;

  state->body_bytes += g_bytes_get_size (chunk);
  if (state->body_bytes > state->body_limit)
    {
      refuse_body (msg, state->body_limit);
      return;
    }

  if (state->upload_fd >= 0)
    {
      g_autoptr (GError) error = NULL;
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (chunk, &size);

      if (!puratan_server_upload_write (state->upload_fd, data, size, &error))
        refuse_upload (msg, error);
      else
        {
          puratan_metrics_add_upload_bytes (PURATAN_SERVER (user_data)->metrics, size);
          if (state->tus != NULL)
            puratan_server_tus_chunk (state->tus, chunk);
        }
    }
}

/* Sends the body of an upload route's request to a new upload file as it
 * arrives, rather than into memory. */
static gboolean
spool_upload (PuratanServer *self, SoupServerMessage *msg, PuratanRequestState *state)
{
  g_autoptr (GError) error = NULL;

  state->upload_fd = puratan_server_upload_create (self->data_dir, &state->upload_path, &error);
  if (state->upload_fd < 0)
    {
      refuse_upload (msg, error);
      return FALSE;
    }
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  return TRUE;
}

static void early_route_step (PuratanServer *self, SoupServerMessage *msg);
static void body_limit_step (PuratanServer *self, SoupServerMessage *msg, gboolean upload);

static void
early_cb (SoupServer *soup,
          SoupServerMessage *msg,
          const char *path,
          GHashTable *query,
          gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const char *raw_path = g_uri_get_path (soup_server_message_get_uri (msg));
  PuratanRequestState *state = request_state (msg);

  puratan_server_assign_request_id (msg, state);
  /* The other default headers were set when the request started; the id is set here
   * first. */
  if (state != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "X-Request-Id",
                                 state->request_id);
  if (state != NULL)
    puratan_server_limits_headers_read (state);
  if (!puratan_server_limits_check (self, msg))
    return;
  if (strlen (raw_path) > PURATAN_SERVER_MAX_PATH_LENGTH)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      puratan_server_respond_problem (msg, SOUP_STATUS_REQUEST_URI_TOO_LONG, NULL, NULL,
                                      "The request path is too long.");
      return;
    }

  /* A route whose early step keeps state on the main loop (uploads, Idempotency-Keys, tus)
   * has that step run there; any other needs only the body's limit. */
  if (state != NULL)
    {
      puratan_route_match_clear (&state->match);
      state->match_status = puratan_router_match (
          self->router, soup_server_message_get_method (msg), raw_path, &state->match);
      state->matched = TRUE;
    }
  {
    g_auto (PuratanRouteMatch) own = { 0 };
    PuratanRouteMatch *match = state != NULL ? &state->match : &own;
    PuratanRouteStatus status =
        state != NULL ? state->match_status
                      : puratan_router_match (self->router, soup_server_message_get_method (msg),
                                              raw_path, &own);

    if (status == PURATAN_ROUTE_FOUND &&
        (match->flags &
         (PURATAN_ROUTE_UPLOAD | PURATAN_ROUTE_IDEMPOTENT | PURATAN_ROUTE_RESUMABLE)) != 0)
      {
        if (puratan_server_on_main (self, msg))
          early_route_step (self, msg);
        else
          puratan_server_hand_to_main (self, msg, early_route_step);
        return;
      }
  }
  body_limit_step (self, msg, FALSE);
}

/* The early step of a request's route: the sender and Idempotency-Key of idempotent and
 * upload routes, and the body's limit. */
static void
early_route_step (PuratanServer *self, SoupServerMessage *msg)
{
  const char *raw_path = g_uri_get_path (soup_server_message_get_uri (msg));
  gboolean upload, refused;

  upload = puratan_server_early_route (self, msg, raw_path, &refused);
  if (refused)
    {
      /* The body is read and dropped, and the connection closed after the answer. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      return;
    }
  body_limit_step (self, msg, upload);
}

/* Refuses a body over the route's limit (the upload limit for upload routes) before it is
 * read, spools an upload route's body to a file, and counts a body of unknown length. */
static void
body_limit_step (PuratanServer *self, SoupServerMessage *msg, gboolean upload)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  PuratanRequestState *state = request_state (msg);
  gboolean count_chunks = FALSE;
  gsize limit;

  limit = upload ? self->max_upload_size : self->max_body_size;
  if (state != NULL && state->tus != NULL)
    limit = puratan_server_tus_limit (state->tus);
  if (state != NULL)
    state->body_limit = limit;

  switch (soup_message_headers_get_encoding (headers))
    {
      case SOUP_ENCODING_CONTENT_LENGTH:
        if (soup_message_headers_get_content_length (headers) > (goffset) limit)
          {
            refuse_body (msg, limit);
            return;
          }
        break;
      case SOUP_ENCODING_CHUNKED:
      case SOUP_ENCODING_EOF:
        /* The size is known only as the body arrives: count it. */
        count_chunks = TRUE;
        break;
      case SOUP_ENCODING_UNRECOGNIZED:
      case SOUP_ENCODING_NONE:
      case SOUP_ENCODING_BYTERANGES:
      default:
        break;
    }

  if (upload && state != NULL && !spool_upload (self, msg, state))
    return;
  if (count_chunks || upload || (state != NULL && state->tus != NULL))
    g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, G_CONNECT_DEFAULT);
}

static gboolean
is_deferred (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  return state != NULL && state->deferred;
}

/* Checks the caller's access to the matched route and runs its handler. */
static void
run_route (PuratanServer *self, SoupServerMessage *msg, PuratanRouteMatch *match)
{
  if (!puratan_server_authorize (self, msg, soup_server_message_get_method (msg), match->pattern))
    return;
  match->handler (msg, match->params, match->user_data);
  if (!is_deferred (msg))
    request_done_on_main (self, msg);
  /* An upload the handler did not take goes before the answer. */
  if (!is_deferred (msg) && request_state (msg) != NULL)
    discard_upload (request_state (msg));
  if (soup_server_message_get_status (msg) == 0 && !is_deferred (msg))
    puratan_server_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL,
                                    "The server did not answer the request.");
}

/* Finds the request's route: the one found when its headers were read, or now. @own holds
 * what is found now. */
static PuratanRouteStatus
find_route (PuratanServer *self,
            SoupServerMessage *msg,
            PuratanRouteMatch *own,
            PuratanRouteMatch **match)
{
  PuratanRequestState *state = request_state (msg);

  if (state != NULL && state->matched)
    {
      *match = &state->match;
      return state->match_status;
    }
  *match = own;
  return puratan_router_match (self->router, soup_server_message_get_method (msg),
                               g_uri_get_path (soup_server_message_get_uri (msg)), own);
}

/* The handler of a request a request loop handed to the main loop. */
static void
run_handler (PuratanServer *self, SoupServerMessage *msg)
{
  g_auto (PuratanRouteMatch) own = { 0 };
  PuratanRouteMatch *match;

  if (find_route (self, msg, &own, &match) == PURATAN_ROUTE_FOUND)
    run_route (self, msg, match);
}

static void
dispatch_cb (SoupServer *soup,
             SoupServerMessage *msg,
             const char *path,
             GHashTable *query,
             gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_auto (PuratanRouteMatch) own = { 0 };
  PuratanRouteMatch *match;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  puratan_server_assign_request_id (msg, request_state (msg));
  /* A "100 Continue" cleared the response headers: set them again. */
  if ((soup_message_headers_get_expectations (soup_server_message_get_request_headers (msg)) &
       SOUP_EXPECTATION_CONTINUE) != 0)
    add_default_headers (msg);
  puratan_server_answer_begins (msg);
  switch (find_route (self, msg, &own, &match))
    {
      case PURATAN_ROUTE_FOUND:
        if (request_state (msg) != NULL)
          request_state (msg)->route = match->pattern;
        if ((match->flags & PURATAN_ROUTE_THREAD_SAFE) == 0 && !puratan_server_on_main (self, msg))
          {
            puratan_server_hand_to_main (self, msg, run_handler);
            break;
          }
        run_route (self, msg, match);
        break;
      case PURATAN_ROUTE_METHOD_NOT_ALLOWED:
        soup_message_headers_replace (response_headers, "Allow", match->allow);
        if (strcmp (method, SOUP_METHOD_OPTIONS) == 0)
          {
            soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
            break;
          }
        {
          g_autofree char *detail =
              g_strdup_printf ("This resource accepts only %s.", match->allow);
          puratan_server_respond_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL, detail);
        }
        break;
      case PURATAN_ROUTE_BAD_PATH:
        puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                        "The request path holds a character that is not "
                                        "allowed in it.");
        break;
      case PURATAN_ROUTE_NOT_FOUND:
      default:
        puratan_server_respond_problem (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL,
                                        "There is no resource at this path.");
        break;
    }
}

static gboolean
puratan_server_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  PuratanServer *self = PURATAN_SERVER (initable);
  g_autofree char *database_path = NULL;
  g_autofree char *key_path = NULL;

  if (self->data_dir == NULL || self->data_dir[0] == '\0')
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A data directory is required");
      return FALSE;
    }

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot create the data directory “%s”: %s", self->data_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (!puratan_server_is_ready (self, error))
    return FALSE;
  puratan_server_remove_stale_uploads (self->data_dir);
  if (!puratan_preflight_store_start (self->preflight_store, self->data_dir, error))
    return FALSE;

  key_path = g_build_filename (self->data_dir, PURATAN_SERVER_TOKEN_KEY_NAME, NULL);
  if (!puratan_token_key_load_or_create (key_path, self->token_key, error))
    return FALSE;

  database_path = g_build_filename (self->data_dir, PURATAN_SERVER_DATABASE_NAME, NULL);
  self->database = puratan_database_open (database_path, error);
  if (self->database == NULL)
    return FALSE;
  /* Changes arrive here and leave through the change feed: nothing waits to be sent on. */
  puratan_database_set_outbox (self->database, FALSE);
  /* Keys a previous run left running never had their work committed. */
  return puratan_idempotency_release_running (self->database, error);
}

static void
puratan_server_initable_iface_init (GInitableIface *iface)
{
  iface->init = puratan_server_initable_init;
}

static void
puratan_server_dispose (GObject *object)
{
  PuratanServer *self = PURATAN_SERVER (object);

  puratan_server_loops_stop (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_pointer (&self->loops, g_ptr_array_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_object (&self->soup);
  if (self->metrics_soup != NULL)
    soup_server_disconnect (self->metrics_soup);
  g_clear_object (&self->metrics_soup);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (puratan_server_parent_class)->dispose (object);
}

static void
puratan_server_finalize (GObject *object)
{
  PuratanServer *self = PURATAN_SERVER (object);

  g_clear_pointer (&self->router, puratan_router_free);
  g_clear_pointer (&self->preflight_store, puratan_preflight_store_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->totp_issuer, g_free);
  puratan_server_business_finalize (self);
  g_clear_pointer (&self->metrics, puratan_metrics_free);
  g_clear_pointer (&self->rate_limiter, puratan_rate_limiter_free);
  g_mutex_clear (&self->catalog_lock);
  sodium_memzero (self->token_key, sizeof self->token_key);

  G_OBJECT_CLASS (puratan_server_parent_class)->finalize (object);
}

static void
puratan_server_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanServer *self = PURATAN_SERVER (object);

  switch (prop_id)
    {
      case PROP_DATA_DIR:
        g_value_set_string (value, self->data_dir);
        break;
      case PROP_MAX_BODY_SIZE:
        g_value_set_uint64 (value, self->max_body_size);
        break;
      case PROP_MAX_UPLOAD_SIZE:
        g_value_set_uint64 (value, self->max_upload_size);
        break;
      case PROP_MAX_JOBS:
        g_value_set_uint (value, self->max_jobs);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_server_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  PuratanServer *self = PURATAN_SERVER (object);

  switch (prop_id)
    {
      case PROP_DATA_DIR:
        self->data_dir = g_value_dup_string (value);
        break;
      case PROP_MAX_BODY_SIZE:
        puratan_server_set_max_body_size (self, (gsize) g_value_get_uint64 (value));
        break;
      case PROP_MAX_UPLOAD_SIZE:
        puratan_server_set_max_upload_size (self, (gsize) g_value_get_uint64 (value));
        break;
      case PROP_MAX_JOBS:
        puratan_server_set_max_jobs (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_server_class_init (PuratanServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = puratan_server_dispose;
  object_class->finalize = puratan_server_finalize;
  object_class->get_property = puratan_server_get_property;
  object_class->set_property = puratan_server_set_property;

  /**
   * PuratanServer:data-dir:
   *
   * The directory that holds the server's data, created if missing.
   */
  properties[PROP_DATA_DIR] =
      g_param_spec_string ("data-dir", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PuratanServer:max-body-size:
   *
   * The largest request body in bytes; a larger one gets 413.
   */
  properties[PROP_MAX_BODY_SIZE] = g_param_spec_uint64 (
      "max-body-size", NULL, NULL, 0, G_MAXSIZE, PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PuratanServer:max-upload-size:
   *
   * The largest request body in bytes on upload routes (see
   * puratan_server_add_upload_route()); a larger one gets 413.
   */
  properties[PROP_MAX_UPLOAD_SIZE] = g_param_spec_uint64 (
      "max-upload-size", NULL, NULL, 0, G_MAXSIZE, PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PuratanServer:max-jobs:
   *
   * How many long jobs (such as preflight checks) may run at once; 0 turns
   * them off. Requests beyond it get 503.
   */
  properties[PROP_MAX_JOBS] =
      g_param_spec_uint ("max-jobs", NULL, NULL, 0, G_MAXUINT, PURATAN_SERVER_DEFAULT_MAX_JOBS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
puratan_server_init (PuratanServer *self)
{
  self->max_body_size = PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE;
  self->max_upload_size = PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE;
  self->max_jobs = PURATAN_SERVER_DEFAULT_MAX_JOBS;
  self->auth.access_lifetime = PURATAN_SERVER_DEFAULT_ACCESS_LIFETIME;
  self->auth.refresh_lifetime = PURATAN_SERVER_DEFAULT_REFRESH_LIFETIME;
  self->auth.refresh_retry_grace = PURATAN_SERVER_DEFAULT_REFRESH_RETRY_GRACE;
  self->totp_issuer = g_strdup (PURATAN_SERVER_DEFAULT_TOTP_ISSUER);
  self->auth.totp_issuer = self->totp_issuer;
  puratan_throttle_policy_init_default (&self->auth.throttle);
  self->max_header_size = PURATAN_SERVER_DEFAULT_MAX_HEADER_SIZE;
  self->rate_limit = PURATAN_SERVER_DEFAULT_RATE_LIMIT;
  self->rate_burst = PURATAN_SERVER_DEFAULT_RATE_BURST;
  self->idle_timeout = PURATAN_SERVER_DEFAULT_IDLE_TIMEOUT;
  self->metrics = puratan_metrics_new ();
  self->rate_limiter = puratan_rate_limiter_new ();
  self->router = puratan_router_new ();
  self->preflight_store = puratan_preflight_store_new ();
  self->n_loops = 1;
  self->access_log = TRUE;
  g_mutex_init (&self->catalog_lock);
  self->soup = soup_server_new ("server-header", "puratan-server", NULL);
  puratan_server_setup_soup (self, self->soup);
  self->main_context = g_main_context_ref (puratan_server_loop_new_main (self)->context);

  puratan_server_add_health_routes (self);
  puratan_server_add_metrics_routes (self);
  puratan_server_add_auth_routes (self);
  puratan_server_add_totp_routes (self);
  puratan_server_add_preflight_routes (self);
  puratan_server_add_preflight_result_routes (self);
  puratan_server_add_business_routes (self);
}

/* Makes @soup answer with the server's request steps and routes. */
void
puratan_server_setup_soup (PuratanServer *self, SoupServer *soup)
{
  /* Plain connections: the server outlives every SoupServer it makes (dispose stops
   * them first), and g_signal_connect_object() would cost every emission a closure
   * reference more. */
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (request_finished_cb), self);
  soup_server_add_early_handler (soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (soup, NULL, dispatch_cb, self, NULL);
}

/**
 * puratan_server_new:
 * @data_dir: the directory for the server's data; created with mode 0700
 *   (and its missing parents) when it does not exist
 * @error: return location for a #GError
 *
 * Creates a server that answers the health probes and whatever routes are
 * added to it, and opens (creating and migrating as needed) the shop
 * database `shop.sqlite3` in @data_dir. It does not listen yet: see
 * puratan_server_listen().
 *
 * Returns: (transfer full) (nullable): a new server, or %NULL with @error
 *   set: %PURATAN_ERROR_IO when the data directory cannot be created or
 *   used, or the database's error (such as %PURATAN_ERROR_CORRUPT for a
 *   damaged file) when it cannot be opened
 */
PuratanServer *
puratan_server_new (const char *data_dir, GError **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (PURATAN_TYPE_SERVER, NULL, error, "data-dir", data_dir, NULL);
}

/**
 * puratan_server_listen:
 * @self: a server
 * @address: where to listen, "IPV4:PORT" or "[IPV6]:PORT"; port 0 picks a
 *   free port (see puratan_server_get_url() for the one picked)
 * @error: return location for a #GError
 *
 * Starts accepting plain HTTP connections on @address. Requests are
 * answered from the thread-default main context of the caller, so the
 * caller runs a main loop; with more than one request loop
 * (puratan_server_set_loops()), the first call also starts the other loops'
 * threads, each listening on @address too (later calls listen on the main
 * loop only).
 *
 * Returns: %TRUE on success; %FALSE with @error set to
 *   %PURATAN_ERROR_INVALID_INPUT for a malformed address or
 *   %PURATAN_ERROR_IO when the address cannot be bound
 */
gboolean
puratan_server_listen (PuratanServer *self, const char *address, GError **error)
{
  g_autoptr (GInetSocketAddress) socket_address = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  socket_address = puratan_server_parse_address (address, error);
  if (socket_address == NULL)
    return FALSE;

  if (!puratan_server_loops_listen (self, G_SOCKET_ADDRESS (socket_address), self->tls,
                                    &local_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot listen on %s: %s", address,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * puratan_server_disconnect:
 * @self: a server
 *
 * Stops listening and closes every open connection. Requests in flight are
 * dropped. Safe to call more than once.
 */
void
puratan_server_disconnect (PuratanServer *self)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  puratan_server_loops_stop (self);
  soup_server_disconnect (self->soup);
}

/**
 * puratan_server_get_max_body_size:
 * @self: a server
 *
 * Returns: the largest request body in bytes the server accepts
 */
gsize
puratan_server_get_max_body_size (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), 0);

  return self->max_body_size;
}

/**
 * puratan_server_set_max_body_size:
 * @self: a server
 * @max_body_size: the largest request body in bytes; larger ones get 413
 *
 * Sets the request body limit for requests that start from now on.
 */
void
puratan_server_set_max_body_size (PuratanServer *self, gsize max_body_size)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  if (self->max_body_size == max_body_size)
    return;
  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

/**
 * puratan_server_get_max_upload_size:
 * @self: a server
 *
 * Returns: the largest request body in bytes the server accepts on upload
 *   routes
 */
gsize
puratan_server_get_max_upload_size (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), 0);

  return self->max_upload_size;
}

/**
 * puratan_server_set_max_upload_size:
 * @self: a server
 * @max_upload_size: the largest upload in bytes; larger ones get 413
 *
 * Sets the request body limit of upload routes for requests that start
 * from now on. Other routes keep the body limit.
 */
void
puratan_server_set_max_upload_size (PuratanServer *self, gsize max_upload_size)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  if (self->max_upload_size == max_upload_size)
    return;
  self->max_upload_size = max_upload_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_UPLOAD_SIZE]);
}

/**
 * puratan_server_get_max_jobs:
 * @self: a server
 *
 * Returns: how many long jobs (such as preflight checks) may run at once
 */
guint
puratan_server_get_max_jobs (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), 0);

  return self->max_jobs;
}

/**
 * puratan_server_set_max_jobs:
 * @self: a server
 * @max_jobs: how many long jobs may run at once; 0 refuses them all
 *
 * Sets the limit on long jobs running at once. Jobs already running go on;
 * a request for a job beyond the limit gets 503 with `Retry-After`.
 */
void
puratan_server_set_max_jobs (PuratanServer *self, guint max_jobs)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  if (self->max_jobs == max_jobs)
    return;
  self->max_jobs = max_jobs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_JOBS]);
}

/* Lets a handler answer @msg after it returns: the request is paused until
 * puratan_server_resume(), and the server does not answer it meanwhile. */
void
puratan_server_defer (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  if (state != NULL)
    state->deferred = TRUE;
  soup_server_message_pause (msg);
}

/* Sends the answer the handler set on a request deferred with
 * puratan_server_defer(). */
void
puratan_server_resume (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  if (state != NULL && state->loop != NULL)
    request_done_on_main (state->loop->server, msg);
  add_default_headers (msg);
  puratan_server_unpause (msg);
}

/* Takes the file the request's body was spooled to (upload routes only).
 * Returns (transfer full) its path, which the caller deletes when done, or
 * NULL with @error set when there is none or it cannot be closed. */
char *
puratan_server_take_upload (SoupServerMessage *msg, GError **error)
{
  PuratanRequestState *state = request_state (msg);
  int fd;

  if (state == NULL || state->upload_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "The request has no stored upload");
      return NULL;
    }

  fd = state->upload_fd;
  state->upload_fd = -1;
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      discard_upload (state);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot write an upload file: %s", g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&state->upload_path);
}
