/* puratan-document.c: a design: pages, items, layers, swatches, assets and undo history
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-doc-json-private.h"
#include "puratan-document-private.h"

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanDocument, puratan_document, G_TYPE_OBJECT)

static void
puratan_document_finalize (GObject *object)
{
  PuratanDocument *self = PURATAN_DOCUMENT (object);

  g_clear_pointer (&self->open_step, puratan_undo_step_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->assets, g_hash_table_unref);
  puratan_document_product_clear (self);

  G_OBJECT_CLASS (puratan_document_parent_class)->finalize (object);
}

static void
puratan_document_class_init (PuratanDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_document_finalize;

  /**
   * PuratanDocument::changed:
   *
   * Emitted on any change of the design, including undo and redo. For
   * puratan_document_edit_item() it is emitted when the item is handed out, before the
   * caller changes it: listeners should schedule a redraw (as gtk_widget_queue_draw()
   * does) rather than read the design inside the handler.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
puratan_document_init (PuratanDocument *self)
{
  self->title = g_strdup ("Untitled design");
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_page_free);
  self->swatches = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_swatch_free);
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_layer_free);
  self->assets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) puratan_document_asset_free);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_undo_step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_undo_step_free);
  puratan_document_product_init (self);
}

void
puratan_document_emit_changed (PuratanDocument *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * puratan_document_new:
 *
 * Returns: (transfer full): an empty design with the swatches "Black" (100 % K), "Paper"
 *   (no ink), and one layer "Artwork"; no pages. (Registration colour is for printer's
 *   marks, which the PDF writer adds itself, so it is not offered as a swatch.)
 */
PuratanDocument *
puratan_document_new (void)
{
  PuratanDocument *self = g_object_new (PURATAN_TYPE_DOCUMENT, NULL);
  const double black[4] = { 0, 0, 0, 1 };
  const double paper[4] = { 0, 0, 0, 0 };

  g_ptr_array_add (self->swatches, puratan_doc_swatch_new ("Black", PURATAN_DOC_COLOR_CMYK, black));
  g_ptr_array_add (self->swatches, puratan_doc_swatch_new ("Paper", PURATAN_DOC_COLOR_CMYK, paper));
  g_ptr_array_add (self->layers, puratan_doc_layer_new ("artwork", "Artwork"));
  return self;
}

JsonNode *
puratan_document_build_json (PuratanDocument *self)
{
  JsonObject *o = json_object_new ();
  JsonArray *swatches = json_array_new ();
  JsonArray *layers = json_array_new ();
  JsonArray *pages = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (o, "format", PURATAN_DOCUMENT_FORMAT_VERSION);
  json_object_set_string_member (o, "title", self->title);
  json_object_set_string_member (o, "units", "pt");
  puratan_document_product_to_json (self, o);
  for (guint i = 0; i < self->swatches->len; i++)
    json_array_add_element (swatches, puratan_doc_swatch_to_json (self->swatches->pdata[i]));
  for (guint i = 0; i < self->layers->len; i++)
    json_array_add_element (layers, puratan_doc_layer_to_json (self->layers->pdata[i]));
  for (guint i = 0; i < self->pages->len; i++)
    json_array_add_element (pages, puratan_doc_page_to_json (self->pages->pdata[i]));
  json_object_set_array_member (o, "swatches", swatches);
  json_object_set_array_member (o, "layers", layers);
  json_object_set_array_member (o, "pages", pages);
  json_node_take_object (root, o);
  return root;
}

/**
 * puratan_document_to_json:
 * @self: a #PuratanDocument
 *
 * Serialises the design's structure (everything but asset bytes, which the design file
 * keeps beside it) in the format of docs/file-format.md. Output is deterministic.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
puratan_document_to_json (PuratanDocument *self)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);

  puratan_document_close_step (self);
  root = puratan_document_build_json (self);
  return json_to_string (root, TRUE);
}

static gboolean
check_paint (PuratanDocument *self,
             const PuratanDocPaint *paint,
             const PuratanDocItem *item,
             GError **error)
{
  if (paint->swatch == NULL || puratan_document_lookup_swatch (self, paint->swatch) != NULL)
    return TRUE;
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
               "Item “%s” uses the swatch “%s”, which the design does not define", item->id,
               paint->swatch);
  return FALSE;
}

/* Checks references of an item tree and collects ids to find duplicates. */
static gboolean
check_item (PuratanDocument *self, const PuratanDocItem *item, GHashTable *ids, GError **error)
{
  if (!g_hash_table_add (ids, item->id))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Two items share the id “%s”; every item needs its own id", item->id);
      return FALSE;
    }
  if (item->layer != NULL && puratan_document_lookup_layer (self, item->layer) == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Item “%s” is on the layer “%s”, which the design does not define", item->id,
                   item->layer);
      return FALSE;
    }
  if (!check_paint (self, &item->fill, item, error) ||
      !check_paint (self, &item->stroke, item, error))
    return FALSE;
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    if (!check_item (self, item->children->pdata[i], ids, error))
      return FALSE;
  return TRUE;
}

static gboolean
load_array (JsonObject *o,
            const char *member,
            GPtrArray *into,
            gpointer (*parse) (JsonNode *, GError **),
            GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "“%s” must be a list", member);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      gpointer value = parse (json_array_get_element (json_node_get_array (node), i), error);
      if (value == NULL)
        return FALSE;
      g_ptr_array_add (into, value);
    }
  return TRUE;
}

/* Replaces the structure of @self with @root, leaving @self untouched on failure. */
gboolean
puratan_document_load_json (PuratanDocument *self, JsonNode *root, GError **error)
{
  g_autoptr (PuratanDocument) staged = g_object_new (PURATAN_TYPE_DOCUMENT, NULL);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *o;
  JsonNode *pages;
  gint64 format;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The design is not a JSON object");
      return FALSE;
    }
  o = json_node_get_object (root);
  format = json_object_get_int_member_with_default (o, "format", 0);
  if (format > PURATAN_DOCUMENT_FORMAT_VERSION)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "The design was written by a newer Puratan Studio (format %" G_GINT64_FORMAT
                   "; this version reads up to %d); update Puratan Studio to open it",
                   format, PURATAN_DOCUMENT_FORMAT_VERSION);
      return FALSE;
    }
  if (format < 1)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The design has no valid “format” version");
      return FALSE;
    }
  if (json_object_has_member (o, "units") &&
      g_strcmp0 (json_object_get_string_member_with_default (o, "units", ""), "pt") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The design's “units” must be “pt” (points)");
      return FALSE;
    }
  if (json_object_has_member (o, "title") &&
      (!JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "title")) ||
       json_object_get_string_member (o, "title") == NULL))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "“title” must be a string");
      return FALSE;
    }
  g_free (staged->title);
  staged->title = g_strdup (json_object_get_string_member_with_default (o, "title", "Untitled"));
  if (!puratan_document_product_from_json (staged, o, error))
    return FALSE;

  if (!load_array (o, "swatches", staged->swatches, (gpointer) puratan_doc_swatch_from_json,
                   error) ||
      !load_array (o, "layers", staged->layers, (gpointer) puratan_doc_layer_from_json, error))
    return FALSE;
  for (guint i = 0; i < staged->swatches->len; i++)
    {
      PuratanDocSwatch *s = staged->swatches->pdata[i];
      if (!g_hash_table_add (names, s->name))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "Two swatches are named “%s”; swatch names must be unique", s->name);
          return FALSE;
        }
    }

  pages = json_object_get_member (o, "pages");
  if (pages == NULL || !JSON_NODE_HOLDS_ARRAY (pages))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The design has no list of “pages”");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (pages)); i++)
    {
      PuratanDocPage *page = puratan_doc_page_from_json (
          json_array_get_element (json_node_get_array (pages), i), i + 1, error);
      if (page == NULL)
        return FALSE;
      g_ptr_array_add (staged->pages, page);
      for (guint j = 0; j < page->items->len; j++)
        if (!check_item (staged, page->items->pdata[j], ids, error))
          return FALSE;
    }

  g_clear_pointer (&self->title, g_free);
  self->title = g_steal_pointer (&staged->title);
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_extend_and_steal (self->pages, g_steal_pointer (&staged->pages));
  g_ptr_array_set_size (self->swatches, 0);
  g_ptr_array_extend_and_steal (self->swatches, g_steal_pointer (&staged->swatches));
  g_ptr_array_set_size (self->layers, 0);
  g_ptr_array_extend_and_steal (self->layers, g_steal_pointer (&staged->layers));
  puratan_document_product_take (self, staged);
  return TRUE;
}

/**
 * puratan_document_new_from_json:
 * @json: design JSON as written by puratan_document_to_json() (or a template)
 * @length: length of @json in bytes, or -1 when NUL-terminated
 * @error: return location for a #GError
 *
 * Parses and validates a design. Assets referenced by items are not checked here; the design
 * file loader checks them.
 *
 * Errors: %PURATAN_ERROR_PARSE for malformed JSON or a broken rule (the message names the
 * page, item and member), %PURATAN_ERROR_UNSUPPORTED_VERSION for a newer format,
 * %PURATAN_ERROR_NOT_FOUND for a reference to a missing swatch or layer.
 *
 * Returns: (transfer full) (nullable): the design with an empty undo history
 */
PuratanDocument *
puratan_document_new_from_json (const char *json, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (PuratanDocument) self = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The strict gate refuses what json-glib would take or choke on (comments, huge integers,
   * nesting deep enough to exhaust the stack). */
  root = puratan_json_parse (json, length, &local);
  if (root == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "The design is not valid JSON: %s",
                   local->message);
      return NULL;
    }
  self = g_object_new (PURATAN_TYPE_DOCUMENT, NULL);
  if (!puratan_document_load_json (self, root, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * puratan_document_get_title:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none): the design's title
 */
const char *
puratan_document_get_title (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  return self->title;
}

/**
 * puratan_document_set_title:
 * @self: a #PuratanDocument
 * @title: the new title
 *
 * Sets the title as one undo step.
 */
void
puratan_document_set_title (PuratanDocument *self, const char *title)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));
  g_return_if_fail (title != NULL);

  if (g_strcmp0 (self->title, title) == 0)
    return;
  puratan_document_record_structure (self);
  g_free (self->title);
  self->title = g_strdup (title);
  puratan_document_emit_changed (self);
}

/**
 * puratan_document_get_n_pages:
 * @self: a #PuratanDocument
 *
 * Returns: the number of pages
 */
guint
puratan_document_get_n_pages (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), 0);
  return self->pages->len;
}

/**
 * puratan_document_get_page:
 * @self: a #PuratanDocument
 * @index: 0-based page index, below the page count
 *
 * Returns: (transfer none): the page, valid until the next change of the design
 */
const PuratanDocPage *
puratan_document_get_page (PuratanDocument *self, guint index)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  return self->pages->pdata[index];
}

/**
 * puratan_document_add_page:
 * @self: a #PuratanDocument
 * @width: trim width in points
 * @height: trim height in points
 * @bleed: bleed in points
 * @safe: safe margin in points
 * @error: return location for a #GError
 *
 * Appends an empty page as one undo step.
 *
 * Returns: the new page's index, or G_MAXUINT with @error set for an impossible size
 */
guint
puratan_document_add_page (
    PuratanDocument *self, double width, double height, double bleed, double safe, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), G_MAXUINT);

  if (!(width >= 1 && width <= PURATAN_DOC_MAX_EDGE_PT && height >= 1 &&
        height <= PURATAN_DOC_MAX_EDGE_PT && bleed >= 0 && bleed <= 1000 && safe >= 0 &&
        safe * 2 < MIN (width, height)))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A page of %.1f × %.1f mm with %.1f mm bleed and %.1f mm safe margin is not "
                   "possible; edges must be 0.4 mm to 10 m and margins must fit inside",
                   width / 72 * 25.4, height / 72 * 25.4, bleed / 72 * 25.4, safe / 72 * 25.4);
      return G_MAXUINT;
    }
  puratan_document_record_structure (self);
  g_ptr_array_add (self->pages, puratan_doc_page_new (width, height, bleed, safe));
  puratan_document_emit_changed (self);
  return self->pages->len - 1;
}

static gboolean
check_page (PuratanDocument *self, guint page, GError **error)
{
  if (page < self->pages->len)
    return TRUE;
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
               "The design has %u pages; there is no page %u", self->pages->len, page + 1);
  return FALSE;
}

/**
 * puratan_document_remove_page:
 * @self: a #PuratanDocument
 * @index: 0-based page index
 * @error: return location for a #GError
 *
 * Removes a page and its items as one undo step.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND
 */
gboolean
puratan_document_remove_page (PuratanDocument *self, guint index, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);

  if (!check_page (self, index, error))
    return FALSE;
  puratan_document_record_structure (self);
  g_ptr_array_remove_index (self->pages, index);
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_get_swatches:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none) (element-type PuratanDocSwatch): the swatches in order
 */
GPtrArray *
puratan_document_get_swatches (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  return self->swatches;
}

/**
 * puratan_document_lookup_swatch:
 * @self: a #PuratanDocument
 * @name: a swatch name
 *
 * Returns: (transfer none) (nullable): the swatch, or %NULL when the design has none so named
 */
const PuratanDocSwatch *
puratan_document_lookup_swatch (PuratanDocument *self, const char *name)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->swatches->len; i++)
    {
      PuratanDocSwatch *swatch = self->swatches->pdata[i];
      if (g_str_equal (swatch->name, name))
        return swatch;
    }
  return NULL;
}

/**
 * puratan_document_add_swatch:
 * @self: a #PuratanDocument
 * @swatch: the swatch to copy into the design
 * @error: return location for a #GError
 *
 * Adds a swatch as one undo step. Names are unique; values must lie in 0..1.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_INVALID_INPUT
 */
gboolean
puratan_document_add_swatch (PuratanDocument *self, const PuratanDocSwatch *swatch, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (swatch != NULL, FALSE);

  if (*swatch->name == '\0' || puratan_document_lookup_swatch (self, swatch->name) != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The design already has a swatch named “%s”; choose another name", swatch->name);
      return FALSE;
    }
  for (guint i = 0; i < 4; i++)
    if (!(swatch->values[i] >= 0.0 && swatch->values[i] <= 1.0))
      {
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "Swatch “%s” has a value outside 0–100 %%", swatch->name);
        return FALSE;
      }
  puratan_document_record_structure (self);
  g_ptr_array_add (self->swatches, puratan_doc_swatch_copy (swatch));
  puratan_document_emit_changed (self);
  return TRUE;
}

/**
 * puratan_document_get_layers:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none) (element-type PuratanDocLayer): the layers, bottom first
 */
GPtrArray *
puratan_document_get_layers (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  return self->layers;
}

/**
 * puratan_document_lookup_layer:
 * @self: a #PuratanDocument
 * @id: a layer id
 *
 * Returns: (transfer none) (nullable): the layer, or %NULL
 */
const PuratanDocLayer *
puratan_document_lookup_layer (PuratanDocument *self, const char *id)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->layers->len; i++)
    {
      PuratanDocLayer *layer = self->layers->pdata[i];
      if (g_str_equal (layer->id, id))
        return layer;
    }
  return NULL;
}

/**
 * puratan_document_add_layer:
 * @self: a #PuratanDocument
 * @layer: the layer to copy into the design, on top
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_INVALID_INPUT when the id is taken
 */
gboolean
puratan_document_add_layer (PuratanDocument *self, const PuratanDocLayer *layer, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (layer != NULL, FALSE);

  if (*layer->id == '\0' || puratan_document_lookup_layer (self, layer->id) != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The design already has a layer with the id “%s”", layer->id);
      return FALSE;
    }
  puratan_document_record_structure (self);
  g_ptr_array_add (self->layers, puratan_doc_layer_copy (layer));
  puratan_document_emit_changed (self);
  return TRUE;
}
