/* puratan-doc-json-private.h: JSON form of the design model values
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-doc-item.h"

G_BEGIN_DECLS

/* Largest trim edge accepted: 10 m, far beyond any roll the shop prints. */
#define PURATAN_DOC_MAX_EDGE_PT (10000.0 / 25.4 * 72.0)

JsonNode *puratan_doc_swatch_to_json (const PuratanDocSwatch *swatch);
PuratanDocSwatch *puratan_doc_swatch_from_json (JsonNode *node, GError **error);
JsonNode *puratan_doc_layer_to_json (const PuratanDocLayer *layer);
PuratanDocLayer *puratan_doc_layer_from_json (JsonNode *node, GError **error);
JsonNode *puratan_doc_page_to_json (const PuratanDocPage *page);
PuratanDocPage *puratan_doc_page_from_json (JsonNode *node, guint page_number, GError **error);

G_END_DECLS
