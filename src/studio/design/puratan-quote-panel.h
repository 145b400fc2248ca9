/* puratan-quote-panel.h: the Design view's panel of the design's product and its price
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_QUOTE_PANEL (puratan_quote_panel_get_type ())

G_DECLARE_FINAL_TYPE (PuratanQuotePanel, puratan_quote_panel, PURATAN, QUOTE_PANEL, AdwBin)

GtkWidget *puratan_quote_panel_new (void);

PuratanSelection *puratan_quote_panel_get_selection (PuratanQuotePanel *self);
void puratan_quote_panel_set_selection (PuratanQuotePanel *self, PuratanSelection *selection);
void puratan_quote_panel_set_product (PuratanQuotePanel *self,
                                      const char *product_id,
                                      GHashTable *options);
const char *puratan_quote_panel_get_product (PuratanQuotePanel *self);
GHashTable *puratan_quote_panel_dup_options (PuratanQuotePanel *self);
gint64 puratan_quote_panel_get_quantity (PuratanQuotePanel *self);
void puratan_quote_panel_set_quantity (PuratanQuotePanel *self, gint64 quantity);
gboolean puratan_quote_panel_is_loading (PuratanQuotePanel *self);
const char *puratan_quote_panel_get_message (PuratanQuotePanel *self);

G_END_DECLS
