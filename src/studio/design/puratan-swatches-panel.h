/* puratan-swatches-panel.h: the Design view's panel of the design's swatches
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SWATCHES_PANEL (puratan_swatches_panel_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSwatchesPanel, puratan_swatches_panel, PURATAN, SWATCHES_PANEL, AdwBin)

GtkWidget *puratan_swatches_panel_new (void);

PuratanSelection *puratan_swatches_panel_get_selection (PuratanSwatchesPanel *self);
void puratan_swatches_panel_set_selection (PuratanSwatchesPanel *self, PuratanSelection *selection);
gboolean puratan_swatches_panel_is_loading (PuratanSwatchesPanel *self);
const char *puratan_swatches_panel_get_message (PuratanSwatchesPanel *self);
gboolean puratan_swatches_panel_apply (PuratanSwatchesPanel *self,
                                       const char *swatch,
                                       double tint,
                                       gboolean stroke);

G_END_DECLS
