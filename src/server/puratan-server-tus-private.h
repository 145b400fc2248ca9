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

/* A SHA-256 in progress (Nettle's context, kept opaque here), and a thread hashing a
 * PATCH's bytes as they arrive (puratan-server-tus-hash.c). */
#define PURATAN_TUS_DIGEST_SIZE 32
typedef struct
{
  guint64 ctx[16];
} PuratanTusHashState;
typedef struct _PuratanTusHasher PuratanTusHasher;

PuratanTusHashState *puratan_tus_hash_state_new (void);
char *puratan_tus_hash_state_hex (const PuratanTusHashState *state);
PuratanTusHasher *puratan_tus_hasher_new (gboolean chunk, const PuratanTusHashState *whole);
void puratan_tus_hasher_feed (PuratanTusHasher *hasher, GBytes *bytes);
void puratan_tus_hasher_finish (PuratanTusHasher *hasher,
                                guint8 chunk_digest[PURATAN_TUS_DIGEST_SIZE],
                                PuratanTusHashState *whole);

gboolean
puratan_server_tus_begin_patch (PuratanServer *self, SoupServerMessage *msg, GHashTable *params);
gsize puratan_server_tus_limit (PuratanTusWrite *write);
void puratan_server_tus_chunk (PuratanTusWrite *write, GBytes *chunk);
void puratan_server_tus_write_free (PuratanTusWrite *write);
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
