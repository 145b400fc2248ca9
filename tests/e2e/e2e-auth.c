/* e2e-auth.c: accounts, tokens and TOTP codes for end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TOTP codes and access tokens are computed here with GLib's own HMAC, from
 * the published formats (RFC 6238; docs/rest-api.md), not with the auth
 * layer under test.
 */
#include "e2e-auth.h"

#include <string.h>

void
reply_clear (Reply *reply)
{
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->body, g_bytes_unref);
}

/* Sends one request with an optional token and JSON body. */
void
reply_send (Server *server,
            Reply *reply,
            const char *method,
            const char *path,
            const char *token,
            const char *json)
{
  reply_clear (reply);
  reply->msg = server_json_message (server, method, path, token, json);
  reply->body = server_send (server, reply->msg);
}

JsonObject *
reply_object (Reply *reply)
{
  return parse_object (reply->body);
}

const char *
reply_header (Reply *reply, const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (reply->msg), name);
}

/* Checks a problem answer with @status and, when given, its `code`. */
void
assert_problem_code (Reply *reply, guint status, const char *code)
{
  g_autoptr (JsonObject) problem = NULL;

  assert_problem (reply->msg, reply->body, status);
  problem = reply_object (reply);
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (problem, "code", NULL), ==, code);
}

/* RFC 6238 with HMAC-SHA1, six digits, 30-second steps. */
char *
totp_code_at (GBytes *secret, gint64 unix_time)
{
  g_autoptr (GHmac) hmac = NULL;
  guint64 step = (guint64) unix_time / 30;
  guint8 counter[8], digest[20];
  gsize digest_length = sizeof digest, key_length = 0;
  const guint8 *key = g_bytes_get_data (secret, &key_length);
  guint offset;
  guint32 binary;

  for (int i = 7; i >= 0; i--, step >>= 8)
    counter[i] = step & 0xff;
  hmac = g_hmac_new (G_CHECKSUM_SHA1, key, key_length);
  g_hmac_update (hmac, counter, sizeof counter);
  g_hmac_get_digest (hmac, digest, &digest_length);
  offset = digest[19] & 0x0f;
  binary = ((guint32) (digest[offset] & 0x7f) << 24) | ((guint32) digest[offset + 1] << 16) |
           ((guint32) digest[offset + 2] << 8) | digest[offset + 3];
  return g_strdup_printf ("%06u", binary % 1000000);
}

GBytes *
base32_decode (const char *text)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  GByteArray *out = g_byte_array_new ();
  guint32 buffer = 0;
  guint bits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *found = strchr (alphabet, *p);

      g_assert_nonnull (found);
      buffer = (buffer << 5) | (guint32) (found - alphabet);
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte = (buffer >> (bits - 8)) & 0xff;
          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
base64url (const guint8 *data, gsize length)
{
  char *text = g_base64_encode (data, length);
  char *pad = strchr (text, '=');

  if (pad != NULL)
    *pad = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

/* Signs an access token with the server's own key (from its data
 * directory), as the server would, for claims the server would never
 * issue (an expiry in the past). */
char *
mint_access_token (Server *server,
                   const char *account_id,
                   const char *session_id,
                   const char *role,
                   gint64 issued_at,
                   gint64 expires_at)
{
  g_autofree char *key_path = g_build_filename (server->data_dir, "token-key", NULL);
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *mac_text = NULL;
  g_autoptr (GHmac) hmac = NULL;
  g_autoptr (GError) error = NULL;
  guint8 mac[32];
  gsize key_length = 0, mac_length = sizeof mac;

  g_file_get_contents (key_path, &key, &key_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (key_length, ==, 32);
  json = g_strdup_printf ("{\"sub\":\"%s\",\"fam\":\"%s\",\"role\":\"%s\",\"mfa\":true,"
                          "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT "}",
                          account_id, session_id, role, issued_at, expires_at);
  payload = base64url ((const guint8 *) json, strlen (json));
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guint8 *) key, key_length);
  g_hmac_update (hmac, (const guint8 *) "puratan-access-v1.", -1);
  g_hmac_update (hmac, (const guint8 *) payload, -1);
  g_hmac_get_digest (hmac, mac, &mac_length);
  mac_text = base64url (mac, mac_length);
  return g_strconcat (payload, ".", mac_text, NULL);
}

/* Returns (transfer full) the JSON an access token carries. */
char *
token_payload_json (const char *token)
{
  g_autofree char *payload = g_strndup (token, strcspn (token, "."));
  gsize length = strlen (payload);
  guchar *decoded;
  gsize decoded_length = 0;
  char *json;

  g_strdelimit (payload, "-", '+');
  g_strdelimit (payload, "_", '/');
  payload = g_realloc (payload, length + 4);
  while (length % 4 != 0)
    payload[length++] = '=';
  payload[length] = '\0';
  decoded = g_base64_decode (payload, &decoded_length);
  json = g_strndup ((const char *) decoded, decoded_length);
  g_free (decoded);
  return json;
}
