/* puratan-sync-tus.h: tus 1.0 requests (creation, offset, chunks) over libcurl
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-sync-http.h"

G_BEGIN_DECLS

typedef struct _PuratanSyncTus PuratanSyncTus;

/**
 * PuratanSyncTusAnswer:
 * @response: the answer (status, body, Location, Retry-After)
 * @offset: the Upload-Offset header, -1 when none
 * @length: the Upload-Length header, -1 when none
 *
 * One answer to a tus request.
 */
typedef struct
{
  PuratanSyncResponse *response;
  gint64 offset;
  gint64 length;
} PuratanSyncTusAnswer;

void puratan_sync_tus_answer_free (PuratanSyncTusAnswer *answer);

PuratanSyncTus *puratan_sync_tus_new (const char *base_url);

void puratan_sync_tus_free (PuratanSyncTus *tus);

PuratanSyncTusAnswer *puratan_sync_tus_request (PuratanSyncTus *tus,
                                                const char *method,
                                                const char *path,
                                                const char *access_token,
                                                const char *const *headers,
                                                const guint8 *body,
                                                gsize body_length,
                                                GCancellable *cancellable,
                                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncTusAnswer, puratan_sync_tus_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncTus, puratan_sync_tus_free)

G_END_DECLS
