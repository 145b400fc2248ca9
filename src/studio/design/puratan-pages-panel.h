/* puratan-pages-panel.h: the Design view's panel of the design's pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"
#include "puratan-units.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_PAGES_PANEL (puratan_pages_panel_get_type ())

G_DECLARE_FINAL_TYPE (PuratanPagesPanel, puratan_pages_panel, PURATAN, PAGES_PANEL, AdwBin)

GtkWidget *puratan_pages_panel_new (void);

PuratanSelection *puratan_pages_panel_get_selection (PuratanPagesPanel *self);
void puratan_pages_panel_set_selection (PuratanPagesPanel *self, PuratanSelection *selection);
PuratanUnit puratan_pages_panel_get_unit (PuratanPagesPanel *self);
void puratan_pages_panel_set_unit (PuratanPagesPanel *self, PuratanUnit unit);
gboolean puratan_pages_panel_is_busy (PuratanPagesPanel *self);
GdkTexture *puratan_pages_panel_get_thumbnail (PuratanPagesPanel *self, guint page);
gboolean puratan_pages_panel_move_page (PuratanPagesPanel *self, guint from, guint to);
const char *puratan_pages_panel_get_message (PuratanPagesPanel *self);

G_END_DECLS
