/* puratan-server-preflight-store.h: checked uploads kept for a while
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-server.h"

G_BEGIN_DECLS

/* The files of one result folder. */
#define PURATAN_PREFLIGHT_STORE_PDF  "file.pdf"
#define PURATAN_PREFLIGHT_STORE_JSON "report.json"
#define PURATAN_PREFLIGHT_STORE_TEXT "report.txt"

/* The preflight results of a server and how long they are kept. */
typedef struct _PuratanPreflightStore PuratanPreflightStore;

PuratanPreflightStore *puratan_preflight_store_new (void);
void puratan_preflight_store_free (PuratanPreflightStore *self);
gboolean
puratan_preflight_store_start (PuratanPreflightStore *self, const char *data_dir, GError **error);
const char *puratan_preflight_store_get_dir (PuratanPreflightStore *self);
guint puratan_preflight_store_get_keep (PuratanPreflightStore *self);
guint puratan_preflight_store_get_max_results (PuratanPreflightStore *self);
void puratan_preflight_store_set_limits (PuratanPreflightStore *self,
                                         guint keep_seconds,
                                         guint max_results);
void puratan_preflight_store_trim (PuratanPreflightStore *self);
char *puratan_preflight_store_lookup (PuratanPreflightStore *self, const char *id);
char *puratan_preflight_store_add (
    const char *dir, const char *upload_path, const char *json, const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPreflightStore, puratan_preflight_store_free)

G_END_DECLS
