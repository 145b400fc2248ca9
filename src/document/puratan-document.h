/* puratan-document.h: a design: pages, items, layers, swatches, assets and undo history
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-doc-item.h"

G_BEGIN_DECLS

/* Version of the design file format this build writes; see docs/file-format.md. */
#define PURATAN_DOCUMENT_FORMAT_VERSION 1

/**
 * PuratanDocAsset:
 * @hash: SHA-256 of @data, lower-case hex
 * @mime: "image/png", "image/jpeg", "image/tiff" or "application/pdf"
 * @width: pixel width of an image, page count 0 for a PDF
 * @height: pixel height of an image
 * @data: the original bytes, as imported
 */
typedef struct
{
  char *hash;
  char *mime;
  int width;
  int height;
  GBytes *data;
} PuratanDocAsset;

#define PURATAN_TYPE_DOCUMENT (puratan_document_get_type ())

G_DECLARE_FINAL_TYPE (PuratanDocument, puratan_document, PURATAN, DOCUMENT, GObject)

PuratanDocument *puratan_document_new (void);
PuratanDocument *puratan_document_new_from_json (const char *json, gssize length, GError **error);
char *puratan_document_to_json (PuratanDocument *self);
PuratanDocument *puratan_document_dup (PuratanDocument *self);

const char *puratan_document_get_title (PuratanDocument *self);
void puratan_document_set_title (PuratanDocument *self, const char *title);

/* The catalog product the design is made for and its print settings (puratan-doc-product.c). */
const char *puratan_document_get_product (PuratanDocument *self);
void puratan_document_set_product (PuratanDocument *self, const char *id);
const char *puratan_document_get_product_option (PuratanDocument *self, const char *key);
void
puratan_document_set_product_option (PuratanDocument *self, const char *key, const char *choice);
GHashTable *puratan_document_get_product_options (PuratanDocument *self);
gboolean puratan_document_get_overprint_black (PuratanDocument *self);
void puratan_document_set_overprint_black (PuratanDocument *self, gboolean overprint);

guint puratan_document_get_n_pages (PuratanDocument *self);
const PuratanDocPage *puratan_document_get_page (PuratanDocument *self, guint index);
guint puratan_document_add_page (
    PuratanDocument *self, double width, double height, double bleed, double safe, GError **error);
gboolean puratan_document_remove_page (PuratanDocument *self, guint index, GError **error);

GPtrArray *puratan_document_get_swatches (PuratanDocument *self);
const PuratanDocSwatch *puratan_document_lookup_swatch (PuratanDocument *self, const char *name);
gboolean
puratan_document_add_swatch (PuratanDocument *self, const PuratanDocSwatch *swatch, GError **error);

GPtrArray *puratan_document_get_layers (PuratanDocument *self);
const PuratanDocLayer *puratan_document_lookup_layer (PuratanDocument *self, const char *id);
gboolean
puratan_document_add_layer (PuratanDocument *self, const PuratanDocLayer *layer, GError **error);

const char *
puratan_document_add_item (PuratanDocument *self, guint page, PuratanDocItem *item, GError **error);
const PuratanDocItem *
puratan_document_lookup_item (PuratanDocument *self, guint page, const char *id);
PuratanDocItem *
puratan_document_edit_item (PuratanDocument *self, guint page, const char *id, GError **error);
gboolean puratan_document_move_item (
    PuratanDocument *self, guint page, const char *id, double dx, double dy, GError **error);
gboolean
puratan_document_remove_item (PuratanDocument *self, guint page, const char *id, GError **error);

gboolean puratan_document_restack_item (
    PuratanDocument *self, guint page, const char *id, guint position, GError **error);
const char *puratan_document_group_items (PuratanDocument *self,
                                          guint page,
                                          const char *const *ids,
                                          GError **error);
gboolean
puratan_document_ungroup (PuratanDocument *self, guint page, const char *id, GError **error);

/**
 * PuratanDocEdge:
 * @PURATAN_DOC_EDGE_LEFT: left edges
 * @PURATAN_DOC_EDGE_CENTER: vertical centre lines
 * @PURATAN_DOC_EDGE_RIGHT: right edges
 * @PURATAN_DOC_EDGE_TOP: top edges
 * @PURATAN_DOC_EDGE_MIDDLE: horizontal centre lines
 * @PURATAN_DOC_EDGE_BOTTOM: bottom edges
 *
 * What puratan_document_align_items() lines items up on.
 */
typedef enum
{
  PURATAN_DOC_EDGE_LEFT,
  PURATAN_DOC_EDGE_CENTER,
  PURATAN_DOC_EDGE_RIGHT,
  PURATAN_DOC_EDGE_TOP,
  PURATAN_DOC_EDGE_MIDDLE,
  PURATAN_DOC_EDGE_BOTTOM,
} PuratanDocEdge;

gboolean puratan_document_align_items (
    PuratanDocument *self, guint page, const char *const *ids, PuratanDocEdge edge, GError **error);
gboolean puratan_document_distribute_items (
    PuratanDocument *self, guint page, const char *const *ids, gboolean vertical, GError **error);
gboolean puratan_document_set_layer_flags (PuratanDocument *self,
                                           const char *id,
                                           gboolean visible,
                                           gboolean locked,
                                           gboolean printable,
                                           GError **error);

const char *puratan_document_add_asset (PuratanDocument *self, GBytes *data, GError **error);
PuratanDocAsset *puratan_document_asset_new (GBytes *data, GError **error);
void puratan_document_asset_free (PuratanDocAsset *asset);
const char *puratan_document_add_prepared_asset (PuratanDocument *self, PuratanDocAsset *asset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocAsset, puratan_document_asset_free)
const PuratanDocAsset *puratan_document_lookup_asset (PuratanDocument *self, const char *hash);
GPtrArray *puratan_document_get_assets (PuratanDocument *self);
gboolean puratan_document_get_effective_ppi (PuratanDocument *self,
                                             guint page,
                                             const char *id,
                                             double *ppi_x,
                                             double *ppi_y,
                                             GError **error);

void puratan_document_begin_step (PuratanDocument *self, const char *label);
void puratan_document_end_step (PuratanDocument *self);
gboolean puratan_document_can_undo (PuratanDocument *self);
gboolean puratan_document_can_redo (PuratanDocument *self);
const char *puratan_document_get_undo_label (PuratanDocument *self);
gboolean puratan_document_undo (PuratanDocument *self);
gboolean puratan_document_redo (PuratanDocument *self);

gboolean puratan_document_save (PuratanDocument *self,
                                const char *path,
                                GBytes *thumbnail_png,
                                GError **error);
void puratan_document_save_async (PuratanDocument *self,
                                  const char *path,
                                  GBytes *thumbnail_png,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean puratan_document_save_finish (PuratanDocument *self, GAsyncResult *result, GError **error);
PuratanDocument *puratan_document_open (const char *path, GError **error);
void puratan_document_open_async (const char *path,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
PuratanDocument *puratan_document_open_finish (GAsyncResult *result, GError **error);
GBytes *puratan_document_read_thumbnail (const char *path, GError **error);

/* Page and layer order, layer names and removal, swatch changes (puratan-doc-reorder.c). */
gboolean puratan_document_move_page (PuratanDocument *self, guint from, guint to, GError **error);
gboolean
puratan_document_move_layer (PuratanDocument *self, const char *id, guint position, GError **error);
gboolean puratan_document_rename_layer (PuratanDocument *self,
                                        const char *id,
                                        const char *name,
                                        GError **error);
guint puratan_document_count_layer_items (PuratanDocument *self, const char *id);
gboolean puratan_document_remove_layer (PuratanDocument *self,
                                        const char *id,
                                        const char *move_to,
                                        GError **error);
gboolean puratan_document_set_item_layer (
    PuratanDocument *self, guint page, const char *item_id, const char *layer_id, GError **error);
gboolean puratan_document_set_swatch (PuratanDocument *self,
                                      const char *name,
                                      const PuratanDocSwatch *swatch,
                                      GError **error);

G_END_DECLS
