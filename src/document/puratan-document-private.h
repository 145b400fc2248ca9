/* puratan-document-private.h: internals shared by the document's own files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-document.h"

G_BEGIN_DECLS

typedef struct _PuratanUndoStep PuratanUndoStep;

struct _PuratanDocument
{
  GObject parent_instance;

  char *title;
  GPtrArray *pages;    /* (element-type PuratanDocPage) */
  GPtrArray *swatches; /* (element-type PuratanDocSwatch) */
  GPtrArray *layers;   /* (element-type PuratanDocLayer) */
  GHashTable *assets;  /* hash → PuratanDocAsset */

  char *product;               /* catalog product id, or NULL */
  GHashTable *product_options; /* option key → choice id */
  gboolean overprint_black;

  GPtrArray *undo; /* (element-type PuratanUndoStep), oldest first */
  GPtrArray *redo; /* (element-type PuratanUndoStep), next redo last */
  PuratanUndoStep *open_step;
  guint step_depth; /* nesting of begin_step; 0 while an automatic step is open */
};

/* Structure-only JSON: everything but the assets. */
JsonNode *puratan_document_build_json (PuratanDocument *self);
gboolean puratan_document_load_json (PuratanDocument *self, JsonNode *root, GError **error);
void puratan_document_emit_changed (PuratanDocument *self);

/* The product and print settings (puratan-doc-product.c). */
void puratan_document_product_init (PuratanDocument *self);
void puratan_document_product_clear (PuratanDocument *self);
void puratan_document_product_to_json (PuratanDocument *self, JsonObject *o);
gboolean
puratan_document_product_from_json (PuratanDocument *staged, JsonObject *o, GError **error);
void puratan_document_product_take (PuratanDocument *self, PuratanDocument *staged);

/* Undo history (puratan-doc-undo.c). */
void puratan_undo_step_free (PuratanUndoStep *step);
void puratan_document_record_page (PuratanDocument *self, guint page);
void puratan_document_record_structure (PuratanDocument *self);
void puratan_document_close_step (PuratanDocument *self);

G_END_DECLS
