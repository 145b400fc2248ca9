/* puratan-data-dir.h: where Puratan Studio's shipped data lives
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *puratan_data_dir_get_path (const char *subdir);

G_END_DECLS
