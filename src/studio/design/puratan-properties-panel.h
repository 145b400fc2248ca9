/* puratan-properties-panel.h: the Design view's panel of the selected items' properties
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"
#include "puratan-units.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_PROPERTIES_PANEL (puratan_properties_panel_get_type ())

G_DECLARE_FINAL_TYPE (
    PuratanPropertiesPanel, puratan_properties_panel, PURATAN, PROPERTIES_PANEL, AdwBin)

GtkWidget *puratan_properties_panel_new (void);

PuratanSelection *puratan_properties_panel_get_selection (PuratanPropertiesPanel *self);
void puratan_properties_panel_set_selection (PuratanPropertiesPanel *self,
                                             PuratanSelection *selection);
PuratanUnit puratan_properties_panel_get_unit (PuratanPropertiesPanel *self);
void puratan_properties_panel_set_unit (PuratanPropertiesPanel *self, PuratanUnit unit);
const char *puratan_properties_panel_get_message (PuratanPropertiesPanel *self);

G_END_DECLS
