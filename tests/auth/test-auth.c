/* test-auth.c: unit tests of passwords, TOTP, roles, permissions and throttling
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-auth.h"
#include "puratan-core.h"
#include "test-auth.h"

static void
test_password_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = puratan_password_hash ("correct horse battery", &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  /* The hash never holds the password. */
  g_assert_null (strstr (hash, "correct horse"));
  g_assert_true (puratan_password_verify (hash, "correct horse battery"));
  g_assert_false (puratan_password_verify (hash, "correct horse batterY"));
  g_assert_false (puratan_password_verify (hash, ""));
  g_assert_false (puratan_password_needs_rehash (hash));

  /* A fresh salt each time: the same password gives another hash that still verifies. */
  again = puratan_password_hash ("correct horse battery", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (puratan_password_verify (again, "correct horse battery"));
}

static void
test_password_bad_input (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_password = g_strnfill (PURATAN_PASSWORD_MAX_BYTES + 1, 'x');
  char *hash;

  hash = puratan_password_hash ("short", &error);
  g_assert_null (hash);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "at least 10 characters"));
  g_clear_error (&error);

  hash = puratan_password_hash (long_password, &error);
  g_assert_null (hash);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  hash = puratan_password_hash ("abcdefghij\xff\xfe", &error);
  g_assert_null (hash);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Ten characters, though more bytes, is enough. */
  g_assert_true (puratan_password_check_policy ("पासवर्ड१२३४", &error));
  g_assert_no_error (error);

  /* A malformed stored hash never matches and asks for a new hash. */
  g_assert_false (puratan_password_verify ("$argon2id$garbage", "correct horse battery"));
  g_assert_false (puratan_password_verify ("", "correct horse battery"));
  g_assert_true (puratan_password_needs_rehash ("$argon2id$garbage"));
  /* Verifying against the dummy hash neither crashes nor needs an account. */
  puratan_password_verify_dummy ("correct horse battery");
}

/* RFC 4648 section 10. */
static void
test_base32 (void)
{
  static const struct
  {
    const char *plain;
    const char *encoded;
  } vectors[] = {
    { "", "" },
    { "f", "MY" },
    { "fo", "MZXQ" },
    { "foo", "MZXW6" },
    { "foob", "MZXW6YQ" },
    { "fooba", "MZXW6YTB" },
    { "foobar", "MZXW6YTBOI" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) padded = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *encoded =
          puratan_base32_encode ((const guint8 *) vectors[i].plain, strlen (vectors[i].plain));
      g_autoptr (GBytes) decoded = NULL;

      g_assert_cmpstr (encoded, ==, vectors[i].encoded);
      decoded = puratan_base32_decode (encoded, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (decoded, NULL), g_bytes_get_size (decoded),
                       vectors[i].plain, strlen (vectors[i].plain));
    }

  padded = puratan_base32_decode ("mzxw6ytboi======", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (padded, NULL), g_bytes_get_size (padded), "foobar", 6);

  g_assert_null (puratan_base32_decode ("MZXW1", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
}

/* The test vectors of RFC 6238, appendix B: eight digits, the seed for each HMAC. */
static void
test_totp_rfc6238_vectors (void)
{
  static const char seed20[] = "12345678901234567890";
  static const char seed32[] = "12345678901234567890123456789012";
  static const char seed64[] = "1234567890123456789012345678901234567890"
                               "123456789012345678901234";
  static const struct
  {
    gint64 time;
    guint32 sha1, sha256, sha512;
  } vectors[] = {
    { 59, 94287082, 46119246, 90693936 },
    { 1111111109, 7081804, 68084774, 25091201 },
    { 1111111111, 14050471, 67062674, 99943326 },
    { 1234567890, 89005924, 91819424, 93441116 },
    { 2000000000, 69279037, 90698825, 38618901 },
    { G_GINT64_CONSTANT (20000000000), 65353130, 77737706, 47863826 },
  };

  g_assert_cmpuint (strlen (seed64), ==, 64);
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gint64 step = puratan_totp_step (vectors[i].time);

      g_assert_cmpuint (puratan_totp_code (PURATAN_TOTP_SHA1, (const guint8 *) seed20, 20, step, 8),
                        ==, vectors[i].sha1);
      g_assert_cmpuint (
          puratan_totp_code (PURATAN_TOTP_SHA256, (const guint8 *) seed32, 32, step, 8), ==,
          vectors[i].sha256);
      g_assert_cmpuint (
          puratan_totp_code (PURATAN_TOTP_SHA512, (const guint8 *) seed64, 64, step, 8), ==,
          vectors[i].sha512);
      /* Six digits are the last six of the eight. */
      g_assert_cmpuint (puratan_totp_code (PURATAN_TOTP_SHA1, (const guint8 *) seed20, 20, step, 6),
                        ==, vectors[i].sha1 % 1000000);
    }
}

static char *
code_at (const guint8 *secret, gint64 time)
{
  return g_strdup_printf (
      "%06u", puratan_totp_code (PURATAN_TOTP_SHA1, secret, 20, puratan_totp_step (time), 6));
}

static void
test_totp_verify_and_replay (void)
{
  const guint8 *secret = (const guint8 *) "12345678901234567890";
  g_autoptr (GError) error = NULL;
  g_autofree char *now_code = code_at (secret, 1111111109);
  g_autofree char *prev_code = code_at (secret, 1111111109 - 30);
  g_autofree char *far_code = code_at (secret, 1111111109 - 90);
  gint64 step = -1;

  /* RFC 6238's SHA-1 vector at 1111111109 ends in 081804. */
  g_assert_cmpstr (now_code, ==, "081804");
  g_assert_true (puratan_totp_verify (secret, 20, now_code, 1111111109, -1, &step, &error));
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, puratan_totp_step (1111111109));

  /* The same code again, with its step recorded as used: refused as a replay. */
  g_assert_false (puratan_totp_verify (secret, 20, now_code, 1111111109, step, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REPLAYED);
  g_clear_error (&error);
  /* An older code after a newer one was used: also a replay. */
  g_assert_false (puratan_totp_verify (secret, 20, prev_code, 1111111109, step, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REPLAYED);
  g_clear_error (&error);

  /* One step of clock drift is accepted, three are not. */
  g_assert_true (puratan_totp_verify (secret, 20, prev_code, 1111111109, -1, &step, &error));
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, puratan_totp_step (1111111109) - 1);
  g_assert_false (puratan_totp_verify (secret, 20, far_code, 1111111109, -1, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID);
  g_clear_error (&error);

  /* Missing and malformed codes. */
  g_assert_false (puratan_totp_verify (secret, 20, NULL, 1111111109, -1, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REQUIRED);
  g_clear_error (&error);
  g_assert_false (puratan_totp_verify (secret, 20, "08180", 1111111109, -1, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID);
  g_clear_error (&error);
  g_assert_false (puratan_totp_verify (secret, 20, "08 804", 1111111109, -1, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID);
  g_clear_error (&error);
  g_assert_false (puratan_totp_verify (secret, 20, "0818040", 1111111109, -1, NULL, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID);
}

static void
test_totp_uri (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) secret = puratan_totp_secret_new (&error);
  g_autoptr (GBytes) other = puratan_totp_secret_new (&error);
  g_autoptr (GBytes) fixed = g_bytes_new_static ("12345678901234567890", 20);
  g_autofree char *uri = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (secret), ==, PURATAN_TOTP_SECRET_SIZE);
  g_assert_false (g_bytes_equal (secret, other));

  uri = puratan_totp_uri ("Puratan Printers", "asha@example.in", fixed);
  g_assert_cmpstr (uri, ==,
                   "otpauth://totp/Puratan%20Printers:asha@example.in"
                   "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Puratan%20Printers"
                   "&algorithm=SHA1&digits=6&period=30");
}

static void
test_roles (void)
{
  g_autoptr (GError) error = NULL;
  PuratanRole role;

  for (guint i = 0; i < PURATAN_N_ROLES; i++)
    {
      g_assert_true (puratan_role_from_string (puratan_role_to_string (i), &role, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (role, ==, i);
    }
  g_assert_false (puratan_role_from_string ("Admin", &role, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_role_from_string ("system", &role, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_role_from_string (NULL, &role, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_permission_table (void)
{
  gsize n = 0;
  const PuratanPermission *rows = puratan_permissions (&n);
  const PuratanPermission *accounts = puratan_permission_lookup ("POST", "/api/v1/accounts");
  const PuratanPermission *preflight = puratan_permission_lookup ("POST", "/api/v1/preflight");
  const PuratanPermission *totp = puratan_permission_lookup ("POST", "/api/v1/auth/totp");
  const PuratanPermission *livez = puratan_permission_lookup ("HEAD", "/livez");

  g_assert_cmpuint (n, >, 0);
  /* One row per route: no method and pattern twice, every row names real roles. */
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (rows[i].pattern[0] == '/');
      g_assert_cmpuint (rows[i].roles & ~PURATAN_ROLES_ALL, ==, 0);
      g_assert_true ((rows[i].flags & PURATAN_PERMIT_PUBLIC) != 0 || rows[i].roles != 0);
      g_assert_true (puratan_permission_lookup (rows[i].method, rows[i].pattern) == &rows[i]);
      for (gsize j = i + 1; j < n; j++)
        g_assert_false (strcmp (rows[i].method, rows[j].method) == 0 &&
                        strcmp (rows[i].pattern, rows[j].pattern) == 0);
    }

  /* Public routes need nobody; HEAD follows GET. */
  g_assert_nonnull (livez);
  g_assert_cmpint (puratan_permission_check (livez, FALSE, 0, FALSE), ==, PURATAN_ACCESS_GRANTED);

  /* A route without a row is refused to everyone, even a fully signed-in admin. */
  g_assert_null (puratan_permission_lookup ("DELETE", "/api/v1/preflight"));
  g_assert_cmpint (puratan_permission_check (NULL, FALSE, 0, FALSE), ==,
                   PURATAN_ACCESS_NEEDS_SIGN_IN);
  g_assert_cmpint (puratan_permission_check (NULL, TRUE, PURATAN_ROLE_ADMIN, TRUE), ==,
                   PURATAN_ACCESS_FORBIDDEN);

  /* Every role × signed in or not on an admin-only and an everyone route. */
  for (guint role = 0; role < PURATAN_N_ROLES; role++)
    {
      gboolean admin = role == PURATAN_ROLE_ADMIN;

      g_assert_cmpint (puratan_permission_check (accounts, FALSE, role, TRUE), ==,
                       PURATAN_ACCESS_NEEDS_SIGN_IN);
      g_assert_cmpint (puratan_permission_check (accounts, TRUE, role, TRUE), ==,
                       admin ? PURATAN_ACCESS_GRANTED : PURATAN_ACCESS_FORBIDDEN);
      g_assert_cmpint (puratan_permission_check (preflight, FALSE, role, TRUE), ==,
                       PURATAN_ACCESS_NEEDS_SIGN_IN);
      g_assert_cmpint (puratan_permission_check (preflight, TRUE, role, TRUE), ==,
                       PURATAN_ACCESS_GRANTED);
      /* Without a second factor only the admin is held back, and only outside enrolment. */
      g_assert_cmpint (puratan_permission_check (preflight, TRUE, role, FALSE), ==,
                       admin ? PURATAN_ACCESS_NEEDS_SECOND_FACTOR : PURATAN_ACCESS_GRANTED);
      g_assert_cmpint (puratan_permission_check (totp, TRUE, role, FALSE), ==,
                       PURATAN_ACCESS_GRANTED);
    }
  g_assert_cmpint (puratan_permission_check (accounts, TRUE, PURATAN_ROLE_ADMIN, FALSE), ==,
                   PURATAN_ACCESS_NEEDS_SECOND_FACTOR);
  /* An out-of-range role is never granted. */
  g_assert_cmpint (puratan_permission_check (preflight, TRUE, PURATAN_N_ROLES, TRUE), ==,
                   PURATAN_ACCESS_FORBIDDEN);
}

static void
test_throttle (void)
{
  PuratanThrottlePolicy policy;
  g_autoptr (GError) error = NULL;
  gint64 previous = 0;

  puratan_throttle_policy_init_default (&policy);
  g_assert_true (puratan_throttle_policy_validate (&policy, &error));
  g_assert_no_error (error);

  /* The first failures cost nothing. */
  for (guint failures = 0; failures < policy.delay_after; failures++)
    g_assert_cmpint (puratan_throttle_wait (&policy, failures, 1000, 1000), ==, 0);

  /* Then each wait is at least as long as the one before, doubling up to the cap. */
  g_assert_cmpint (puratan_throttle_wait (&policy, 3, 1000, 1000), ==, 1);
  g_assert_cmpint (puratan_throttle_wait (&policy, 4, 1000, 1000), ==, 2);
  g_assert_cmpint (puratan_throttle_wait (&policy, 5, 1000, 1000), ==, 4);
  for (guint failures = policy.delay_after; failures < policy.lockout_after; failures++)
    {
      gint64 wait = puratan_throttle_wait (&policy, failures, 1000, 1000);

      g_assert_cmpint (wait, >=, previous);
      g_assert_cmpint (wait, <=, policy.max_delay);
      g_assert_false (puratan_throttle_is_lockout (&policy, failures));
      previous = wait;
    }
  g_assert_cmpint (puratan_throttle_wait (&policy, 9, 1000, 1000), ==, 60);

  /* The lockout lasts its full time from the last failure, and then ends. */
  g_assert_true (puratan_throttle_is_lockout (&policy, 10));
  g_assert_cmpint (puratan_throttle_wait (&policy, 10, 1000, 1000), ==, 900);
  g_assert_cmpint (puratan_throttle_wait (&policy, 10, 1000, 1600), ==, 300);
  g_assert_cmpint (puratan_throttle_wait (&policy, 10, 1000, 1900), ==, 0);
  g_assert_cmpint (puratan_throttle_wait (&policy, 5000, 1000, 1000), ==, 900);

  /* A longer first wait doubles the same way, and the cap still holds. */
  policy.first_delay = 20;
  g_assert_cmpint (puratan_throttle_wait (&policy, 3, 1000, 1000), ==, 20);
  g_assert_cmpint (puratan_throttle_wait (&policy, 4, 1000, 1000), ==, 40);
  g_assert_cmpint (puratan_throttle_wait (&policy, 5, 1000, 1000), ==, 60);
  g_assert_cmpint (puratan_throttle_wait (&policy, 4, 1000, 1030), ==, 10);

  /* Incoherent policies are refused. */
  policy.lockout_after = 0;
  g_assert_false (puratan_throttle_policy_validate (&policy, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  policy.lockout_after = 2;
  policy.delay_after = 3;
  g_assert_false (puratan_throttle_policy_validate (&policy, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/password/round-trip", test_password_round_trip);
  g_test_add_func ("/auth/password/bad-input", test_password_bad_input);
  g_test_add_func ("/auth/base32/rfc4648", test_base32);
  g_test_add_func ("/auth/totp/rfc6238-vectors", test_totp_rfc6238_vectors);
  g_test_add_func ("/auth/totp/verify-and-replay", test_totp_verify_and_replay);
  g_test_add_func ("/auth/totp/uri", test_totp_uri);
  g_test_add_func ("/auth/roles/names", test_roles);
  g_test_add_func ("/auth/permissions/table", test_permission_table);
  g_test_add_func ("/auth/throttle/policy", test_throttle);
  add_token_tests ();

  return g_test_run ();
}
