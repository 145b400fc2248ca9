/* test-accounts.c: accounts, TOTP enrolments, sign-in sessions and failure counters
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "puratan-core.h"
#include "puratan-database-private.h"
#include "puratan-store.h"

/* A well-formed argon2id string; the store never checks passwords, only keeps hashes. */
#define HASH   "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define HASH_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define HASH_E "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
#define HASH_F "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

static PuratanDatabase *
open_fresh (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

static gint64
query_int (PuratanDatabase *database, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (
      sqlite3_prepare_v2 (puratan_database_get_handle (database), sql, -1, &stmt, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static PuratanAccount *
add_account (PuratanDatabase *database, const char *email, const char *role)
{
  g_autoptr (GError) error = NULL;
  PuratanAccount *account = puratan_account_insert (database, email, HASH, role, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static void
test_accounts (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanAccount) asha = add_account (database, "  Asha@Example.IN ", "designer");
  g_autoptr (PuratanAccount) by_email = NULL;
  g_autoptr (PuratanAccount) by_id = NULL;
  g_autoptr (GError) error = NULL;
  const char *bad_emails[] = { "",
                               "asha",
                               "@example.in",
                               "asha@",
                               "asha@example",
                               "a b@example.in",
                               "asha@ex@ample.in",
                               "aशा@example.in",
                               NULL };

  g_assert_cmpstr (asha->email, ==, "asha@example.in");
  g_assert_cmpstr (asha->role, ==, "designer");
  g_assert_no_error (error);

  by_email = puratan_account_get_by_email (database, "ASHA@example.in", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_email->id, ==, asha->id);
  g_assert_cmpstr (by_email->password_hash, ==, HASH);
  by_id = puratan_account_get (database, asha->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_id->email, ==, "asha@example.in");

  /* One account per address, whatever its case. */
  g_assert_null (puratan_account_insert (database, "asha@EXAMPLE.in", HASH, "customer", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  for (gsize i = 0; bad_emails[i] != NULL; i++)
    {
      g_assert_null (puratan_account_insert (database, bad_emails[i], HASH, "customer", &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  /* The schema refuses an unknown role and anything but an argon2id hash. */
  g_assert_null (puratan_account_insert (database, "ravi@example.in", HASH, "system", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_account_insert (database, "ravi@example.in", "plain text password",
                                         "customer", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Injection in the address is just a malformed address, and changes nothing. */
  g_assert_null (puratan_account_get_by_email (database, "x'OR'1'='1@example.in", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM accounts"), ==, 1);

  g_assert_null (puratan_account_get (database, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (puratan_account_set_password_hash (database, asha->id, HASH "x", &error));
  g_assert_no_error (error);
  g_clear_pointer (&by_id, puratan_account_free);
  by_id = puratan_account_get (database, asha->id, &error);
  g_assert_cmpstr (by_id->password_hash, ==, HASH "x");
}

static void
test_totp (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanAccount) admin = add_account (database, "admin@example.in", "admin");
  g_autoptr (GBytes) first = g_bytes_new_static ("0123456789abcdefghij", 20);
  g_autoptr (GBytes) second = g_bytes_new_static ("ABCDEFGHIJ0123456789", 20);
  g_autoptr (PuratanAccountTotp) totp = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (puratan_account_totp_get (database, admin->id, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A pending enrolment can be replaced until it is confirmed. */
  g_assert_true (puratan_account_totp_begin (database, admin->id, first, &error));
  g_assert_true (puratan_account_totp_begin (database, admin->id, second, &error));
  g_assert_no_error (error);
  totp = puratan_account_totp_get (database, admin->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (totp->secret, second));
  g_assert_false (totp->confirmed);
  g_assert_cmpint (totp->last_step, ==, -1);

  /* Codes are used only once confirmed. */
  g_assert_false (puratan_account_totp_use_step (database, admin->id, 100, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (puratan_account_totp_confirm (database, admin->id, 100, &error));
  g_assert_no_error (error);
  g_assert_false (puratan_account_totp_confirm (database, admin->id, 101, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Confirmed: no new enrolment over it. */
  g_assert_false (puratan_account_totp_begin (database, admin->id, first, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The step of the confirming code, and older ones, are spent; newer ones once each. */
  g_assert_false (puratan_account_totp_use_step (database, admin->id, 100, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (puratan_account_totp_use_step (database, admin->id, 101, &error));
  g_assert_no_error (error);
  g_assert_false (puratan_account_totp_use_step (database, admin->id, 101, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&totp, puratan_account_totp_free);
  totp = puratan_account_totp_get (database, admin->id, &error);
  g_assert_true (totp->confirmed);
  g_assert_cmpint (totp->last_step, ==, 101);

  g_assert_false (
      puratan_account_totp_begin (database, "00000000-0000-4000-8000-000000000000", first, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

/* Rotates @old to @new at @now with a 30 s grace; returns the outcome. */
static PuratanRefreshOutcome
rotate_at (PuratanDatabase *database, const char *old, const char *new, gint64 now)
{
  g_autoptr (GError) error = NULL;
  PuratanRefreshOutcome outcome = PURATAN_REFRESH_UNKNOWN;

  g_assert_true (puratan_auth_session_rotate (database, old, new, now, now + 1000, 30, &outcome,
                                              NULL, &error));
  g_assert_no_error (error);
  return outcome;
}

/* A database of its own, named @name, beside the one open_fresh() gives. */
static PuratanDatabase *
open_named (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

static gint64
open_sessions (PuratanDatabase *database)
{
  return query_int (database, "SELECT count(*) FROM auth_sessions WHERE revoked_at IS NULL");
}

/* A refresh retried after its answer was lost gets a new successor while the first one was
 * never used and the grace lasts; the unused successor is spent, and presenting it then
 * revokes the session as any reuse does. */
static void
test_session_retry (void)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (PuratanDatabase) database = open_named ("retry.sqlite3");
    g_autoptr (PuratanAccount) asha = add_account (database, "asha@example.in", "counter");
    g_autofree char *id =
        puratan_auth_session_start (database, asha->id, FALSE, HASH_A, 1000, 5000, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_B, 1100), ==, PURATAN_REFRESH_ROTATED);
    /* B's answer was lost: A again, twice, within the grace. */
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_C, 1110), ==, PURATAN_REFRESH_RETRIED);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_D, 1130), ==, PURATAN_REFRESH_RETRIED);
    g_assert_cmpint (
        query_int (database, "SELECT count(*) FROM refresh_tokens WHERE rotated_at IS NULL"), ==,
        1);
    /* The newest goes on as usual, and the session with it. */
    g_assert_cmpint (rotate_at (database, HASH_D, HASH_E, 1131), ==, PURATAN_REFRESH_ROTATED);
    g_assert_cmpint (open_sessions (database), ==, 1);
    /* A successor that was replaced unused, presented later: reuse. */
    g_assert_cmpint (rotate_at (database, HASH_B, HASH_F, 1132), ==, PURATAN_REFRESH_REUSED);
    g_assert_cmpint (open_sessions (database), ==, 0);
    g_assert_null (puratan_auth_session_get_active (database, id, asha->id, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    /* The successor was used: the old token again is reuse, however soon. */
    g_autoptr (PuratanDatabase) database = open_named ("used.sqlite3");
    g_autoptr (PuratanAccount) asha = add_account (database, "asha@example.in", "counter");
    g_autofree char *id =
        puratan_auth_session_start (database, asha->id, FALSE, HASH_A, 1000, 5000, &error);

    g_assert_no_error (error);
    g_assert_nonnull (id);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_B, 1100), ==, PURATAN_REFRESH_ROTATED);
    g_assert_cmpint (rotate_at (database, HASH_B, HASH_C, 1101), ==, PURATAN_REFRESH_ROTATED);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_D, 1102), ==, PURATAN_REFRESH_REUSED);
    g_assert_cmpint (open_sessions (database), ==, 0);
  }
  {
    /* After the grace, the same retry is reuse. */
    g_autoptr (PuratanDatabase) database = open_named ("late.sqlite3");
    g_autoptr (PuratanAccount) asha = add_account (database, "asha@example.in", "counter");
    g_autofree char *id =
        puratan_auth_session_start (database, asha->id, FALSE, HASH_A, 1000, 5000, &error);

    g_assert_no_error (error);
    g_assert_nonnull (id);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_B, 1100), ==, PURATAN_REFRESH_ROTATED);
    g_assert_cmpint (rotate_at (database, HASH_A, HASH_C, 1131), ==, PURATAN_REFRESH_REUSED);
    g_assert_cmpint (open_sessions (database), ==, 0);
  }
}

static void
test_sessions (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanAccount) asha = add_account (database, "asha@example.in", "counter");
  g_autoptr (PuratanAuthSession) session = NULL;
  g_autoptr (PuratanAuthSession) active = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  PuratanRefreshOutcome outcome;

  id = puratan_auth_session_start (database, asha->id, FALSE, HASH_A, 1000, 2000, &error);
  g_assert_no_error (error);
  active = puratan_auth_session_get_active (database, id, asha->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (active->role, ==, "counter");
  g_assert_false (active->second_factor);

  /* A current token rotates once. */
  g_assert_true (puratan_auth_session_rotate (database, HASH_A, HASH_B, 1100, 2100, 30, &outcome,
                                              &session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, PURATAN_REFRESH_ROTATED);
  g_assert_cmpstr (session->id, ==, id);
  g_assert_cmpstr (session->account_id, ==, asha->id);
  g_clear_pointer (&session, puratan_auth_session_free);

  /* The spent token again: the whole session is revoked, and the current token with it. */
  g_assert_true (puratan_auth_session_rotate (database, HASH_A, HASH_C, 1200, 2200, 30, &outcome,
                                              NULL, &error));
  g_assert_cmpint (outcome, ==, PURATAN_REFRESH_REUSED);
  g_assert_true (puratan_auth_session_rotate (database, HASH_B, HASH_C, 1200, 2200, 30, &outcome,
                                              NULL, &error));
  g_assert_cmpint (outcome, ==, PURATAN_REFRESH_REVOKED);
  g_assert_no_error (error);
  g_assert_null (puratan_auth_session_get_active (database, id, asha->id, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (
      query_int (database, "SELECT count(*) FROM refresh_tokens WHERE hash = '" HASH_C "'"), ==, 0);
  g_assert_cmpint (
      query_int (database, "SELECT count(*) FROM auth_sessions WHERE revoked_reason = 'reuse'"), ==,
      1);

  /* Unknown and expired tokens. */
  g_assert_true (puratan_auth_session_rotate (database, HASH_C, HASH_A, 1200, 2200, 30, &outcome,
                                              NULL, &error));
  g_assert_cmpint (outcome, ==, PURATAN_REFRESH_UNKNOWN);
  g_free (id);
  id = puratan_auth_session_start (database, asha->id, TRUE, HASH_C, 3000, 4000, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_auth_session_rotate (database, HASH_C, HASH_D, 4000, 5000, 30, &outcome,
                                              NULL, &error));
  g_assert_cmpint (outcome, ==, PURATAN_REFRESH_EXPIRED);

  /* Sign-out ends the session; a session is only its own account's. */
  g_assert_null (puratan_auth_session_get_active (database, id,
                                                  "00000000-0000-4000-8000-0000000"
                                                  "00000",
                                                  &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (puratan_auth_session_revoke (database, id, 3500, &error));
  g_assert_true (puratan_auth_session_revoke (database, id, 3600, &error));
  g_assert_no_error (error);
  g_assert_null (puratan_auth_session_get_active (database, id, asha->id, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (
      query_int (database, "SELECT count(*) FROM auth_sessions WHERE revoked_reason = 'logout'"),
      ==, 1);
  /* The database holds hashes only: nothing but 64 hex digits per token. */
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM refresh_tokens"
                                        " WHERE length (hash) != 64"),
                   ==, 0);
}

static void
test_login_failures (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  guint failures = 99;
  gint64 last = -1;

  g_assert_true (puratan_login_failures_get (database, "client:127.0.0.1", 1000, 900, &failures,
                                             &last, &error));
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpint (last, ==, 0);

  for (guint i = 1; i <= 3; i++)
    {
      guint counted = 0;

      g_assert_true (puratan_login_failures_record (database, "client:127.0.0.1", 1000 + i, 900,
                                                    &counted, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counted, ==, i);
    }
  g_assert_true (puratan_login_failures_get (database, "client:127.0.0.1", 1010, 900, &failures,
                                             &last, &error));
  g_assert_cmpuint (failures, ==, 3);
  g_assert_cmpint (last, ==, 1003);
  /* Another key counts separately. */
  g_assert_true (puratan_login_failures_get (database, "account:asha@example.in", 1010, 900,
                                             &failures, &last, &error));
  g_assert_cmpuint (failures, ==, 0);

  /* After a quiet window the count is stale, and the next failure starts again from one. */
  g_assert_true (puratan_login_failures_get (database, "client:127.0.0.1", 1904, 900, &failures,
                                             &last, &error));
  g_assert_cmpuint (failures, ==, 0);
  g_assert_true (
      puratan_login_failures_record (database, "client:127.0.0.1", 1904, 900, &failures, &error));
  g_assert_cmpuint (failures, ==, 1);

  g_assert_true (puratan_login_failures_clear (database, "client:127.0.0.1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM login_failures"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/accounts/insert-and-find", test_accounts);
  g_test_add_func ("/store/accounts/totp", test_totp);
  g_test_add_func ("/store/accounts/sessions", test_sessions);
  g_test_add_func ("/store/accounts/session-retry", test_session_retry);
  g_test_add_func ("/store/accounts/login-failures", test_login_failures);

  return g_test_run ();
}
