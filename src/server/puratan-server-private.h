/* puratan-server-private.h: internals shared by the server's files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-server-preflight-store.h"
#include "puratan-server.h"

G_BEGIN_DECLS

void puratan_server_add_health_routes (PuratanServer *self);
void puratan_server_add_preflight_routes (PuratanServer *self);
void puratan_server_add_preflight_result_routes (PuratanServer *self);
PuratanPreflightStore *puratan_server_get_preflight_store (PuratanServer *self);
void puratan_server_remove_stale_uploads (const char *data_dir);
int puratan_server_upload_create (const char *data_dir, char **path, GError **error);
gboolean puratan_server_upload_write (int fd, const void *data, gsize length, GError **error);
char *puratan_server_take_upload (SoupServerMessage *msg, GError **error);

gboolean puratan_server_job_begin (PuratanServer *self);
void puratan_server_job_end (PuratanServer *self);
void puratan_server_defer (SoupServerMessage *msg);
void puratan_server_resume (SoupServerMessage *msg);

G_END_DECLS
