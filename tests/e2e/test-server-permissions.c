/* test-server-permissions.c: every route × every role × every kind of token
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table below says, for each route the server has, who may use it.
 * Each route is asked by each role (and by an admin who signed in without
 * a second factor) with no token, an expired token, a tampered token, a
 * revoked token and a valid one. Requests that pass the permission check
 * are made so that their handlers refuse them for another reason (an empty
 * body, a missing id), so the table can be walked without side effects;
 * passing means any answer but 401 and 403.
 */
#include "config.h"

#include <string.h>

#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

enum
{
  CUSTOMER = 1 << 0,
  COUNTER = 1 << 1,
  DESIGNER = 1 << 2,
  PRODUCTION = 1 << 3,
  ADMIN = 1 << 4,
  ALL = CUSTOMER | COUNTER | DESIGNER | PRODUCTION | ADMIN,
  PUBLIC = 1 << 8,
  /* An admin without a second factor may use it too. */
  ENROL = 1 << 9,
};

typedef struct
{
  const char *method;
  const char *path;
  const char *json;
  guint who;
} Route;

#define NO_ID     "/api/v1/preflight/00000000-0000-4000-8000-000000000000"
#define NO_ORDER  "/api/v1/orders/00000000-0000-4000-8000-000000000000"
#define NO_UPLOAD "/api/v1/uploads/00000000-0000-4000-8000-000000000000"
#define NO_FILE   "/files/0000000000000000000000000000000000000000000000000000000000000000"

static const Route routes[] = {
  { "GET", "/livez", NULL, PUBLIC },
  { "GET", "/readyz", NULL, PUBLIC },
  { "POST", "/api/v1/auth/login", "{}", PUBLIC },
  { "POST", "/api/v1/auth/refresh", "{}", PUBLIC },
  { "POST", "/api/v1/auth/register", "{}", PUBLIC },
  { "POST", "/api/v1/auth/logout", NULL, ALL | ENROL },
  { "GET", "/api/v1/auth/me", NULL, ALL | ENROL },
  { "POST", "/api/v1/auth/totp", NULL, ALL | ENROL },
  { "POST", "/api/v1/auth/totp/confirm", "{}", ALL | ENROL },
  { "POST", "/api/v1/accounts", "{}", ADMIN },
  { "GET", "/api/v1/preflight/profiles", NULL, PUBLIC },
  { "POST", "/api/v1/preflight", NULL, ALL },
  { "GET", NO_ID, NULL, ALL },
  { "GET", NO_ID "/pages/1.png", NULL, ALL },
  { "GET", "/api/v1/openapi.json", NULL, PUBLIC },
  { "GET", "/api/v1/products", NULL, PUBLIC },
  { "POST", "/api/v1/quotes", "{}", ALL },
  { "GET", "/api/v1/orders", NULL, ALL },
  /* No lines: refused after the permission check, before anything is stored. */
  { "POST", "/api/v1/orders", "{}", CUSTOMER | COUNTER | ADMIN },
  { "GET", NO_ORDER, NULL, ALL },
  { "PATCH", NO_ORDER, "{}", CUSTOMER | COUNTER | ADMIN },
  { "POST", NO_ORDER "/transitions", "{}", ALL },
  { "GET", NO_ORDER "/payments", NULL, ALL },
  { "POST", NO_ORDER "/payments", "{}", COUNTER | ADMIN },
  { "GET", "/api/v1/changes", NULL, ALL },
  /* Without an upgrade: 426 once past the permission check. */
  { "GET", "/api/v1/events", NULL, ALL },
  /* tus: without Tus-Resumable, 412 once past the permission check. */
  { "OPTIONS", "/api/v1/uploads", NULL, PUBLIC },
  { "POST", "/api/v1/uploads", NULL, ALL },
  { "GET", NO_UPLOAD, NULL, ALL },
  { "PATCH", NO_UPLOAD, "{}", ALL },
  { "DELETE", NO_UPLOAD, NULL, ALL },
  { "GET", NO_ORDER "/files", NULL, ALL },
  { "GET", NO_ORDER NO_FILE, NULL, ALL },
  { "POST", NO_ORDER "/payment-intents", NULL, ALL },
  /* Not configured in this test: 503, never 401 or 403. */
  { "POST", "/api/v1/webhooks/stripe", "{}", PUBLIC },
};

typedef struct
{
  const char *role;
  guint bit;
  gboolean second_factor;
  char *email;
  /* A valid access token and one of a session that was signed out. */
  char *token;
  char *revoked;
  char *account_id;
  char *session_id;
} Subject;

static char *
member_of (const char *token, const char *member)
{
  g_autofree char *json = token_payload_json (token);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return g_strdup (
      json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), member));
}

static char *
fresh_token (Server *server, Subject *subject, GBytes *secret, gint64 *step_time)
{
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *code = NULL;

  if (subject->second_factor)
    {
      /* Each sign-in needs a code of a later step than the last one used. */
      *step_time += 30;
      code = totp_code_at (secret, *step_time);
    }
  login = server_login (server, subject->email, E2E_PASSWORD, code);
  return g_strdup (json_object_get_string_member (login, "access_token"));
}

/* Signs the admin up for TOTP and returns the secret; @step_time is the
 * time whose code confirmed it. */
static GBytes *
enrol_admin (Server *server, const char *token, gint64 *step_time)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *code = NULL;
  g_autofree char *confirm = NULL;
  GBytes *secret;

  reply_send (server, &reply, "POST", "/api/v1/auth/totp", token, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  secret = base32_decode (json_object_get_string_member (answer, "secret"));
  /* Start a step back: the two sign-ins that follow use the next two steps,
   * all within the window of one step either side that the server accepts. */
  *step_time = g_get_real_time () / G_USEC_PER_SEC - 30;
  code = totp_code_at (secret, *step_time);
  confirm = g_strdup_printf ("{\"code\":\"%s\"}", code);
  reply_send (server, &reply, "POST", "/api/v1/auth/totp/confirm", token, confirm);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  return secret;
}

static void
setup_subject (Server *server, Subject *subject, GBytes *secret, gint64 *step_time)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *to_revoke = NULL;

  subject->token = fresh_token (server, subject, secret, step_time);
  subject->account_id = member_of (subject->token, "sub");
  subject->session_id = member_of (subject->token, "fam");
  /* Signing out with a valid token (every role may) is the table's check
   * of the logout route with a valid token, and makes the revoked token. */
  to_revoke = fresh_token (server, subject, secret, step_time);
  reply_send (server, &reply, "POST", "/api/v1/auth/logout", to_revoke, NULL);
  g_test_message ("POST /api/v1/auth/logout as %s with a valid token: %u", subject->role,
                  soup_message_get_status (reply.msg));
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 204);
  subject->revoked = g_steal_pointer (&to_revoke);
}

/* The valid token with its payload's role changed to admin and its expiry
 * pushed back, keeping the old signature. */
static char *
tamper (const char *token)
{
  g_autofree char *json = token_payload_json (token);
  g_autofree char *payload = NULL;
  g_autoptr (GString) edited = g_string_new (json);
  const char *dot = strchr (token, '.');
  char *pad;

  g_string_replace (edited, "\"mfa\":false", "\"mfa\":true", 0);
  g_assert_cmpuint (g_string_replace (edited, "\"role\":\"", "\"role\":\"admin\",\"x\":\"", 1), ==,
                    1);
  payload = g_base64_encode ((const guchar *) edited->str, edited->len);
  pad = strchr (payload, '=');
  if (pad != NULL)
    *pad = '\0';
  g_strdelimit (payload, "+", '-');
  g_strdelimit (payload, "/", '_');
  return g_strconcat (payload, dot, NULL);
}

static void
check (Server *server,
       const Route *route,
       const Subject *subject,
       const char *state,
       const char *token,
       guint expect,
       const char *code)
{
  g_auto (Reply) reply = { 0 };
  guint status;

  reply_send (server, &reply, route->method, route->path, token, route->json);
  status = soup_message_get_status (reply.msg);
  g_test_message ("%s %s as %s%s with %s token: %u", route->method, route->path, subject->role,
                  subject->second_factor ? "" : " (no second factor)", state, status);
  if (expect == 0)
    {
      g_assert_cmpuint (status, !=, 401);
      g_assert_cmpuint (status, !=, 403);
      return;
    }
  assert_problem_code (&reply, expect, code);
  if (expect == 401)
    g_assert_nonnull (reply_header (&reply, "WWW-Authenticate"));
}

static void
test_route_role_token_table (void)
{
  g_auto (Server) server = { 0 };
  const char *args[] = { "--max-jobs", "0", NULL };
  Subject subjects[] = {
    { "customer", CUSTOMER, FALSE }, { "counter", COUNTER, FALSE },
    { "designer", DESIGNER, FALSE }, { "production", PRODUCTION, FALSE },
    { "admin", ADMIN, TRUE },        { "admin", ADMIN, FALSE },
  };
  g_autoptr (GBytes) secret = NULL;
  gint64 step_time = 0, now;

  server_start (&server, args);
  for (gsize s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      subjects[s].email = g_strdup_printf ("%s%s@example.in", subjects[s].role,
                                           subjects[s].second_factor ? "-2fa" : "");
      server_create_user (&server, subjects[s].email, subjects[s].role, E2E_PASSWORD);
    }
  /* The first admin enrols TOTP and signs in with codes from then on. */
  {
    g_autoptr (JsonObject) login = server_login (&server, subjects[4].email, E2E_PASSWORD, NULL);

    secret =
        enrol_admin (&server, json_object_get_string_member (login, "access_token"), &step_time);
  }
  for (gsize s = 0; s < G_N_ELEMENTS (subjects); s++)
    setup_subject (&server, &subjects[s], secret, &step_time);

  now = g_get_real_time () / G_USEC_PER_SEC;
  for (gsize r = 0; r < G_N_ELEMENTS (routes); r++)
    for (gsize s = 0; s < G_N_ELEMENTS (subjects); s++)
      {
        const Route *route = &routes[r];
        Subject *subject = &subjects[s];
        gboolean public = (route->who & PUBLIC) != 0;
        gboolean role_ok = (route->who & subject->bit) != 0;
        gboolean factor_ok =
            subject->bit != ADMIN || subject->second_factor || (route->who & ENROL) != 0;
        g_autofree char *expired = mint_access_token (
            &server, subject->account_id, subject->session_id, subject->role, now - 3600, now - 60);
        g_autofree char *tampered = tamper (subject->token);

        check (&server, route, subject, "no", NULL, public ? 0 : 401, "token_missing");
        check (&server, route, subject, "an expired", expired, public ? 0 : 401, "token_expired");
        check (&server, route, subject, "a tampered", tampered, public ? 0 : 401, "token_invalid");
        check (&server, route, subject, "a revoked", subject->revoked, public ? 0 : 401,
               "session_ended");
        /* Signing out would end the session the other checks use; it was
         * checked with a session of its own in setup_subject(). */
        if (strcmp (route->path, "/api/v1/auth/logout") == 0)
          {
            g_assert_true (role_ok && factor_ok);
            continue;
          }
        check (&server, route, subject, "a valid", subject->token,
               public || (role_ok && factor_ok) ? 0 : 403, NULL);
      }

  for (gsize s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      g_free (subjects[s].email);
      g_free (subjects[s].token);
      g_free (subjects[s].revoked);
      g_free (subjects[s].account_id);
      g_free (subjects[s].session_id);
    }
}

/* The minted tokens above are only meaningful if the server takes a token
 * minted the same way while it is current. */
static void
test_minted_token_is_accepted (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autofree char *account = NULL;
  g_autofree char *session = NULL;
  g_autofree char *minted = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  server_start (&server, NULL);
  server_create_user (&server, "asha@example.in", "designer", E2E_PASSWORD);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  account = member_of (json_object_get_string_member (login, "access_token"), "sub");
  session = member_of (json_object_get_string_member (login, "access_token"), "fam");
  minted = mint_access_token (&server, account, session, "designer", now - 10, now + 600);
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", minted, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/permissions/minted-token-is-accepted", test_minted_token_is_accepted);
  g_test_add_func ("/e2e/permissions/route-role-token", test_route_role_token_table);

  return g_test_run ();
}
