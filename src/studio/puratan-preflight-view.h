/* puratan-preflight-view.h: the Preflight view: checks of customer PDFs before they go to press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PURATAN_TYPE_PREFLIGHT_VIEW (puratan_preflight_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanPreflightView, puratan_preflight_view, PURATAN, PREFLIGHT_VIEW, AdwBin)

GtkWidget *puratan_preflight_view_new (void);

G_END_DECLS
