/* puratan-doc-item.c: values of the design model
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-doc-item.h"

/**
 * puratan_doc_swatch_new:
 * @name: the swatch name, unique in its document
 * @model: the colour model
 * @values: (array fixed-size=4): components; unused ones are ignored
 *
 * Returns: (transfer full): a new swatch
 */
PuratanDocSwatch *
puratan_doc_swatch_new (const char *name, PuratanDocColorModel model, const double values[4])
{
  PuratanDocSwatch *swatch;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  swatch = g_new0 (PuratanDocSwatch, 1);
  swatch->name = g_strdup (name);
  swatch->model = model;
  memcpy (swatch->values, values, sizeof swatch->values);
  return swatch;
}

/**
 * puratan_doc_swatch_copy:
 * @swatch: a swatch
 *
 * Returns: (transfer full): a deep copy of @swatch
 */
PuratanDocSwatch *
puratan_doc_swatch_copy (const PuratanDocSwatch *swatch)
{
  g_return_val_if_fail (swatch != NULL, NULL);

  return puratan_doc_swatch_new (swatch->name, swatch->model, swatch->values);
}

/**
 * puratan_doc_swatch_free:
 * @swatch: (nullable): a swatch
 *
 * Frees @swatch and its name.
 */
void
puratan_doc_swatch_free (PuratanDocSwatch *swatch)
{
  if (swatch == NULL)
    return;
  g_free (swatch->name);
  g_free (swatch);
}

/**
 * puratan_doc_layer_new:
 * @id: the layer id, unique in its document
 * @name: the name shown to the designer
 *
 * Returns: (transfer full): a visible, unlocked, printable layer
 */
PuratanDocLayer *
puratan_doc_layer_new (const char *id, const char *name)
{
  PuratanDocLayer *layer;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  layer = g_new0 (PuratanDocLayer, 1);
  layer->id = g_strdup (id);
  layer->name = g_strdup (name);
  layer->visible = TRUE;
  layer->printable = TRUE;
  return layer;
}

/**
 * puratan_doc_layer_copy:
 * @layer: a layer
 *
 * Returns: (transfer full): a deep copy of @layer
 */
PuratanDocLayer *
puratan_doc_layer_copy (const PuratanDocLayer *layer)
{
  PuratanDocLayer *copy;

  g_return_val_if_fail (layer != NULL, NULL);

  copy = puratan_doc_layer_new (layer->id, layer->name);
  copy->visible = layer->visible;
  copy->locked = layer->locked;
  copy->printable = layer->printable;
  return copy;
}

/**
 * puratan_doc_layer_free:
 * @layer: (nullable): a layer
 *
 * Frees @layer.
 */
void
puratan_doc_layer_free (PuratanDocLayer *layer)
{
  if (layer == NULL)
    return;
  g_free (layer->id);
  g_free (layer->name);
  g_free (layer);
}

/**
 * puratan_doc_item_new:
 * @kind: what the item is
 *
 * The new item has no id (the document assigns one when it is added), the identity
 * transform, a 100 × 100 pt frame, no fill or stroke, full opacity and is visible.
 * Text items default to 10 pt Noto Sans regular.
 *
 * Returns: (transfer full): a new item
 */
PuratanDocItem *
puratan_doc_item_new (PuratanDocItemKind kind)
{
  PuratanDocItem *item = g_new0 (PuratanDocItem, 1);

  item->kind = kind;
  item->transform[0] = 1.0;
  item->transform[3] = 1.0;
  item->width = 100.0;
  item->height = 100.0;
  item->fill.tint = 1.0;
  item->stroke.tint = 1.0;
  item->opacity = 1.0;
  item->visible = TRUE;
  item->font_weight = 400;
  item->font_size = 10.0;
  if (kind == PURATAN_DOC_ITEM_TEXT)
    item->font_family = g_strdup ("Noto Sans");
  if (kind == PURATAN_DOC_ITEM_GROUP)
    item->children = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_item_free);
  return item;
}

/**
 * puratan_doc_item_copy:
 * @item: an item
 *
 * Returns: (transfer full): a deep copy of @item, children included
 */
PuratanDocItem *
puratan_doc_item_copy (const PuratanDocItem *item)
{
  PuratanDocItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_new0 (PuratanDocItem, 1);
  *copy = *item;
  copy->id = g_strdup (item->id);
  copy->layer = g_strdup (item->layer);
  copy->fill.swatch = g_strdup (item->fill.swatch);
  copy->stroke.swatch = g_strdup (item->stroke.swatch);
  copy->text = g_strdup (item->text);
  copy->font_family = g_strdup (item->font_family);
  copy->asset = g_strdup (item->asset);
  copy->path = g_strdup (item->path);
  copy->children = NULL;
  if (item->children != NULL)
    {
      copy->children = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_item_free);
      for (guint i = 0; i < item->children->len; i++)
        g_ptr_array_add (copy->children, puratan_doc_item_copy (item->children->pdata[i]));
    }
  return copy;
}

/**
 * puratan_doc_item_free:
 * @item: (nullable): an item
 *
 * Frees @item and its children.
 */
void
puratan_doc_item_free (PuratanDocItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->layer);
  g_free (item->fill.swatch);
  g_free (item->stroke.swatch);
  g_free (item->text);
  g_free (item->font_family);
  g_free (item->asset);
  g_free (item->path);
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

static void
set_paint (PuratanDocPaint *paint, const char *swatch, double tint)
{
  g_free (paint->swatch);
  paint->swatch = g_strdup (swatch);
  paint->tint = CLAMP (tint, 0.0, 1.0);
}

/**
 * puratan_doc_item_set_fill:
 * @item: an item
 * @swatch: (nullable): a swatch name, or %NULL for no fill
 * @tint: 0..1, clamped
 *
 * Sets the fill paint of @item.
 */
void
puratan_doc_item_set_fill (PuratanDocItem *item, const char *swatch, double tint)
{
  g_return_if_fail (item != NULL);
  set_paint (&item->fill, swatch, tint);
}

/**
 * puratan_doc_item_set_stroke:
 * @item: an item
 * @swatch: (nullable): a swatch name, or %NULL for no stroke
 * @tint: 0..1, clamped
 *
 * Sets the stroke paint of @item.
 */
void
puratan_doc_item_set_stroke (PuratanDocItem *item, const char *swatch, double tint)
{
  g_return_if_fail (item != NULL);
  set_paint (&item->stroke, swatch, tint);
}

/**
 * puratan_doc_item_set_position:
 * @item: an item
 * @x: page x of the frame origin in points
 * @y: page y of the frame origin in points
 *
 * Sets the translation part of the transform, keeping rotation and scale.
 */
void
puratan_doc_item_set_position (PuratanDocItem *item, double x, double y)
{
  g_return_if_fail (item != NULL);
  item->transform[4] = x;
  item->transform[5] = y;
}

/**
 * puratan_doc_item_image_rect:
 * @item: an image item
 * @px_width: the image's pixel width
 * @px_height: the image's pixel height
 * @x: (out): left of the whole image in item space
 * @y: (out): top of the whole image in item space
 * @width: (out): width of the whole image in item space
 * @height: (out): height of the whole image in item space
 *
 * Places the image so its crop rectangle (the whole image when the crop is empty) meets the
 * frame as the fit mode says.
 */
void
puratan_doc_item_image_rect (const PuratanDocItem *item,
                             int px_width,
                             int px_height,
                             double *x,
                             double *y,
                             double *width,
                             double *height)
{
  double cx = item->crop[0], cy = item->crop[1], cw = item->crop[2], ch = item->crop[3];
  double sx, sy;

  if (cw <= 0 || ch <= 0)
    {
      cx = cy = 0;
      cw = px_width;
      ch = px_height;
    }
  switch (item->fit)
    {
      case PURATAN_DOC_FIT_FILL:
        sx = sy = MAX (item->width / cw, item->height / ch);
        break;
      case PURATAN_DOC_FIT_FIT:
        sx = sy = MIN (item->width / cw, item->height / ch);
        break;
      case PURATAN_DOC_FIT_STRETCH:
        sx = item->width / cw;
        sy = item->height / ch;
        break;
      case PURATAN_DOC_FIT_NONE:
      default:
        sx = sy = 1.0;
        break;
    }
  *width = px_width * sx;
  *height = px_height * sy;
  *x = -cx * sx;
  *y = -cy * sy;
  if (item->fit == PURATAN_DOC_FIT_FILL || item->fit == PURATAN_DOC_FIT_FIT)
    {
      *x += (item->width - cw * sx) / 2;
      *y += (item->height - ch * sy) / 2;
    }
}

/**
 * puratan_doc_page_new:
 * @width: trim width in points, > 0
 * @height: trim height in points, > 0
 * @bleed: bleed in points, >= 0
 * @safe: safe margin in points, >= 0
 *
 * Returns: (transfer full): an empty page without guides
 */
PuratanDocPage *
puratan_doc_page_new (double width, double height, double bleed, double safe)
{
  PuratanDocPage *page = g_new0 (PuratanDocPage, 1);

  page->width = width;
  page->height = height;
  page->bleed = bleed;
  page->safe = safe;
  page->guides_x = g_array_new (FALSE, FALSE, sizeof (double));
  page->guides_y = g_array_new (FALSE, FALSE, sizeof (double));
  page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_item_free);
  return page;
}

/**
 * puratan_doc_page_copy:
 * @page: a page
 *
 * Returns: (transfer full): a deep copy of @page
 */
PuratanDocPage *
puratan_doc_page_copy (const PuratanDocPage *page)
{
  PuratanDocPage *copy;

  g_return_val_if_fail (page != NULL, NULL);

  copy = puratan_doc_page_new (page->width, page->height, page->bleed, page->safe);
  g_array_append_vals (copy->guides_x, page->guides_x->data, page->guides_x->len);
  g_array_append_vals (copy->guides_y, page->guides_y->data, page->guides_y->len);
  for (guint i = 0; i < page->items->len; i++)
    g_ptr_array_add (copy->items, puratan_doc_item_copy (page->items->pdata[i]));
  return copy;
}

/**
 * puratan_doc_page_free:
 * @page: (nullable): a page
 *
 * Frees @page and its items.
 */
void
puratan_doc_page_free (PuratanDocPage *page)
{
  if (page == NULL)
    return;
  g_array_unref (page->guides_x);
  g_array_unref (page->guides_y);
  g_ptr_array_unref (page->items);
  g_free (page);
}

/**
 * puratan_doc_color_model_to_string:
 * @model: a colour model
 *
 * Returns: (transfer none): the name used in the file format: "cmyk", "rgb", "gray", "spot"
 */
const char *
puratan_doc_color_model_to_string (PuratanDocColorModel model)
{
  switch (model)
    {
      case PURATAN_DOC_COLOR_CMYK:
        return "cmyk";
      case PURATAN_DOC_COLOR_RGB:
        return "rgb";
      case PURATAN_DOC_COLOR_GRAY:
        return "gray";
      case PURATAN_DOC_COLOR_SPOT:
        return "spot";
      default:
        g_return_val_if_reached ("cmyk");
    }
}
