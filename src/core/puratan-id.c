/* puratan-id.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-id.h"

#include "puratan-error.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

/**
 * puratan_random_bytes:
 * @buffer: (out caller-allocates) (array length=length): where to write
 * @length: how many bytes to write
 * @error: return location for a #GError
 *
 * Fills @buffer from the kernel's cryptographically secure random source
 * (getrandom(2)), suitable for keys, tokens and ids. It blocks only while
 * the kernel's pool is not yet initialised at boot, retries interrupted and
 * short reads, and never aborts: a failure of the source is reported with
 * %PURATAN_ERROR_RANDOM, and @buffer must then not be used.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_random_bytes (gpointer buffer, gsize length, GError **error)
{
  guint8 *p = buffer;

  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (length > 0)
    {
      ssize_t got = getrandom (p, length, 0);

      if (got < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_RANDOM,
                       "The system’s secure random source failed: %s", g_strerror (saved_errno));
          return FALSE;
        }
      p += got;
      length -= (gsize) got;
    }
  return TRUE;
}

/**
 * puratan_uuid_generate:
 * @out: (out caller-allocates): return location for the UUID
 * @error: return location for a #GError
 *
 * Makes a random (version 4) UUID from puratan_random_bytes(), with the
 * RFC 9562 version and variant bits set. Fails only with
 * %PURATAN_ERROR_RANDOM.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_uuid_generate (PuratanUuid *out, GError **error)
{
  PuratanUuid uuid;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!puratan_random_bytes (uuid.bytes, sizeof uuid.bytes, error))
    return FALSE;
  uuid.bytes[6] = (guint8) ((uuid.bytes[6] & 0x0f) | 0x40);
  uuid.bytes[8] = (guint8) ((uuid.bytes[8] & 0x3f) | 0x80);
  *out = uuid;
  return TRUE;
}

/**
 * puratan_uuid_parse:
 * @text: (nullable): text to read
 * @out: (out caller-allocates) (optional): return location for the UUID
 * @error: return location for a #GError
 *
 * Reads the 36-character form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" of
 * any UUID version, in either letter case. Anything else (braces, a "urn:"
 * prefix, missing or extra characters, surrounding spaces) fails with
 * %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_uuid_parse (const char *text, PuratanUuid *out, GError **error)
{
  PuratanUuid uuid;
  gsize byte = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || strnlen (text, PURATAN_UUID_STRING_LENGTH + 1) != PURATAN_UUID_STRING_LENGTH)
    goto malformed;
  for (gsize i = 0; i < PURATAN_UUID_STRING_LENGTH; i += 2)
    {
      int hi, lo;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            goto malformed;
          i++;
        }
      hi = g_ascii_xdigit_value (text[i]);
      lo = g_ascii_xdigit_value (text[i + 1]);
      if (hi < 0 || lo < 0)
        goto malformed;
      uuid.bytes[byte++] = (guint8) (hi << 4 | lo);
    }
  if (out != NULL)
    *out = uuid;
  return TRUE;

malformed:
  if (text != NULL && g_utf8_validate (text, -1, NULL) && strlen (text) <= 64)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                 "“%s” is not a UUID; expected 32 hexadecimal digits grouped 8-4-4-4-12", text);
  else
    g_set_error_literal (
        error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
        "The text is not a UUID; expected 32 hexadecimal digits grouped 8-4-4-4-12");
  return FALSE;
}

/**
 * puratan_uuid_to_string:
 * @uuid: a UUID
 *
 * Writes the canonical lower-case form, such as
 * "3f2504e0-4f89-41d3-9a0c-0305e82c3301".
 *
 * Returns: (transfer full): a string of %PURATAN_UUID_STRING_LENGTH characters
 */
char *
puratan_uuid_to_string (const PuratanUuid *uuid)
{
  const guint8 *b;

  g_return_val_if_fail (uuid != NULL, NULL);

  b = uuid->bytes;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                          b[12], b[13], b[14], b[15]);
}

/**
 * puratan_uuid_get_version:
 * @uuid: a UUID
 *
 * Returns: the version field (4 for a random UUID, 7 for a time-ordered one)
 */
guint
puratan_uuid_get_version (const PuratanUuid *uuid)
{
  g_return_val_if_fail (uuid != NULL, 0);

  return uuid->bytes[6] >> 4;
}

/**
 * puratan_uuid_equal:
 * @a: a UUID
 * @b: a UUID
 *
 * Returns: whether @a and @b are the same UUID
 */
gboolean
puratan_uuid_equal (const PuratanUuid *a, const PuratanUuid *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return memcmp (a->bytes, b->bytes, sizeof a->bytes) == 0;
}

/**
 * puratan_id_new:
 * @error: return location for a #GError
 *
 * Makes a new record id: a random UUID in canonical lower-case text. Fails
 * only with %PURATAN_ERROR_RANDOM.
 *
 * Returns: (transfer full) (nullable): the id, or %NULL on error
 */
char *
puratan_id_new (GError **error)
{
  PuratanUuid uuid;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!puratan_uuid_generate (&uuid, error))
    return NULL;
  return puratan_uuid_to_string (&uuid);
}

/**
 * puratan_id_validate:
 * @text: (nullable): a record id received from outside
 * @error: return location for a #GError
 *
 * Checks that @text is a record id exactly as puratan_id_new() writes it:
 * canonical lower case, version 4, RFC 9562 variant. Anything else fails
 * with %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: %TRUE if @text is a valid id
 */
gboolean
puratan_id_validate (const char *text, GError **error)
{
  PuratanUuid uuid;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!puratan_uuid_parse (text, &uuid, error))
    return FALSE;
  canonical = puratan_uuid_to_string (&uuid);
  if (strcmp (canonical, text) != 0 || puratan_uuid_get_version (&uuid) != 4 ||
      (uuid.bytes[8] & 0xc0) != 0x80)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a record id; ids are lower-case version 4 UUIDs", text);
      return FALSE;
    }
  return TRUE;
}
