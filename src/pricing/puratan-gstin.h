/* puratan-gstin.h: Indian GST identification numbers and state codes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PURATAN_GSTIN_LENGTH:
 *
 * Number of characters in a GSTIN.
 */
#define PURATAN_GSTIN_LENGTH 15

char puratan_gstin_check_character (const char *first14);

gboolean puratan_gstin_validate (const char *gstin, GError **error);

const char *puratan_gst_state_lookup (const char *code_or_abbreviation, const char **out_name);

G_END_DECLS
