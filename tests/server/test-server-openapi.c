/* test-server-openapi.c: the OpenAPI document describes exactly the routes the router has
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-json.h"
#include "puratan-server.h"
#include "puratan-test-tmpdir.h"

typedef struct
{
  JsonObject *paths;
  GHashTable *seen;
  guint n_routes;
} Walk;

static void
check_route (const char *method, const char *pattern, gpointer user_data)
{
  Walk *walk = user_data;
  g_autofree char *verb = g_ascii_strdown (method, -1);
  JsonNode *item = json_object_get_member (walk->paths, pattern);

  walk->n_routes++;
  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    g_error ("The route %s %s is not in openapi.json", method, pattern);
  if (!json_object_has_member (json_node_get_object (item), verb))
    g_error ("openapi.json has %s but not its method %s", pattern, method);
  g_hash_table_add (walk->seen, g_strconcat (verb, " ", pattern, NULL));
}

static void
test_document_matches_router (void)
{
  g_autofree char *dir = g_dir_make_tmp ("openapi-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanServer) server = puratan_server_new (dir, &error);
  g_autoptr (GBytes) document = puratan_server_get_openapi ();
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char *const methods[] = { "get",  "put",   "post",  "delete", "options",
                                         "head", "patch", "trace", NULL };
  JsonObjectIter paths_iter;
  const char *path;
  JsonNode *item;
  guint n_operations = 0;
  Walk walk = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (document);
  root = puratan_json_parse_object_bytes (document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (root, "openapi"), ==, "3.1.0");
  walk.paths = json_object_get_object_member (root, "paths");
  walk.seen = seen;
  g_assert_nonnull (walk.paths);

  /* Every route the router knows is in the document… */
  puratan_server_foreach_route (server, check_route, &walk);
  g_assert_cmpuint (walk.n_routes, >, 20);

  /* …and every operation of the document is a route. */
  json_object_iter_init (&paths_iter, walk.paths);
  while (json_object_iter_next (&paths_iter, &path, &item))
    {
      JsonObjectIter ops;
      const char *member;
      JsonNode *operation;

      json_object_iter_init (&ops, json_node_get_object (item));
      while (json_object_iter_next (&ops, &member, &operation))
        {
          g_autofree char *key = g_strconcat (member, " ", path, NULL);

          if (!g_strv_contains (methods, member))
            continue;
          n_operations++;
          if (!g_hash_table_contains (seen, key))
            g_error ("openapi.json describes %s %s, which the server does not serve", member, path);
          g_assert_true (json_object_has_member (json_node_get_object (operation), "responses"));
        }
    }
  g_assert_cmpuint (n_operations, ==, walk.n_routes);
  g_clear_object (&server);
  puratan_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/openapi/matches-router", test_document_matches_router);

  status = g_test_run ();
  puratan_test_remove_tree (tmp);
  return status;
}
