/* puratan-sync-http.h: blocking JSON requests to the shop's server over libcurl
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PuratanSyncResponse:
 * @status: the HTTP status
 * @body: the body's bytes (never %NULL; empty when none)
 * @etag: (nullable): the ETag header, quotes removed
 * @location: (nullable): the Location header
 * @content_type: (nullable): the Content-Type header, without parameters
 * @retry_after: seconds from a Retry-After header, -1 when none
 * @replayed: the answer carried `Idempotent-Replayed: true`
 *
 * One answer of the server.
 */
typedef struct
{
  guint status;
  GBytes *body;
  char *etag;
  char *location;
  char *content_type;
  gint64 retry_after;
  gboolean replayed;
} PuratanSyncResponse;

void puratan_sync_response_free (PuratanSyncResponse *response);

JsonObject *puratan_sync_response_object (PuratanSyncResponse *response, GError **error);

char *puratan_sync_response_problem (PuratanSyncResponse *response, char **code);

gboolean puratan_sync_response_check (PuratanSyncResponse *response, GError **error);

typedef struct _PuratanSyncHttp PuratanSyncHttp;

PuratanSyncHttp *puratan_sync_http_new (const char *server_url, GError **error);

void puratan_sync_http_free (PuratanSyncHttp *http);

const char *puratan_sync_http_get_url (PuratanSyncHttp *http);

PuratanSyncResponse *puratan_sync_http_request (PuratanSyncHttp *http,
                                                const char *method,
                                                const char *path,
                                                const char *access_token,
                                                const char *idempotency_key,
                                                const char *if_match,
                                                const char *json_body,
                                                GCancellable *cancellable,
                                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncResponse, puratan_sync_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncHttp, puratan_sync_http_free)

G_END_DECLS
