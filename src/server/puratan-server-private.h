/* puratan-server-private.h: internals shared by the server's files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-server-preflight-store.h"
#include "puratan-server.h"

G_BEGIN_DECLS

/* A tus PATCH being written (puratan-server-tus.c). */
typedef struct _PuratanTusWrite PuratanTusWrite;

/* One request loop (puratan-server-loops.c): a SoupServer answering on its own
 * GMainContext. Loop 0 is the main loop, whose context runs every handler; the others
 * each run on a thread of their own, listening on the same port (SO_REUSEPORT), and
 * answer only routes marked PURATAN_ROUTE_THREAD_SAFE themselves: any other request's
 * early step and handler are handed to the main loop while the request is paused, and
 * the request is resumed on its own loop afterwards. */
typedef struct _PuratanServerLoop PuratanServerLoop;
struct _PuratanServerLoop
{
  PuratanServer *server;
  guint index;
  SoupServer *soup;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  /* The loop's own connection to the shop database, for the access checks of the routes
   * it answers itself (loop 0: the server's, not owned). */
  PuratanDatabase *database;
  /* Requests whose headers are awaited (PuratanRequestState *), and kept-alive connections
   * between requests (GSocket → when the next request's headers are due, boxed gint64),
   * both swept once a second (puratan-server-limits.c); used on this loop only. */
  GHashTable *awaiting_headers;
  GHashTable *idle_connections;
  GSource *sweep;
};

struct _PuratanServer
{
  GObject parent_instance;

  SoupServer *soup;
  /* The request loops: loops[0] is the main loop (soup, on main_context); how many
   * there are to be (puratan_server_set_loops()). */
  GPtrArray *loops;
  GMainContext *main_context;
  guint n_loops;
  gboolean access_log;
  PuratanRouter *router;
  PuratanDatabase *database;
  PuratanPreflightStore *preflight_store;
  char *data_dir;
  guint8 token_key[PURATAN_TOKEN_KEY_SIZE];
  PuratanServerAuthSettings auth;
  char *totp_issuer;
  gsize max_body_size;
  gsize max_upload_size;
  guint max_jobs;
  guint n_jobs;
  /* The business routes: the catalog (read on first use), its JSON answer's body and
   * ETag (made once, then shared by every answer), the
   * Idempotency-Keys of requests being answered ("ACCOUNT\nKEY"), and the
   * connected events WebSocket clients. */
  GMutex catalog_lock;
  struct _PuratanCatalog *catalog;
  GBytes *catalog_body;
  char *catalog_etag;
  /* Lines priced from the catalog, by what decides their price (see price_line() in
   * puratan-server-orders.c): key → PuratanOrderLine; used on the main loop only. */
  GHashTable *priced_lines;
  GHashTable *inflight_keys;
  GPtrArray *event_clients;
  /* Operations: metrics, the rate limiter and the limits (puratan-server-metrics.c,
   * puratan-server-limits.c). */
  struct _PuratanMetrics *metrics;
  struct _PuratanRateLimiter *rate_limiter;
  SoupServer *metrics_soup;
  gsize max_header_size;
  double rate_limit;
  double rate_burst;
  guint idle_timeout;
  gboolean tls;
  /* The ids of the uploads a PATCH is writing to. */
  GHashTable *tus_writing;
  /* The running SHA-256 of each upload received in order since the server started
   * (id → PuratanTusHash), so that a finished upload need not be read again to hash it. */
  GHashTable *tus_hashes;
  /* Seconds an unfinished upload is kept after its creation (0: for ever), and the sweep
   * that removes those past it (puratan-server-tus.c). */
  guint upload_expiry;
  GSource *upload_reaper;
  /* The online payment provider, when one is configured. */
  struct _PuratanPaymentProvider *payment_provider;
};

/* What the server tracks about one request while it runs. */
typedef struct
{
  gint64 start_us;
  guint64 body_bytes;
  gsize body_limit;
  gboolean deferred;
  /* The file an upload route's body is spooled to, until a handler takes
   * it (puratan_server_take_upload()) or the request ends. */
  int upload_fd;
  char *upload_path;
  /* The X-Request-Id every answer carries, and who sent the request. */
  char *request_id;
  PuratanPrincipal *principal;
  /* The Idempotency-Key the request holds while it runs (see
   * puratan-server-idempotency.c). */
  char *inflight_key;
  /* The route pattern that matched, for metrics (owned by the router); and, while
   * the request's headers are awaited, when they are due (monotonic time) and what
   * to shut down if they are late. */
  const char *route;
  gint64 headers_due_us;
  SoupServerMessage *msg;
  PuratanServer *server;
  /* The loop whose connection carries the request. */
  PuratanServerLoop *loop;
  /* The connection now carries a WebSocket: it is no longer an HTTP connection. */
  gboolean upgraded;
  /* A tus PATCH's write into its upload (upload_fd is then the upload's partial file). */
  PuratanTusWrite *tus;
  /* The route found for the request when its headers were read, kept for its handler's
   * step (the method and path do not change in between). */
  gboolean matched;
  PuratanRouteStatus match_status;
  PuratanRouteMatch match;
} PuratanRequestState;

typedef struct _PuratanMetrics PuratanMetrics;
typedef struct _PuratanRateLimiter PuratanRateLimiter;

PuratanMetrics *puratan_metrics_new (void);
void puratan_metrics_free (PuratanMetrics *metrics);
void puratan_metrics_record_request (PuratanMetrics *metrics,
                                     const char *method,
                                     const char *route,
                                     guint status,
                                     gint64 duration_us);
void puratan_metrics_add_upload_bytes (PuratanMetrics *metrics, guint64 n_bytes);
void puratan_metrics_job_started (PuratanMetrics *metrics);
void puratan_server_add_metrics_routes (PuratanServer *self);
PuratanRateLimiter *puratan_rate_limiter_new (void);
void puratan_rate_limiter_free (PuratanRateLimiter *limiter);
gboolean puratan_server_limits_check (PuratanServer *self, SoupServerMessage *msg);
void puratan_server_limits_request_started (PuratanServer *self,
                                            SoupServerMessage *msg,
                                            PuratanRequestState *state);
void puratan_server_limits_headers_read (PuratanRequestState *state);
void puratan_server_limits_request_finished (PuratanServer *self,
                                             SoupServerMessage *msg,
                                             PuratanRequestState *state);
void puratan_server_limits_loop_finalize (PuratanServerLoop *loop);
void puratan_server_limits_connection_upgraded (SoupServerMessage *msg);
void puratan_server_answer_begins (SoupServerMessage *msg);
void puratan_server_answer_written (SoupServerMessage *msg);

GQuark puratan_server_request_state_quark (void);
void puratan_server_assign_request_id (SoupServerMessage *msg, PuratanRequestState *state);

void puratan_server_add_health_routes (PuratanServer *self);
void puratan_server_add_route_full (PuratanServer *self,
                                    const char *method,
                                    const char *pattern,
                                    PuratanRouteFlags flags,
                                    PuratanRouteHandler handler,
                                    gpointer user_data);
void puratan_server_add_business_routes (PuratanServer *self);
void puratan_server_business_finalize (PuratanServer *self);
void puratan_server_add_auth_routes (PuratanServer *self);
void puratan_server_add_session_routes (PuratanServer *self);
gint64 puratan_server_now (void);
void puratan_server_respond_unauthorized (SoupServerMessage *msg,
                                          const char *oauth_error,
                                          const char *code,
                                          const char *detail);
JsonObject *puratan_server_read_json (SoupServerMessage *msg);
void puratan_server_add_token_members (JsonBuilder *builder,
                                       PuratanServer *self,
                                       const char *account_id,
                                       const char *session_id,
                                       PuratanRole role,
                                       gboolean second_factor,
                                       const char *refresh_token,
                                       gint64 now);
void puratan_server_add_totp_routes (PuratanServer *self);
gboolean puratan_server_authorize (PuratanServer *self,
                                   SoupServerMessage *msg,
                                   const char *method,
                                   const char *pattern);
void puratan_server_set_principal (SoupServerMessage *msg, PuratanPrincipal *principal);
const guint8 *puratan_server_get_token_key (PuratanServer *self);
void puratan_server_add_preflight_routes (PuratanServer *self);
void puratan_server_add_preflight_result_routes (PuratanServer *self);
PuratanPreflightStore *puratan_server_get_preflight_store (PuratanServer *self);
void puratan_server_remove_stale_uploads (const char *data_dir);
int puratan_server_upload_create (const char *data_dir, char **path, GError **error);
gboolean puratan_server_upload_write (int fd, const void *data, gsize length, GError **error);
char *puratan_server_take_upload (SoupServerMessage *msg, GError **error);

gboolean puratan_server_job_begin (PuratanServer *self);
void puratan_server_job_end (PuratanServer *self);
void puratan_server_defer (SoupServerMessage *msg);
void puratan_server_resume (SoupServerMessage *msg);

/* Request loops (puratan-server-loops.c). */
typedef void (*PuratanMainStep) (PuratanServer *self, SoupServerMessage *msg);
void puratan_server_setup_soup (PuratanServer *self, SoupServer *soup);
PuratanServerLoop *puratan_server_loop_new_main (PuratanServer *self);
PuratanServerLoop *puratan_server_loop_of (SoupServer *soup);
gboolean puratan_server_loops_listen (PuratanServer *self,
                                      GSocketAddress *address,
                                      gboolean tls,
                                      GError **error);
void puratan_server_loops_stop (PuratanServer *self);
gboolean puratan_server_on_main (PuratanServer *self, SoupServerMessage *msg);
void
puratan_server_hand_to_main (PuratanServer *self, SoupServerMessage *msg, PuratanMainStep step);
void puratan_server_unpause (SoupServerMessage *msg);
void
puratan_server_invoke_on_main (PuratanServer *self, SoupServerMessage *msg, PuratanMainStep step);
PuratanDatabase *puratan_server_loop_database (PuratanServer *self);

G_END_DECLS
