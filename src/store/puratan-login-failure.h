/* puratan-login-failure.h: counters of failed sign-ins
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

gboolean puratan_login_failures_get (PuratanDatabase *database,
                                     const char *key,
                                     gint64 now,
                                     guint window_seconds,
                                     guint *failures,
                                     gint64 *last_failure,
                                     GError **error);
gboolean puratan_login_failures_record (PuratanDatabase *database,
                                        const char *key,
                                        gint64 now,
                                        guint window_seconds,
                                        guint *failures,
                                        GError **error);
gboolean puratan_login_failures_clear (PuratanDatabase *database, const char *key, GError **error);

G_END_DECLS
