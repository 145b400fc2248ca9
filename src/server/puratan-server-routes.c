/* puratan-server-routes.c: adding routes, the slots of long jobs, and what handlers ask of
 * the server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-server-private.h"

/* Adds a route after checking it has its row in the permission table; one
 * without is still added, and refused to everyone, so the gap shows in
 * every test as a critical warning and to clients as 403. */
void
puratan_server_add_route_full (PuratanServer *self,
                               const char *method,
                               const char *pattern,
                               PuratanRouteFlags flags,
                               PuratanRouteHandler handler,
                               gpointer user_data)
{
  if (puratan_permission_lookup (method, pattern) == NULL)
    g_critical ("The route %s %s has no row in the permission table (src/auth/"
                "puratan-permission.c); it is refused to everyone",
                method, pattern);
  puratan_router_add_full (self->router, method, pattern, flags, handler, user_data);
}

/**
 * puratan_server_add_route:
 * @self: a server
 * @method: an HTTP method in upper case
 * @pattern: an absolute path pattern such as "/api/v1/orders/{id}"
 * @handler: the function that answers matching requests
 * @user_data: (nullable): data for @handler, kept alive by the caller as
 *   long as @self
 *
 * Adds a route; see puratan_router_add(). The route must have a row in the
 * permission table (puratan_permission_lookup()): the server lets only the
 * roles that row names reach @handler. The server answers 404 for
 * paths no route matches and 405, with `Allow`, for methods no route of
 * the path accepts.
 */
void
puratan_server_add_route (PuratanServer *self,
                          const char *method,
                          const char *pattern,
                          PuratanRouteHandler handler,
                          gpointer user_data)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  puratan_server_add_route_full (self, method, pattern, PURATAN_ROUTE_DEFAULT, handler, user_data);
}

/**
 * puratan_server_add_upload_route:
 * @self: a server
 * @method: an HTTP method in upper case
 * @pattern: an absolute path pattern such as "/api/v1/preflight"
 * @handler: the function that answers matching requests
 * @user_data: (nullable): data for @handler, kept alive by the caller as
 *   long as @self
 *
 * Adds a route that takes file uploads: its request bodies are held to the
 * upload limit (puratan_server_set_max_upload_size()) instead of the body
 * limit, and are written to a private file in the data directory as they
 * arrive instead of being kept in memory. @handler takes the file with
 * puratan_server_take_upload(); a file it does not take is deleted when it
 * returns. Otherwise it is like puratan_server_add_route().
 */
void
puratan_server_add_upload_route (PuratanServer *self,
                                 const char *method,
                                 const char *pattern,
                                 PuratanRouteHandler handler,
                                 gpointer user_data)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  puratan_server_add_route_full (self, method, pattern, PURATAN_ROUTE_UPLOAD, handler, user_data);
}

/* Takes a slot for a long job; returns FALSE when all slots are taken.
 * Each TRUE is matched by one puratan_server_job_end(). Main thread only. */
gboolean
puratan_server_job_begin (PuratanServer *self)
{
  if (self->n_jobs >= self->max_jobs)
    return FALSE;
  self->n_jobs++;
  puratan_metrics_job_started (self->metrics);
  return TRUE;
}

/* Returns (transfer none) where the server keeps checked uploads. */
PuratanPreflightStore *
puratan_server_get_preflight_store (PuratanServer *self)
{
  return self->preflight_store;
}

/* Gives back a slot taken by puratan_server_job_begin(). */
void
puratan_server_job_end (PuratanServer *self)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;
}

/**
 * puratan_server_get_url:
 * @self: a server
 *
 * Gives the base URL of the first address the server listens on, with the
 * port it really bound, such as "http://127.0.0.1:43121/".
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when the server
 *   does not listen
 */
char *
puratan_server_get_url (PuratanServer *self)
{
  GSList *uris;
  char *url;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;

  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

/**
 * puratan_server_get_data_dir:
 * @self: a server
 *
 * Returns: (transfer none): the server's data directory
 */
const char *
puratan_server_get_data_dir (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), NULL);

  return self->data_dir;
}

/**
 * puratan_server_get_database:
 * @self: a server
 *
 * Gives the shop database the server works on, for route handlers.
 *
 * Returns: (transfer none): the open database
 */
PuratanDatabase *
puratan_server_get_database (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), NULL);

  return self->database;
}
