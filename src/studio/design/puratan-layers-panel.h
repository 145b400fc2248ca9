/* puratan-layers-panel.h: the Design view's panel of the design's layers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_LAYERS_PANEL (puratan_layers_panel_get_type ())

G_DECLARE_FINAL_TYPE (PuratanLayersPanel, puratan_layers_panel, PURATAN, LAYERS_PANEL, AdwBin)

GtkWidget *puratan_layers_panel_new (void);

PuratanSelection *puratan_layers_panel_get_selection (PuratanLayersPanel *self);
void puratan_layers_panel_set_selection (PuratanLayersPanel *self, PuratanSelection *selection);
const char *puratan_layers_panel_get_current_layer (PuratanLayersPanel *self);
void puratan_layers_panel_set_current_layer (PuratanLayersPanel *self, const char *id);
const char *puratan_layers_panel_get_message (PuratanLayersPanel *self);

G_END_DECLS
