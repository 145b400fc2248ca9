/* puratan-backup.h: one-file online backups of the database and its file store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanBackupSummary:
 * @schema_version: the database's schema version in the archive
 * @n_files: how many stored files the archive holds
 * @n_bytes: the bytes of the database and the files together
 *
 * What a backup wrote or a restore read.
 */
typedef struct
{
  int schema_version;
  guint n_files;
  guint64 n_bytes;
} PuratanBackupSummary;

gboolean puratan_backup_write (PuratanDatabase *database,
                               const char *archive_path,
                               PuratanBackupSummary *summary,
                               GError **error);

gboolean puratan_backup_restore (const char *archive_path,
                                 const char *data_dir,
                                 const char *database_name,
                                 PuratanBackupSummary *summary,
                                 GError **error);

G_END_DECLS
