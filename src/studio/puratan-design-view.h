/* puratan-design-view.h: the Design view: job layout on a canvas with soft proofing
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PURATAN_TYPE_DESIGN_VIEW (puratan_design_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanDesignView, puratan_design_view, PURATAN, DESIGN_VIEW, AdwBin)

GtkWidget *puratan_design_view_new (void);

G_END_DECLS
