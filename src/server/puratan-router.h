/* puratan-router.h: maps an HTTP method and path to a handler
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * PuratanRouteHandler:
 * @msg: the request being answered
 * @params: (element-type utf8 utf8): the path parameters captured by the
 *   route's `{name}` segments, percent-decoded; empty when there are none
 * @user_data: the data given when the route was added
 *
 * Answers one request. The handler sets the status and body of @msg
 * (usually through the helpers in puratan-server-response.h) before it
 * returns.
 */
typedef void (*PuratanRouteHandler) (SoupServerMessage *msg,
                                     GHashTable *params,
                                     gpointer user_data);

/**
 * PuratanRouteStatus:
 * @PURATAN_ROUTE_FOUND: a route matches the method and the path
 * @PURATAN_ROUTE_NOT_FOUND: no route matches the path
 * @PURATAN_ROUTE_METHOD_NOT_ALLOWED: routes match the path, none the method
 * @PURATAN_ROUTE_BAD_PATH: the path holds an encoded byte a parameter may
 *   not contain (NUL or "/")
 *
 * The outcome of puratan_router_match().
 */
typedef enum
{
  PURATAN_ROUTE_FOUND,
  PURATAN_ROUTE_NOT_FOUND,
  PURATAN_ROUTE_METHOD_NOT_ALLOWED,
  PURATAN_ROUTE_BAD_PATH,
} PuratanRouteStatus;

/**
 * PuratanRouteFlags:
 * @PURATAN_ROUTE_DEFAULT: an ordinary route: its request body is held to
 *   the server's body limit
 * @PURATAN_ROUTE_UPLOAD: a route that takes file uploads: its request body
 *   is held to the server's (larger) upload limit instead, and goes to a
 *   file as it arrives rather than into memory
 * @PURATAN_ROUTE_IDEMPOTENT: a route whose requests carry an `Idempotency-Key`:
 *   the sender is checked and the key taken as soon as the headers are read,
 *   so a second request with a key still in use is refused before its body
 * @PURATAN_ROUTE_RESUMABLE: a tus PATCH: its body goes into the upload's own file
 * @PURATAN_ROUTE_THREAD_SAFE: a route whose handler touches only what is safe to use
 *   from any request loop at once (read-only data, locked state, the loop's own
 *   database connection), so every request loop answers it itself instead of handing
 *   it to the main loop
 *
 * How the server treats a route's requests before its handler runs.
 */
typedef enum
{
  PURATAN_ROUTE_DEFAULT = 0,
  PURATAN_ROUTE_UPLOAD = 1 << 0,
  PURATAN_ROUTE_IDEMPOTENT = 1 << 1,
  PURATAN_ROUTE_RESUMABLE = 1 << 2,
  PURATAN_ROUTE_THREAD_SAFE = 1 << 3,
} PuratanRouteFlags;

/**
 * PuratanRouteMatch:
 * @handler: the matched handler, or %NULL
 * @user_data: the matched handler's data
 * @flags: the matched route's flags
 * @pattern: (nullable): the matched route's pattern, as it was added
 *   ("/api/v1/preflight/{id}"), owned by the router; the key of the route's
 *   row in the permission table
 * @params: (element-type utf8 utf8) (nullable): captured path parameters
 *   when a route was found
 * @allow: (nullable): the methods the path accepts, as the value of an
 *   `Allow` header ("GET, HEAD, OPTIONS"), unless the path was not found
 *
 * What puratan_router_match() found. Release it with
 * puratan_route_match_clear(), or declare it
 * `g_auto (PuratanRouteMatch) match = { 0 };`.
 */
typedef struct
{
  PuratanRouteHandler handler;
  gpointer user_data;
  PuratanRouteFlags flags;
  const char *pattern;
  GHashTable *params;
  char *allow;
} PuratanRouteMatch;

typedef struct _PuratanRouter PuratanRouter;

PuratanRouter *puratan_router_new (void);
void puratan_router_free (PuratanRouter *self);
void puratan_router_add (PuratanRouter *self,
                         const char *method,
                         const char *pattern,
                         PuratanRouteHandler handler,
                         gpointer user_data);
void puratan_router_add_full (PuratanRouter *self,
                              const char *method,
                              const char *pattern,
                              PuratanRouteFlags flags,
                              PuratanRouteHandler handler,
                              gpointer user_data);
PuratanRouteStatus puratan_router_match (PuratanRouter *self,
                                         const char *method,
                                         const char *path,
                                         PuratanRouteMatch *match);
void puratan_route_match_clear (PuratanRouteMatch *match);

/**
 * PuratanRouteFunc:
 * @method: a route's method
 * @pattern: the route's pattern
 * @user_data: the data given to puratan_router_foreach()
 *
 * Called once per route by puratan_router_foreach().
 */
typedef void (*PuratanRouteFunc) (const char *method, const char *pattern, gpointer user_data);

void puratan_router_foreach (PuratanRouter *self, PuratanRouteFunc func, gpointer user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanRouter, puratan_router_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PuratanRouteMatch, puratan_route_match_clear)

G_END_DECLS
