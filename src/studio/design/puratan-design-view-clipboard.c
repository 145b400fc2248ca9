/* puratan-design-view-clipboard.c: cut, copy and paste of items
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clipboard carries the selected items under PURATAN_ITEMS_MIME_TYPE as JSON: a design
 * in the file format (docs/file-format.md) with the source's swatches and layers and one
 * page holding the items, plus the bytes of their images and PDFs in base64:
 *
 *   { "design": { ...design JSON... }, "assets": { "SHA-256": "base64", ... } }
 *
 * Text items also go as plain text, for other applications. Pasting reads and checks the
 * JSON and decodes the assets on a worker, then adds everything in one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-core.h"
#include "puratan-design-view-private.h"

#define PURATAN_ITEMS_MIME_TYPE "application/x-puratan-items+json"
#define PASTE_OFFSET            10.0
/* A paste larger than this is refused rather than read into memory. */
#define MAX_CLIPBOARD_BYTES (256 * 1024 * 1024)

static void
collect (const PuratanDocItem *item, GHashTable *assets, GString *text)
{
  if (item->asset != NULL)
    g_hash_table_add (assets, item->asset);
  if (item->kind == PURATAN_DOC_ITEM_TEXT && item->text != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, item->text);
    }
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    collect (item->children->pdata[i], assets, text);
}

/* Copies the selected items to the clipboard. */
void
puratan_design_view_copy (PuratanDesignView *self)
{
  guint page = puratan_selection_get_page (self->selection);
  g_autofree char *json = puratan_document_to_json (self->document);
  g_autoptr (JsonNode) design = json_from_string (json, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  JsonArray *pages = json_object_get_array_member (json_node_get_object (design), "pages");
  JsonObject *kept = json_array_get_object_element (pages, page);
  JsonArray *items = json_object_get_array_member (kept, "items");
  JsonArray *picked = json_array_new ();
  JsonArray *only_page = json_array_new ();
  g_autoptr (GHashTable) asset_hashes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GdkContentProvider) content = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GHashTableIter iter;
  gpointer key;
  GdkContentProvider *providers[2];
  guint n_providers = 0;
  char *data;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (item, "id");

      if (puratan_selection_contains (self->selection, id))
        {
          collect (puratan_document_lookup_item (self->document, page, id), asset_hashes, text);
          json_array_add_element (picked, json_node_copy (json_array_get_element (items, i)));
        }
    }
  json_object_set_array_member (kept, "items", picked);
  json_array_add_element (only_page, json_node_copy (json_array_get_element (pages, page)));
  json_object_set_array_member (json_node_get_object (design), "pages", only_page);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "design");
  json_builder_add_value (builder, json_node_copy (design));
  json_builder_set_member_name (builder, "assets");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, asset_hashes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const PuratanDocAsset *asset = puratan_document_lookup_asset (self->document, key);
      gsize size;
      const guchar *raw = g_bytes_get_data (asset->data, &size);
      g_autofree char *encoded = g_base64_encode (raw, size);

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, encoded);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  data = json_to_string (root, FALSE);
  bytes = g_bytes_new_take (data, strlen (data));

  providers[n_providers++] = gdk_content_provider_new_for_bytes (PURATAN_ITEMS_MIME_TYPE, bytes);
  if (text->len > 0)
    providers[n_providers++] = gdk_content_provider_new_typed (G_TYPE_STRING, text->str);
  content = gdk_content_provider_new_union (providers, n_providers);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
}

/* Pasting */

/* A paste that cannot be done is shown, and logged for the record. */
static void
show_paste_error (PuratanDesignView *self, const char *message)
{
  g_message ("%s", message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

typedef struct
{
  GBytes *data;          /* the clipboard's JSON */
  PuratanDocument *clip; /* the design it holds */
  GPtrArray *assets;     /* (element-type PuratanDocAsset) */
} PasteJob;

static void
paste_job_free (PasteJob *job)
{
  g_clear_pointer (&job->data, g_bytes_unref);
  g_clear_object (&job->clip);
  g_clear_pointer (&job->assets, g_ptr_array_unref);
  g_free (job);
}

static gboolean
paste_fail (GTask *task, const char *why)
{
  g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           _ ("The clipboard's items cannot be pasted: %s"), why);
  return FALSE;
}

static void
paste_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PasteJob *job = task_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *design_json = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObject *assets;
  g_autoptr (GList) names = NULL;
  gsize size;
  const char *raw = g_bytes_get_data (job->data, &size);

  if (!json_parser_load_from_data (parser, raw, (gssize) size, &error))
    {
      paste_fail (task, error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (object = json_node_get_object (root), "design") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "design")) ||
      !json_object_has_member (object, "assets") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "assets")))
    {
      paste_fail (task, _ ("it has no design and assets"));
      return;
    }
  design_json = json_to_string (json_object_get_member (object, "design"), FALSE);
  job->clip = puratan_document_new_from_json (design_json, -1, &error);
  if (job->clip == NULL || puratan_document_get_n_pages (job->clip) != 1)
    {
      paste_fail (task, error != NULL ? error->message : _ ("it holds no single page"));
      return;
    }

  assets = json_object_get_object_member (object, "assets");
  names = json_object_get_members (assets);
  job->assets = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_document_asset_free);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (assets, l->data);
      g_autoptr (GBytes) bytes = NULL;
      PuratanDocAsset *asset;
      guchar *decoded;
      gsize length;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          paste_fail (task, _ ("an asset is not base64 text"));
          return;
        }
      decoded = g_base64_decode (json_node_get_string (node), &length);
      bytes = g_bytes_new_take (decoded, length);
      asset = puratan_document_asset_new (bytes, &error);
      if (asset == NULL)
        {
          paste_fail (task, error->message);
          return;
        }
      g_ptr_array_add (job->assets, asset);
      if (!g_str_equal (asset->hash, l->data))
        {
          paste_fail (task, _ ("an asset does not match its SHA-256"));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
collect_swatches (const PuratanDocItem *item, GHashTable *names, GHashTable *layers)
{
  if (item->fill.swatch != NULL)
    g_hash_table_add (names, item->fill.swatch);
  if (item->stroke.swatch != NULL)
    g_hash_table_add (names, item->stroke.swatch);
  if (item->layer != NULL)
    g_hash_table_add (layers, item->layer);
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    collect_swatches (item->children->pdata[i], names, layers);
}

/* Points items at layers the target has: an unknown layer becomes the bottom one. */
static void
fix_item (PuratanDocItem *item, PuratanDocument *target)
{
  g_clear_pointer (&item->id, g_free);
  if (item->layer != NULL && puratan_document_lookup_layer (target, item->layer) == NULL)
    g_clear_pointer (&item->layer, g_free);
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    fix_item (item->children->pdata[i], target);
}

static void
paste_into (PuratanDesignView *self, PasteJob *job, GError **error)
{
  PuratanDocument *target = self->document;
  guint page = puratan_selection_get_page (self->selection);
  const PuratanDocPage *clip_page = puratan_document_get_page (job->clip, 0);
  g_autoptr (GHashTable) swatches = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) layers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) pasted = g_ptr_array_new_with_free_func (g_free);
  gboolean offset = FALSE;
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < clip_page->items->len; i++)
    {
      const PuratanDocItem *item = clip_page->items->pdata[i];
      collect_swatches (item, swatches, layers);
      /* Pasted over its original: move it aside so both show. */
      offset |= puratan_document_lookup_item (target, page, item->id) != NULL;
    }

  puratan_document_begin_step (target, _ ("Paste"));
  g_hash_table_iter_init (&iter, swatches);
  while (g_hash_table_iter_next (&iter, &key, NULL) && *error == NULL)
    {
      const PuratanDocSwatch *swatch = puratan_document_lookup_swatch (job->clip, key);

      /* The clipboard's design was checked on load: every paint names one of its swatches. */
      if (swatch != NULL && puratan_document_lookup_swatch (target, key) == NULL)
        puratan_document_add_swatch (target, swatch, error);
    }
  for (guint i = 0; i < job->assets->len; i++)
    puratan_document_add_prepared_asset (target, g_ptr_array_steal_index (job->assets, i--));
  for (guint i = 0; i < clip_page->items->len && *error == NULL; i++)
    {
      PuratanDocItem *copy = puratan_doc_item_copy (clip_page->items->pdata[i]);
      const char *id;

      fix_item (copy, target);
      if (offset)
        {
          copy->transform[4] += PASTE_OFFSET;
          copy->transform[5] += PASTE_OFFSET;
        }
      id = puratan_document_add_item (target, page, copy, error);
      if (id != NULL)
        g_ptr_array_add (pasted, g_strdup (id));
    }
  puratan_document_end_step (target);
  g_ptr_array_add (pasted, NULL);
  puratan_selection_set_ids (self->selection, (const char *const *) pasted->pdata);
}

static void
pasted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  PasteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable) || self->document == NULL)
    return;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    paste_into (self, job, &error);
  if (error != NULL)
    show_paste_error (self, error->message);
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  PasteJob *job;

  if (self == NULL)
    return;
  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        show_paste_error (self, error->message);
      return;
    }
  if (g_memory_output_stream_get_data_size (memory) > MAX_CLIPBOARD_BYTES)
    {
      show_paste_error (self, _ ("The clipboard holds too much to paste"));
      return;
    }
  job = g_new0 (PasteJob, 1);
  job->data = g_memory_output_stream_steal_as_bytes (memory);
  task = g_task_new (NULL, self->cancellable, pasted_cb, puratan_design_view_weak (self));
  g_task_set_source_tag (task, read_done_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) paste_job_free);
  g_task_run_in_thread (task, paste_thread);
}

static void
clipboard_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream =
      gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr (GOutputStream) memory = NULL;

  if (self == NULL)
    return;
  if (stream == NULL)
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        {
          g_autofree char *text =
              g_strdup_printf (_ ("The clipboard holds no items of a design (%s)"), error->message);
          show_paste_error (self, text);
        }
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (
      memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
      G_PRIORITY_DEFAULT, self->cancellable, read_done_cb, puratan_design_view_weak (self));
}

/* Pastes items from the clipboard onto the current page, selected. */
void
puratan_design_view_paste (PuratanDesignView *self)
{
  static const char *mime_types[] = { PURATAN_ITEMS_MIME_TYPE, NULL };

  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), mime_types,
                            G_PRIORITY_DEFAULT, self->cancellable, clipboard_read_cb,
                            puratan_design_view_weak (self));
}
