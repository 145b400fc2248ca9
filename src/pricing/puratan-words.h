/* puratan-words.h: amounts in Indian English words
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *puratan_number_in_words (guint64 number);

char *puratan_rupees_in_words (gint64 paise);

G_END_DECLS
