/* puratan-server-log.h: structured logs on stderr
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GLogWriterOutput puratan_server_log_writer (GLogLevelFlags log_level,
                                            const GLogField *fields,
                                            gsize n_fields,
                                            gpointer user_data);
void puratan_server_log_set_json (gboolean json);
void puratan_server_log_flush (void);
void puratan_server_append_json_string (GString *line, const char *value);
void puratan_server_log_request (
    const char *method, const char *path, guint status, gint64 duration_us, const char *request_id);

G_END_DECLS
