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

/* Extends @box (x0, y0, x1, y1) by @item's frame mapped to page space through @m (item
 * space to page space, as cairo_matrix_t); a group by its children. */
static void
extend_bounds (const PuratanDocItem *item, const double m[6], double box[4])
{
  const double *t = item->transform;
  double full[6] = {
    m[0] * t[0] + m[2] * t[1], m[1] * t[0] + m[3] * t[1],        m[0] * t[2] + m[2] * t[3],
    m[1] * t[2] + m[3] * t[3], m[0] * t[4] + m[2] * t[5] + m[4], m[1] * t[4] + m[3] * t[5] + m[5],
  };

  if (item->kind == PURATAN_DOC_ITEM_GROUP)
    {
      for (guint i = 0; item->children != NULL && i < item->children->len; i++)
        extend_bounds (item->children->pdata[i], full, box);
      return;
    }
  for (guint k = 0; k < 4; k++)
    {
      double x = (k & 1) ? item->width : 0;
      double y = (k & 2) ? item->height : 0;
      double px = full[0] * x + full[2] * y + full[4];
      double py = full[1] * x + full[3] * y + full[5];

      box[0] = MIN (box[0], px);
      box[1] = MIN (box[1], py);
      box[2] = MAX (box[2], px);
      box[3] = MAX (box[3], py);
    }
}

typedef struct
{
  const char *id;
  double box[4]; /* x0, y0, x1, y1 on the page */
} Placed;

/* Looks up @ids on @page, with their page-space bounds; refuses locked ones. */
static GArray *
collect_placed (PuratanDocument *self,
                guint page,
                const char *const *ids,
                guint min,
                const char *doing,
                GError **error)
{
  static const double identity[6] = { 1, 0, 0, 1, 0, 0 };
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));

  if (page_or_error (self, page, error) == NULL)
    return NULL;
  if (g_strv_length ((char **) ids) < min)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s needs %u or more items selected", doing, min);
      return NULL;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const PuratanDocItem *item = puratan_document_lookup_item (self, page, ids[i]);
      const PuratanDocLayer *layer;
      Placed entry = { ids[i], { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE } };

      if (item == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "Page %u has no item “%s”",
                       page + 1, ids[i]);
          return NULL;
        }
      layer = item->layer != NULL ? puratan_document_lookup_layer (self, item->layer) : NULL;
      if (item->locked || (layer != NULL && layer->locked))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                       "The item “%s” is locked; unlock it (or its layer) to move it", ids[i]);
          return NULL;
        }
      extend_bounds (item, identity, entry.box);
      g_array_append_val (placed, entry);
    }
  return g_steal_pointer (&placed);
}

/* Moves every entry by its offset in one undo step. */
static gboolean
move_all (PuratanDocument *self,
          guint page,
          GArray *placed,
          const double *dx,
          const double *dy,
          const char *label,
          GError **error)
{
  gboolean ok = TRUE;

  puratan_document_begin_step (self, label);
  for (guint i = 0; ok && i < placed->len; i++)
    if (dx[i] != 0 || dy[i] != 0)
      ok = puratan_document_move_item (self, page, g_array_index (placed, Placed, i).id, dx[i],
                                       dy[i], error);
  puratan_document_end_step (self);
  return ok;
}

/**
 * puratan_document_align_items:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @ids: (array zero-terminated=1): the items to align
 * @edge: the edge or centre line to line them up on
 * @error: return location for a #GError
 *
 * Lines items up on the same edge or centre of their bounding boxes, as one undo step.
 * Two or more items align to the box around them all; a single item aligns to the page's
 * trim box.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND, %PURATAN_ERROR_INVALID_INPUT
 *   (no items) or %PURATAN_ERROR_PERMISSION_DENIED (a locked item); nothing moves then
 */
gboolean
puratan_document_align_items (
    PuratanDocument *self, guint page, const char *const *ids, PuratanDocEdge edge, GError **error)
{
  g_autoptr (GArray) placed = NULL;
  g_autofree double *dx = NULL;
  g_autofree double *dy = NULL;
  double all[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (edge <= PURATAN_DOC_EDGE_BOTTOM, FALSE);

  placed = collect_placed (self, page, ids, 1, "Aligning", error);
  if (placed == NULL)
    return FALSE;
  if (placed->len == 1)
    {
      const PuratanDocPage *p = self->pages->pdata[page];
      all[0] = 0;
      all[1] = 0;
      all[2] = p->width;
      all[3] = p->height;
    }
  else
    for (guint i = 0; i < placed->len; i++)
      {
        const double *b = g_array_index (placed, Placed, i).box;
        all[0] = MIN (all[0], b[0]);
        all[1] = MIN (all[1], b[1]);
        all[2] = MAX (all[2], b[2]);
        all[3] = MAX (all[3], b[3]);
      }

  dx = g_new0 (double, placed->len);
  dy = g_new0 (double, placed->len);
  for (guint i = 0; i < placed->len; i++)
    {
      const double *b = g_array_index (placed, Placed, i).box;

      switch (edge)
        {
          case PURATAN_DOC_EDGE_LEFT:
            dx[i] = all[0] - b[0];
            break;
          case PURATAN_DOC_EDGE_CENTER:
            dx[i] = (all[0] + all[2]) / 2 - (b[0] + b[2]) / 2;
            break;
          case PURATAN_DOC_EDGE_RIGHT:
            dx[i] = all[2] - b[2];
            break;
          case PURATAN_DOC_EDGE_TOP:
            dy[i] = all[1] - b[1];
            break;
          case PURATAN_DOC_EDGE_MIDDLE:
            dy[i] = (all[1] + all[3]) / 2 - (b[1] + b[3]) / 2;
            break;
          case PURATAN_DOC_EDGE_BOTTOM:
            dy[i] = all[3] - b[3];
            break;
          default:
            g_assert_not_reached ();
        }
    }
  return move_all (self, page, placed, dx, dy, "Align", error);
}

static int
compare_by_x (gconstpointer a, gconstpointer b)
{
  const Placed *x = a;
  const Placed *y = b;
  double cx = x->box[0] + x->box[2];
  double cy = y->box[0] + y->box[2];

  return (cx > cy) - (cx < cy);
}

static int
compare_by_y (gconstpointer a, gconstpointer b)
{
  const Placed *x = a;
  const Placed *y = b;
  double cx = x->box[1] + x->box[3];
  double cy = y->box[1] + y->box[3];

  return (cx > cy) - (cx < cy);
}

/**
 * puratan_document_distribute_items:
 * @self: a #PuratanDocument
 * @page: 0-based page index
 * @ids: (array zero-terminated=1): three or more items
 * @vertical: %FALSE to space them across the page, %TRUE to space them down it
 * @error: return location for a #GError
 *
 * Spaces items evenly, as one undo step: the first and last (by their centres) stay, and
 * the others move so that the gaps between neighbouring bounding boxes are equal.
 *
 * Returns: %TRUE, or %FALSE with @error set as for puratan_document_align_items(); nothing
 *   moves then
 */
gboolean
puratan_document_distribute_items (
    PuratanDocument *self, guint page, const char *const *ids, gboolean vertical, GError **error)
{
  g_autoptr (GArray) placed = NULL;
  g_autofree double *dx = NULL;
  g_autofree double *dy = NULL;
  guint lo = vertical ? 1 : 0;
  guint hi = vertical ? 3 : 2;
  double span = 0;
  double gap;
  double at;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  placed = collect_placed (self, page, ids, 3, "Distributing", error);
  if (placed == NULL)
    return FALSE;
  g_array_sort (placed, vertical ? compare_by_y : compare_by_x);
  for (guint i = 0; i < placed->len; i++)
    span += g_array_index (placed, Placed, i).box[hi] - g_array_index (placed, Placed, i).box[lo];
  gap = (g_array_index (placed, Placed, placed->len - 1).box[hi] -
         g_array_index (placed, Placed, 0).box[lo] - span) /
        (placed->len - 1);

  dx = g_new0 (double, placed->len);
  dy = g_new0 (double, placed->len);
  at = g_array_index (placed, Placed, 0).box[hi] + gap;
  for (guint i = 1; i + 1 < placed->len; i++)
    {
      const double *b = g_array_index (placed, Placed, i).box;

      (vertical ? dy : dx)[i] = at - b[lo];
      at += b[hi] - b[lo] + gap;
    }
  return move_all (self, page, placed, dx, dy, "Distribute", error);
}
