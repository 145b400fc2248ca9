/* puratan-counter-view.h: the Counter view: walk-in orders and payments
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-auth.h"
#include "puratan-store.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_COUNTER_VIEW (puratan_counter_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanCounterView, puratan_counter_view, PURATAN, COUNTER_VIEW, AdwBin)

GtkWidget *puratan_counter_view_new (void);

const PuratanOrder *puratan_counter_view_get_order (PuratanCounterView *self);

const char *puratan_counter_view_get_last_document (PuratanCounterView *self);
const char *puratan_counter_view_get_catalog_problem (PuratanCounterView *self);
void puratan_counter_view_set_role (PuratanCounterView *self, gboolean has_role, PuratanRole role);

G_END_DECLS
