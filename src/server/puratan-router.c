/* puratan-router.c: maps an HTTP method and path to a handler
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A route is a method and a pattern of "/"-separated segments. A segment
 * is either literal text, compared with the request's (still
 * percent-encoded) path segment byte for byte, or `{name}`, which captures
 * one whole segment and hands it to the handler percent-decoded. Routes
 * are tried in the order they were added; the first match wins.
 */
#include "puratan-router.h"

#include <string.h>

typedef struct
{
  char *method;
  char *pattern;
  char **segments;
  /* How many segments, and which are parameters (bit i for segment i; a pattern has at most
   * 64 segments), worked out once: every request is matched against every route. */
  guint n_segments;
  guint64 params;
  PuratanRouteFlags flags;
  PuratanRouteHandler handler;
  gpointer user_data;
} PuratanRoute;

struct _PuratanRouter
{
  GPtrArray *routes;
};

static void
puratan_route_free (PuratanRoute *route)
{
  g_free (route->method);
  g_free (route->pattern);
  g_strfreev (route->segments);
  g_free (route);
}

/* Splits "/a/b" into { "a", "b" }; "/" gives { "" }. */
static char **
split_path (const char *path)
{
  return g_strsplit (path + 1, "/", -1);
}

static gboolean
segment_is_param (const char *segment)
{
  gsize len = strlen (segment);

  return len > 2 && segment[0] == '{' && segment[len - 1] == '}';
}

/* Returns TRUE when @segments fit @route's pattern. When @params is not
 * NULL, captured segments are decoded into it; *bad_path is set when one
 * cannot be decoded. */
static gboolean
route_matches_path (const PuratanRoute *route,
                    char **segments,
                    guint n_path,
                    GHashTable *params,
                    gboolean *bad_path)
{
  guint n = route->n_segments;

  if (n != n_path)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *want = route->segments[i];

      if ((route->params & (G_GUINT64_CONSTANT (1) << i)) == 0)
        {
          if (strcmp (want, segments[i]) != 0)
            return FALSE;
          continue;
        }

      if (segments[i][0] == '\0')
        return FALSE;

      if (params != NULL)
        {
          char *value = g_uri_unescape_segment (segments[i], NULL, "/");

          if (value == NULL)
            {
              *bad_path = TRUE;
              return FALSE;
            }
          g_hash_table_insert (params, g_strndup (want + 1, strlen (want) - 2), value);
        }
    }

  return TRUE;
}

static gboolean
method_accepts (const char *route_method, const char *method)
{
  if (strcmp (route_method, method) == 0)
    return TRUE;
  /* HEAD is GET without a body; libsoup drops the body for us. */
  return strcmp (method, "HEAD") == 0 && strcmp (route_method, "GET") == 0;
}

static void
allow_add (GPtrArray *allow, const char *method)
{
  for (guint i = 0; i < allow->len; i++)
    if (strcmp (g_ptr_array_index (allow, i), method) == 0)
      return;
  g_ptr_array_add (allow, (gpointer) method);
}

/**
 * puratan_router_new:
 *
 * Creates an empty route table.
 *
 * Returns: (transfer full): a new router; free it with puratan_router_free()
 */
PuratanRouter *
puratan_router_new (void)
{
  PuratanRouter *self = g_new0 (PuratanRouter, 1);

  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_route_free);
  return self;
}

/**
 * puratan_router_free:
 * @self: (transfer full) (nullable): a router
 *
 * Frees @self and its routes. The routes' user data is not freed.
 */
void
puratan_router_free (PuratanRouter *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->routes);
  g_free (self);
}

/**
 * puratan_router_add:
 * @self: a router
 * @method: an HTTP method in upper case ("GET", "POST", ...)
 * @pattern: an absolute path pattern such as "/api/v1/orders/{id}"
 * @handler: the function that answers matching requests
 * @user_data: (nullable): data for @handler; the caller keeps it alive as
 *   long as @self
 *
 * Adds an ordinary route (%PURATAN_ROUTE_DEFAULT); see
 * puratan_router_add_full().
 */
void
puratan_router_add (PuratanRouter *self,
                    const char *method,
                    const char *pattern,
                    PuratanRouteHandler handler,
                    gpointer user_data)
{
  puratan_router_add_full (self, method, pattern, PURATAN_ROUTE_DEFAULT, handler, user_data);
}

/**
 * puratan_router_add_full:
 * @self: a router
 * @method: an HTTP method in upper case ("GET", "POST", ...)
 * @pattern: an absolute path pattern such as "/api/v1/orders/{id}"
 * @flags: how the server treats the route's requests, handed back in
 *   #PuratanRouteMatch
 * @handler: the function that answers matching requests
 * @user_data: (nullable): data for @handler; the caller keeps it alive as
 *   long as @self
 *
 * Adds a route. Routes are tried in the order they are added.
 */
void
puratan_router_add_full (PuratanRouter *self,
                         const char *method,
                         const char *pattern,
                         PuratanRouteFlags flags,
                         PuratanRouteHandler handler,
                         gpointer user_data)
{
  PuratanRoute *route;
  char **segments;

  g_return_if_fail (self != NULL);
  g_return_if_fail (method != NULL && *method != '\0');
  g_return_if_fail (pattern != NULL && pattern[0] == '/');
  g_return_if_fail (handler != NULL);

  segments = split_path (pattern);
  if (g_strv_length (segments) > 64)
    {
      g_critical ("The route pattern %s has more than 64 segments", pattern);
      g_strfreev (segments);
      return;
    }
  route = g_new0 (PuratanRoute, 1);
  route->method = g_strdup (method);
  route->pattern = g_strdup (pattern);
  route->segments = segments;
  route->n_segments = g_strv_length (route->segments);
  for (guint i = 0; i < route->n_segments; i++)
    if (segment_is_param (route->segments[i]))
      route->params |= G_GUINT64_CONSTANT (1) << i;
  route->flags = flags;
  route->handler = handler;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

/**
 * puratan_router_match:
 * @self: a router
 * @method: the request's method
 * @path: the request's absolute path, still percent-encoded, without the
 *   query string
 * @match: (out caller-allocates): filled with what was found; the caller
 *   releases it with puratan_route_match_clear() whatever the result
 *
 * Finds the route for a request. A GET route also answers HEAD. When the
 * path is known but the method is not, @match->allow lists the methods
 * that are, for the `Allow` header of a 405 or an OPTIONS answer.
 *
 * Returns: what was found
 */
PuratanRouteStatus
puratan_router_match (PuratanRouter *self,
                      const char *method,
                      const char *path,
                      PuratanRouteMatch *match)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GPtrArray) allow = NULL;
  guint n_path;

  g_return_val_if_fail (self != NULL, PURATAN_ROUTE_NOT_FOUND);
  g_return_val_if_fail (method != NULL, PURATAN_ROUTE_NOT_FOUND);
  g_return_val_if_fail (path != NULL, PURATAN_ROUTE_NOT_FOUND);
  g_return_val_if_fail (match != NULL, PURATAN_ROUTE_NOT_FOUND);

  memset (match, 0, sizeof *match);
  if (path[0] != '/')
    return PURATAN_ROUTE_NOT_FOUND;

  segments = split_path (path);
  n_path = g_strv_length (segments);

  for (guint i = 0; i < self->routes->len; i++)
    {
      const PuratanRoute *route = g_ptr_array_index (self->routes, i);
      gboolean bad_path = FALSE;

      if (!route_matches_path (route, segments, n_path, NULL, NULL))
        continue;

      if (method_accepts (route->method, method))
        {
          g_autoptr (GHashTable) params =
              g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

          if (!route_matches_path (route, segments, n_path, params, &bad_path))
            return bad_path ? PURATAN_ROUTE_BAD_PATH : PURATAN_ROUTE_NOT_FOUND;

          match->handler = route->handler;
          match->user_data = route->user_data;
          match->flags = route->flags;
          match->pattern = route->pattern;
          match->params = g_steal_pointer (&params);
          return PURATAN_ROUTE_FOUND;
        }

      if (allow == NULL)
        allow = g_ptr_array_new ();
      allow_add (allow, route->method);
      if (strcmp (route->method, "GET") == 0)
        allow_add (allow, "HEAD");
    }

  if (allow == NULL)
    return PURATAN_ROUTE_NOT_FOUND;

  allow_add (allow, "OPTIONS");
  g_ptr_array_add (allow, NULL);
  match->allow = g_strjoinv (", ", (char **) allow->pdata);
  return PURATAN_ROUTE_METHOD_NOT_ALLOWED;
}

/**
 * puratan_route_match_clear:
 * @match: a match filled by puratan_router_match()
 *
 * Frees what @match owns and zeroes it.
 */
void
puratan_route_match_clear (PuratanRouteMatch *match)
{
  g_return_if_fail (match != NULL);

  g_clear_pointer (&match->params, g_hash_table_unref);
  g_clear_pointer (&match->allow, g_free);
  match->handler = NULL;
  match->user_data = NULL;
  match->flags = PURATAN_ROUTE_DEFAULT;
  match->pattern = NULL;
}

/**
 * puratan_router_foreach:
 * @self: a router
 * @func: (scope call): called with each route's method and pattern, in the
 *   order they were added
 * @user_data: data for @func
 *
 * Walks every route, for checks that each has what it needs (such as a row
 * in the permission table) and for documentation.
 */
void
puratan_router_foreach (PuratanRouter *self, PuratanRouteFunc func, gpointer user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < self->routes->len; i++)
    {
      const PuratanRoute *route = g_ptr_array_index (self->routes, i);

      func (route->method, route->pattern, user_data);
    }
}
