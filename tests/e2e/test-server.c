/* test-server.c: end-to-end tests of the puratan-server program
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the real, built puratan-server on 127.0.0.1 with a free
 * port, learns the port from its "listening on" line and speaks HTTP to it
 * with libsoup.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/stat.h>

#include "e2e-server.h"
#include "e2e-util.h"

static void
test_health (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) live = NULL;
  g_autoptr (SoupMessage) ready = NULL;
  g_autoptr (GBytes) live_body = NULL;
  g_autoptr (GBytes) ready_body = NULL;
  g_autoptr (JsonObject) live_json = NULL;
  g_autoptr (JsonObject) ready_json = NULL;
  g_autofree char *err = NULL;
  g_autofree char *database = NULL;
  GStatBuf st;

  server_start (&server, NULL);

  /* The data directory was created private to its owner. */
  g_assert_cmpint (g_stat (server.data_dir, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  live = server_message (&server, "GET", "/livez");
  live_body = server_send (&server, live);
  g_assert_cmpuint (soup_message_get_status (live), ==, 200);
  g_assert_cmpstr (content_type (live), ==, "application/json");
  live_json = parse_object (live_body);
  g_assert_cmpstr (json_object_get_string_member (live_json, "status"), ==, "ok");
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (live), "Cache-Control"), ==,
      "no-store");

  ready = server_message (&server, "GET", "/readyz");
  ready_body = server_send (&server, ready);
  g_assert_cmpuint (soup_message_get_status (ready), ==, 200);
  g_assert_cmpstr (content_type (ready), ==, "application/json");
  ready_json = parse_object (ready_body);
  g_assert_cmpstr (json_object_get_string_member (ready_json, "status"), ==, "ready");
  g_assert_cmpint (json_object_get_int_member (ready_json, "schema_version"), >=, 1);

  /* The shop database lives in the data directory. */
  database = g_build_filename (server.data_dir, "shop.sqlite3", NULL);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));

  err = server_stop (&server, SIGTERM);
  /* Every request left one access-log record on stderr. */
  g_assert_nonnull (strstr (err, "http_method=GET http_path=/livez http_status=200"));
  g_assert_nonnull (strstr (err, "http_method=GET http_path=/readyz http_status=200"));
}

static void
test_errors (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) missing = NULL;
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (SoupMessage) options = NULL;
  g_autoptr (SoupMessage) bad_param = NULL;
  g_autoptr (GBytes) missing_body = NULL;
  g_autoptr (GBytes) post_body = NULL;
  g_autoptr (GBytes) options_body = NULL;
  g_autoptr (GBytes) bad_body = NULL;
  g_autoptr (SoupMessage) too_long = NULL;
  g_autoptr (GBytes) too_long_body = NULL;
  g_autofree char *long_path = NULL;
  g_autofree char *letters = g_strnfill (3000, 'a');
  g_autoptr (GBytes) small = g_bytes_new_static ("{}", 2);
  g_autofree char *err = NULL;

  server_start (&server, NULL);

  missing = server_message (&server, "GET", "/no/such/thing");
  missing_body = server_send (&server, missing);
  assert_problem (missing, missing_body, 404);

  /* A known path with the wrong method: 405 and the methods it takes. */
  post = server_message (&server, "POST", "/livez");
  soup_message_set_request_body_from_bytes (post, "application/json", small);
  post_body = server_send (&server, post);
  assert_problem (post, post_body, 405);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (post), "Allow"),
                   ==, "GET, HEAD, OPTIONS");

  options = server_message (&server, "OPTIONS", "/readyz");
  options_body = server_send (&server, options);
  g_assert_cmpuint (soup_message_get_status (options), ==, 204);
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (options), "Allow"), ==,
      "GET, HEAD, OPTIONS");

  /* An encoded NUL never reaches a handler. */
  bad_param = server_message (&server, "GET", "/livez%00");
  bad_body = server_send (&server, bad_param);
  g_test_message ("%%00: %u %s", soup_message_get_status (bad_param), content_type (bad_param));
  g_assert_cmpuint (soup_message_get_status (bad_param), ==, 400);

  /* An over-long path is refused before routing. */
  long_path = g_strconcat ("/", letters, NULL);
  too_long = server_message (&server, "GET", long_path);
  too_long_body = server_send (&server, too_long);
  assert_problem (too_long, too_long_body, 414);

  err = server_stop (&server, SIGINT);
  g_assert_nonnull (strstr (err, "http_method=POST http_path=/livez http_status=405"));
}

static void
test_body_limit (void)
{
  const char *const args[] = { "--max-body-size", "1024", NULL };
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) sized = NULL;
  g_autoptr (SoupMessage) chunked = NULL;
  g_autoptr (SoupMessage) after = NULL;
  g_autoptr (GBytes) sized_body = NULL;
  g_autoptr (GBytes) chunked_body = NULL;
  g_autoptr (GBytes) after_body = NULL;
  g_autoptr (GBytes) big = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autofree char *err = NULL;
  g_autofree char *data = g_malloc0 (64 * 1024);

  server_start (&server, args);
  big = g_bytes_new (data, 4096);

  /* A declared length over the limit is refused before it is stored. */
  sized = server_message (&server, "POST", "/livez");
  soup_message_set_request_body_from_bytes (sized, "application/octet-stream", big);
  /* Credentials must never reach the log. */
  soup_message_headers_replace (soup_message_get_request_headers (sized), "Authorization",
                                "Bearer secret-token-1234");
  sized_body = server_send (&server, sized);
  assert_problem (sized, sized_body, 413);

  /* A chunked body of unknown length is counted as it arrives. */
  stream = g_memory_input_stream_new_from_data (data, 64 * 1024, NULL);
  chunked = server_message (&server, "POST", "/livez");
  soup_message_set_request_body (chunked, "application/octet-stream", stream, -1);
  chunked_body = server_send (&server, chunked);
  assert_problem (chunked, chunked_body, 413);

  /* The server goes on answering afterwards. */
  after = server_message (&server, "GET", "/livez");
  after_body = server_send (&server, after);
  g_assert_cmpuint (soup_message_get_status (after), ==, 200);

  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_status=413"));
  g_assert_null (strstr (err, "secret-token"));
  g_assert_null (strstr (err, "Bearer"));
}

static void
test_version (void)
{
  const char *argv[] = { e2e_program ("PURATAN_SERVER"), "--version", NULL };
  g_auto (E2eRun) run = { 0 };

  e2e_run (&run, argv);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, "puratan-server " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  const char *argv[] = { e2e_program ("PURATAN_SERVER"), "--help", NULL };
  g_auto (E2eRun) run = { 0 };

  e2e_run (&run, argv);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--listen"));
  g_assert_nonnull (strstr (run.out, "--data-dir"));
  g_assert_nonnull (strstr (run.out, "--max-upload-size"));
  g_assert_nonnull (strstr (run.out, "--max-jobs"));
  g_assert_nonnull (strstr (run.out, "--version"));
}

/* Runs the server with @args (after the program name) and checks it
 * refuses to start with @exit_status and a message holding @needle. */
static void
assert_refused (const char *const *args, int exit_status, const char *needle)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_auto (E2eRun) run = { 0 };

  g_strv_builder_add (builder, e2e_program ("PURATAN_SERVER"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  e2e_run (&run, (const char *const *) argv);
  g_assert_cmpint (run.exit_status, ==, exit_status);
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "puratan-server: "));
  g_assert_nonnull (strstr (run.err, needle));
}

static void
test_bad_options (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "data", NULL);
  const char *const unknown[] = { "--bogus", NULL };
  const char *const no_dir[] = { "--listen", "127.0.0.1:0", NULL };
  const char *const host_name[] = { "--listen", "localhost:8080", "--data-dir", dir, NULL };
  const char *const bad_port[] = { "--listen", "127.0.0.1:70000", "--data-dir", dir, NULL };
  const char *const bad_v6[] = { "--listen", "[::1:8080", "--data-dir", dir, NULL };
  const char *const stray[] = { "--data-dir", dir, "extra", NULL };
  const char *const bad_size[] = { "--data-dir", dir, "--max-body-size", "big", NULL };
  const char *const bad_upload[] = { "--data-dir", dir, "--max-upload-size", "-1", NULL };
  const char *const bad_jobs[] = { "--data-dir", dir, "--max-jobs", "-3", NULL };

  assert_refused (unknown, 2, "Unknown option --bogus");
  assert_refused (no_dir, 2, "--data-dir");
  assert_refused (host_name, 2, "Invalid listen address “localhost:8080”");
  assert_refused (bad_port, 2, "port must be a number from 0 to 65535");
  assert_refused (bad_v6, 2, "[ADDRESS]:PORT");
  assert_refused (stray, 2, "unexpected argument 'extra'");
  assert_refused (bad_size, 2, "--max-body-size");
  assert_refused (bad_upload, 2, "--max-upload-size must be 0 or more");
  assert_refused (bad_jobs, 2, "--max-jobs must be 0 or more");
}

static void
test_bad_data_dir (void)
{
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "plain-file", NULL);
  g_autofree char *below = g_build_filename (file, "data", NULL);
  g_autoptr (GError) error = NULL;
  const char *const is_file[] = { "--listen", "127.0.0.1:0", "--data-dir", file, NULL };
  const char *const under_file[] = { "--listen", "127.0.0.1:0", "--data-dir", below, NULL };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (file, "not a directory", -1, &error);
  g_assert_no_error (error);

  assert_refused (is_file, 1, "Cannot create the data directory");
  assert_refused (under_file, 1, "Not a directory");
}

static void
test_corrupt_database (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "data", NULL);
  g_autofree char *database = g_build_filename (dir, "shop.sqlite3", NULL);
  g_autofree char *junk = g_strnfill (4096, 'x');
  g_autoptr (GError) error = NULL;
  const char *const args[] = { "--listen", "127.0.0.1:0", "--data-dir", dir, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (database, junk, -1, &error);
  g_assert_no_error (error);

  assert_refused (args, 1, "is damaged or is not a database");
}

static void
test_port_in_use (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "data", NULL);
  g_autofree char *address = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  address = g_strdup_printf ("0.0.0.0:%u", port);

  {
    const char *const args[] = { "--listen", address, "--data-dir", dir, NULL };
    assert_refused (args, 1, "Cannot listen on");
  }
}

/* GETs the catalog, with If-None-Match when @if_none_match is not NULL. */
static SoupMessage *
get_catalog (Server *server, const char *if_none_match, GBytes **body)
{
  SoupMessage *msg = server_message (server, "GET", "/api/v1/products");

  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match",
                                  if_none_match);
  *body = server_send (server, msg);
  return msg;
}

static void
test_catalog_etag (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) first = NULL;
  g_autoptr (GBytes) first_body = NULL;
  g_autoptr (JsonObject) catalog = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *weak = NULL;
  g_autofree char *listed = NULL;
  const char *matching[4];
  const char *const other[] = { "\"0123\"", "W/\"0123\", \"4567\"", "" };

  server_start (&server, NULL);

  /* The catalog comes with a strong ETag, the same on every answer. */
  first = get_catalog (&server, NULL, &first_body);
  g_assert_cmpuint (soup_message_get_status (first), ==, 200);
  g_assert_cmpstr (content_type (first), ==, "application/json");
  catalog = parse_object (first_body);
  g_assert_true (json_object_has_member (catalog, "products"));
  etag =
      g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (first), "ETag"));
  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"' && etag[strlen (etag) - 1] == '"');
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GBytes) body = NULL;
      g_autoptr (SoupMessage) again = get_catalog (&server, NULL, &body);

      g_assert_cmpuint (soup_message_get_status (again), ==, 200);
      g_assert_true (g_bytes_equal (body, first_body));
      g_assert_cmpstr (
          soup_message_headers_get_one (soup_message_get_response_headers (again), "ETag"), ==,
          etag);
    }

  /* A client that holds the current catalog is told so, without the body: by its ETag,
   * its weak form, in a list, or with "*". */
  weak = g_strconcat ("W/", etag, NULL);
  listed = g_strconcat ("\"0123\" , ", etag, NULL);
  matching[0] = etag;
  matching[1] = weak;
  matching[2] = listed;
  matching[3] = "*";
  for (guint i = 0; i < G_N_ELEMENTS (matching); i++)
    {
      g_autoptr (GBytes) body = NULL;
      g_autoptr (SoupMessage) msg = get_catalog (&server, matching[i], &body);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 304);
      g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
      g_assert_cmpstr (
          soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"), ==, etag);
    }

  /* Any other tag, or an empty header, gets the whole catalog. */
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autoptr (GBytes) body = NULL;
      g_autoptr (SoupMessage) msg = get_catalog (&server, other[i], &body);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_true (g_bytes_equal (body, first_body));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/server/version", test_version);
  g_test_add_func ("/e2e/server/help", test_help);
  g_test_add_func ("/e2e/server/bad-options", test_bad_options);
  g_test_add_func ("/e2e/server/bad-data-dir", test_bad_data_dir);
  g_test_add_func ("/e2e/server/corrupt-database", test_corrupt_database);
  g_test_add_func ("/e2e/server/port-in-use", test_port_in_use);
  g_test_add_func ("/e2e/server/health", test_health);
  g_test_add_func ("/e2e/server/errors", test_errors);
  g_test_add_func ("/e2e/server/body-limit", test_body_limit);
  g_test_add_func ("/e2e/server/catalog-etag", test_catalog_etag);

  return g_test_run ();
}
