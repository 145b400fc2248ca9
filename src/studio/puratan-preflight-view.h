/* puratan-preflight-view.h: the Preflight view: checks of customer PDFs before they go to press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-preflight.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_PREFLIGHT_VIEW (puratan_preflight_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanPreflightView, puratan_preflight_view, PURATAN, PREFLIGHT_VIEW, AdwBin)

GtkWidget *puratan_preflight_view_new (void);
void puratan_preflight_view_open_file (PuratanPreflightView *self, GFile *file);
gboolean puratan_preflight_view_is_busy (PuratanPreflightView *self);
PuratanPreflightReport *puratan_preflight_view_get_report (PuratanPreflightView *self);
int puratan_preflight_view_get_selected_finding (PuratanPreflightView *self);
const char *puratan_preflight_view_get_preview_file (PuratanPreflightView *self);

G_END_DECLS
