/* puratan-file-store.h: content-addressed artwork and proof files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanOrderFile:
 * @sha256: the content's SHA-256 in lower-case hex
 * @name: the file's name as the customer gave it
 * @role: "artwork", "proof" or "other"
 * @media_type: e.g. "application/pdf"
 * @size: bytes
 * @path: where the content is on this workstation
 */
typedef struct
{
  char *sha256;
  char *name;
  char *role;
  char *media_type;
  gint64 size;
  char *path;
} PuratanOrderFile;

void puratan_order_file_free (PuratanOrderFile *file);

char *puratan_file_store_import (PuratanDatabase *database,
                                 const char *source_path,
                                 const char *media_type,
                                 GError **error);

char *puratan_file_store_adopt (PuratanDatabase *database,
                                const char *path,
                                const char *sha256_known,
                                const char *media_type,
                                GError **error);

char *puratan_file_store_get_path (PuratanDatabase *database, const char *sha256, GError **error);

gboolean puratan_file_store_attach (PuratanDatabase *database,
                                    const char *order_id,
                                    const char *sha256,
                                    const char *name,
                                    const char *role,
                                    GError **error);

GPtrArray *
puratan_file_store_list_for_order (PuratanDatabase *database, const char *order_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOrderFile, puratan_order_file_free)

G_END_DECLS
