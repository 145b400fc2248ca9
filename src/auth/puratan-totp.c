/* puratan-totp.c: time-based one-time passwords (RFC 6238)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A code is HOTP (RFC 4226: HMAC, dynamic truncation, modulo 10^digits) of the number of
 * 30-second steps since the Unix epoch. A code is accepted for the current step and one on
 * either side, for clocks a little apart, and only for a step after the last one used: a
 * code seen once can never be used again, even within its 30 seconds.
 */
#include "puratan-totp.h"

#include <sodium.h>
#include <string.h>

#include "puratan-auth-error.h"
#include "puratan-base32.h"
#include "puratan-core.h"

/* How many steps either side of now a code is accepted for. */
#define WINDOW 1

/**
 * puratan_totp_step:
 * @unix_time: seconds since the Unix epoch
 *
 * Returns: the TOTP time step @unix_time falls in
 */
gint64
puratan_totp_step (gint64 unix_time)
{
  return unix_time >= 0 ? unix_time / PURATAN_TOTP_PERIOD : -1;
}

/**
 * puratan_totp_code:
 * @algorithm: the HMAC
 * @secret: (array length=secret_length): the shared secret
 * @secret_length: its length in bytes
 * @step: the time step (see puratan_totp_step())
 * @digits: how many decimal digits, 6 to 8
 *
 * Returns: the code for @step, below 10^@digits
 */
guint32
puratan_totp_code (PuratanTotpAlgorithm algorithm,
                   const guint8 *secret,
                   gsize secret_length,
                   gint64 step,
                   guint digits)
{
  static const GChecksumType types[] = { G_CHECKSUM_SHA1, G_CHECKSUM_SHA256, G_CHECKSUM_SHA512 };
  g_autoptr (GHmac) hmac = NULL;
  guint8 counter[8];
  guint8 digest[64];
  gsize digest_length = sizeof digest;
  guint32 binary, modulus = 1;
  guint offset;

  g_return_val_if_fail (algorithm <= PURATAN_TOTP_SHA512, 0);
  g_return_val_if_fail (secret != NULL && secret_length > 0, 0);
  g_return_val_if_fail (digits >= 6 && digits <= 8, 0);

  for (int i = 7; i >= 0; i--)
    {
      counter[i] = (guint8) (step & 0xff);
      step >>= 8;
    }
  hmac = g_hmac_new (types[algorithm], secret, secret_length);
  g_hmac_update (hmac, counter, sizeof counter);
  g_hmac_get_digest (hmac, digest, &digest_length);

  offset = digest[digest_length - 1] & 0x0f;
  binary = ((guint32) (digest[offset] & 0x7f) << 24) | ((guint32) digest[offset + 1] << 16) |
           ((guint32) digest[offset + 2] << 8) | (guint32) digest[offset + 3];
  for (guint i = 0; i < digits; i++)
    modulus *= 10;
  sodium_memzero (digest, sizeof digest);
  return binary % modulus;
}

/**
 * puratan_totp_verify:
 * @secret: (array length=secret_length): the account's secret
 * @secret_length: its length in bytes
 * @code: (nullable): the code the person typed
 * @now: the current Unix time in seconds
 * @last_used_step: the step of the last code accepted for this account, or -1
 * @matched_step: (out) (optional): the step @code belongs to
 * @error: return location for a #GError
 *
 * Checks a six-digit SHA-1 code, as authenticator apps make them, for the steps around
 * @now, comparing every candidate in constant time. The caller stores @matched_step as the
 * new last used step (atomically, so that two requests with one code cannot both pass).
 *
 * Returns: %TRUE when @code is right and newer than @last_used_step; %FALSE with
 *   %PURATAN_AUTH_ERROR_TOTP_REQUIRED (no code), %PURATAN_AUTH_ERROR_TOTP_INVALID or
 *   %PURATAN_AUTH_ERROR_TOTP_REPLAYED
 */
gboolean
puratan_totp_verify (const guint8 *secret,
                     gsize secret_length,
                     const char *code,
                     gint64 now,
                     gint64 last_used_step,
                     gint64 *matched_step,
                     GError **error)
{
  gint64 current = puratan_totp_step (now);
  gint64 found = -1;
  char given[PURATAN_TOTP_DIGITS + 1] = { 0 };

  g_return_val_if_fail (secret != NULL && secret_length > 0, FALSE);

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REQUIRED,
                           "This account signs in with a code from its authenticator app; "
                           "give the current code");
      return FALSE;
    }
  if (strlen (code) != PURATAN_TOTP_DIGITS || strspn (code, "0123456789") != PURATAN_TOTP_DIGITS)
    {
      g_set_error (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID,
                   "The authenticator code must be %d digits", PURATAN_TOTP_DIGITS);
      return FALSE;
    }
  memcpy (given, code, PURATAN_TOTP_DIGITS);

  /* Every candidate is computed and compared, whichever matches, so the time taken does
   * not tell which step matched. */
  for (gint64 step = current - WINDOW; step <= current + WINDOW; step++)
    {
      char expected[16];

      if (step < 0)
        continue;
      g_snprintf (
          expected, sizeof expected, "%0*u", PURATAN_TOTP_DIGITS,
          puratan_totp_code (PURATAN_TOTP_SHA1, secret, secret_length, step, PURATAN_TOTP_DIGITS));
      if (sodium_memcmp (expected, given, PURATAN_TOTP_DIGITS) == 0 && found < 0)
        found = step;
      sodium_memzero (expected, sizeof expected);
    }
  sodium_memzero (given, sizeof given);

  if (found < 0)
    {
      g_set_error_literal (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_INVALID,
                           "The authenticator code is wrong; check the device's clock and give "
                           "the current code");
      return FALSE;
    }
  if (found <= last_used_step)
    {
      g_set_error_literal (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REPLAYED,
                           "This authenticator code has been used already; wait for the next "
                           "one");
      return FALSE;
    }
  if (matched_step != NULL)
    *matched_step = found;
  return TRUE;
}

/**
 * puratan_totp_secret_new:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): %PURATAN_TOTP_SECRET_SIZE bytes from the secure
 *   random source, or %NULL with %PURATAN_ERROR_RANDOM
 */
GBytes *
puratan_totp_secret_new (GError **error)
{
  guint8 *secret;

  if (!puratan_auth_init (error))
    return NULL;
  secret = g_malloc (PURATAN_TOTP_SECRET_SIZE);
  randombytes_buf (secret, PURATAN_TOTP_SECRET_SIZE);
  return g_bytes_new_take (secret, PURATAN_TOTP_SECRET_SIZE);
}

/**
 * puratan_totp_uri:
 * @issuer: who issues the code, shown by the app ("Puratan Printers")
 * @account: the account's name, shown by the app (its email address)
 * @secret: the secret
 *
 * Makes the `otpauth://totp/` URI (the Key Uri Format authenticator apps read from a QR
 * code) with SHA1, 6 digits and a 30-second period.
 *
 * Returns: (transfer full): the URI
 */
char *
puratan_totp_uri (const char *issuer, const char *account, GBytes *secret)
{
  g_autofree char *label = NULL;
  g_autofree char *escaped_label = NULL;
  g_autofree char *escaped_issuer = NULL;
  g_autofree char *encoded = NULL;
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (issuer != NULL && account != NULL && secret != NULL, NULL);

  data = g_bytes_get_data (secret, &length);
  encoded = puratan_base32_encode (data, length);
  label = g_strconcat (issuer, ":", account, NULL);
  escaped_label = g_uri_escape_string (label, ":@", FALSE);
  escaped_issuer = g_uri_escape_string (issuer, NULL, FALSE);
  return g_strdup_printf ("otpauth://totp/%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d"
                          "&period=%d",
                          escaped_label, encoded, escaped_issuer, PURATAN_TOTP_DIGITS,
                          PURATAN_TOTP_PERIOD);
}
