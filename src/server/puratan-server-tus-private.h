/* puratan-server-tus-private.h: resumable uploads, their stored files and downloads
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-preflight.h"
#include "puratan-server-api-private.h"

G_BEGIN_DECLS

/* tus's checksum extension: the chunk did not match its Upload-Checksum. */
#define PURATAN_SERVER_STATUS_CHECKSUM_MISMATCH 460

gboolean
puratan_server_tus_begin_patch (PuratanServer *self, SoupServerMessage *msg, GHashTable *params);
gsize puratan_server_tus_limit (PuratanTusWrite *write);
void puratan_server_tus_chunk (PuratanTusWrite *write, const void *data, gsize size);
void puratan_server_tus_request_done (PuratanServer *self, SoupServerMessage *msg);
void puratan_server_tus_unlock (PuratanServer *self, const char *id);
void puratan_server_tus_complete (PuratanServer *self,
                                  SoupServerMessage *msg,
                                  const char *id,
                                  const char *path,
                                  gint64 offset,
                                  const char *sha256);
void
puratan_server_tus_respond_complete (SoupServerMessage *msg, gint64 offset, const GError *error);
void puratan_server_add_upload (JsonBuilder *builder, const PuratanUpload *upload);
char *puratan_server_preflight_keep (const char *results_dir,
                                     const char *path,
                                     PuratanPreflightProfile *profile,
                                     GError **error);
void puratan_server_add_upload_routes (PuratanServer *self);
void puratan_server_add_file_routes (PuratanServer *self);
void puratan_server_add_stripe_routes (PuratanServer *self);

G_END_DECLS
