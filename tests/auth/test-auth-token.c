/* test-auth-token.c: unit tests of access tokens, refresh tokens and the token key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "puratan-auth.h"
#include "puratan-core.h"
#include "test-auth.h"

static const guint8 key[PURATAN_TOKEN_KEY_SIZE] = "0123456789abcdef0123456789abcde";
static const guint8 other_key[PURATAN_TOKEN_KEY_SIZE] = "fedcba9876543210fedcba987654321";

static char *
sign_sample (const guint8 *with_key, gint64 expires_at)
{
  PuratanAccessClaims claims = {
    .account_id = (char *) "6f1c3c8e-6a7b-4c1d-9e2f-0a1b2c3d4e5f",
    .family_id = (char *) "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70",
    .role = PURATAN_ROLE_DESIGNER,
    .second_factor = TRUE,
    .issued_at = 1000,
    .expires_at = expires_at,
  };

  return puratan_access_token_sign (with_key, &claims);
}

static void
test_access_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sign_sample (key, 1900);
  g_autoptr (PuratanAccessClaims) claims = NULL;

  claims = puratan_access_token_verify (key, token, 1899, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (claims->account_id, ==, "6f1c3c8e-6a7b-4c1d-9e2f-0a1b2c3d4e5f");
  g_assert_cmpstr (claims->family_id, ==, "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70");
  g_assert_cmpint (claims->role, ==, PURATAN_ROLE_DESIGNER);
  g_assert_true (claims->second_factor);
  g_assert_cmpint (claims->issued_at, ==, 1000);
  g_assert_cmpint (claims->expires_at, ==, 1900);
  /* Tokens travel in headers: plain ASCII, no spaces, one dot. */
  for (const char *p = token; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.');
}

static void
test_access_expired (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sign_sample (key, 1900);

  g_assert_null (puratan_access_token_verify (key, token, 1900, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);
  g_assert_null (puratan_access_token_verify (key, token, 5000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_EXPIRED);
}

/* Builds PAYLOAD.MAC where PAYLOAD encodes @json and MAC is copied from @token. */
static char *
with_payload (const char *token, const char *json)
{
  g_autofree char *payload = g_base64_encode ((const guchar *) json, strlen (json));
  const char *dot = strchr (token, '.');

  /* base64 to unpadded base64url. */
  g_strdelimit (payload, "+", '-');
  g_strdelimit (payload, "/", '_');
  if (strchr (payload, '=') != NULL)
    *strchr (payload, '=') = '\0';
  return g_strconcat (payload, dot, NULL);
}

static void
test_access_tampered (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = sign_sample (key, 1900);
  g_autofree char *foreign = sign_sample (other_key, 1900);
  g_autofree char *flipped = g_strdup (token);
  g_autofree char *promoted = NULL;
  g_autofree char *long_token = g_strnfill (PURATAN_ACCESS_TOKEN_MAX_LENGTH + 10, 'A');
  const char *bad[] = { "", ".", "abc", "abc.", ".abc", "a.b.c", "%%%%.%%%%", NULL };

  /* Another key's signature. */
  g_assert_null (puratan_access_token_verify (key, foreign, 1000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
  g_clear_error (&error);

  /* One character of the payload changed. */
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  g_assert_null (puratan_access_token_verify (key, flipped, 1000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
  g_clear_error (&error);

  /* A payload rewritten to another role and a later expiry, keeping the old signature. */
  promoted = with_payload (token, "{\"sub\":\"6f1c3c8e-6a7b-4c1d-9e2f-0a1b2c3d4e5f\","
                                  "\"fam\":\"0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70\","
                                  "\"role\":\"admin\",\"mfa\":true,\"iat\":1000,\"exp\":99999}");
  g_assert_null (puratan_access_token_verify (key, promoted, 1000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
  g_assert_nonnull (strstr (error->message, "signature"));
  g_clear_error (&error);

  for (gsize i = 0; bad[i] != NULL; i++)
    {
      g_assert_null (puratan_access_token_verify (key, bad[i], 1000, &error));
      g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (puratan_access_token_verify (key, NULL, 1000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
  g_clear_error (&error);
  g_assert_null (puratan_access_token_verify (key, long_token, 1000, &error));
  g_assert_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID);
}

static void
test_refresh_tokens (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = puratan_refresh_token_new (&error);
  g_autofree char *b = puratan_refresh_token_new (&error);
  g_autofree char *hash = NULL;
  g_autofree char *hash_b = NULL;
  g_autofree char *hash_abc = NULL;

  g_assert_no_error (error);
  /* 32 random bytes in unpadded base64url. */
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpstr (a, !=, b);
  hash = puratan_token_hash (a);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_null (strstr (hash, a));
  hash_b = puratan_token_hash (b);
  g_assert_cmpstr (hash, !=, hash_b);
  /* SHA-256 of "abc" (FIPS 180-2). */
  hash_abc = puratan_token_hash ("abc");
  g_assert_cmpstr (hash_abc, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_key_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("puratan-auth-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "token-key", NULL);
  guint8 first[PURATAN_TOKEN_KEY_SIZE], second[PURATAN_TOKEN_KEY_SIZE];
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (puratan_token_key_load_or_create (path, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, PURATAN_TOKEN_KEY_SIZE);

  /* The second start reads the same key. */
  g_assert_true (puratan_token_key_load_or_create (path, second, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (first, sizeof first, second, sizeof second);

  /* A key others can read is refused, and so is one of the wrong size. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_false (puratan_token_key_load_or_create (path, second, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (g_file_set_contents (path, "short", -1, &error));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_false (puratan_token_key_load_or_create (path, second, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

void
add_token_tests (void)
{
  g_test_add_func ("/auth/token/access-round-trip", test_access_round_trip);
  g_test_add_func ("/auth/token/access-expired", test_access_expired);
  g_test_add_func ("/auth/token/access-tampered", test_access_tampered);
  g_test_add_func ("/auth/token/refresh", test_refresh_tokens);
  g_test_add_func ("/auth/token/key-file", test_key_file);
}
