/* puratan-backup-tar.c: the backup archive's tar records
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Just enough of POSIX ustar for the archive: regular files with names under 100
 * bytes, written and read strictly. A header whose checksum does not add up, a
 * short read, or a block that is neither a header nor the end marker is an error
 * (%PURATAN_ERROR_CORRUPT), so a truncated or damaged archive is never taken for
 * a complete one. `tar tvf` lists the result.
 */
#include "puratan-backup-private.h"

#include <errno.h>
#include <string.h>

#include "puratan-core.h"

#define COPY_SIZE (256 * 1024)

static gboolean
io_failed (const char *doing, GError **error)
{
  int saved_errno = errno;

  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot %s the backup archive: %s", doing,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
damaged (const char *what, GError **error)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
               "The backup archive is damaged or incomplete: %s", what);
  return FALSE;
}

static guint
header_checksum (const guint8 *block)
{
  guint sum = 0;

  /* The checksum field itself counts as eight spaces. */
  for (gsize i = 0; i < PURATAN_BACKUP_BLOCK; i++)
    sum += (i >= 148 && i < 156) ? ' ' : block[i];
  return sum;
}

/* Writes one ustar header for a regular file @name of @size bytes. */
gboolean
puratan_backup_write_header (FILE *out, const char *name, guint64 size, GError **error)
{
  guint8 block[PURATAN_BACKUP_BLOCK] = { 0 };

  g_assert (strlen (name) < 100);
  if (size > PURATAN_BACKUP_MAX_ENTRY_SIZE)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is %" G_GUINT64_FORMAT " bytes, more than a backup entry may hold", name,
                   size);
      return FALSE;
    }
  memcpy (block, name, strlen (name));
  memcpy (block + 100, "0000600", 8);
  memcpy (block + 108, "0000000", 8);
  memcpy (block + 116, "0000000", 8);
  g_snprintf ((char *) block + 124, 12, "%011" G_GINT64_MODIFIER "o", size);
  g_snprintf ((char *) block + 136, 12, "%011" G_GINT64_MODIFIER "o",
              (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  block[156] = '0';
  memcpy (block + 257, "ustar", 6);
  memcpy (block + 263, "00", 2);
  g_snprintf ((char *) block + 148, 8, "%06o", header_checksum (block));
  block[155] = ' ';
  if (fwrite (block, 1, sizeof block, out) != sizeof block)
    return io_failed ("write", error);
  return TRUE;
}

/* Fills the last block of an entry of @size bytes with zeros. */
gboolean
puratan_backup_write_padding (FILE *out, guint64 size, GError **error)
{
  static const guint8 zeros[PURATAN_BACKUP_BLOCK] = { 0 };
  gsize rest = size % PURATAN_BACKUP_BLOCK;

  if (rest != 0 &&
      fwrite (zeros, 1, PURATAN_BACKUP_BLOCK - rest, out) != PURATAN_BACKUP_BLOCK - rest)
    return io_failed ("write", error);
  return TRUE;
}

/* Writes the end marker: two zero blocks. */
gboolean
puratan_backup_write_end (FILE *out, GError **error)
{
  static const guint8 zeros[2 * PURATAN_BACKUP_BLOCK] = { 0 };

  if (fwrite (zeros, 1, sizeof zeros, out) != sizeof zeros)
    return io_failed ("write", error);
  return TRUE;
}

static gboolean
read_block (FILE *in, guint8 *block, GError **error)
{
  if (fread (block, 1, PURATAN_BACKUP_BLOCK, in) == PURATAN_BACKUP_BLOCK)
    return TRUE;
  if (ferror (in))
    return io_failed ("read", error);
  return damaged ("it ends in the middle of an entry or before its end marker", error);
}

static gboolean
parse_octal (const guint8 *field, gsize length, guint64 *value)
{
  gsize i = 0;

  *value = 0;
  while (i < length && field[i] == ' ')
    i++;
  if (i == length || field[i] < '0' || field[i] > '7')
    return FALSE;
  for (; i < length && field[i] >= '0' && field[i] <= '7'; i++)
    *value = *value * 8 + (field[i] - '0');
  for (; i < length; i++)
    if (field[i] != '\0' && field[i] != ' ')
      return FALSE;
  return TRUE;
}

/* Reads the next header. At the end marker sets *@name to NULL and returns TRUE;
 * otherwise *@name is (transfer full) the entry's name and *@size its size. */
gboolean
puratan_backup_read_header (FILE *in, char **name, guint64 *size, GError **error)
{
  guint8 block[PURATAN_BACKUP_BLOCK];
  guint8 second[PURATAN_BACKUP_BLOCK];
  static const guint8 zeros[PURATAN_BACKUP_BLOCK] = { 0 };
  guint64 stored_sum;

  *name = NULL;
  if (!read_block (in, block, error))
    return FALSE;
  if (memcmp (block, zeros, sizeof zeros) == 0)
    {
      if (!read_block (in, second, error))
        return FALSE;
      if (memcmp (second, zeros, sizeof zeros) != 0)
        return damaged ("a lone zero block stands where a header belongs", error);
      return TRUE;
    }
  if (!parse_octal (block + 148, 8, &stored_sum) || stored_sum != header_checksum (block))
    return damaged ("an entry's header fails its checksum", error);
  if (memcmp (block + 257, "ustar", 5) != 0 || (block[156] != '0' && block[156] != '\0'))
    return damaged ("an entry is not a regular file in ustar format", error);
  if (memchr (block, '\0', 100) == NULL || !parse_octal (block + 124, 12, size))
    return damaged ("an entry's name or size cannot be read", error);
  *name = g_strndup ((const char *) block, 100);
  return TRUE;
}

/* Copies @size bytes from @in to @out (nullable), adding them to @checksum. Padding is
 * the caller's. */
gboolean
puratan_backup_copy_entry (FILE *in, FILE *out, guint64 size, GChecksum *checksum, GError **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_SIZE);
  guint64 left = size;

  while (left > 0)
    {
      gsize want = (gsize) MIN (left, (guint64) COPY_SIZE);
      gsize got = fread (buffer, 1, want, in);

      if (got != want)
        return ferror (in) ? io_failed ("read", error)
                           : damaged ("it ends in the middle of an entry", error);
      g_checksum_update (checksum, buffer, got);
      if (out != NULL && fwrite (buffer, 1, got, out) != got)
        return io_failed ("restore from", error);
      left -= got;
    }
  return TRUE;
}

/* Skips the zero padding after an entry of @size bytes. */
gboolean
puratan_backup_skip_padding (FILE *in, guint64 size, GError **error)
{
  guint8 block[PURATAN_BACKUP_BLOCK];
  gsize rest = size % PURATAN_BACKUP_BLOCK;

  if (rest == 0)
    return TRUE;
  if (fread (block, 1, PURATAN_BACKUP_BLOCK - rest, in) != PURATAN_BACKUP_BLOCK - rest)
    return ferror (in) ? io_failed ("read", error)
                       : damaged ("it ends in the middle of an entry", error);
  return TRUE;
}

gboolean
puratan_backup_is_sha256 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}
