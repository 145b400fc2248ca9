/* test-server-ops.c: end-to-end tests of the server's operations side
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real puratan-server on 127.0.0.1: /readyz failing for each reason and
 * recovering, /metrics after known requests and who may read it, the rate
 * limit's 429 with Retry-After, oversized headers, a slowloris connection and a
 * quiet kept-alive one closed by the idle timeout, HTTPS with a certificate made here by openssl,
 * and JSON logs that never hold a password, a token or a file's content.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "e2e-api.h"
#include "e2e-server.h"
#include "e2e-util.h"

static guint
get_status (Server *server, const char *path, GBytes **body_out)
{
  g_autoptr (SoupMessage) msg = server_message (server, "GET", path);
  g_autoptr (GBytes) body = server_send (server, msg);

  if (body_out != NULL)
    *body_out = g_bytes_ref (body);
  return soup_message_get_status (msg);
}

static char *
problem_detail (GBytes *body)
{
  g_autoptr (JsonObject) problem = parse_object (body);

  return g_strdup (json_object_get_string_member (problem, "detail"));
}

static void
set_user_version (const char *data_dir, int version)
{
  g_autofree char *path = g_build_filename (data_dir, "shop.sqlite3", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
get_user_version (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "shop.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static void
test_readyz_failures (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) body = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *detail = NULL;
  int version;

  server_start (&server, NULL);
  g_assert_cmpuint (get_status (&server, "/readyz", NULL), ==, 200);

  /* The data directory goes away (an unmounted disk): not ready, and ready again after. */
  moved = g_strconcat (server.data_dir, "-moved", NULL);
  g_assert_cmpint (g_rename (server.data_dir, moved), ==, 0);
  g_assert_cmpuint (get_status (&server, "/readyz", &body), ==, 503);
  detail = problem_detail (body);
  g_assert_nonnull (strstr (detail, "data directory"));
  g_assert_cmpint (g_rename (moved, server.data_dir), ==, 0);
  g_assert_cmpuint (get_status (&server, "/readyz", NULL), ==, 200);

  /* Another program moved the schema on: the server no longer matches its database. */
  version = get_user_version (server.data_dir);
  g_assert_cmpint (version, >, 0);
  set_user_version (server.data_dir, version + 1);
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&detail, g_free);
  g_assert_cmpuint (get_status (&server, "/readyz", &body), ==, 503);
  detail = problem_detail (body);
  g_assert_nonnull (strstr (detail, "database"));
  g_assert_nonnull (strstr (detail, "schema version"));
  set_user_version (server.data_dir, version);
  g_assert_cmpuint (get_status (&server, "/readyz", NULL), ==, 200);
  /* The write probe leaves nothing behind. */
  {
    g_autoptr (GDir) dir = g_dir_open (server.data_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".readyz-"));
  }
}

static gboolean
has_line (const char *text, const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *haystack = g_strconcat ("\n", text, NULL);

  return strstr (haystack, needle) != NULL;
}

static void
test_metrics (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--metrics-listen", "127.0.0.1:0", NULL };
  g_autofree char *counter = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *order = NULL;
  g_autofree char *metrics_line = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  server_start (&server, args);
  metrics_line = g_data_input_stream_read_line_utf8 (server.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (metrics_line, "metrics on http://127.0.0.1:"));

  counter = api_sign_in (&server, "counter@example.in", "counter");
  customer = api_sign_in (&server, "customer@example.in", "customer");
  staff = api_sign_in (&server, "production@example.in", "production");
  order = api_placed_order (&server, counter, "Asha Prints");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (get_status (&server, "/livez", NULL), ==, 200);
  g_assert_cmpuint (get_status (&server, "/api/v1/orders/no-such-order", NULL), ==, 401);

  /* No token: 401; a customer: 403; staff: the metrics. */
  g_assert_cmpuint (get_status (&server, "/metrics", NULL), ==, 401);
  server.token = g_strdup (customer);
  g_assert_cmpuint (get_status (&server, "/metrics", NULL), ==, 403);
  g_free (server.token);
  server.token = g_strdup (staff);
  msg = server_message (&server, "GET", "/metrics");
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_str_has_prefix (content_type (msg), "text/plain"));
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  g_assert_true (has_line (text, "# TYPE puratan_http_requests_total counter"));
  g_assert_true (has_line (
      text, "puratan_http_requests_total{method=\"GET\",route=\"/livez\",status=\"200\"} 3"));
  g_assert_true (has_line (text,
                           "puratan_http_requests_total{method=\"GET\",route=\"/api/v1/orders/"
                           "{id}\",status=\"401\"} 1"));
  g_assert_true (has_line (text, "puratan_http_requests_total{method=\"GET\",route=\"/metrics\","
                                 "status=\"403\"} 1"));
  g_assert_true (has_line (text,
                           "puratan_http_requests_total{method=\"POST\",route=\"/api/v1/orders\","
                           "status=\"201\"} 1"));
  g_assert_true (has_line (text, "# TYPE puratan_http_request_duration_seconds histogram"));
  g_assert_true (has_line (text, "puratan_http_request_duration_seconds_bucket{route=\"/livez\","
                                 "le=\"+Inf\"} 3"));
  g_assert_true (
      has_line (text, "puratan_http_request_duration_seconds_count{route=\"/livez\"} 3"));
  g_assert_true (has_line (text, "puratan_orders{status=\"placed\"} 1"));
  g_assert_true (has_line (text, "puratan_upload_bytes_total 0"));
  g_assert_true (has_line (text, "puratan_preflight_jobs_started_total 0"));
  g_assert_true (has_line (text, "puratan_preflight_jobs_running 0"));

  /* The private metrics listener needs no token, and serves nothing else. */
  {
    g_autoptr (SoupMessage) scrape =
        soup_message_new ("GET", metrics_line + strlen ("metrics on "));
    g_autoptr (GBytes) scraped = soup_session_send_and_read (server.session, scrape, NULL, &error);
    g_autofree char *other = g_strndup (metrics_line + strlen ("metrics on "),
                                        strlen (metrics_line) - strlen ("metrics on metrics"));
    g_autofree char *livez_url = g_strconcat (other, "livez", NULL);
    g_autoptr (SoupMessage) livez = soup_message_new ("GET", livez_url);
    g_autoptr (GBytes) refused = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (scrape), ==, 200);
    g_assert_nonnull (
        strstr (g_bytes_get_data (scraped, NULL), "puratan_orders{status=\"placed\"} 1"));
    refused = soup_session_send_and_read (server.session, livez, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (livez), ==, 404);
  }
}

static void
test_rate_limit (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--rate-limit", "1", "--rate-burst", "3", NULL };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  const char *retry_after;

  server_start (&server, args);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (get_status (&server, "/livez", NULL), ==, 200);
  msg = server_message (&server, "GET", "/livez");
  body = server_send (&server, msg);
  assert_problem (msg, body, 429);
  retry_after =
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >=, 1);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), <=, 1);
}

static void
test_oversized_headers (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) big = NULL;
  g_autoptr (SoupMessage) many = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) many_body = NULL;
  g_autofree char *value = g_strnfill (20000, 'a');

  server_start (&server, NULL);
  big = server_message (&server, "GET", "/livez");
  soup_message_headers_replace (soup_message_get_request_headers (big), "X-Padding", value);
  body = server_send (&server, big);
  assert_problem (big, body, 431);

  many = server_message (&server, "GET", "/livez");
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("X-Field-%u", i);
      soup_message_headers_append (soup_message_get_request_headers (many), name, "1");
    }
  many_body = server_send (&server, many);
  assert_problem (many, many_body, 431);
  /* And the server still answers. */
  g_assert_cmpuint (get_status (&server, "/livez", NULL), ==, 200);
}

static GSocketConnection *
connect_raw (Server *server)
{
  g_autoptr (GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_host (
      client, "127.0.0.1", (guint16) g_uri_get_port (uri), NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* Sends @line (nullable) and waits half a second; returns TRUE once the server has closed
 * the connection. */
static gboolean
trickle (GSocket *socket, const char *line)
{
  g_autoptr (GError) error = NULL;
  char buffer[512];
  gssize n;

  if (line != NULL && g_socket_send (socket, line, strlen (line), NULL, &error) < 0)
    return TRUE;
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, 500 * G_TIME_SPAN_MILLISECOND, NULL, NULL))
    return FALSE;
  n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
  /* Only a close ends the wait: the server never answers half a request. */
  g_assert_cmpint (n, <=, 0);
  return TRUE;
}

static void
test_slowloris (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--idle-timeout", "2", NULL };
  g_autoptr (GSocketConnection) slow = NULL;
  g_autoptr (GSocketConnection) idle = NULL;
  gboolean closed = FALSE;

  server_start (&server, args);
  /* One connection sends a header line every half second, never finishing the request; the
   * other sends nothing. Both are closed (the loop's bound only keeps a broken server from
   * hanging the test). */
  slow = connect_raw (&server);
  idle = connect_raw (&server);
  g_assert_false (trickle (g_socket_connection_get_socket (slow),
                           "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  for (guint i = 0; i < 60 && !closed; i++)
    {
      g_autofree char *line = g_strdup_printf ("X-Slow-%u: still coming\r\n", i);
      closed = trickle (g_socket_connection_get_socket (slow), line);
    }
  g_assert_true (closed);
  closed = FALSE;
  for (guint i = 0; i < 60 && !closed; i++)
    closed = trickle (g_socket_connection_get_socket (idle), NULL);
  g_assert_true (closed);
  /* Well-behaved clients are still served. */
  g_assert_cmpuint (get_status (&server, "/livez", NULL), ==, 200);
}

/* A kept-alive connection that goes quiet after a complete exchange is closed at the idle
 * timeout, so a client finds it closed rather than sending its next request into a
 * connection the server no longer reads. */
static void
test_idle_keep_alive (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--idle-timeout", "2", NULL };
  const char *request = "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  GSocket *socket;
  char answer[1024];
  gssize n;
  gboolean closed = FALSE;

  server_start (&server, args);
  connection = connect_raw (&server);
  socket = g_socket_connection_get_socket (connection);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==,
                   (gssize) strlen (request));
  g_assert_no_error (error);
  g_assert_true (
      g_socket_condition_timed_wait (socket, G_IO_IN, 10 * G_TIME_SPAN_SECOND, NULL, NULL));
  n = g_socket_receive (socket, answer, sizeof answer - 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  answer[n] = '\0';
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
  /* Quiet from now on: the loop's bound is 30 s against a timeout of 2 s. */
  for (guint i = 0; i < 60 && !closed; i++)
    closed = trickle (socket, NULL);
  g_assert_true (closed);
  g_assert_cmpuint (get_status (&server, "/livez", NULL), ==, 200);
}

static gboolean
accept_pinned_cb (SoupMessage *msg,
                  GTlsCertificate *peer,
                  GTlsCertificateFlags errors,
                  gpointer user_data)
{
  return g_tls_certificate_is_same (peer, G_TLS_CERTIFICATE (user_data));
}

static void
test_tls (void)
{
  g_auto (Server) server = { 0 };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tls", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[] = { "openssl",  "req",
                            "-x509",    "-newkey",
                            "rsa:2048", "-nodes",
                            "-keyout",  key,
                            "-out",     cert,
                            "-days",    "1",
                            "-subj",    "/CN=127.0.0.1",
                            "-addext",  "subjectAltName=IP:127.0.0.1",
                            NULL };
  g_auto (E2eRun) made = { 0 };
  const char *args[] = { "--tls-certificate", cert, "--tls-key", key, NULL };
  g_autoptr (GTlsCertificate) expected = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (SoupMessage) plain = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) plain_body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *plain_url = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  e2e_run (&made, openssl);
  g_assert_cmpint (made.exit_status, ==, 0);
  expected = g_tls_certificate_new_from_file (cert, &error);
  g_assert_no_error (error);

  server_start (&server, args);
  g_assert_true (g_str_has_prefix (server.url, "https://127.0.0.1:"));
  msg = server_message (&server, "GET", "/livez");
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_pinned_cb), expected);
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (soup_message_get_tls_peer_certificate (msg));

  /* Plain HTTP on the same port gets no answer. */
  plain_url = g_strconcat ("http://", server.url + strlen ("https://"), "livez", NULL);
  plain = soup_message_new ("GET", plain_url);
  plain_body = soup_session_send_and_read (server.session, plain, NULL, &error);
  g_assert_nonnull (error);
}

static void
test_json_logs_without_secrets (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--log-format", "json", NULL };
  const char *password = "correct horse battery staple 42";
  const char *wrong = "wrong-password-7f3a9c";
  const char *file_marker = "FILE-CONTENT-MARKER-5b2e1d";
  g_autoptr (JsonObject) login = NULL;
  g_autoptr (SoupMessage) bad = NULL;
  g_autoptr (SoupMessage) upload = NULL;
  g_autoptr (SoupMessage) refresh = NULL;
  g_autoptr (GBytes) bad_body = NULL;
  g_autoptr (GBytes) upload_body = NULL;
  g_autoptr (GBytes) refresh_body = NULL;
  g_autofree char *log = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *refresh_json = NULL;
  g_autofree char *bad_json = NULL;
  g_autofree char *pdf = NULL;
  g_auto (GStrv) lines = NULL;
  guint n_records = 0;

  server_start (&server, args);
  server_create_user (&server, "designer@example.in", "designer", password);
  login = server_login (&server, "designer@example.in", password, NULL);
  access = g_strdup (json_object_get_string_member (login, "access_token"));
  refresh_token = g_strdup (json_object_get_string_member (login, "refresh_token"));

  bad_json = g_strdup_printf ("{\"email\":\"designer@example.in\",\"password\":\"%s\"}", wrong);
  bad = server_json_message (&server, "POST", "/api/v1/auth/login", NULL, bad_json);
  bad_body = server_send (&server, bad);
  g_assert_cmpuint (soup_message_get_status (bad), ==, 401);

  pdf = g_strdup_printf ("%%PDF-1.4\n%% %s\n%%%%EOF\n", file_marker);
  server.token = g_strdup (access);
  upload = server_message (&server, "POST",
                           "/api/v1/preflight?profile="
                           "no-such-profile");
  soup_message_set_request_body_from_bytes (upload, "application/pdf",
                                            g_bytes_new_static (pdf, strlen (pdf)));
  upload_body = server_send (&server, upload);
  g_assert_cmpuint (soup_message_get_status (upload), >=, 200);

  refresh_json = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh_token);
  refresh = server_json_message (&server, "POST", "/api/v1/auth/refresh", NULL, refresh_json);
  refresh_body = server_send (&server, refresh);
  g_assert_cmpuint (soup_message_get_status (refresh), ==, 200);

  log = server_stop (&server, SIGTERM);
  g_assert_null (strstr (log, password));
  g_assert_null (strstr (log, wrong));
  g_assert_null (strstr (log, file_marker));
  g_assert_null (strstr (log, access));
  g_assert_null (strstr (log, refresh_token));
  g_assert_null (strstr (log, "Bearer"));

  /* Every line is one JSON object with the record's time, level and message. */
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *record;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      record = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (record, "time"));
      g_assert_true (json_object_has_member (record, "level"));
      g_assert_true (json_object_has_member (record, "msg"));
      n_records++;
    }
  /* At least the start, the requests and the shutdown were logged. */
  g_assert_cmpuint (n_records, >=, 5);
  g_assert_nonnull (strstr (log, "\"http_path\":\"/api/v1/auth/login\""));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/ops/readyz-failures", test_readyz_failures);
  g_test_add_func ("/server/ops/metrics", test_metrics);
  g_test_add_func ("/server/ops/rate-limit", test_rate_limit);
  g_test_add_func ("/server/ops/oversized-headers", test_oversized_headers);
  g_test_add_func ("/server/ops/slowloris", test_slowloris);
  g_test_add_func ("/server/ops/idle-keep-alive", test_idle_keep_alive);
  g_test_add_func ("/server/ops/tls", test_tls);
  g_test_add_func ("/server/ops/json-logs-without-secrets", test_json_logs_without_secrets);

  return g_test_run ();
}
