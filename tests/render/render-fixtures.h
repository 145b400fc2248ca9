/* render-fixtures.h: designs and tool runners shared by the render tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-render.h"

#define MM(x)      ((x) / 25.4 * 72.0)
#define HINDI_NAME "आशा वर्मा"
#define HINDI_ROLE "प्रिंटिंग विशेषज्ञ"

PuratanDocument *fixture_separation_design (void);
PuratanDocument *fixture_hindi_card (void);
GBytes *fixture_png (int width, int height, gboolean alpha);
GBytes *fixture_jpeg (int width, int height);
char *fixture_write_temp (GBytes *bytes, const char *name);
gboolean fixture_run (char **output, const char *first, ...) G_GNUC_NULL_TERMINATED;
void fixture_add_pdf_tests (void);
void fixture_add_cairo_tests (void);
void fixture_add_progress_tests (void);
