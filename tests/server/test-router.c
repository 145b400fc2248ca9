/* test-router.c: unit tests of the server's router and address parser
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-error.h"
#include "puratan-server.h"

static void
order_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
}

static void
list_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
}

static PuratanRouter *
make_router (void)
{
  PuratanRouter *router = puratan_router_new ();

  puratan_router_add (router, "GET", "/api/v1/orders", list_cb, GINT_TO_POINTER (1));
  puratan_router_add (router, "POST", "/api/v1/orders", list_cb, GINT_TO_POINTER (2));
  puratan_router_add (router, "GET", "/api/v1/orders/{id}", order_cb, GINT_TO_POINTER (3));
  puratan_router_add (router, "PUT", "/api/v1/orders/{id}", order_cb, GINT_TO_POINTER (4));
  return router;
}

static void
test_literal (void)
{
  g_autoptr (PuratanRouter) router = make_router ();
  g_auto (PuratanRouteMatch) get = { 0 };
  g_auto (PuratanRouteMatch) post = { 0 };
  g_auto (PuratanRouteMatch) head = { 0 };

  g_assert_cmpint (puratan_router_match (router, "GET", "/api/v1/orders", &get), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_true (get.handler == list_cb);
  g_assert_cmpint (GPOINTER_TO_INT (get.user_data), ==, 1);
  g_assert_cmpuint (g_hash_table_size (get.params), ==, 0);
  g_assert_null (get.allow);

  g_assert_cmpint (puratan_router_match (router, "POST", "/api/v1/orders", &post), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpint (GPOINTER_TO_INT (post.user_data), ==, 2);

  /* HEAD is answered by the GET route. */
  g_assert_cmpint (puratan_router_match (router, "HEAD", "/api/v1/orders", &head), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpint (GPOINTER_TO_INT (head.user_data), ==, 1);
}

static void
test_params (void)
{
  g_autoptr (PuratanRouter) router = make_router ();
  g_auto (PuratanRouteMatch) plain = { 0 };
  g_auto (PuratanRouteMatch) encoded = { 0 };
  g_auto (PuratanRouteMatch) slash = { 0 };
  g_auto (PuratanRouteMatch) nul = { 0 };
  g_auto (PuratanRouteMatch) empty = { 0 };

  g_assert_cmpint (puratan_router_match (router, "PUT", "/api/v1/orders/ord-42", &plain), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpint (GPOINTER_TO_INT (plain.user_data), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (plain.params, "id"), ==, "ord-42");

  g_assert_cmpint (puratan_router_match (router, "GET", "/api/v1/orders/a%20b", &encoded), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpstr (g_hash_table_lookup (encoded.params, "id"), ==, "a b");

  /* A parameter never holds a "/" or a NUL, encoded or not. */
  g_assert_cmpint (puratan_router_match (router, "GET", "/api/v1/orders/a%2Fb", &slash), ==,
                   PURATAN_ROUTE_BAD_PATH);
  g_assert_null (slash.params);
  g_assert_cmpint (puratan_router_match (router, "GET", "/api/v1/orders/a%00", &nul), ==,
                   PURATAN_ROUTE_BAD_PATH);
  g_assert_cmpint (puratan_router_match (router, "GET", "/api/v1/orders/", &empty), ==,
                   PURATAN_ROUTE_NOT_FOUND);
}

static void
test_not_found (void)
{
  g_autoptr (PuratanRouter) router = make_router ();
  const char *const paths[] = {
    "/", "", "api/v1/orders", "/api/v1", "/api/v1/orders/1/lines", "/API/v1/orders", "/api//orders",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto (PuratanRouteMatch) match = { 0 };

      g_assert_cmpint (puratan_router_match (router, "GET", paths[i], &match), ==,
                       PURATAN_ROUTE_NOT_FOUND);
      g_assert_null (match.handler);
      g_assert_null (match.allow);
    }
}

static void
test_method_not_allowed (void)
{
  g_autoptr (PuratanRouter) router = make_router ();
  g_auto (PuratanRouteMatch) list = { 0 };
  g_auto (PuratanRouteMatch) item = { 0 };

  g_assert_cmpint (puratan_router_match (router, "DELETE", "/api/v1/orders", &list), ==,
                   PURATAN_ROUTE_METHOD_NOT_ALLOWED);
  g_assert_null (list.handler);
  g_assert_cmpstr (list.allow, ==, "GET, HEAD, POST, OPTIONS");

  g_assert_cmpint (puratan_router_match (router, "OPTIONS", "/api/v1/orders/7", &item), ==,
                   PURATAN_ROUTE_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (item.allow, ==, "GET, HEAD, PUT, OPTIONS");
}

static void
test_address (void)
{
  struct
  {
    const char *text;
    const char *host;
    guint16 port;
  } good[] = {
    { "127.0.0.1:8080", "127.0.0.1", 8080 },
    { "0.0.0.0:0", "0.0.0.0", 0 },
    { "[::1]:443", "::1", 443 },
    { "[::]:65535", "::", 65535 },
  };
  const char *const bad[] = {
    "",
    "127.0.0.1",
    "127.0.0.1:",
    "127.0.0.1:65536",
    "127.0.0.1:-1",
    "127.0.0.1:80x",
    "localhost:80",
    "::1:80",
    "[::1]80",
    "[::1:80",
    "[127.0.0.1]:80",
    "300.1.1.1:80",
    ":80",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInetSocketAddress) address = puratan_server_parse_address (good[i].text, &error);
      g_autofree char *host = NULL;

      g_assert_no_error (error);
      host = g_inet_address_to_string (g_inet_socket_address_get_address (address));
      g_assert_cmpstr (host, ==, good[i].host);
      g_assert_cmpuint (g_inet_socket_address_get_port (address), ==, good[i].port);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInetSocketAddress) address = puratan_server_parse_address (bad[i], &error);

      g_assert_null (address);
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "Invalid listen address"));
    }
}

static void
test_status_for_error (void)
{
  struct
  {
    GQuark domain;
    int code;
    guint status;
  } cases[] = {
    { PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, 400 },
    { PURATAN_ERROR, PURATAN_ERROR_PARSE, 400 },
    { PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, 404 },
    { PURATAN_ERROR, PURATAN_ERROR_CONFLICT, 409 },
    { PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED, 403 },
    { PURATAN_ERROR, PURATAN_ERROR_IO, 500 },
    { PURATAN_ERROR, PURATAN_ERROR_CORRUPT, 500 },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, 500 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpuint (puratan_server_status_for_error (error), ==, cases[i].status);
    }
}

static void
test_flags (void)
{
  g_autoptr (PuratanRouter) router = make_router ();
  g_auto (PuratanRouteMatch) upload = { 0 };
  g_auto (PuratanRouteMatch) plain = { 0 };

  puratan_router_add_full (router, "POST", "/api/v1/files", PURATAN_ROUTE_UPLOAD, list_cb,
                           GINT_TO_POINTER (5));
  g_assert_cmpint (puratan_router_match (router, "POST", "/api/v1/files", &upload), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpint (GPOINTER_TO_INT (upload.user_data), ==, 5);
  g_assert_cmpint (upload.flags, ==, PURATAN_ROUTE_UPLOAD);

  g_assert_cmpint (puratan_router_match (router, "POST", "/api/v1/orders", &plain), ==,
                   PURATAN_ROUTE_FOUND);
  g_assert_cmpint (plain.flags, ==, PURATAN_ROUTE_DEFAULT);
}

static void
test_data_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "a", "b", NULL);
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "file", NULL);
  g_autoptr (PuratanServer) server = NULL;
  g_autoptr (PuratanServer) refused = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  server = puratan_server_new (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (puratan_server_get_data_dir (server), ==, dir);
  g_assert_true (puratan_server_is_ready (server, &error));
  g_assert_no_error (error);
  g_assert_cmpint (puratan_database_get_schema_version (puratan_server_get_database (server)), ==,
                   puratan_database_get_latest_schema_version ());
  g_assert_cmpuint (puratan_server_get_max_body_size (server), ==,
                    PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE);
  puratan_server_set_max_body_size (server, 10);
  g_assert_cmpuint (puratan_server_get_max_body_size (server), ==, 10);
  g_assert_cmpuint (puratan_server_get_max_upload_size (server), ==,
                    PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE);
  puratan_server_set_max_upload_size (server, 20);
  g_assert_cmpuint (puratan_server_get_max_upload_size (server), ==, 20);
  g_assert_cmpuint (puratan_server_get_max_body_size (server), ==, 10);
  g_assert_cmpuint (puratan_server_get_max_jobs (server), ==, PURATAN_SERVER_DEFAULT_MAX_JOBS);
  puratan_server_set_max_jobs (server, 0);
  g_assert_cmpuint (puratan_server_get_max_jobs (server), ==, 0);

  /* Not listening yet: no URL. */
  url = puratan_server_get_url (server);
  g_assert_null (url);

  g_file_set_contents (file, "x", -1, &error);
  g_assert_no_error (error);
  refused = puratan_server_new (file, &error);
  g_assert_null (refused);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/router/literal", test_literal);
  g_test_add_func ("/server/router/params", test_params);
  g_test_add_func ("/server/router/not-found", test_not_found);
  g_test_add_func ("/server/router/method-not-allowed", test_method_not_allowed);
  g_test_add_func ("/server/router/flags", test_flags);
  g_test_add_func ("/server/address/parse", test_address);
  g_test_add_func ("/server/response/status-for-error", test_status_for_error);
  g_test_add_func ("/server/server/data-dir", test_data_dir);

  return g_test_run ();
}
