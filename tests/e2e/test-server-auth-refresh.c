/* test-server-auth-refresh.c: end-to-end tests of a refresh retried after a lost answer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

void add_refresh_tests (void);

/* Sends @refresh_token to /auth/refresh. Returns (transfer full) the new refresh token on
 * 200, or NULL after checking the problem @code. */
static char *
refresh (Server *server, const char *refresh_token, guint status, const char *code)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh_token);
  g_autoptr (JsonObject) answer = NULL;
  const char *access;

  reply_send (server, &reply, "POST", "/api/v1/auth/refresh", NULL, body);
  if (status != 200)
    {
      assert_problem_code (&reply, status, code);
      return NULL;
    }
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  access = json_object_get_string_member (answer, "access_token");
  {
    g_auto (Reply) me = { 0 };
    reply_send (server, &me, "GET", "/api/v1/auth/me", access, NULL);
    g_assert_cmpuint (soup_message_get_status (me.msg), ==, 200);
  }
  return g_strdup (json_object_get_string_member (answer, "refresh_token"));
}

/* The answer to a refresh is lost: the client sends the same token again and gets a new
 * pair; the successor it never saw is spent, and presenting that one later revokes the
 * session as any reuse does. */
static void
test_refresh_retry_allowed (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *first = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *retried = NULL;
  g_autofree char *again = NULL;
  g_autofree char *next = NULL;

  server_start (&server, NULL);
  server_create_user (&server, "asha@example.in", "counter", E2E_PASSWORD);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  first = g_strdup (json_object_get_string_member (login, "refresh_token"));

  lost = refresh (&server, first, 200, NULL);
  /* The client never saw `lost`: it retries with the token it has, twice. */
  retried = refresh (&server, first, 200, NULL);
  g_assert_cmpstr (retried, !=, lost);
  g_assert_cmpstr (retried, !=, first);
  again = refresh (&server, first, 200, NULL);
  g_assert_cmpstr (again, !=, retried);
  /* The session goes on from the newest. */
  next = refresh (&server, again, 200, NULL);
  g_assert_nonnull (next);

  /* The successor the client never saw, presented now (by whoever took it): reuse. */
  refresh (&server, lost, 401, "refresh_token_reused");
  refresh (&server, next, 401, "session_ended");
}

/* Reuse still revokes: the old token once its successor was used, and the old token after
 * the grace. */
static void
test_refresh_reuse_still_revoked (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *config = NULL;
  const char *args[] = { "--config", NULL, NULL };

  /* Successor used: the first token again is theft, however soon. */
  server_start (&server, NULL);
  server_create_user (&server, "asha@example.in", "counter", E2E_PASSWORD);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  first = g_strdup (json_object_get_string_member (login, "refresh_token"));
  second = refresh (&server, first, 200, NULL);
  third = refresh (&server, second, 200, NULL);
  refresh (&server, first, 401, "refresh_token_reused");
  refresh (&server, third, 401, "session_ended");
  server_clear (&server);
  g_clear_pointer (&login, json_object_unref);
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);

  /* A one-second grace, long past: the retry is reuse. */
  config = g_build_filename (g_get_user_config_dir (), "server.conf", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, "[auth]\nrefresh-retry-grace=1\n", -1, NULL));
  args[1] = config;
  server_start (&server, args);
  server_create_user (&server, "bala@example.in", "counter", E2E_PASSWORD);
  login = server_login (&server, "bala@example.in", E2E_PASSWORD, NULL);
  first = g_strdup (json_object_get_string_member (login, "refresh_token"));
  second = refresh (&server, first, 200, NULL);
  g_usleep (3 * G_USEC_PER_SEC);
  refresh (&server, first, 401, "refresh_token_reused");
  refresh (&server, second, 401, "session_ended");
}

void
add_refresh_tests (void)
{
  g_test_add_func ("/e2e/auth/refresh-retry-allowed", test_refresh_retry_allowed);
  g_test_add_func ("/e2e/auth/refresh-reuse-still-revoked", test_refresh_reuse_still_revoked);
}
