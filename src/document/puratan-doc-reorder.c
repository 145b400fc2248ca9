/* puratan-doc-reorder.c: page and layer order, layer names and removal, swatch values
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Design view's panels change besides items: each function is one undo step of
 * its own, or joins the step opened by puratan_document_begin_step().
 */
#include "puratan-core.h"
#include "puratan-document-private.h"

static gint
layer_index (PuratanDocument *self, const char *id)
{
  for (guint i = 0; i < self->layers->len; i++)
    if (g_str_equal (((PuratanDocLayer *) self->layers->pdata[i])->id, id))
      return (gint) i;
  return -1;
}

static gboolean
no_layer_error (const char *id, GError **error)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no layer “%s”", id);
  return FALSE;
}

/* Moves element @from of @array to @to, shifting those between. */
static void
move_element (GPtrArray *array, guint from, guint to)
{
  gpointer element = array->pdata[from];

  if (from < to)
    memmove (&array->pdata[from], &array->pdata[from + 1], (to - from) * sizeof (gpointer));
  else
    memmove (&array->pdata[to + 1], &array->pdata[to], (from - to) * sizeof (gpointer));
  array->pdata[to] = element;
}

/**
 * puratan_document_move_page:
 * @self: a #PuratanDocument
 * @from: 0-based index of the page to move
 * @to: 0-based index the page has afterwards
 * @error: return location for a #GError
 *
 * Moves a page with its items, as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND when either index is past the end
 */
gboolean
puratan_document_move_page (PuratanDocument *self, guint from, guint to, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);

  if (from >= self->pages->len || to >= self->pages->len)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The design has %u pages; page %u cannot move to page %u", self->pages->len,
                   from + 1, to + 1);
      return FALSE;
    }
  if (from == to)
    return TRUE;
  puratan_document_record_structure (self);
  move_element (self->pages, from, to);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_move_layer:
 * @self: a #PuratanDocument
 * @id: a layer id
 * @position: 0-based index the layer has afterwards, counted from the bottom
 * @error: return location for a #GError
 *
 * Restacks a layer among the layers, as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND for an unknown layer or a
 *   position past the top
 */
gboolean
puratan_document_move_layer (PuratanDocument *self, const char *id, guint position, GError **error)
{
  gint index;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  index = layer_index (self, id);
  if (index < 0)
    return no_layer_error (id, error);
  if (position >= self->layers->len)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The design has %u layers; layer “%s” cannot move to position %u",
                   self->layers->len, id, position + 1);
      return FALSE;
    }
  if ((guint) index == position)
    return TRUE;
  puratan_document_record_structure (self);
  move_element (self->layers, index, position);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_rename_layer:
 * @self: a #PuratanDocument
 * @id: a layer id
 * @name: the name shown to the designer
 * @error: return location for a #GError
 *
 * Renames a layer (its id stays) as one undo step. Surrounding white space is dropped.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND, or %PURATAN_ERROR_INVALID_INPUT
 *   for an empty name
 */
gboolean
puratan_document_rename_layer (PuratanDocument *self,
                               const char *id,
                               const char *name,
                               GError **error)
{
  g_autofree char *clean = NULL;
  PuratanDocLayer *layer;
  gint index;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL, FALSE);

  index = layer_index (self, id);
  if (index < 0)
    return no_layer_error (id, error);
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A layer needs a name; type at least one letter");
      return FALSE;
    }
  layer = self->layers->pdata[index];
  if (g_str_equal (layer->name, clean))
    return TRUE;
  puratan_document_record_structure (self);
  g_free (layer->name);
  layer->name = g_steal_pointer (&clean);
  puratan_document_emit_changed (self);
  return TRUE;
}

static guint
count_in (GPtrArray *items, const char *layer)
{
  guint n = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];

      n += g_strcmp0 (item->layer, layer) == 0;
      n += count_in (item->children, layer);
    }
  return n;
}

static void
move_in (GPtrArray *items, const char *from, const char *to)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];

      if (g_strcmp0 (item->layer, from) == 0)
        {
          g_free (item->layer);
          item->layer = g_strdup (to);
        }
      move_in (item->children, from, to);
    }
}

/**
 * puratan_document_count_layer_items:
 * @self: a #PuratanDocument
 * @id: a layer id
 *
 * Returns: how many items on every page (group members included) are on the layer
 */
guint
puratan_document_count_layer_items (PuratanDocument *self, const char *id)
{
  guint n = 0;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (id != NULL, 0);

  for (guint p = 0; p < self->pages->len; p++)
    n += count_in (((PuratanDocPage *) self->pages->pdata[p])->items, id);
  return n;
}

/**
 * puratan_document_remove_layer:
 * @self: a #PuratanDocument
 * @id: the layer to remove
 * @move_to: (nullable): the layer that receives the removed layer's items, or %NULL when
 *   the layer must be empty
 * @error: return location for a #GError
 *
 * Removes a layer as one undo step, first moving its items (on every page) to @move_to.
 * The last layer of a design stays.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND for an unknown layer, or
 *   %PURATAN_ERROR_INVALID_INPUT for the last layer, a layer with items and no @move_to, or
 *   @move_to equal to @id
 */
gboolean
puratan_document_remove_layer (PuratanDocument *self,
                               const char *id,
                               const char *move_to,
                               GError **error)
{
  guint n_items;
  gint index;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  index = layer_index (self, id);
  if (index < 0)
    return no_layer_error (id, error);
  if (move_to != NULL && layer_index (self, move_to) < 0)
    return no_layer_error (move_to, error);
  if (self->layers->len == 1)
    {
      g_set_error_literal (
          error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
          "A design keeps at least one layer; add another before removing this one");
      return FALSE;
    }
  if (g_strcmp0 (id, move_to) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Items of a removed layer must move to another layer");
      return FALSE;
    }
  n_items = puratan_document_count_layer_items (self, id);
  if (n_items > 0 && move_to == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Layer “%s” holds %u items; move them to another layer to remove it",
                   ((PuratanDocLayer *) self->layers->pdata[index])->name, n_items);
      return FALSE;
    }
  puratan_document_record_structure (self);
  for (guint p = 0; n_items > 0 && p < self->pages->len; p++)
    move_in (((PuratanDocPage *) self->pages->pdata[p])->items, id, move_to);
  g_ptr_array_remove_index (self->layers, index);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_set_item_layer:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @item_id: a top-level or grouped item
 * @layer_id: the layer the item moves to
 * @error: return location for a #GError
 *
 * Moves an item to another layer (its place in the stacking order stays).
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_set_item_layer (
    PuratanDocument *self, guint page, const char *item_id, const char *layer_id, GError **error)
{
  PuratanDocItem *item;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (item_id != NULL && layer_id != NULL, FALSE);

  if (layer_index (self, layer_id) < 0)
    return no_layer_error (layer_id, error);
  item = puratan_document_edit_item (self, page, item_id, error);
  if (item == NULL)
    return FALSE;
  g_free (item->layer);
  item->layer = g_strdup (layer_id);
  return TRUE;
}

static gboolean
check_values (const PuratanDocSwatch *swatch, GError **error)
{
  for (guint i = 0; i < 4; i++)
    if (!(swatch->values[i] >= 0.0 && swatch->values[i] <= 1.0))
      {
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "Swatch “%s” has a value outside 0–100 %%", swatch->name);
        return FALSE;
      }
  return TRUE;
}

static void
rename_paints (GPtrArray *items, const char *from, const char *to)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      PuratanDocItem *item = items->pdata[i];

      if (g_strcmp0 (item->fill.swatch, from) == 0)
        puratan_doc_item_set_fill (item, to, item->fill.tint);
      if (g_strcmp0 (item->stroke.swatch, from) == 0)
        puratan_doc_item_set_stroke (item, to, item->stroke.tint);
      rename_paints (item->children, from, to);
    }
}

/**
 * puratan_document_set_swatch:
 * @self: a #PuratanDocument
 * @name: the name of the swatch to change
 * @swatch: its new name, model and values (copied)
 * @error: return location for a #GError
 *
 * Changes a swatch as one undo step. A new name is carried to every item that paints with
 * it, so no item is left pointing at a swatch that no longer exists.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND for an unknown swatch, or
 *   %PURATAN_ERROR_INVALID_INPUT for an empty or taken name or a value outside 0..1
 */
gboolean
puratan_document_set_swatch (PuratanDocument *self,
                             const char *name,
                             const PuratanDocSwatch *swatch,
                             GError **error)
{
  PuratanDocSwatch *current = NULL;
  guint index = 0;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (name != NULL && swatch != NULL && swatch->name != NULL, FALSE);

  for (guint i = 0; i < self->swatches->len && current == NULL; i++)
    if (g_str_equal (((PuratanDocSwatch *) self->swatches->pdata[i])->name, name))
      {
        current = self->swatches->pdata[i];
        index = i;
      }
  if (current == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The design has no swatch named “%s”", name);
      return FALSE;
    }
  if (*swatch->name == '\0' || (!g_str_equal (name, swatch->name) &&
                                puratan_document_lookup_swatch (self, swatch->name) != NULL))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The design already has a swatch named “%s”; choose another name", swatch->name);
      return FALSE;
    }
  if (!check_values (swatch, error))
    return FALSE;
  puratan_document_record_structure (self);
  if (!g_str_equal (name, swatch->name))
    for (guint p = 0; p < self->pages->len; p++)
      rename_paints (((PuratanDocPage *) self->pages->pdata[p])->items, name, swatch->name);
  puratan_doc_swatch_free (self->swatches->pdata[index]);
  self->swatches->pdata[index] = puratan_doc_swatch_copy (swatch);
  puratan_document_emit_changed (self);
  return TRUE;
}
