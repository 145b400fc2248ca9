/* puratan-doc-undo.c: unlimited undo and redo by snapshot differences
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A step records the JSON of each page it touched, before and after, so undoing a move
 * of one item costs one page of JSON, not the whole design. A change of structure (pages,
 * swatches, layers, title) records the whole design instead. A step opened with
 * puratan_document_begin_step() collects every change until the matching end, which is
 * how a drag of many motion events becomes one step.
 */
#include "puratan-doc-json-private.h"
#include "puratan-document-private.h"

struct _PuratanUndoStep
{
  char *label;
  GHashTable *pages_before; /* page index → JSON of the page before the step */
  GHashTable *pages_after;  /* page index → JSON after; filled on close */
  char *document_before;    /* whole design, when the structure changed */
  char *document_after;
};

static char *
node_to_string (JsonNode *node)
{
  g_autoptr (JsonNode) owned = node;

  return json_to_string (owned, FALSE);
}

static PuratanUndoStep *
step_new (const char *label)
{
  PuratanUndoStep *step = g_new0 (PuratanUndoStep, 1);

  step->label = g_strdup (label != NULL ? label : "Change");
  step->pages_before = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  step->pages_after = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  return step;
}

void
puratan_undo_step_free (PuratanUndoStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_hash_table_unref (step->pages_before);
  g_hash_table_unref (step->pages_after);
  g_free (step->document_before);
  g_free (step->document_after);
  g_free (step);
}

/* Makes sure a step is open: the explicit one, or a fresh automatic one. */
static PuratanUndoStep *
current_step (PuratanDocument *self, const char *label)
{
  if (self->step_depth == 0)
    puratan_document_close_step (self);
  if (self->open_step == NULL)
    self->open_step = step_new (label);
  g_ptr_array_set_size (self->redo, 0);
  return self->open_step;
}

void
puratan_document_record_page (PuratanDocument *self, guint page)
{
  PuratanUndoStep *step = current_step (self, "Edit");

  if (step->document_before != NULL ||
      g_hash_table_contains (step->pages_before, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_insert (step->pages_before, GUINT_TO_POINTER (page),
                       node_to_string (puratan_doc_page_to_json (self->pages->pdata[page])));
}

void
puratan_document_record_structure (PuratanDocument *self)
{
  PuratanUndoStep *step = current_step (self, "Change design");
  g_autoptr (JsonNode) root = NULL;
  JsonArray *pages;
  JsonArray *rebuilt;

  if (step->document_before != NULL)
    return;

  /* The state at the start of the step: the design now, with pages already touched in this
   * step put back as they were. */
  root = puratan_document_build_json (self);
  pages = json_object_get_array_member (json_node_get_object (root), "pages");
  rebuilt = json_array_new ();
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      const char *before = g_hash_table_lookup (step->pages_before, GUINT_TO_POINTER (i));
      json_array_add_element (rebuilt, before != NULL
                                           ? json_from_string (before, NULL)
                                           : json_node_copy (json_array_get_element (pages, i)));
    }
  json_object_set_array_member (json_node_get_object (root), "pages", rebuilt);
  g_hash_table_remove_all (step->pages_before);
  step->document_before = json_to_string (root, FALSE);
}

/* Finishes the open step: records the after-state and pushes it on the undo stack. */
void
puratan_document_close_step (PuratanDocument *self)
{
  PuratanUndoStep *step = g_steal_pointer (&self->open_step);
  GHashTableIter iter;
  gpointer key;

  if (step == NULL)
    return;
  if (step->document_before != NULL)
    step->document_after = node_to_string (puratan_document_build_json (self));
  g_hash_table_iter_init (&iter, step->pages_before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);
      if (index < self->pages->len)
        g_hash_table_insert (step->pages_after, key,
                             node_to_string (puratan_doc_page_to_json (self->pages->pdata[index])));
    }
  if (step->document_before == NULL && g_hash_table_size (step->pages_before) == 0)
    {
      puratan_undo_step_free (step);
      return;
    }
  g_ptr_array_add (self->undo, step);
}

/**
 * puratan_document_begin_step:
 * @self: a #PuratanDocument
 * @label: (nullable): what the step does, for the Undo menu item ("Move", "Resize")
 *
 * Starts collecting changes into one undo step, such as every motion of a drag. Steps nest;
 * only the outermost pair counts. Call puratan_document_end_step() once for each begin.
 */
void
puratan_document_begin_step (PuratanDocument *self, const char *label)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));

  if (self->step_depth++ > 0)
    return;
  puratan_document_close_step (self);
  self->open_step = step_new (label);
}

/**
 * puratan_document_end_step:
 * @self: a #PuratanDocument
 *
 * Ends the step opened by the matching puratan_document_begin_step(). A step without
 * changes leaves no trace in the history.
 */
void
puratan_document_end_step (PuratanDocument *self)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));
  g_return_if_fail (self->step_depth > 0);

  if (--self->step_depth == 0)
    puratan_document_close_step (self);
}

/**
 * puratan_document_can_undo:
 * @self: a #PuratanDocument
 *
 * Returns: whether there is a step to undo
 */
gboolean
puratan_document_can_undo (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);

  return self->undo->len > 0 || (self->open_step != NULL && self->step_depth == 0 &&
                                 (self->open_step->document_before != NULL ||
                                  g_hash_table_size (self->open_step->pages_before) > 0));
}

/**
 * puratan_document_can_redo:
 * @self: a #PuratanDocument
 *
 * Returns: whether there is an undone step to redo
 */
gboolean
puratan_document_can_redo (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0;
}

/**
 * puratan_document_get_undo_label:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none) (nullable): the label of the step undo would revert, or %NULL
 */
const char *
puratan_document_get_undo_label (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);

  if (self->step_depth == 0)
    puratan_document_close_step (self);
  if (self->undo->len == 0)
    return NULL;
  return ((PuratanUndoStep *) self->undo->pdata[self->undo->len - 1])->label;
}

/* Replaces pages or the whole design with a recorded state. Recorded JSON was written by
 * this process, so failure to parse it is a programming error. */
static void
apply_state (PuratanDocument *self, const char *document, GHashTable *pages)
{
  GHashTableIter iter;
  gpointer key, value;

  if (document != NULL)
    {
      g_autoptr (JsonNode) root = json_from_string (document, NULL);
      gboolean loaded = puratan_document_load_json (self, root, NULL);
      g_assert (loaded);
      return;
    }
  g_hash_table_iter_init (&iter, pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (JsonNode) node = json_from_string (value, NULL);
      guint index = GPOINTER_TO_UINT (key);
      PuratanDocPage *page = puratan_doc_page_from_json (node, index + 1, NULL);

      g_assert (page != NULL && index < self->pages->len);
      puratan_doc_page_free (self->pages->pdata[index]);
      self->pages->pdata[index] = page;
    }
}

/**
 * puratan_document_undo:
 * @self: a #PuratanDocument
 *
 * Reverts the last step. Must not be called inside an open step.
 *
 * Returns: %TRUE when a step was undone, %FALSE when there was none
 */
gboolean
puratan_document_undo (PuratanDocument *self)
{
  PuratanUndoStep *step;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->step_depth == 0, FALSE);

  puratan_document_close_step (self);
  if (self->undo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  apply_state (self, step->document_before, step->pages_before);
  g_ptr_array_add (self->redo, step);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_redo:
 * @self: a #PuratanDocument
 *
 * Re-applies the last undone step. Any new change empties the redo history.
 *
 * Returns: %TRUE when a step was redone, %FALSE when there was none
 */
gboolean
puratan_document_redo (PuratanDocument *self)
{
  PuratanUndoStep *step;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->step_depth == 0, FALSE);

  puratan_document_close_step (self);
  if (self->redo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  apply_state (self, step->document_after, step->pages_after);
  g_ptr_array_add (self->undo, step);
  puratan_document_emit_changed (self);
  return TRUE;
}
