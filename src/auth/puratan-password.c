/* puratan-password.c: argon2id password hashes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hashes are libsodium's crypto_pwhash_str() strings ("$argon2id$v=19$m=…"), which carry
 * their own salt and cost, so the cost can rise later without invalidating stored hashes
 * (see puratan_password_needs_rehash()). The cost is libsodium's "interactive" level:
 * 64 MiB and two passes, well under a second on the shop's machines.
 */
#include "puratan-password.h"

#include <sodium.h>
#include <string.h>

#include "puratan-auth-error.h"
#include "puratan-core.h"

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

/**
 * puratan_password_check_policy:
 * @password: a password a person chose
 * @error: return location for a #GError
 *
 * Checks that @password is valid UTF-8 of at least %PURATAN_PASSWORD_MIN_LENGTH characters
 * and at most %PURATAN_PASSWORD_MAX_BYTES bytes. The message never repeats the password.
 *
 * Returns: %TRUE when acceptable; %FALSE with %PURATAN_ERROR_INVALID_INPUT otherwise
 */
gboolean
puratan_password_check_policy (const char *password, GError **error)
{
  gsize bytes;

  g_return_val_if_fail (password != NULL, FALSE);

  bytes = strlen (password);
  if (!g_utf8_validate (password, (gssize) bytes, NULL))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The password is not valid UTF-8 text");
      return FALSE;
    }
  if (g_utf8_strlen (password, (gssize) bytes) < PURATAN_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The password is too short: use at least %d characters",
                   PURATAN_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  if (bytes > PURATAN_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The password is too long: use at most %d bytes", PURATAN_PASSWORD_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_password_hash:
 * @password: the password; it must pass puratan_password_check_policy()
 * @error: return location for a #GError
 *
 * Hashes @password with argon2id and a fresh random salt. Takes tens of milliseconds and
 * 64 MiB of memory: call it on a worker thread in a program with a main loop.
 *
 * Returns: (transfer full) (nullable): the encoded hash, or %NULL with @error set:
 *   %PURATAN_ERROR_INVALID_INPUT for a password the policy refuses, %PURATAN_ERROR_IO when
 *   the memory for hashing cannot be had
 */
char *
puratan_password_hash (const char *password, GError **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (!puratan_auth_init (error) || !puratan_password_check_policy (password, error))
    return NULL;
  if (crypto_pwhash_str (out, password, strlen (password), OPSLIMIT, MEMLIMIT) != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                           "Cannot hash the password: not enough memory");
      return NULL;
    }
  return g_strdup (out);
}

/**
 * puratan_password_verify:
 * @hash: an encoded hash from puratan_password_hash()
 * @password: the password to check
 *
 * Checks @password against @hash; libsodium compares in constant time. A malformed hash or
 * an over-long password never matches.
 *
 * Returns: %TRUE when @password is the one @hash was made from
 */
gboolean
puratan_password_verify (const char *hash, const char *password)
{
  gsize length;

  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  length = strlen (password);
  if (!puratan_auth_init (NULL) || length > PURATAN_PASSWORD_MAX_BYTES ||
      strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, length) == 0;
}

/**
 * puratan_password_verify_dummy:
 * @password: the password someone gave for an account that does not exist
 *
 * Spends the time and memory of one verification, against a hash of a random password
 * made once per process, so that a sign-in for an unknown email address takes as long as
 * one with a wrong password and does not reveal which addresses have accounts.
 */
void
puratan_password_verify_dummy (const char *password)
{
  static gsize dummy = 0;

  g_return_if_fail (password != NULL);

  if (g_once_init_enter (&dummy))
    {
      guint8 random[24];
      g_autofree char *text = NULL;
      char *hash = NULL;

      if (puratan_auth_init (NULL))
        {
          randombytes_buf (random, sizeof random);
          text = g_base64_encode (random, sizeof random);
          hash = puratan_password_hash (text, NULL);
          sodium_memzero (random, sizeof random);
        }
      g_once_init_leave (&dummy, (gsize) (hash != NULL ? hash : g_strdup ("-")));
    }
  (void) puratan_password_verify ((const char *) dummy, password);
}

/**
 * puratan_password_needs_rehash:
 * @hash: an encoded hash
 *
 * Returns: %TRUE when @hash was made with other parameters than the current ones, so the
 *   caller should hash the password again after the next successful sign-in
 */
gboolean
puratan_password_needs_rehash (const char *hash)
{
  g_return_val_if_fail (hash != NULL, TRUE);

  if (!puratan_auth_init (NULL))
    return TRUE;
  return crypto_pwhash_str_needs_rehash (hash, OPSLIMIT, MEMLIMIT) != 0;
}
