/* test-server-auth.c: end-to-end tests of signing in, sessions and TOTP
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the real puratan-server on 127.0.0.1, makes accounts
 * with the real `puratan-server admin create-user` and speaks HTTP to it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

static char *
credentials (const char *email, const char *password, const char *code)
{
  if (code != NULL)
    return g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"totp_code\":\"%s\"}", email,
                            password, code);
  return g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
}

/* A config file in the test's folder; returns its path. */
static char *
write_config (const char *text)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "server.conf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_login_and_request_id (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autoptr (JsonObject) me = NULL;
  g_autoptr (JsonObject) account = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *long_id = g_strnfill (129, 'a');
  g_autofree char *err = NULL;
  const char *token;
  const char *made;

  server_start (&server, NULL);
  server_create_user (&server, "Asha@Example.in", "counter", E2E_PASSWORD);

  /* The address is matched whatever its case. */
  login = server_login (&server, "asha@example.IN", E2E_PASSWORD, NULL);
  token = json_object_get_string_member (login, "access_token");
  g_assert_cmpstr (json_object_get_string_member (login, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (login, "expires_in"), ==, 900);
  g_assert_cmpuint (strlen (json_object_get_string_member (login, "refresh_token")), ==, 43);
  g_assert_false (json_object_get_boolean_member (login, "second_factor"));
  account = json_object_ref (json_object_get_object_member (login, "account"));
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, "asha@example.in");
  g_assert_cmpstr (json_object_get_string_member (account, "role"), ==, "counter");
  g_assert_false (json_object_get_boolean_member (account, "second_factor_required"));

  reply_send (&server, &reply, "GET", "/api/v1/auth/me", token, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  me = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (me, "id"), ==,
                   json_object_get_string_member (account, "id"));
  g_assert_cmpstr (json_object_get_string_member (me, "role"), ==, "counter");
  g_assert_cmpstr (json_object_get_string_member (me, "totp"), ==, "none");

  /* A sensible X-Request-Id comes back; none, or an odd one, is replaced by
   * a fresh UUID; the access log names it. */
  msg = server_message (&server, "GET", "/livez");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Request-Id",
                                "till-42.a:b_c");
  body = server_send (&server, msg);
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id"), ==,
      "till-42.a:b_c");
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);
  msg = server_message (&server, "GET", "/no/such/page");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Request-Id", long_id);
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  made = soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id");
  g_assert_nonnull (made);
  g_assert_cmpuint (strlen (made), ==, 36);
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);
  msg = server_message (&server, "GET", "/readyz");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Request-Id",
                                "two words");
  body = server_send (&server, msg);
  made = soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Request-Id");
  g_assert_cmpuint (strlen (made), ==, 36);
  /* Deferred answers (sign-in runs on a worker) carry it too. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, "{}");
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 400);
  g_assert_nonnull (reply_header (&reply, "X-Request-Id"));

  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_path=/livez http_status=200"));
  g_assert_nonnull (strstr (err, "request_id=till-42.a:b_c"));
}

static void
test_bad_requests (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (SoupMessage) form = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) form_body = g_bytes_new_static ("email=a", 7);

  server_start (&server, NULL);

  form = server_message (&server, "POST", "/api/v1/auth/login");
  soup_message_set_request_body_from_bytes (form, "application/x-www-form-urlencoded", form_body);
  body = server_send (&server, form);
  assert_problem (form, body, 415);

  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, "{\"email\": ");
  assert_problem_code (&reply, 400, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, "[1, 2]");
  assert_problem_code (&reply, 400, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL,
              "{\"email\":\"a@example.in\",\"password\":5}");
  assert_problem_code (&reply, 400, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL,
              "{\"email\":\"not an address\",\"password\":\"whatever you like\"}");
  assert_problem_code (&reply, 400, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, "{}");
  assert_problem_code (&reply, 400, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL,
              "{\"refresh_token\":\"x' OR 1=1 --\"}");
  assert_problem_code (&reply, 401, "refresh_token_invalid");
  g_assert_nonnull (reply_header (&reply, "WWW-Authenticate"));

  /* An upload without an account is refused before its body is stored. */
  {
    g_autoptr (SoupMessage) upload = server_message (&server, "POST", "/api/v1/preflight");
    g_autoptr (GBytes) upload_body = NULL;
    g_autofree char *pdf = g_strnfill (4 * 1024 * 1024, 'x');
    g_autoptr (GBytes) pdf_bytes = NULL;
    g_autofree char *uploads = g_build_filename (server.data_dir, "uploads", NULL);
    g_autoptr (GDir) dir = NULL;

    memcpy (pdf, "%PDF-1.7\n", 9);
    pdf_bytes = g_bytes_new_take (g_steal_pointer (&pdf), 4 * 1024 * 1024);
    soup_message_set_request_body_from_bytes (upload, "application/pdf", pdf_bytes);
    upload_body = server_send (&server, upload);
    assert_problem (upload, upload_body, 401);
    /* Refused as soon as the headers were read: the body was dropped and the
     * connection is closed after the answer. */
    g_assert_cmpstr (
        soup_message_headers_get_one (soup_message_get_response_headers (upload), "Connection"), ==,
        "close");
    dir = g_dir_open (uploads, 0, NULL);
    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }

  /* A malformed Authorization header. */
  {
    g_autoptr (SoupMessage) basic = server_message (&server, "GET", "/api/v1/auth/me");
    g_autoptr (GBytes) basic_body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (basic), "Authorization",
                                  "Basic YWRtaW46YWRtaW4=");
    basic_body = server_send (&server, basic);
    assert_problem (basic, basic_body, 401);
  }
}

static void
test_wrong_password_and_delays (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *config = write_config ("[auth]\nlogin-delay-after=2\nlogin-first-delay=60\n"
                                          "login-max-delay=600\nlogin-lockout-after=10\n");
  const char *args[] = { "--config", config, NULL };
  g_autofree char *wrong = credentials ("asha@example.in", "not the password", NULL);
  g_autofree char *right = credentials ("asha@example.in", E2E_PASSWORD, NULL);
  g_autoptr (JsonObject) problem = NULL;

  server_start (&server, args);
  server_create_user (&server, "asha@example.in", "designer", E2E_PASSWORD);

  /* A clear error that does not say which of the two was wrong. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, wrong);
  assert_problem_code (&reply, 401, "bad_credentials");
  problem = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (problem, "detail"), ==,
                   "The email address or the password is wrong.");
  g_assert_nonnull (reply_header (&reply, "WWW-Authenticate"));

  /* The second failure starts the delays and says so. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, wrong);
  assert_problem_code (&reply, 401, "bad_credentials");
  g_clear_pointer (&problem, json_object_unref);
  problem = reply_object (&reply);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "Wait "));
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"),
                            " seconds before the next attempt."));

  /* Now even the right password is refused until the wait is over, without
   * being checked. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, right);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 429);
  g_assert_cmpstr (content_type (reply.msg), ==, "application/problem+json");
  /* 60 seconds from the last failure, of which a few may have passed. */
  g_assert_cmpint (g_ascii_strtoll (reply_header (&reply, "Retry-After"), NULL, 10), >, 30);
  g_assert_cmpint (g_ascii_strtoll (reply_header (&reply, "Retry-After"), NULL, 10), <=, 60);
  g_clear_pointer (&problem, json_object_unref);
  problem = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "throttled");
  g_assert_cmpstr (json_object_get_string_member (problem, "title"), ==, "Too Many Requests");

  /* An unknown address is counted the same way, so it reveals nothing. */
  {
    g_autofree char *ghost = credentials ("ghost@example.in", "not the password", NULL);

    reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, ghost);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 429);
  }
}

/* A session bound to another loopback address, as a second client. */
static SoupSession *
session_from (const char *address)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) local = g_inet_socket_address_new (inet, 0);

  return soup_session_new_with_options ("local-address", local, NULL);
}

static guint
login_from (Server *server, const char *address, const char *json)
{
  g_autoptr (SoupSession) session = session_from (address);
  g_autoptr (SoupMessage) msg =
      server_json_message (server, "POST", "/api/v1/auth/login", NULL, json);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static void
test_lockout_per_account_and_client (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *config = write_config ("[auth]\nlogin-delay-after=3\nlogin-lockout-after=3\n"
                                          "login-lockout-seconds=900\n");
  const char *args[] = { "--config", config, NULL };
  g_autofree char *asha_wrong = credentials ("asha@example.in", "not the password", NULL);
  g_autofree char *asha_right = credentials ("asha@example.in", E2E_PASSWORD, NULL);
  g_autofree char *ravi_right = credentials ("ravi@example.in", E2E_PASSWORD, NULL);
  g_autoptr (JsonObject) problem = NULL;

  server_start (&server, args);
  server_create_user (&server, "asha@example.in", "designer", E2E_PASSWORD);
  server_create_user (&server, "ravi@example.in", "counter", E2E_PASSWORD);

  /* Per account: three failures from 127.0.0.2 lock Asha's account, so
   * even another client with the right password is refused. */
  g_assert_cmpuint (login_from (&server, "127.0.0.2", asha_wrong), ==, 401);
  g_assert_cmpuint (login_from (&server, "127.0.0.2", asha_wrong), ==, 401);
  g_assert_cmpuint (login_from (&server, "127.0.0.2", asha_wrong), ==, 401);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, asha_right);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 429);
  g_assert_cmpint (g_ascii_strtoll (reply_header (&reply, "Retry-After"), NULL, 10), >, 800);
  problem = reply_object (&reply);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), "locked"));
  /* Ravi's account from this client is not affected. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, ravi_right);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);

  /* Per client: three failures on three different addresses from
   * 127.0.0.3 lock that client out, even for a right password; other
   * clients still sign in. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("guess%u@example.in", i);
      g_autofree char *guess = credentials (email, "some guess 123", NULL);

      g_assert_cmpuint (login_from (&server, "127.0.0.3", guess), ==, 401);
    }
  g_assert_cmpuint (login_from (&server, "127.0.0.3", ravi_right), ==, 429);
  g_assert_cmpuint (login_from (&server, "127.0.0.4", ravi_right), ==, 200);
}

static void
test_refresh_rotation_and_reuse (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonObject) third = NULL;
  g_autoptr (JsonObject) other = NULL;
  g_autofree char *first_refresh = NULL;
  g_autofree char *body = NULL;
  const char *second_refresh, *third_refresh, *third_access;

  server_start (&server, NULL);
  server_create_user (&server, "asha@example.in", "production", E2E_PASSWORD);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  other = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  first_refresh = g_strdup (json_object_get_string_member (login, "refresh_token"));

  /* Each refresh gives a new refresh token and spends the one sent. */
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", first_refresh);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  second = reply_object (&reply);
  second_refresh = json_object_get_string_member (second, "refresh_token");
  g_assert_cmpstr (second_refresh, !=, first_refresh);
  /* (The access token can equal the first one: same session, same second.) */
  reply_send (&server, &reply, "GET", "/api/v1/auth/me",
              json_object_get_string_member (second, "access_token"), NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);

  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", second_refresh);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  third = reply_object (&reply);
  third_refresh = json_object_get_string_member (third, "refresh_token");
  third_access = json_object_get_string_member (third, "access_token");
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", third_access, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);

  /* The first token again: a copy is in other hands, so the whole family
   * ends, including the newest refresh and access tokens. */
  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", first_refresh);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  assert_problem_code (&reply, 401, "refresh_token_reused");
  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", third_refresh);
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  assert_problem_code (&reply, 401, "session_ended");
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", third_access, NULL);
  assert_problem_code (&reply, 401, "session_ended");

  /* Another session of the same account is its own family and lives on. */
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", NULL, NULL);
  assert_problem_code (&reply, 401, "token_missing");
  reply_send (&server, &reply, "GET", "/api/v1/auth/me",
              json_object_get_string_member (other, "access_token"), NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
}

static void
test_logout (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *body = NULL;
  const char *access;

  server_start (&server, NULL);
  server_create_user (&server, "asha@example.in", "customer", E2E_PASSWORD);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  access = json_object_get_string_member (login, "access_token");

  reply_send (&server, &reply, "POST", "/api/v1/auth/logout", NULL, NULL);
  assert_problem_code (&reply, 401, "token_missing");
  reply_send (&server, &reply, "POST", "/api/v1/auth/logout", access, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 204);

  /* Both tokens of the session are dead at once. */
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", access, NULL);
  assert_problem_code (&reply, 401, "session_ended");
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}",
                          json_object_get_string_member (login, "refresh_token"));
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  assert_problem_code (&reply, 401, "session_ended");
  reply_send (&server, &reply, "POST", "/api/v1/auth/logout", access, NULL);
  assert_problem_code (&reply, 401, "session_ended");
}

static void
test_register (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) made = NULL;
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *json = credentials ("Meera@Example.in", E2E_PASSWORD, NULL);

  server_start (&server, NULL);

  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL, json);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  made = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (made, "email"), ==, "meera@example.in");
  g_assert_cmpstr (json_object_get_string_member (made, "role"), ==, "customer");
  g_assert_false (json_object_has_member (made, "password_hash"));

  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL, json);
  assert_problem_code (&reply, 409, "email_taken");

  /* Only customers register themselves. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL,
              "{\"email\":\"boss@example.in\",\"password\":\"" E2E_PASSWORD
              "\",\"role\":\"admin\"}");
  assert_problem_code (&reply, 403, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL,
              "{\"email\":\"boss@example.in\",\"password\":\"" E2E_PASSWORD "\",\"role\":7}");
  assert_problem_code (&reply, 403, NULL);
  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL,
              "{\"email\":\"short@example.in\",\"password\":\"short\"}");
  assert_problem_code (&reply, 400, NULL);

  login = server_login (&server, "meera@example.in", E2E_PASSWORD, NULL);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (login, "account"), "role"), ==,
      "customer");
}

static void
test_config_file (void)
{
  g_autofree char *bad = write_config ("[auth]\nlogin-lockout=5\n");
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "none.conf", NULL);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "data", NULL);
  const char *bad_argv[] = {
    e2e_program ("PURATAN_SERVER"), "--data-dir", data_dir, "--config", bad, NULL
  };
  const char *missing_argv[] = {
    e2e_program ("PURATAN_SERVER"), "--data-dir", data_dir, "--config", missing, NULL
  };
  g_auto (E2eRun) run = { 0 };
  g_auto (E2eRun) missing_run = { 0 };

  /* A typing mistake in the file stops the server before it starts. */
  e2e_run (&run, bad_argv);
  g_assert_cmpint (run.exit_status, ==, 2);
  g_assert_nonnull (strstr (run.err, "[auth] login-lockout: unknown key"));
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));

  e2e_run (&missing_run, missing_argv);
  g_assert_cmpint (missing_run.exit_status, ==, 2);
  g_assert_nonnull (strstr (missing_run.err, "Cannot read the configuration"));
}

void add_totp_tests (void);
void add_refresh_tests (void);

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/auth/login-and-request-id", test_login_and_request_id);
  g_test_add_func ("/e2e/auth/bad-requests", test_bad_requests);
  g_test_add_func ("/e2e/auth/config-file", test_config_file);
  g_test_add_func ("/e2e/auth/wrong-password-and-delays", test_wrong_password_and_delays);
  g_test_add_func ("/e2e/auth/lockout-per-account-and-client", test_lockout_per_account_and_client);
  g_test_add_func ("/e2e/auth/refresh-rotation-and-reuse", test_refresh_rotation_and_reuse);
  g_test_add_func ("/e2e/auth/logout", test_logout);
  g_test_add_func ("/e2e/auth/register", test_register);
  add_totp_tests ();
  add_refresh_tests ();

  return g_test_run ();
}
