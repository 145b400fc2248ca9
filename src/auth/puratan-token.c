/* puratan-token.c: signed access tokens, random refresh tokens and the server's key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An access token is `PAYLOAD.MAC`: PAYLOAD is the base64url (unpadded) JSON of the claims,
 * MAC the base64url HMAC-SHA256 of "puratan-access-v1." followed by PAYLOAD, under the
 * server's 32-byte key. The MAC is checked in constant time before the payload is parsed,
 * and the payload is parsed strictly. A refresh token is 32 random bytes in base64url; only
 * its SHA-256 is ever stored, so a copy of the database cannot be replayed.
 */
#include "puratan-token.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "puratan-auth-error.h"
#include "puratan-core.h"

#define MAC_CONTEXT        "puratan-access-v1."
#define REFRESH_TOKEN_SIZE 32
#define B64_VARIANT        sodium_base64_VARIANT_URLSAFE_NO_PADDING

/**
 * puratan_access_claims_free:
 * @claims: (nullable): claims
 */
void
puratan_access_claims_free (PuratanAccessClaims *claims)
{
  if (claims == NULL)
    return;
  g_free (claims->account_id);
  g_free (claims->family_id);
  g_free (claims);
}

static char *
b64_encode (const guint8 *data, gsize length)
{
  gsize size = sodium_base64_ENCODED_LEN (length, B64_VARIANT);
  char *out = g_malloc (size);

  sodium_bin2base64 (out, size, data, length, B64_VARIANT);
  return out;
}

static void
compute_mac (const guint8 *key, const char *payload, gsize payload_length, guint8 *mac)
{
  crypto_auth_hmacsha256_state state;

  crypto_auth_hmacsha256_init (&state, key, PURATAN_TOKEN_KEY_SIZE);
  crypto_auth_hmacsha256_update (&state, (const guint8 *) MAC_CONTEXT, strlen (MAC_CONTEXT));
  crypto_auth_hmacsha256_update (&state, (const guint8 *) payload, payload_length);
  crypto_auth_hmacsha256_final (&state, mac);
}

/**
 * puratan_access_token_sign:
 * @key: (array fixed-size=32): the server's key
 * @claims: what the token says
 *
 * Returns: (transfer full): the signed token, ASCII without spaces
 */
char *
puratan_access_token_sign (const guint8 *key, const PuratanAccessClaims *claims)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *mac_text = NULL;
  guint8 mac[crypto_auth_hmacsha256_BYTES];

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (claims != NULL && claims->account_id != NULL, NULL);
  g_return_val_if_fail (claims->family_id != NULL && claims->role < PURATAN_N_ROLES, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sub");
  json_builder_add_string_value (builder, claims->account_id);
  json_builder_set_member_name (builder, "fam");
  json_builder_add_string_value (builder, claims->family_id);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, puratan_role_to_string (claims->role));
  json_builder_set_member_name (builder, "mfa");
  json_builder_add_boolean_value (builder, claims->second_factor);
  json_builder_set_member_name (builder, "iat");
  json_builder_add_int_value (builder, claims->issued_at);
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, claims->expires_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = puratan_json_to_string (root, FALSE);

  payload = b64_encode ((const guint8 *) json, strlen (json));
  compute_mac (key, payload, strlen (payload), mac);
  mac_text = b64_encode (mac, sizeof mac);
  return g_strconcat (payload, ".", mac_text, NULL);
}

static gboolean
invalid (GError **error, const char *why)
{
  g_set_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_INVALID,
               "The access token is not valid (%s); sign in again", why);
  return FALSE;
}

static PuratanAccessClaims *
parse_claims (const char *json, gsize length, GError **error)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (PuratanAccessClaims) claims = g_new0 (PuratanAccessClaims, 1);
  const char *sub = NULL, *fam = NULL, *role = NULL;

  object = puratan_json_parse_object (json, (gssize) length, NULL);
  if (object == NULL || !puratan_json_get_string (object, "sub", &sub, NULL) ||
      !puratan_json_get_string (object, "fam", &fam, NULL) ||
      !puratan_json_get_string (object, "role", &role, NULL) ||
      !puratan_json_get_bool (object, "mfa", &claims->second_factor, NULL) ||
      !puratan_json_get_int (object, "iat", &claims->issued_at, NULL) ||
      !puratan_json_get_int (object, "exp", &claims->expires_at, NULL) ||
      !puratan_id_validate (sub, NULL) || !puratan_id_validate (fam, NULL) ||
      !puratan_role_from_string (role, &claims->role, NULL))
    {
      invalid (error, "its content is malformed");
      return NULL;
    }
  claims->account_id = g_strdup (sub);
  claims->family_id = g_strdup (fam);
  return g_steal_pointer (&claims);
}

/**
 * puratan_access_token_verify:
 * @key: (array fixed-size=32): the server's key
 * @token: (nullable): a token from a client
 * @now: the current Unix time in seconds
 * @error: return location for a #GError
 *
 * Checks @token's signature in constant time, then its content and its expiry. Whether its
 * session was revoked is for the caller to check with the store.
 *
 * Returns: (transfer full) (nullable): the claims, or %NULL with
 *   %PURATAN_AUTH_ERROR_TOKEN_INVALID (malformed, tampered or signed with another key) or
 *   %PURATAN_AUTH_ERROR_TOKEN_EXPIRED
 */
PuratanAccessClaims *
puratan_access_token_verify (const guint8 *key, const char *token, gint64 now, GError **error)
{
  g_autoptr (PuratanAccessClaims) claims = NULL;
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  guint8 expected[crypto_auth_hmacsha256_BYTES];
  guint8 *json = NULL;
  const char *dot;
  gsize length, mac_length = 0, json_length = 0;

  g_return_val_if_fail (key != NULL, NULL);

  if (token == NULL || *token == '\0')
    {
      invalid (error, "it is empty");
      return NULL;
    }
  length = strnlen (token, PURATAN_ACCESS_TOKEN_MAX_LENGTH + 1);
  dot = memchr (token, '.', length);
  if (length > PURATAN_ACCESS_TOKEN_MAX_LENGTH || dot == NULL || dot == token ||
      strchr (dot + 1, '.') != NULL)
    {
      invalid (error, "it is malformed");
      return NULL;
    }
  if (!puratan_auth_init (error))
    return NULL;
  if (sodium_base642bin (mac, sizeof mac, dot + 1, strlen (dot + 1), NULL, &mac_length, NULL,
                         B64_VARIANT) != 0 ||
      mac_length != sizeof mac)
    {
      invalid (error, "it is malformed");
      return NULL;
    }
  compute_mac (key, token, (gsize) (dot - token), expected);
  if (sodium_memcmp (mac, expected, sizeof mac) != 0)
    {
      invalid (error, "its signature does not match");
      return NULL;
    }

  json = g_malloc ((gsize) (dot - token) + 1);
  if (sodium_base642bin (json, (gsize) (dot - token), token, (gsize) (dot - token), NULL,
                         &json_length, NULL, B64_VARIANT) != 0)
    {
      g_free (json);
      invalid (error, "it is malformed");
      return NULL;
    }
  claims = parse_claims ((const char *) json, json_length, error);
  g_free (json);
  if (claims == NULL)
    return NULL;
  if (now >= claims->expires_at)
    {
      g_set_error_literal (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_EXPIRED,
                           "The access token has expired; get a new one with the refresh token");
      return NULL;
    }
  return g_steal_pointer (&claims);
}

/**
 * puratan_refresh_token_new:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): 32 bytes from libsodium's secure random source in
 *   base64url, or %NULL with %PURATAN_ERROR_RANDOM
 */
char *
puratan_refresh_token_new (GError **error)
{
  guint8 bytes[REFRESH_TOKEN_SIZE];
  char *token;

  if (!puratan_auth_init (error))
    return NULL;
  randombytes_buf (bytes, sizeof bytes);
  token = b64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  return token;
}

/**
 * puratan_token_hash:
 * @token: a refresh token
 *
 * Returns: (transfer full): the SHA-256 of @token in lower-case hex, the only form in which
 *   refresh tokens are stored
 */
char *
puratan_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
read_key (const char *path, guint8 *key, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot read the token key “%s”: %s",
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The token key “%s” may be read by other users; make it private with "
                   "chmod 600",
                   path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length != PURATAN_TOKEN_KEY_SIZE)
    {
      sodium_memzero (contents, length);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "The token key “%s” must hold exactly %d bytes", path, PURATAN_TOKEN_KEY_SIZE);
      return FALSE;
    }
  memcpy (key, contents, PURATAN_TOKEN_KEY_SIZE);
  sodium_memzero (contents, length);
  return TRUE;
}

/**
 * puratan_token_key_load_or_create:
 * @path: the key file
 * @key: (out caller-allocates) (array fixed-size=32): the key
 * @error: return location for a #GError
 *
 * Reads the server's token key, or makes one from the secure random source and writes it to
 * @path (mode 0600, created exclusively) when the file does not exist. A key file others may
 * read is refused.
 *
 * Returns: %TRUE with @key filled; %FALSE with %PURATAN_ERROR_IO, %PURATAN_ERROR_CORRUPT or
 *   %PURATAN_ERROR_INVALID_INPUT
 */
gboolean
puratan_token_key_load_or_create (const char *path, guint8 *key, GError **error)
{
  guint8 fresh[PURATAN_TOKEN_KEY_SIZE];
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!puratan_auth_init (error))
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 && errno == EEXIST)
    return read_key (path, key, error);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot create the token key “%s”: %s",
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  randombytes_buf (fresh, sizeof fresh);
  if (write (fd, fresh, sizeof fresh) != (gssize) sizeof fresh || fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (path);
      sodium_memzero (fresh, sizeof fresh);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write the token key “%s”: %s",
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  memcpy (key, fresh, sizeof fresh);
  sodium_memzero (fresh, sizeof fresh);
  return TRUE;
}
