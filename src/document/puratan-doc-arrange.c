/* puratan-doc-arrange.c: stacking order, groups and layer settings
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-document-private.h"

static PuratanDocPage *
page_or_error (PuratanDocument *self, guint page, GError **error)
{
  if (page < self->pages->len)
    return self->pages->pdata[page];
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no page %u",
               page + 1);
  return NULL;
}

static gboolean
top_level_index (PuratanDocPage *page, const char *id, guint *index)
{
  for (guint i = 0; i < page->items->len; i++)
    if (g_str_equal (((PuratanDocItem *) page->items->pdata[i])->id, id))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * puratan_document_set_layer_flags:
 * @self: a #PuratanDocument
 * @id: a layer id
 * @visible: draw the layer
 * @locked: keep its items from being selected
 * @printable: write it to the print PDF
 * @error: return location for a #GError
 *
 * Changes a layer's settings as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_set_layer_flags (PuratanDocument *self,
                                  const char *id,
                                  gboolean visible,
                                  gboolean locked,
                                  gboolean printable,
                                  GError **error)
{
  PuratanDocLayer *layer;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  layer = (PuratanDocLayer *) puratan_document_lookup_layer (self, id);
  if (layer == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no layer “%s”",
                   id);
      return FALSE;
    }
  if (layer->visible == !!visible && layer->locked == !!locked && layer->printable == !!printable)
    return TRUE;
  puratan_document_record_structure (self);
  layer = (PuratanDocLayer *) puratan_document_lookup_layer (self, id);
  layer->visible = !!visible;
  layer->locked = !!locked;
  layer->printable = !!printable;
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_restack_item:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: an item directly on the page (not inside a group)
 * @position: its new place from the bottom, 0-based; past the end means on top
 * @error: return location for a #GError
 *
 * Moves an item up or down the stacking order as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_restack_item (
    PuratanDocument *self, guint page, const char *id, guint position, GError **error)
{
  PuratanDocPage *p;
  guint index = 0;
  gpointer item;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  p = page_or_error (self, page, error);
  if (p == NULL)
    return FALSE;
  if (!top_level_index (p, id, &index))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Page %u has no item “%s” outside a group", page + 1, id);
      return FALSE;
    }
  position = MIN (position, p->items->len - 1);
  if (position == index)
    return TRUE;
  puratan_document_record_page (self, page);
  item = g_ptr_array_steal_index (p->items, index);
  g_ptr_array_insert (p->items, (int) position, item);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_group_items:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @ids: (array zero-terminated=1): two or more items directly on the page
 * @error: return location for a #GError
 *
 * Gathers items into a new group, in their stacking order, at the place of the topmost
 * one, as one undo step. The group has the identity transform, so nothing moves.
 *
 * Returns: (transfer none) (nullable): the group's id, or %NULL with @error set
 */
const char *
puratan_document_group_items (PuratanDocument *self,
                              guint page,
                              const char *const *ids,
                              GError **error)
{
  PuratanDocPage *p;
  g_autoptr (GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
  PuratanDocItem *group;
  guint top = 0;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  p = page_or_error (self, page, error);
  if (p == NULL)
    return NULL;
  for (guint i = 0; i < p->items->len; i++)
    if (g_strv_contains (ids, ((PuratanDocItem *) p->items->pdata[i])->id))
      g_array_append_val (picked, i);
  if (picked->len < 2 || picked->len != g_strv_length ((char **) ids))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Grouping needs two or more different items of page %u, none inside a group",
                   page + 1);
      return NULL;
    }
  puratan_document_record_page (self, page);
  group = puratan_doc_item_new (PURATAN_DOC_ITEM_GROUP);
  group->id = g_uuid_string_random ();
  for (guint k = 0; k < picked->len; k++)
    {
      guint index = g_array_index (picked, guint, k) - k;
      PuratanDocItem *item = g_ptr_array_steal_index (p->items, index);

      if (group->layer == NULL)
        group->layer = g_strdup (item->layer);
      g_ptr_array_add (group->children, item);
      top = index;
    }
  g_ptr_array_insert (p->items, (int) top, group);
  puratan_document_emit_changed (self);
  return group->id;
}

/**
 * puratan_document_ungroup:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @id: a group directly on the page
 * @error: return location for a #GError
 *
 * Puts a group's children back on the page in its place, with the group's transform folded
 * into theirs so nothing moves, as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_ungroup (PuratanDocument *self, guint page, const char *id, GError **error)
{
  PuratanDocPage *p;
  PuratanDocItem *group;
  guint index = 0;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  p = page_or_error (self, page, error);
  if (p == NULL)
    return FALSE;
  if (!top_level_index (p, id, &index) ||
      ((PuratanDocItem *) p->items->pdata[index])->kind != PURATAN_DOC_ITEM_GROUP)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "Page %u has no group “%s”",
                   page + 1, id);
      return FALSE;
    }
  puratan_document_record_page (self, page);
  group = g_ptr_array_steal_index (p->items, index);
  for (guint i = 0; i < group->children->len; i++)
    {
      PuratanDocItem *child = group->children->pdata[i];
      const double *g = group->transform;
      double c[6];

      memcpy (c, child->transform, sizeof c);
      /* child then group: x' = g(c(x)) */
      child->transform[0] = g[0] * c[0] + g[2] * c[1];
      child->transform[1] = g[1] * c[0] + g[3] * c[1];
      child->transform[2] = g[0] * c[2] + g[2] * c[3];
      child->transform[3] = g[1] * c[2] + g[3] * c[3];
      child->transform[4] = g[0] * c[4] + g[2] * c[5] + g[4];
      child->transform[5] = g[1] * c[4] + g[3] * c[5] + g[5];
    }
  g_ptr_array_set_free_func (group->children, NULL);
  for (guint i = 0; i < group->children->len; i++)
    g_ptr_array_insert (p->items, (int) (index + i), group->children->pdata[i]);
  g_ptr_array_set_size (group->children, 0);
  g_ptr_array_set_free_func (group->children, (GDestroyNotify) puratan_doc_item_free);
  puratan_doc_item_free (group);
  puratan_document_emit_changed (self);
  return TRUE;
}
