/* e2e-server.c: running the real puratan-server in end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test starts the real, built puratan-server on 127.0.0.1 with a free
 * port, learns the port from its "listening on" line and speaks HTTP to it
 * with libsoup.
 */
#include "e2e-server.h"

#include <string.h>

#include "e2e-util.h"

/* Starts the server with a data directory in the test's own folder and
 * @extra_args (nullable) after the standard ones. */

void
server_start (Server *server, const char *const *extra_args)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;

  server->data_dir = g_build_filename (g_get_user_data_dir (), "server-data", NULL);
  g_strv_builder_add_many (builder, e2e_program ("PURATAN_SERVER"), "--listen", "127.0.0.1:0",
                           "--data-dir", server->data_dir, NULL);
  if (extra_args != NULL)
    g_strv_builder_addv (builder, (const char **) extra_args);
  argv = g_strv_builder_end (builder);

  /* The log goes to a file, not a pipe, so that a long test never fills a
   * pipe nobody reads and stalls the server. */
  server->log_path = g_build_filename (g_get_user_data_dir (), "server.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  launcher = e2e_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);

  server->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (server->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:") ||
                 g_str_has_prefix (line, "listening on https://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  server->url = g_strdup (line + strlen ("listening on "));

  server->session = soup_session_new ();
}

/* Stops the server with @signum and returns its standard error, after
 * checking it exited by itself with status 0. */
char *
server_stop (Server *server, int signum)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rest = NULL;
  char *err = NULL;

  g_clear_object (&server->session);
  g_subprocess_send_signal (server->process, signum);
  g_subprocess_communicate_utf8 (server->process, NULL, NULL, &rest, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (server->log_path, &err, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  return err;
}

void
server_clear (Server *server)
{
  g_clear_object (&server->session);
  if (server->process != NULL && g_subprocess_get_identifier (server->process) != NULL)
    g_subprocess_force_exit (server->process);
  g_clear_object (&server->out);
  g_clear_object (&server->process);
  g_clear_pointer (&server->data_dir, g_free);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->token, g_free);
  g_clear_pointer (&server->log_path, g_free);
}

/* Sends one request and returns the answer's body; the message keeps the
 * status and headers. */
GBytes *
server_send (Server *server, SoupMessage *msg)
{
  g_autoptr (GError) error = NULL;
  GBytes *body;

  body = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);
  return body;
}

SoupMessage *
server_message (Server *server, const char *method, const char *path)
{
  g_autofree char *uri = g_strconcat (server->url, path + 1, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  if (server->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", server->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  return msg;
}

JsonObject *
parse_object (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

const char *
content_type (SoupMessage *msg)
{
  return soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
}

/* The reason phrase the server gives @status, with the ones libsoup lacks. */
static const char *
phrase (guint status)
{
  switch (status)
    {
      case 426:
        return "Upgrade Required";
      case 428:
        return "Precondition Required";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      default:
        return soup_status_get_phrase (status);
    }
}

/* Checks that @msg was answered with an RFC 9457 problem for @status. */
void
assert_problem (SoupMessage *msg, GBytes *body, guint status)
{
  g_autoptr (JsonObject) problem = NULL;

  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  g_assert_cmpstr (content_type (msg), ==, "application/problem+json");
  problem = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, "about:blank");
  g_assert_cmpstr (json_object_get_string_member (problem, "title"), ==, phrase (status));
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_true (json_object_has_member (problem, "detail"));
}

/* Makes an account with the real `puratan-server admin create-user`, the
 * password given on standard input as a script would. */
static void
create_user (
    Server *server, const char *email, const char *role, const char *password, gboolean may_exist)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (server->data_dir);
  launcher = e2e_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, e2e_program ("PURATAN_SERVER"), "admin",
                                         "create-user", email, "--role", role, "--data-dir",
                                         server->data_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (may_exist && g_subprocess_get_exit_status (process) == 1 &&
      strstr (err, "exists already") != NULL)
    return;
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("create-user failed: %s", err);
  g_assert_nonnull (strstr (out, "Created the"));
}

void
server_create_user (Server *server, const char *email, const char *role, const char *password)
{
  create_user (server, email, role, password, FALSE);
}

/* A request with a JSON body (nullable) and an access token (nullable,
 * in place of the server's). */
SoupMessage *
server_json_message (
    Server *server, const char *method, const char *path, const char *token, const char *json)
{
  SoupMessage *msg = server_message (server, method, path);

  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  if (json != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

/* Signs in and returns the answer's object, after checking it is 200. */
JsonObject *
server_login (Server *server, const char *email, const char *password, const char *code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  if (code != NULL)
    {
      json_builder_set_member_name (builder, "totp_code");
      json_builder_add_string_value (builder, code);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  msg = server_json_message (server, "POST", "/api/v1/auth/login", NULL, json);
  body = server_send (server, msg);
  if (soup_message_get_status (msg) != 200)
    g_error ("sign-in failed with %u: %.*s", soup_message_get_status (msg),
             (int) g_bytes_get_size (body), (const char *) g_bytes_get_data (body, NULL));
  return parse_object (body);
}

/* Makes an account of @role (ROLE@example.in), unless a server before this
 * one on the same data directory made it, and sends its access token with
 * every later server_message(). */
void
server_sign_in (Server *server, const char *role)
{
  g_autofree char *email = g_strdup_printf ("%s@example.in", role);
  g_autoptr (JsonObject) answer = NULL;

  create_user (server, email, role, E2E_PASSWORD, TRUE);
  answer = server_login (server, email, E2E_PASSWORD, NULL);
  g_free (server->token);
  server->token = g_strdup (json_object_get_string_member (answer, "access_token"));
}
