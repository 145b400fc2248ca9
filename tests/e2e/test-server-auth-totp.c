/* test-server-auth-totp.c: end-to-end tests of TOTP, admin 2FA and secrets in logs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

void add_totp_tests (void);

/* What an enrolment answered. */
typedef struct
{
  char *uri;
  char *secret_text;
  GBytes *secret;
} Enrolment;

static void
enrolment_clear (Enrolment *enrolment)
{
  g_clear_pointer (&enrolment->uri, g_free);
  g_clear_pointer (&enrolment->secret_text, g_free);
  g_clear_pointer (&enrolment->secret, g_bytes_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Enrolment, enrolment_clear)

/* Decodes the enrolment's QR code with zbarimg, a reader the project did
 * not write, and returns what it holds. */
static char *
read_qr (const char *data_uri)
{
  const char *prefix = "data:image/png;base64,";
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "qr.png", NULL);
  g_autofree guchar *png = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (E2eRun) run = { 0 };
  gsize length = 0;
  const char *argv[] = { "zbarimg", "--raw", "-q", path, NULL };

  g_assert_true (g_str_has_prefix (data_uri, prefix));
  png = g_base64_decode (data_uri + strlen (prefix), &length);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  g_file_set_contents (path, (const char *) png, (gssize) length, &error);
  g_assert_no_error (error);
  e2e_run (&run, argv);
  g_assert_cmpint (run.exit_status, ==, 0);
  return g_strdup (g_strchomp (run.out));
}

static void
enrol (Server *server, const char *token, Enrolment *enrolment)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *expected_secret = NULL;

  reply_send (server, &reply, "POST", "/api/v1/auth/totp", token, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  enrolment->uri = g_strdup (json_object_get_string_member (answer, "otpauth_uri"));
  enrolment->secret_text = g_strdup (json_object_get_string_member (answer, "secret"));
  enrolment->secret = base32_decode (enrolment->secret_text);
  g_assert_cmpuint (g_bytes_get_size (enrolment->secret), ==, 20);

  g_assert_true (g_str_has_prefix (enrolment->uri, "otpauth://totp/Puratan%20Printers:"));
  expected_secret = g_strdup_printf ("secret=%s&", enrolment->secret_text);
  g_assert_nonnull (strstr (enrolment->uri, expected_secret));
  g_assert_nonnull (strstr (enrolment->uri, "issuer=Puratan%20Printers"));
  decoded = read_qr (json_object_get_string_member (answer, "qr_code"));
  g_assert_cmpstr (decoded, ==, enrolment->uri);
}

static char *
credentials (const char *email, const char *code)
{
  if (code == NULL)
    return g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, E2E_PASSWORD);
  return g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"totp_code\":\"%s\"}", email,
                          E2E_PASSWORD, code);
}

static void
test_admin_two_factor (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_auto (Enrolment) enrolment = { 0 };
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonObject) me = NULL;
  g_autofree char *confirm = NULL;
  g_autofree char *confirm_code = NULL;
  g_autofree char *next_code = NULL;
  g_autofree char *wrong_code = NULL;
  g_autofree char *no_code = credentials ("admin@example.in", NULL);
  g_autofree char *with_next = NULL;
  g_autofree char *with_wrong = NULL;
  const char *weak, *strong;
  gint64 now;

  server_start (&server, NULL);
  server_create_user (&server, "admin@example.in", "admin", E2E_PASSWORD);

  /* Without a second factor an admin may enrol one, and nothing else. */
  first = server_login (&server, "admin@example.in", E2E_PASSWORD, NULL);
  weak = json_object_get_string_member (first, "access_token");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (first, "account"),
                                                 "second_factor_required"));
  reply_send (&server, &reply, "POST", "/api/v1/accounts", weak,
              "{\"email\":\"c@example.in\",\"password\":\"" E2E_PASSWORD
              "\",\"role\":\"counter\"}");
  assert_problem_code (&reply, 403, NULL);
  reply_send (&server, &reply, "GET", "/api/v1/preflight/nothing", weak, NULL);
  assert_problem_code (&reply, 403, NULL);
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", weak, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);

  /* Enrol: a second enrolment before confirming replaces the first. */
  {
    g_auto (Enrolment) replaced = { 0 };

    enrol (&server, weak, &replaced);
    enrol (&server, weak, &enrolment);
    g_assert_cmpstr (replaced.secret_text, !=, enrolment.secret_text);
  }
  reply_send (&server, &reply, "GET", "/api/v1/auth/me", weak, NULL);
  me = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (me, "totp"), ==, "pending");

  now = g_get_real_time () / G_USEC_PER_SEC;
  wrong_code = totp_code_at (enrolment.secret, now - 3600);
  confirm = g_strdup_printf ("{\"code\":\"%s\"}", wrong_code);
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp/confirm", weak, confirm);
  assert_problem_code (&reply, 400, "totp_invalid");
  confirm_code = totp_code_at (enrolment.secret, now);
  g_free (confirm);
  confirm = g_strdup_printf ("{\"code\":\"%s\"}", confirm_code);
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp/confirm", weak, confirm);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp/confirm", weak, confirm);
  assert_problem_code (&reply, 409, "no_pending_totp");
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp", weak, NULL);
  assert_problem_code (&reply, 409, "totp_enrolled");

  /* From now on the code is required, right, and fresh. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, no_code);
  assert_problem_code (&reply, 401, "totp_required");
  with_wrong = credentials ("admin@example.in", wrong_code);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, with_wrong);
  assert_problem_code (&reply, 401, "totp_invalid");
  {
    /* The code that confirmed the enrolment is spent. */
    g_autofree char *with_confirm = credentials ("admin@example.in", confirm_code);

    reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, with_confirm);
    assert_problem_code (&reply, 401, "totp_replayed");
  }
  next_code = totp_code_at (enrolment.secret, now + 30);
  with_next = credentials ("admin@example.in", next_code);
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, with_next);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  second = reply_object (&reply);
  g_assert_true (json_object_get_boolean_member (second, "second_factor"));
  strong = json_object_get_string_member (second, "access_token");
  /* The same code again is a replay, even within its 30 seconds. */
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, with_next);
  assert_problem_code (&reply, 401, "totp_replayed");

  /* With the second factor the admin may make staff accounts. */
  reply_send (&server, &reply, "POST", "/api/v1/accounts", strong,
              "{\"email\":\"c@example.in\",\"password\":\"" E2E_PASSWORD
              "\",\"role\":\"counter\"}");
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  reply_send (&server, &reply, "POST", "/api/v1/accounts", strong,
              "{\"email\":\"d@example.in\",\"password\":\"" E2E_PASSWORD "\",\"role\":\"owner\"}");
  assert_problem_code (&reply, 400, NULL);
  /* The older session without the factor stays limited. */
  reply_send (&server, &reply, "POST", "/api/v1/accounts", weak,
              "{\"email\":\"e@example.in\",\"password\":\"" E2E_PASSWORD
              "\",\"role\":\"counter\"}");
  assert_problem_code (&reply, 403, NULL);
}

static gboolean
log_contains (const char *log, const char *secret)
{
  return secret != NULL && *secret != '\0' && strstr (log, secret) != NULL;
}

/* Reads the database and its write-ahead log as bytes. */
static GString *
database_bytes (Server *server)
{
  const char *names[] = { "shop.sqlite3", "shop.sqlite3-wal" };
  GString *all = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (server->data_dir, names[i], NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &data, &length, NULL))
        g_string_append_len (all, data, (gssize) length);
    }
  return all;
}

static gboolean
bytes_contain (GString *bytes, const char *needle)
{
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= bytes->len; i++)
    if (memcmp (bytes->str + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_no_secrets_in_logs (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_auto (Enrolment) enrolment = { 0 };
  g_autoptr (JsonObject) login = NULL;
  g_autoptr (JsonObject) refreshed = NULL;
  g_autoptr (GString) stored = NULL;
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *refresh_body = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *err = NULL;
  const char *register_password = "another fine password";

  /* Every debug message too. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  server_start (&server, NULL);
  g_unsetenv ("G_MESSAGES_DEBUG");
  server_create_user (&server, "asha@example.in", "designer", E2E_PASSWORD);

  wrong = g_strdup_printf ("{\"email\":\"asha@example.in\",\"password\":\"%s\"}",
                           "Wrong-Password-Xyzzy");
  reply_send (&server, &reply, "POST", "/api/v1/auth/login", NULL, wrong);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 401);
  login = server_login (&server, "asha@example.in", E2E_PASSWORD, NULL);
  g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (login, "access_token")));
  g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (login, "refresh_token")));

  refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}",
                                  json_object_get_string_member (login, "refresh_token"));
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, refresh_body);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  refreshed = reply_object (&reply);
  g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (refreshed, "access_token")));
  g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (refreshed, "refresh_token")));
  /* The successor is used, so the first token again is reuse (not a retry after a lost
   * answer): logged as a warning, without the token. */
  {
    g_autofree char *next_body = g_strdup_printf (
        "{\"refresh_token\":\"%s\"}", json_object_get_string_member (refreshed, "refresh_token"));
    g_autoptr (JsonObject) next = NULL;

    reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, next_body);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
    next = reply_object (&reply);
    g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (next, "access_token")));
    g_ptr_array_add (secrets, g_strdup (json_object_get_string_member (next, "refresh_token")));
  }
  reply_send (&server, &reply, "POST", "/api/v1/auth/refresh", NULL, refresh_body);
  assert_problem_code (&reply, 401, "refresh_token_reused");

  login =
      (json_object_unref (login), server_login (&server, "asha@example.in", E2E_PASSWORD, NULL));
  enrol (&server, json_object_get_string_member (login, "access_token"), &enrolment);
  g_ptr_array_add (secrets, g_strdup (enrolment.secret_text));
  reply_send (&server, &reply, "POST", "/api/v1/auth/register", NULL,
              "{\"email\":\"meera@example.in\",\"password\":\"another fine password\"}");
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  reply_send (&server, &reply, "POST", "/api/v1/auth/logout",
              json_object_get_string_member (login, "access_token"), NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 204);

  stored = database_bytes (&server);
  err = server_stop (&server, SIGTERM);
  /* The log has records of these requests, and debug records... */
  g_assert_nonnull (strstr (err, "http_path=/api/v1/auth/login http_status=401"));
  g_assert_nonnull (strstr (err, "http_path=/api/v1/auth/refresh http_status=200"));
  g_assert_nonnull (strstr (err, "refresh token was presented again"));
  /* ...but no password, token or TOTP secret, not even a token's halves. */
  g_assert_false (log_contains (err, E2E_PASSWORD));
  g_assert_false (log_contains (err, "Wrong-Password-Xyzzy"));
  g_assert_false (log_contains (err, register_password));
  for (guint i = 0; i < secrets->len; i++)
    {
      g_auto (GStrv) halves = g_strsplit (g_ptr_array_index (secrets, i), ".", 2);

      g_assert_false (log_contains (err, g_ptr_array_index (secrets, i)));
      for (guint h = 0; halves[h] != NULL; h++)
        g_assert_false (log_contains (err, halves[h]));
    }
  /* The database keeps neither passwords nor refresh tokens in the clear. */
  g_assert_cmpuint (stored->len, >, 0);
  g_assert_false (bytes_contain (stored, E2E_PASSWORD));
  g_assert_false (bytes_contain (stored, register_password));
  g_assert_false (bytes_contain (stored, g_ptr_array_index (secrets, 1)));
  g_assert_false (bytes_contain (stored, g_ptr_array_index (secrets, 3)));
}

void
add_totp_tests (void)
{
  g_test_add_func ("/e2e/auth/admin-two-factor", test_admin_two_factor);
  g_test_add_func ("/e2e/auth/no-secrets-in-logs", test_no_secrets_in_logs);
}
