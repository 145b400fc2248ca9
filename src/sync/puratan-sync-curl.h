/* puratan-sync-curl.h: what the sync layer's libcurl clients share (layer-internal)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

void puratan_sync_curl_prepare (CURL *curl,
                                const char *url,
                                long timeout_seconds,
                                curl_write_callback take_body,
                                curl_write_callback take_header,
                                void *transfer,
                                GCancellable *cancellable);
char *puratan_sync_curl_header_value (const char *line, size_t length, const char *name);
gboolean puratan_sync_curl_headers_end (const char *line, size_t length);

G_END_DECLS
