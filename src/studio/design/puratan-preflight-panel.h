/* puratan-preflight-panel.h: the Design view's preflight panel: the design checked as it prints
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-preflight.h"
#include "puratan-selection.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_PREFLIGHT_PANEL (puratan_preflight_panel_get_type ())

G_DECLARE_FINAL_TYPE (
    PuratanPreflightPanel, puratan_preflight_panel, PURATAN, PREFLIGHT_PANEL, AdwBin)

GtkWidget *puratan_preflight_panel_new (void);

PuratanSelection *puratan_preflight_panel_get_selection (PuratanPreflightPanel *self);
void puratan_preflight_panel_set_selection (PuratanPreflightPanel *self,
                                            PuratanSelection *selection);
const char *puratan_preflight_panel_get_product (PuratanPreflightPanel *self);
void puratan_preflight_panel_set_product (PuratanPreflightPanel *self, const char *product_id);

guint puratan_preflight_panel_get_n_errors (PuratanPreflightPanel *self);
guint puratan_preflight_panel_get_n_warnings (PuratanPreflightPanel *self);
gboolean puratan_preflight_panel_get_checking (PuratanPreflightPanel *self);
PuratanPreflightReport *puratan_preflight_panel_get_report (PuratanPreflightPanel *self);
void puratan_preflight_panel_check_now (PuratanPreflightPanel *self);

G_END_DECLS
