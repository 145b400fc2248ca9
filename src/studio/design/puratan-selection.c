/* puratan-selection.c: the items a designer has selected on one page of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas, the panels and the commands of the Design view share one selection. It holds
 * item ids (top-level items of the current page) in the order they were selected. When the
 * design changes, ids of items that no longer exist are dropped once the change is over.
 */
#include "config.h"

#include "puratan-selection.h"

struct _PuratanSelection
{
  GObject parent_instance;

  PuratanDocument *document;
  gulong changed_handler;
  guint prune_source;
  guint page;
  GPtrArray *ids; /* (element-type utf8), NULL-terminated */
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAGE,
  PROP_N_ITEMS,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanSelection, puratan_selection, G_TYPE_OBJECT)

static void
emit_changed (PuratanSelection *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static guint
n_ids (PuratanSelection *self)
{
  return self->ids->len - 1;
}

static void
remove_all (PuratanSelection *self)
{
  g_ptr_array_set_size (self->ids, 0);
  g_ptr_array_add (self->ids, NULL);
}

static gboolean
prune_missing (gpointer user_data)
{
  PuratanSelection *self = user_data;
  gboolean pruned = FALSE;

  self->prune_source = 0;
  for (guint i = n_ids (self); i-- > 0;)
    if (self->document == NULL || self->page >= puratan_document_get_n_pages (self->document) ||
        puratan_document_lookup_item (self->document, self->page, self->ids->pdata[i]) == NULL)
      {
        g_ptr_array_remove_index (self->ids, i);
        pruned = TRUE;
      }
  if (pruned)
    emit_changed (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (PuratanSelection *self)
{
  if (self->prune_source == 0 && n_ids (self) > 0)
    self->prune_source = g_idle_add (prune_missing, self);
}

static void
puratan_selection_dispose (GObject *object)
{
  PuratanSelection *self = PURATAN_SELECTION (object);

  g_clear_handle_id (&self->prune_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (puratan_selection_parent_class)->dispose (object);
}

static void
puratan_selection_finalize (GObject *object)
{
  PuratanSelection *self = PURATAN_SELECTION (object);

  g_ptr_array_unref (self->ids);

  G_OBJECT_CLASS (puratan_selection_parent_class)->finalize (object);
}

static void
puratan_selection_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanSelection *self = PURATAN_SELECTION (object);

  switch (prop_id)
    {
      case PROP_DOCUMENT:
        g_value_set_object (value, self->document);
        break;
      case PROP_PAGE:
        g_value_set_uint (value, self->page);
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, n_ids (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_selection_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  PuratanSelection *self = PURATAN_SELECTION (object);

  switch (prop_id)
    {
      case PROP_DOCUMENT:
        puratan_selection_set_document (self, g_value_get_object (value));
        break;
      case PROP_PAGE:
        puratan_selection_set_page (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_selection_class_init (PuratanSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = puratan_selection_dispose;
  object_class->finalize = puratan_selection_finalize;
  object_class->get_property = puratan_selection_get_property;
  object_class->set_property = puratan_selection_set_property;

  properties[PROP_DOCUMENT] =
      g_param_spec_object ("document", NULL, NULL, PURATAN_TYPE_DOCUMENT,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] =
      g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PuratanSelection::changed:
   *
   * Emitted after the set of selected items changed, including when the document or
   * page changed or a selected item was deleted.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
puratan_selection_init (PuratanSelection *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ids, NULL);
}

/**
 * puratan_selection_new:
 *
 * Returns: (transfer full): an empty selection on no document
 */
PuratanSelection *
puratan_selection_new (void)
{
  return g_object_new (PURATAN_TYPE_SELECTION, NULL);
}

/**
 * puratan_selection_get_document:
 * @self: a #PuratanSelection
 *
 * Returns: (transfer none) (nullable): the design the selection is in
 */
PuratanDocument *
puratan_selection_get_document (PuratanSelection *self)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), NULL);
  return self->document;
}

/**
 * puratan_selection_set_document:
 * @self: a #PuratanSelection
 * @document: (nullable): the design, or %NULL when none is open
 *
 * Empties the selection and moves it to page 0 of @document.
 */
void
puratan_selection_set_document (PuratanSelection *self, PuratanDocument *document)
{
  g_return_if_fail (PURATAN_IS_SELECTION (self));
  g_return_if_fail (document == NULL || PURATAN_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  g_clear_signal_handler (&self->changed_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_handler =
        g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  self->page = 0;
  remove_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  emit_changed (self);
}

/**
 * puratan_selection_get_page:
 * @self: a #PuratanSelection
 *
 * Returns: the 0-based page the selected items are on (the page being edited)
 */
guint
puratan_selection_get_page (PuratanSelection *self)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), 0);
  return self->page;
}

/**
 * puratan_selection_set_page:
 * @self: a #PuratanSelection
 * @page: 0-based page index
 *
 * Makes @page the page being edited; the selection is emptied when the page changes.
 */
void
puratan_selection_set_page (PuratanSelection *self, guint page)
{
  g_return_if_fail (PURATAN_IS_SELECTION (self));

  if (self->page == page)
    return;
  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  if (n_ids (self) > 0)
    {
      remove_all (self);
      emit_changed (self);
    }
}

/**
 * puratan_selection_get_n_items:
 * @self: a #PuratanSelection
 *
 * Returns: how many items are selected
 */
guint
puratan_selection_get_n_items (PuratanSelection *self)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), 0);
  return n_ids (self);
}

/**
 * puratan_selection_get_item:
 * @self: a #PuratanSelection
 * @index: less than puratan_selection_get_n_items()
 *
 * Returns: (transfer none): the id of the @index-th selected item, in selection order
 */
const char *
puratan_selection_get_item (PuratanSelection *self, guint index)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), NULL);
  g_return_val_if_fail (index < n_ids (self), NULL);
  return self->ids->pdata[index];
}

/**
 * puratan_selection_get_ids:
 * @self: a #PuratanSelection
 *
 * Returns: (transfer none) (array zero-terminated=1): the selected ids in selection
 *   order; valid until the selection next changes
 */
const char *const *
puratan_selection_get_ids (PuratanSelection *self)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), NULL);
  return (const char *const *) self->ids->pdata;
}

/**
 * puratan_selection_contains:
 * @self: a #PuratanSelection
 * @id: an item id
 *
 * Returns: whether the item @id is selected
 */
gboolean
puratan_selection_contains (PuratanSelection *self, const char *id)
{
  g_return_val_if_fail (PURATAN_IS_SELECTION (self), FALSE);

  for (guint i = 0; i < n_ids (self); i++)
    if (g_strcmp0 (self->ids->pdata[i], id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
add_id (PuratanSelection *self, const char *id)
{
  if (id == NULL || puratan_selection_contains (self, id))
    return FALSE;
  g_ptr_array_insert (self->ids, (int) n_ids (self), g_strdup (id));
  return TRUE;
}

/**
 * puratan_selection_set_ids:
 * @self: a #PuratanSelection
 * @ids: (array zero-terminated=1) (nullable): the ids to select, in order; duplicates are
 *   kept once
 *
 * Replaces the selection.
 */
void
puratan_selection_set_ids (PuratanSelection *self, const char *const *ids)
{
  g_auto (GStrv) before = NULL;
  gboolean same;

  g_return_if_fail (PURATAN_IS_SELECTION (self));

  before = g_strdupv ((char **) self->ids->pdata);
  remove_all (self);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    add_id (self, ids[i]);
  same = g_strv_length (before) == n_ids (self);
  for (guint i = 0; same && i < n_ids (self); i++)
    same = g_strcmp0 (before[i], self->ids->pdata[i]) == 0;
  if (!same)
    emit_changed (self);
}

/**
 * puratan_selection_select_only:
 * @self: a #PuratanSelection
 * @id: (nullable): the item to select, or %NULL to select nothing
 *
 * Makes @id the only selected item.
 */
void
puratan_selection_select_only (PuratanSelection *self, const char *id)
{
  const char *ids[] = { id, NULL };

  puratan_selection_set_ids (self, ids);
}

/**
 * puratan_selection_add:
 * @self: a #PuratanSelection
 * @id: an item id
 *
 * Adds @id to the selection, as Shift-click does.
 */
void
puratan_selection_add (PuratanSelection *self, const char *id)
{
  g_return_if_fail (PURATAN_IS_SELECTION (self));

  if (add_id (self, id))
    emit_changed (self);
}

/**
 * puratan_selection_remove:
 * @self: a #PuratanSelection
 * @id: an item id
 *
 * Removes @id from the selection, if it is selected.
 */
void
puratan_selection_remove (PuratanSelection *self, const char *id)
{
  g_return_if_fail (PURATAN_IS_SELECTION (self));

  for (guint i = 0; i < n_ids (self); i++)
    if (g_strcmp0 (self->ids->pdata[i], id) == 0)
      {
        g_ptr_array_remove_index (self->ids, i);
        emit_changed (self);
        return;
      }
}

/**
 * puratan_selection_toggle:
 * @self: a #PuratanSelection
 * @id: an item id
 *
 * Selects @id if it is not selected, and deselects it if it is.
 */
void
puratan_selection_toggle (PuratanSelection *self, const char *id)
{
  if (puratan_selection_contains (self, id))
    puratan_selection_remove (self, id);
  else
    puratan_selection_add (self, id);
}

/**
 * puratan_selection_clear:
 * @self: a #PuratanSelection
 *
 * Selects nothing.
 */
void
puratan_selection_clear (PuratanSelection *self)
{
  g_return_if_fail (PURATAN_IS_SELECTION (self));

  if (n_ids (self) == 0)
    return;
  remove_all (self);
  emit_changed (self);
}
