/* server.c: puratan-server's request rate and latency against nginx, measured by wrk
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real puratan-server and, as the baseline measured in the same run, nginx
 * (bench/nginx.conf) serving the server's own catalog JSON as a static file. The server
 * runs one request loop per processor (`[server] loops`, its default) and nginx as many
 * workers; nginx's access log is off, so the server's is too (`[server] access-log = 0`).
 * Each is measured with Debian's wrk on loopback, `wrk -t1 -c50 -d10s --latency`:
 *
 *   - GET /api/v1/products from the server: at least 0.5× nginx's requests per second,
 *     99th percentile under 10 ms;
 *   - POST /api/v1/quotes (bench/quote.lua, signed in): 99th percentile under 10 ms.
 *
 * It prints the figures and whether each target is met, and exits 1 when one is not.
 * wrk and nginx-light are bench-only dependencies; without them the bench is skipped
 * (exit 77).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define SKIP       77
#define CONNS      "50"
#define DURATION   "10s"
#define P99_TARGET 10.0

typedef struct
{
  double requests_per_second;
  double p99_ms;
  guint64 non_2xx;
} WrkResult;

static char *
find_program (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *sbin = g_build_filename ("/usr/sbin", name, NULL);
      if (g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&sbin);
    }
  return path;
}

static guint16
free_port (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* "1.23ms", "850.00us", "1.20s" → milliseconds. */
static double
parse_duration_ms (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (g_str_has_prefix (end, "us"))
    return value / 1000;
  if (g_str_has_prefix (end, "ms"))
    return value;
  if (g_str_has_prefix (end, "s"))
    return value * 1000;
  if (g_str_has_prefix (end, "m"))
    return value * 60000;
  return value;
}

static WrkResult
run_wrk (const char *wrk, const char *url, const char *script, const char *token)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  WrkResult result = { 0 };

  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "PURATAN_BENCH_TOKEN", token, TRUE);
  if (script != NULL)
    process = g_subprocess_launcher_spawn (launcher, &error, wrk, "-t1", "-c" CONNS, "-d" DURATION,
                                           "--latency", "-s", script, url, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, wrk, "-t1", "-c" CONNS, "-d" DURATION,
                                           "--latency", url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "Requests/sec:"))
        result.requests_per_second = g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
      else if (g_str_has_prefix (line, "99%"))
        result.p99_ms = parse_duration_ms (g_strchug ((char *) line + 3));
      else if (g_str_has_prefix (line, "Non-2xx or 3xx responses:"))
        result.non_2xx = g_ascii_strtoull (line + strlen ("Non-2xx or 3xx responses:"), NULL, 10);
    }
  if (result.requests_per_second <= 0)
    g_error ("wrk gave no figures for %s:\n%s", url, out);
  return result;
}

static GSubprocess *
start_server (const char *data_dir, const char *config, char **url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  process =
      g_subprocess_launcher_spawn (launcher, &error, PURATAN_SERVER_PATH, "--listen", "127.0.0.1:0",
                                   "--data-dir", data_dir, "--config", config, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "listening on "));
  *url = g_strdup (line + strlen ("listening on "));
  return process;
}

static void
create_account (const char *data_dir, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autoptr (GSubprocess) process =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                        PURATAN_SERVER_PATH, "admin", "create-user", "bench@example.in", "--role",
                        "counter", "--data-dir", data_dir, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

static GBytes *
http (SoupSession *session, const char *method, const char *url, const char *json)
{
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GError) error = NULL;
  GBytes *body;

  if (json != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json",
                                              g_bytes_new_static (json, strlen (json)));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    g_error ("%s %s: %u", method, url, soup_message_get_status (msg));
  return body;
}

static char *
sign_in (SoupSession *session, const char *base, const char *password)
{
  g_autofree char *url = g_strconcat (base, "api/v1/auth/login", NULL);
  g_autofree char *json =
      g_strdup_printf ("{\"email\":\"bench@example.in\",\"password\":\"%s\"}", password);
  g_autoptr (GBytes) body = http (session, "POST", url, json);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (
      json_node_get_object (json_parser_get_root (parser)), "access_token"));
}

static GSubprocess *
start_nginx (const char *nginx, const char *prefix, GBytes *catalog, guint16 port, guint workers)
{
  g_autofree char *template = NULL;
  g_autofree char *www = g_build_filename (prefix, "www", "api", "v1", NULL);
  g_autofree char *tmp = g_build_filename (prefix, "tmp", NULL);
  g_autofree char *file = g_build_filename (www, "products", NULL);
  g_autofree char *conf = g_build_filename (prefix, "nginx.conf", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *workers_text = g_strdup_printf ("%u", workers);
  g_autoptr (GString) text = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_file_get_contents (BENCH_SOURCE_DIR "/nginx.conf", &template, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (template);
  g_string_replace (text, "@PREFIX@", prefix, 0);
  g_string_replace (text, "@PORT@", port_text, 0);
  g_string_replace (text, "@WORKERS@", workers_text, 0);
  /* nginx's worker runs as another user: the files it serves are readable by all. */
  g_assert_cmpint (g_mkdir_with_parents (www, 0755), ==, 0);
  g_assert_cmpint (g_chmod (prefix, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0755), ==, 0);
  g_assert_true (g_file_set_contents (conf, text->str, -1, &error));
  g_assert_true (g_file_set_contents_full (file, g_bytes_get_data (catalog, NULL),
                                           g_bytes_get_size (catalog), G_FILE_SET_CONTENTS_NONE,
                                           0644, &error));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, nginx, "-p", prefix, "-c",
                              conf, NULL);
  g_assert_no_error (error);
  return process;
}

static void
wait_for (SoupSession *session, const char *url)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
      GBytes *body = soup_session_send_and_read (session, msg, NULL, NULL);

      g_clear_pointer (&body, g_bytes_unref);
      if (soup_message_get_status (msg) == 200)
        return;
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("%s never answered 200 (see %s)", url, "error.log in nginx's prefix");
}

static gboolean
report (const char *what, gboolean met)
{
  printf ("  %-58s %s\n", what, met ? "met" : "NOT MET");
  return met;
}

int
main (void)
{
  g_autofree char *wrk = find_program ("wrk");
  g_autofree char *nginx = find_program ("nginx");
  g_autofree char *scratch = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *nginx_dir = NULL;
  g_autofree char *url = NULL;
  g_autofree char *products = NULL;
  g_autofree char *quotes = NULL;
  g_autofree char *nginx_url = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (GSubprocess) nginx_process = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GBytes) catalog = NULL;
  g_autoptr (GError) error = NULL;
  const char *password = "a long bench password";
  WrkResult baseline, list, quote;
  gboolean ok = TRUE;
  guint16 port;
  guint loops = MAX (1u, g_get_num_processors ());

  if (wrk == NULL || nginx == NULL)
    {
      printf ("server: skipped, wrk or nginx is not installed (apt install wrk nginx-light)\n");
      return SKIP;
    }
  scratch = g_dir_make_tmp ("puratan-bench-server-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (scratch, 0755), ==, 0);
  soup_session_set_timeout (session, 10);
  data_dir = g_build_filename (scratch, "data", NULL);
  nginx_dir = g_build_filename (scratch, "nginx", NULL);

  create_account (data_dir, password);
  config = g_build_filename (scratch, "server.conf", NULL);
  config_text = g_strdup_printf ("[server]\nloops=%u\naccess-log=0\n", loops);
  g_assert_true (g_file_set_contents (config, config_text, -1, &error));
  server = start_server (data_dir, config, &url);
  products = g_strconcat (url, "api/v1/products", NULL);
  quotes = g_strconcat (url, "api/v1/quotes", NULL);
  catalog = http (session, "GET", products, NULL);
  token = sign_in (session, url, password);

  port = free_port ();
  nginx_process = start_nginx (nginx, nginx_dir, catalog, port, loops);
  nginx_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/products", port);
  wait_for (session, nginx_url);

  baseline = run_wrk (wrk, nginx_url, NULL, NULL);
  list = run_wrk (wrk, products, NULL, NULL);
  quote = run_wrk (wrk, quotes, BENCH_SOURCE_DIR "/quote.lua", token);

  printf ("server: wrk -t1 -c%s -d%s on loopback, %" G_GSIZE_FORMAT "-byte catalog\n", CONNS,
          DURATION, g_bytes_get_size (catalog));
  printf ("  %u request loops, %u nginx workers; no access log on either\n", loops, loops);
  printf ("  nginx GET /api/v1/products (static file): %9.0f req/s  p99 %7.2f ms\n",
          baseline.requests_per_second, baseline.p99_ms);
  printf ("  server GET /api/v1/products:              %9.0f req/s  p99 %7.2f ms  (%.2f× nginx)\n",
          list.requests_per_second, list.p99_ms,
          list.requests_per_second / baseline.requests_per_second);
  printf ("  server POST /api/v1/quotes:               %9.0f req/s  p99 %7.2f ms\n",
          quote.requests_per_second, quote.p99_ms);
  if (list.non_2xx != 0 || quote.non_2xx != 0)
    printf ("  non-2xx answers: products %" G_GUINT64_FORMAT ", quotes %" G_GUINT64_FORMAT "\n",
            list.non_2xx, quote.non_2xx);
  ok &= report ("every answer was 2xx", list.non_2xx == 0 && quote.non_2xx == 0);
  ok &= report ("GET /api/v1/products >= 0.5x nginx's requests per second",
                list.requests_per_second >= 0.5 * baseline.requests_per_second);
  ok &= report ("GET /api/v1/products p99 < 10 ms", list.p99_ms < P99_TARGET);
  ok &= report ("POST /api/v1/quotes p99 < 10 ms", quote.p99_ms < P99_TARGET);

  g_subprocess_send_signal (nginx_process, SIGTERM);
  g_subprocess_wait (nginx_process, NULL, NULL);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  {
    /* The scratch directory is ours alone, made by g_dir_make_tmp() above. */
    const char *rm[] = { "rm", "-rf", scratch, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return ok ? 0 : 1;
}
