/* puratan-base32.c: RFC 4648 base32, as authenticator apps read TOTP secrets
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-base32.h"

#include <string.h>

#include "puratan-core.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * puratan_base32_encode:
 * @data: (array length=length): bytes to encode
 * @length: how many bytes
 *
 * Encodes @data in the RFC 4648 base32 alphabet without `=` padding, which is how
 * `otpauth://` URIs carry a secret.
 *
 * Returns: (transfer full): the upper-case text
 */
char *
puratan_base32_encode (const guint8 *data, gsize length)
{
  GString *out = g_string_sized_new ((length * 8 + 4) / 5 + 1);
  guint32 buffer = 0;
  guint bits = 0;

  for (gsize i = 0; i < length; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, alphabet[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, alphabet[(buffer << (5 - bits)) & 31]);
  return g_string_free (out, FALSE);
}

/**
 * puratan_base32_decode:
 * @text: base32 text; upper or lower case, `=` padding and spaces allowed
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with %PURATAN_ERROR_PARSE when
 *   @text holds a character outside the alphabet
 */
GBytes *
puratan_base32_decode (const char *text, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint32 buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *found;
      char c = g_ascii_toupper (*p);

      if (c == '=' || c == ' ')
        continue;
      found = c != '\0' ? strchr (alphabet, c) : NULL;
      if (found == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                       "The base32 text holds “%c”, which is not a base32 character",
                       g_ascii_isprint (*p) ? *p : '?');
          return NULL;
        }
      buffer = (buffer << 5) | (guint32) (found - alphabet);
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte = (buffer >> (bits - 8)) & 0xff;

          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
