/* puratan-server.h: the REST backend's HTTP server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-auth.h"
#include "puratan-router.h"
#include "puratan-server-response.h"
#include "puratan-store.h"

G_BEGIN_DECLS

/* The request body limit unless the caller sets another: 1 MiB. */
#define PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE (1024 * 1024)
/* The upload limit on upload routes unless the caller sets another: 256 MiB. */
#define PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE ((gsize) 256 * 1024 * 1024)
/* How many long jobs (preflight checks) run at once unless set otherwise. */
#define PURATAN_SERVER_DEFAULT_MAX_JOBS 2
/* How long a checked upload and its report are kept: 24 hours. */
#define PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP (24 * 60 * 60)
/* How long an unfinished resumable upload is kept after its creation: 24 hours. */
#define PURATAN_SERVER_DEFAULT_UPLOAD_EXPIRY (24 * 60 * 60)
/* How many checked uploads are kept at most, the oldest removed first. */
#define PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS 100
/* The longest request path the server accepts (414 beyond it). */
#define PURATAN_SERVER_MAX_PATH_LENGTH 2048
/* The request header limit unless set otherwise: 16 KiB of fields (431 beyond it). */
#define PURATAN_SERVER_DEFAULT_MAX_HEADER_SIZE (16 * 1024)
/* Requests per second and burst per client address unless set otherwise: off by default,
 * as behind a reverse proxy every client has the proxy's address (see docs/rest-api.md). */
#define PURATAN_SERVER_DEFAULT_RATE_LIMIT 0
#define PURATAN_SERVER_DEFAULT_RATE_BURST 200
/* Seconds a connection may take to send a request's headers, or wait on a read or write. */
#define PURATAN_SERVER_DEFAULT_IDLE_TIMEOUT 30
/* How old a Stripe webhook's signature may be, in seconds, unless configured. */
#define PURATAN_SERVER_DEFAULT_STRIPE_TOLERANCE 300

/* The shop database's file name inside the data directory. */
#define PURATAN_SERVER_DATABASE_NAME "shop.sqlite3"
/* The file of the key that signs access tokens, inside the data directory unless configured. */
#define PURATAN_SERVER_TOKEN_KEY_NAME "token-key"
/* Access tokens live 15 minutes, refresh tokens 30 days, unless configured. */
#define PURATAN_SERVER_DEFAULT_ACCESS_LIFETIME  (15 * 60)
#define PURATAN_SERVER_DEFAULT_REFRESH_LIFETIME (30 * 24 * 60 * 60)
/* A refresh whose answer was lost may be retried for a minute (see puratan-auth-session.c). */
#define PURATAN_SERVER_DEFAULT_REFRESH_RETRY_GRACE 60
/* The name authenticator apps show next to the account. */
#define PURATAN_SERVER_DEFAULT_TOTP_ISSUER "Puratan Printers"

/**
 * PuratanServerAuthSettings:
 * @access_lifetime: seconds an access token is valid
 * @refresh_lifetime: seconds a refresh token is valid (each rotation starts anew)
 * @refresh_retry_grace: seconds after a refresh during which the spent token may be
 *   presented again while its successor was never used (the answer was lost); 0 for never
 * @totp_issuer: (not nullable): the issuer named in `otpauth://` URIs
 * @throttle: how failed sign-ins are slowed down and locked out
 *
 * How the server signs people in.
 */
typedef struct
{
  guint access_lifetime;
  guint refresh_lifetime;
  guint refresh_retry_grace;
  const char *totp_issuer;
  PuratanThrottlePolicy throttle;
} PuratanServerAuthSettings;

/**
 * PuratanPrincipal:
 * @account_id: the signed-in account
 * @session_id: the session (refresh-token family) of the access token
 * @role: the account's current role
 * @second_factor: whether the session was opened with a TOTP code
 *
 * Who sent a request, as established from its access token and the store.
 */
typedef struct
{
  char *account_id;
  char *session_id;
  PuratanRole role;
  gboolean second_factor;
} PuratanPrincipal;

void puratan_principal_free (PuratanPrincipal *principal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPrincipal, puratan_principal_free)

/**
 * PuratanServerLimits:
 * @max_header_size: the largest sum of request header fields in bytes (431 beyond it)
 * @rate_limit: requests per second a client address may send on average; 0 for no limit
 * @rate_burst: requests a client address may send at once (the token bucket's size)
 * @idle_timeout: seconds a connection may take to send a request's headers or wait on
 *   one read or write; 0 for no limit
 *
 * Limits that keep one client from holding or flooding the server.
 */
typedef struct
{
  gsize max_header_size;
  double rate_limit;
  double rate_burst;
  guint idle_timeout;
} PuratanServerLimits;

#define PURATAN_TYPE_SERVER (puratan_server_get_type ())
G_DECLARE_FINAL_TYPE (PuratanServer, puratan_server, PURATAN, SERVER, GObject)

PuratanServer *puratan_server_new (const char *data_dir, GError **error);
gboolean puratan_server_listen (PuratanServer *self, const char *address, GError **error);
void puratan_server_disconnect (PuratanServer *self);
char *puratan_server_get_url (PuratanServer *self);
const char *puratan_server_get_data_dir (PuratanServer *self);
PuratanDatabase *puratan_server_get_database (PuratanServer *self);
gsize puratan_server_get_max_body_size (PuratanServer *self);
void puratan_server_set_max_body_size (PuratanServer *self, gsize max_body_size);
gsize puratan_server_get_max_upload_size (PuratanServer *self);
void puratan_server_set_max_upload_size (PuratanServer *self, gsize max_upload_size);
void puratan_server_set_upload_expiry (PuratanServer *self, guint seconds);
guint puratan_server_get_max_jobs (PuratanServer *self);
void puratan_server_set_max_jobs (PuratanServer *self, guint max_jobs);
guint puratan_server_get_preflight_keep (PuratanServer *self);
guint puratan_server_get_preflight_max_results (PuratanServer *self);
void
puratan_server_set_preflight_limits (PuratanServer *self, guint keep_seconds, guint max_results);
void puratan_server_add_route (PuratanServer *self,
                               const char *method,
                               const char *pattern,
                               PuratanRouteHandler handler,
                               gpointer user_data);
void puratan_server_add_upload_route (PuratanServer *self,
                                      const char *method,
                                      const char *pattern,
                                      PuratanRouteHandler handler,
                                      gpointer user_data);

gboolean puratan_server_set_token_key_file (PuratanServer *self, const char *path, GError **error);
const PuratanServerAuthSettings *puratan_server_get_auth_settings (PuratanServer *self);
void puratan_server_set_auth_settings (PuratanServer *self,
                                       const PuratanServerAuthSettings *settings);
void puratan_server_foreach_route (PuratanServer *self, PuratanRouteFunc func, gpointer user_data);
const PuratanPrincipal *puratan_server_get_principal (SoupServerMessage *msg);
GBytes *puratan_server_get_openapi (void);
const char *puratan_server_get_request_id (SoupServerMessage *msg);
gboolean puratan_server_set_stripe (PuratanServer *self,
                                    const char *base_url,
                                    const char *secret_key,
                                    const char *webhook_secret,
                                    guint tolerance_seconds,
                                    GError **error);

void puratan_server_set_limits (PuratanServer *self, const PuratanServerLimits *limits);
void puratan_server_set_loops (PuratanServer *self, guint n_loops);
void puratan_server_set_access_log (PuratanServer *self, gboolean access_log);
gboolean puratan_server_set_tls_files (PuratanServer *self,
                                       const char *certificate_path,
                                       const char *key_path,
                                       GError **error);
gboolean puratan_server_listen_metrics (PuratanServer *self, const char *address, GError **error);
char *puratan_server_get_metrics_url (PuratanServer *self);

gboolean puratan_server_is_ready (PuratanServer *self, GError **error);

GInetSocketAddress *puratan_server_parse_address (const char *text, GError **error);

G_END_DECLS
