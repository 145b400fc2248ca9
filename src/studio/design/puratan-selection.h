/* puratan-selection.h: the items a designer has selected on one page of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-doc.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SELECTION (puratan_selection_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSelection, puratan_selection, PURATAN, SELECTION, GObject)

PuratanSelection *puratan_selection_new (void);

PuratanDocument *puratan_selection_get_document (PuratanSelection *self);
void puratan_selection_set_document (PuratanSelection *self, PuratanDocument *document);
guint puratan_selection_get_page (PuratanSelection *self);
void puratan_selection_set_page (PuratanSelection *self, guint page);

guint puratan_selection_get_n_items (PuratanSelection *self);
const char *puratan_selection_get_item (PuratanSelection *self, guint index);
const char *const *puratan_selection_get_ids (PuratanSelection *self);
gboolean puratan_selection_contains (PuratanSelection *self, const char *id);
void puratan_selection_set_ids (PuratanSelection *self, const char *const *ids);
void puratan_selection_select_only (PuratanSelection *self, const char *id);
void puratan_selection_add (PuratanSelection *self, const char *id);
void puratan_selection_remove (PuratanSelection *self, const char *id);
void puratan_selection_toggle (PuratanSelection *self, const char *id);
void puratan_selection_clear (PuratanSelection *self);

G_END_DECLS
