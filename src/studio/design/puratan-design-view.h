/* puratan-design-view.h: the Design view: job layout on a canvas with soft proofing
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-canvas.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_DESIGN_VIEW (puratan_design_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanDesignView, puratan_design_view, PURATAN, DESIGN_VIEW, AdwBin)

GtkWidget *puratan_design_view_new (void);

gboolean puratan_design_file_is_design (GFile *file);
char *puratan_design_autosave_path (GFile *file);

void puratan_design_view_open_file (PuratanDesignView *self, GFile *file);
PuratanDocument *puratan_design_view_get_document (PuratanDesignView *self);
PuratanSelection *puratan_design_view_get_selection (PuratanDesignView *self);
PuratanCanvas *puratan_design_view_get_canvas (PuratanDesignView *self);
GFile *puratan_design_view_get_file (PuratanDesignView *self);
const char *puratan_design_view_get_title (PuratanDesignView *self);
gboolean puratan_design_view_get_modified (PuratanDesignView *self);
GtkWidget *puratan_design_view_get_header_widget (PuratanDesignView *self, GtkPackType pack);
void puratan_design_view_set_preflight_counts (PuratanDesignView *self,
                                               guint n_errors,
                                               guint n_warnings);
void puratan_design_view_set_panel (PuratanDesignView *self, const char *name, GtkWidget *panel);
void puratan_design_view_set_autosave_delay (PuratanDesignView *self, guint milliseconds);

G_END_DECLS
