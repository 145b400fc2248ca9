/* puratan-doc-items.c: items and assets of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

#include "puratan-core.h"
#include "puratan-document-private.h"

/* Finds an item by id in a tree of items; sets *owner and *index for removal. */
static PuratanDocItem *
find_item (GPtrArray *items, const char *id, GPtrArray **owner, guint *index)
{
  for (guint i = 0; i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];
      PuratanDocItem *found;

      if (g_str_equal (item->id, id))
        {
          if (owner != NULL)
            *owner = items;
          if (index != NULL)
            *index = i;
          return item;
        }
      if (item->children != NULL && (found = find_item (item->children, id, owner, index)) != NULL)
        return found;
    }
  return NULL;
}

static PuratanDocItem *
find_in_document (PuratanDocument *self, const char *id)
{
  for (guint p = 0; p < self->pages->len; p++)
    {
      PuratanDocPage *page = self->pages->pdata[p];
      PuratanDocItem *item = find_item (page->items, id, NULL, NULL);
      if (item != NULL)
        return item;
    }
  return NULL;
}

static gboolean
check_new_item (PuratanDocument *self, PuratanDocItem *item, GError **error)
{
  const PuratanDocPaint *paints[] = { &item->fill, &item->stroke };

  if (item->id == NULL)
    item->id = g_uuid_string_random ();
  if (*item->id == '\0' || strlen (item->id) > 64 || find_in_document (self, item->id) != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The item id “%s” is empty, too long or already used in the design", item->id);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (paints); i++)
    if (paints[i]->swatch != NULL &&
        puratan_document_lookup_swatch (self, paints[i]->swatch) == NULL)
      {
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                     "The design has no swatch “%s”; add it before using it", paints[i]->swatch);
        return FALSE;
      }
  if (item->layer == NULL && self->layers->len > 0)
    item->layer = g_strdup (((PuratanDocLayer *) self->layers->pdata[0])->id);
  if (item->layer != NULL && puratan_document_lookup_layer (self, item->layer) == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no layer “%s”",
                   item->layer);
      return FALSE;
    }
  if ((item->kind == PURATAN_DOC_ITEM_IMAGE || item->kind == PURATAN_DOC_ITEM_PDF) &&
      (item->asset == NULL || !g_hash_table_contains (self->assets, item->asset)))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "An image or placed PDF needs an asset added to the design first");
      return FALSE;
    }
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    if (!check_new_item (self, item->children->pdata[i], error))
      return FALSE;
  return TRUE;
}

/**
 * puratan_document_add_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @item: (transfer full): the item; gets a fresh id when its id is %NULL
 * @error: return location for a #GError
 *
 * Puts @item on top of @page as one undo step. The item lands on the bottom layer unless
 * it names one. Its swatches, layer and asset must exist in the design.
 *
 * Returns: (transfer none) (nullable): the item's id, or %NULL with @error set (the item is
 *   freed)
 */
const char *
puratan_document_add_item (PuratanDocument *self, guint page, PuratanDocItem *item, GError **error)
{
  g_autoptr (PuratanDocItem) owned = item;
  PuratanDocPage *target;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (page >= self->pages->len)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no page %u",
                   page + 1);
      return NULL;
    }
  if (!check_new_item (self, owned, error))
    return NULL;
  puratan_document_record_page (self, page);
  target = self->pages->pdata[page];
  g_ptr_array_add (target->items, g_steal_pointer (&owned));
  puratan_document_emit_changed (self);
  return item->id;
}

/**
 * puratan_document_lookup_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: the item id, searched inside groups too
 *
 * Returns: (transfer none) (nullable): the item, or %NULL
 */
const PuratanDocItem *
puratan_document_lookup_item (PuratanDocument *self, guint page, const char *id)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (page >= self->pages->len)
    return NULL;
  return find_item (((PuratanDocPage *) self->pages->pdata[page])->items, id, NULL, NULL);
}

/**
 * puratan_document_edit_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: the item id
 * @error: return location for a #GError
 *
 * Opens an item for change. Its page is recorded for undo first, so every change the caller
 * makes through the returned pointer is part of the current step: the step opened by
 * puratan_document_begin_step(), or else a step of its own that closes at the next edit.
 * The caller must not change the id, must keep swatch and layer names valid, and should
 * emit no signal; the document emits #PuratanDocument::changed.
 *
 * Returns: (transfer none) (nullable): the item to change, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND
 */
PuratanDocItem *
puratan_document_edit_item (PuratanDocument *self, guint page, const char *id, GError **error)
{
  PuratanDocItem *item;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  item = (PuratanDocItem *) puratan_document_lookup_item (self, page, id);
  if (item == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "Page %u has no item “%s”",
                   page + 1, id);
      return NULL;
    }
  puratan_document_record_page (self, page);
  puratan_document_emit_changed (self);
  return item;
}

/**
 * puratan_document_move_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: the item id
 * @dx: horizontal distance in points
 * @dy: vertical distance in points
 * @error: return location for a #GError
 *
 * Moves an item. Inside a step (a drag) every move joins that one step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND, or
 *   %PURATAN_ERROR_PERMISSION_DENIED for a locked item or an item on a locked layer
 */
gboolean
puratan_document_move_item (
    PuratanDocument *self, guint page, const char *id, double dx, double dy, GError **error)
{
  const PuratanDocItem *current;
  PuratanDocItem *item;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);

  current = puratan_document_lookup_item (self, page, id);
  if (current != NULL && current->locked)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                   "Item “%s” is locked; unlock it to move it", id);
      return FALSE;
    }
  if (current != NULL && current->layer != NULL)
    {
      const PuratanDocLayer *layer = puratan_document_lookup_layer (self, current->layer);
      if (layer != NULL && layer->locked)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                       "Item “%s” is on the locked layer “%s”; unlock the layer to move it", id,
                       layer->name);
          return FALSE;
        }
    }
  item = puratan_document_edit_item (self, page, id, error);
  if (item == NULL)
    return FALSE;
  item->transform[4] += dx;
  item->transform[5] += dy;
  return TRUE;
}

/**
 * puratan_document_remove_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: the item id
 * @error: return location for a #GError
 *
 * Removes an item (with its children) as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_remove_item (PuratanDocument *self, guint page, const char *id, GError **error)
{
  GPtrArray *owner = NULL;
  guint index = 0;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (page >= self->pages->len ||
      find_item (((PuratanDocPage *) self->pages->pdata[page])->items, id, &owner, &index) == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "Page %u has no item “%s”",
                   page + 1, id);
      return FALSE;
    }
  puratan_document_record_page (self, page);
  g_ptr_array_remove_index (owner, index);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_asset_free:
 * @asset: (nullable): an asset made by puratan_document_asset_new()
 *
 * Frees @asset.
 */
void
puratan_document_asset_free (PuratanDocAsset *asset)
{
  if (asset == NULL)
    return;
  g_free (asset->hash);
  g_free (asset->mime);
  g_bytes_unref (asset->data);
  g_free (asset);
}

static const char *
sniff_mime (const guint8 *p, gsize n)
{
  if (n >= 8 && memcmp (p, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
    return "image/jpeg";
  if (n >= 4 && (memcmp (p, "II*\0", 4) == 0 || memcmp (p, "MM\0*", 4) == 0))
    return "image/tiff";
  if (n >= 5 && memcmp (p, "%PDF-", 5) == 0)
    return "application/pdf";
  return NULL;
}

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  PuratanDocAsset *asset = user_data;

  asset->width = width;
  asset->height = height;
}

/**
 * puratan_document_asset_new:
 * @data: the original bytes of a PNG, JPEG, TIFF or PDF file
 * @error: return location for a #GError
 *
 * Builds an asset from bytes: hashes them, sniffs the type and, for images, decodes them
 * to check them and learn their pixel size. It touches no design, so it may run on a
 * worker thread; puratan_document_add_prepared_asset() then adds the result without
 * decoding again.
 *
 * Returns: (transfer full) (nullable): the asset, or %NULL with %PURATAN_ERROR_INVALID_INPUT
 *   (not a supported type) or %PURATAN_ERROR_CORRUPT (a damaged image)
 */
PuratanDocAsset *
puratan_document_asset_new (GBytes *data, GError **error)
{
  g_autoptr (PuratanDocAsset) asset = g_new0 (PuratanDocAsset, 1);
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  const char *mime = sniff_mime (bytes, size);

  if (mime == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The file is not a PNG, JPEG, TIFF or PDF; convert it to one of those");
      return NULL;
    }
  asset->mime = g_strdup (mime);
  asset->data = g_bytes_ref (data);
  asset->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (!g_str_equal (mime, "application/pdf"))
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (mime, &local);

      if (loader == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "This system cannot read %s images: %s", mime + 6, local->message);
          return NULL;
        }
      g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), asset);
      if (!gdk_pixbuf_loader_write_bytes (loader, data, &local) ||
          !gdk_pixbuf_loader_close (loader, &local) || asset->width <= 0 || asset->height <= 0)
        {
          if (local == NULL)
            gdk_pixbuf_loader_close (loader, NULL);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                       "The %s image is damaged and cannot be placed: %s", mime + 6,
                       local != NULL ? local->message : "no pixels");
          return NULL;
        }
    }
  return g_steal_pointer (&asset);
}

/**
 * puratan_document_add_asset:
 * @self: a #PuratanDocument
 * @data: the original bytes of a PNG, JPEG, TIFF or PDF file
 * @error: return location for a #GError
 *
 * Keeps the original bytes in the design, addressed by their SHA-256; adding the same
 * bytes twice stores them once. Images are decoded once to check them and learn their
 * pixel size. Assets are not part of undo; unused assets are dropped on save.
 *
 * Returns: (transfer none) (nullable): the asset's hash, or %NULL with @error set
 */
const char *
puratan_document_add_asset (PuratanDocument *self, GBytes *data, GError **error)
{
  PuratanDocAsset *asset;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  asset = puratan_document_asset_new (data, error);
  if (asset == NULL)
    return NULL;
  return puratan_document_add_prepared_asset (self, asset);
}

/**
 * puratan_document_add_prepared_asset:
 * @self: a #PuratanDocument
 * @asset: (transfer full): an asset from puratan_document_asset_new()
 *
 * Adds an asset built (and checked) off the main thread, as puratan_document_add_asset()
 * does with bytes; the same bytes are stored once.
 *
 * Returns: (transfer none): the asset's hash
 */
const char *
puratan_document_add_prepared_asset (PuratanDocument *self, PuratanDocAsset *asset)
{
  PuratanDocAsset *existing;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (asset != NULL && asset->hash != NULL, NULL);

  existing = g_hash_table_lookup (self->assets, asset->hash);
  if (existing != NULL)
    {
      puratan_document_asset_free (asset);
      return existing->hash;
    }
  g_hash_table_insert (self->assets, asset->hash, asset);
  return asset->hash;
}

/**
 * puratan_document_lookup_asset:
 * @self: a #PuratanDocument
 * @hash: SHA-256 in lower-case hex
 *
 * Returns: (transfer none) (nullable): the asset, or %NULL
 */
const PuratanDocAsset *
puratan_document_lookup_asset (PuratanDocument *self, const char *hash)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (hash != NULL, NULL);

  return g_hash_table_lookup (self->assets, hash);
}

static int
compare_assets (gconstpointer a, gconstpointer b)
{
  const PuratanDocAsset *x = *(PuratanDocAsset *const *) a;
  const PuratanDocAsset *y = *(PuratanDocAsset *const *) b;

  return strcmp (x->hash, y->hash);
}

/**
 * puratan_document_get_assets:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer container) (element-type PuratanDocAsset): every asset, ordered by hash
 */
GPtrArray *
puratan_document_get_assets (PuratanDocument *self)
{
  GPtrArray *assets;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);

  assets = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->assets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (assets, value);
  g_ptr_array_sort (assets, compare_assets);
  return assets;
}

/**
 * puratan_document_get_effective_ppi:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: an image item on that page
 * @ppi_x: (out): horizontal pixels per inch as printed
 * @ppi_y: (out): vertical pixels per inch as printed
 * @error: return location for a #GError
 *
 * The resolution the image prints at: its pixels over the size they cover on the page after
 * fit mode, crop and the item's transform. Below about 250 ppi offset print looks soft.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND when @id is not an image item
 */
gboolean
puratan_document_get_effective_ppi (
    PuratanDocument *self, guint page, const char *id, double *ppi_x, double *ppi_y, GError **error)
{
  const PuratanDocItem *item;
  const PuratanDocAsset *asset;
  double x, y, w, h, sx, sy;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL && ppi_x != NULL && ppi_y != NULL, FALSE);

  item = puratan_document_lookup_item (self, page, id);
  asset = item != NULL && item->kind == PURATAN_DOC_ITEM_IMAGE
              ? puratan_document_lookup_asset (self, item->asset)
              : NULL;
  if (asset == NULL || asset->width <= 0 || asset->height <= 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "Page %u has no image item “%s”",
                   page + 1, id);
      return FALSE;
    }
  puratan_doc_item_image_rect (item, asset->width, asset->height, &x, &y, &w, &h);
  sx = hypot (item->transform[0], item->transform[1]);
  sy = hypot (item->transform[2], item->transform[3]);
  *ppi_x = w * sx > 0 ? asset->width / (w * sx / 72.0) : 0;
  *ppi_y = h * sy > 0 ? asset->height / (h * sy / 72.0) : 0;
  return TRUE;
}

/**
 * puratan_document_dup:
 * @self: a #PuratanDocument
 *
 * Copies the design (pages, swatches, layers, title and assets, whose bytes are shared) with
 * an empty history, for work on another thread such as saving or exporting.
 *
 * Returns: (transfer full): the copy
 */
PuratanDocument *
puratan_document_dup (PuratanDocument *self)
{
  PuratanDocument *copy;
  g_autoptr (JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer value;
  gboolean loaded;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);

  if (self->step_depth == 0)
    puratan_document_close_step (self);
  copy = g_object_new (PURATAN_TYPE_DOCUMENT, NULL);
  root = puratan_document_build_json (self);
  loaded = puratan_document_load_json (copy, root, NULL);
  g_assert (loaded);
  g_hash_table_iter_init (&iter, self->assets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PuratanDocAsset *asset = value;
      PuratanDocAsset *twin = g_new0 (PuratanDocAsset, 1);

      twin->hash = g_strdup (asset->hash);
      twin->mime = g_strdup (asset->mime);
      twin->width = asset->width;
      twin->height = asset->height;
      twin->data = g_bytes_ref (asset->data);
      g_hash_table_insert (copy->assets, twin->hash, twin);
    }
  return copy;
}
