/* puratan-backup-private.h: the backup archive's tar records
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "puratan-backup.h"

G_BEGIN_DECLS

/* The archive is a POSIX ustar file of 512-byte blocks. Its entries, in this order:
 * the manifest (a key file), the database snapshot, then every stored file under
 * "files/ab/abcd…" (its SHA-256), and the end marker of two zero blocks. */
#define PURATAN_BACKUP_BLOCK         512
#define PURATAN_BACKUP_MANIFEST_NAME "puratan-backup.ini"
#define PURATAN_BACKUP_DATABASE_NAME "database.sqlite3"
#define PURATAN_BACKUP_FORMAT        1
/* ustar's size field holds 11 octal digits. */
#define PURATAN_BACKUP_MAX_ENTRY_SIZE ((G_GUINT64_CONSTANT (1) << 33) - 1)

gboolean puratan_backup_write_header (FILE *out, const char *name, guint64 size, GError **error);
gboolean puratan_backup_write_padding (FILE *out, guint64 size, GError **error);
gboolean puratan_backup_write_end (FILE *out, GError **error);
gboolean puratan_backup_read_header (FILE *in, char **name, guint64 *size, GError **error);
gboolean
puratan_backup_copy_entry (FILE *in, FILE *out, guint64 size, GChecksum *checksum, GError **error);
gboolean puratan_backup_skip_padding (FILE *in, guint64 size, GError **error);
gboolean puratan_backup_is_sha256 (const char *text);

G_END_DECLS
