/* puratan-upload.h: resumable uploads on their way into the file store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanUpload:
 * @id: UUID, also the name of the upload's partial file
 * @account_id: the account that created it (its owner)
 * @order_id: the order the finished file is attached to
 * @name: the file name the sender gave, already checked (1 to 255 bytes, no separators)
 * @length: the announced size in bytes
 * @received: bytes stored so far (the tus `Upload-Offset`)
 * @sha256: (nullable): the stored file, once the upload is complete
 * @preflight_id: (nullable): the kept preflight result, once checked
 * @preflight_error: (nullable): why the file could not be checked
 * @created_at: UTC, ISO 8601
 *
 * One resumable upload (the tus protocol's resource).
 */
typedef struct
{
  char *id;
  char *account_id;
  char *order_id;
  char *name;
  gint64 length;
  gint64 received;
  char *sha256;
  char *preflight_id;
  char *preflight_error;
  char *created_at;
} PuratanUpload;

void puratan_upload_free (PuratanUpload *upload);

gboolean puratan_upload_insert (PuratanDatabase *database, PuratanUpload *upload, GError **error);
PuratanUpload *puratan_upload_get (PuratanDatabase *database, const char *id, GError **error);
gboolean puratan_upload_set_received (PuratanDatabase *database,
                                      const char *id,
                                      gint64 received,
                                      GError **error);
gboolean puratan_upload_complete (PuratanDatabase *database,
                                  const char *id,
                                  const char *sha256,
                                  GError **error);
gboolean puratan_upload_set_preflight (PuratanDatabase *database,
                                       const char *id,
                                       const char *preflight_id,
                                       const char *preflight_error,
                                       GError **error);
gboolean puratan_upload_delete (PuratanDatabase *database, const char *id, GError **error);
GPtrArray *puratan_upload_list_unfinished (PuratanDatabase *database,
                                           gint64 older_than,
                                           guint limit,
                                           GError **error);
char *puratan_upload_preflight_for_file (PuratanDatabase *database,
                                         const char *order_id,
                                         const char *sha256,
                                         GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanUpload, puratan_upload_free)

G_END_DECLS
