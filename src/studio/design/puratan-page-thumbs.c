/* puratan-page-thumbs.c: page thumbnails of a design, drawn on a worker thread
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker owns a copy of the design (the design itself belongs to the main thread).
 * Each page gets a fingerprint, a SHA-256 of its JSON and of everything pages draw with
 * (swatches, layers); a page whose fingerprint the caller already has a thumbnail for is
 * not drawn again, so editing one page of a long design redraws one thumbnail.
 */
#include "config.h"

#include "puratan-page-thumbs.h"
#include "puratan-render.h"

typedef struct
{
  PuratanDocument *document;
  GHashTable *known; /* fingerprint → GdkTexture */
  int max_edge;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->document);
  g_clear_pointer (&job->known, g_hash_table_unref);
  g_free (job);
}

/**
 * puratan_page_thumb_free:
 * @thumb: (nullable): a thumbnail
 */
void
puratan_page_thumb_free (PuratanPageThumb *thumb)
{
  if (thumb == NULL)
    return;
  g_free (thumb->fingerprint);
  g_clear_object (&thumb->texture);
  g_free (thumb);
}

static char *
node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
}

/* One fingerprint per page, from the design's own serialisation. */
static GPtrArray *
fingerprints (PuratanDocument *document, GError **error)
{
  g_autofree char *json = puratan_document_to_json (document);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) prints = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *swatches = NULL;
  g_autofree char *layers = NULL;
  JsonObject *root;
  JsonArray *pages;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  swatches = node_text (json_object_get_member (root, "swatches"));
  layers = node_text (json_object_get_member (root, "layers"));
  pages = json_object_get_array_member (root, "pages");
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *page = node_text (json_array_get_element (pages, i));

      g_checksum_update (sum, (const guchar *) swatches, -1);
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
      g_checksum_update (sum, (const guchar *) layers, -1);
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
      g_checksum_update (sum, (const guchar *) page, -1);
      g_ptr_array_add (prints, g_strdup (g_checksum_get_string (sum)));
    }
  return g_steal_pointer (&prints);
}

static GdkTexture *
draw_page (
    PuratanRenderer *renderer, PuratanDocument *document, guint index, int max_edge, GError **error)
{
  const PuratanDocPage *page = puratan_document_get_page (document, index);
  double full_width = page->width + 2 * page->bleed;
  double full_height = page->height + 2 * page->bleed;
  double scale = max_edge / MAX (full_width, full_height);
  int width = MAX (1, (int) ceil (full_width * scale));
  int height = MAX (1, (int) ceil (full_height * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) bytes = NULL;
  gboolean drawn;
  int stride;

  /* Paper under the whole picture, the part pixel at the edges included. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, page->bleed, page->bleed);
  drawn = puratan_renderer_draw_page (renderer, cr, index, error);
  cairo_destroy (cr);
  if (!drawn)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);
  /* Cairo's ARGB32 is GDK's default memory format: premultiplied, native-endian. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
render_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr (GPtrArray) prints = NULL;
  g_autoptr (GPtrArray) thumbs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_page_thumb_free);
  g_autoptr (PuratanRenderer) renderer = NULL;
  GError *error = NULL;

  prints = fingerprints (job->document, &error);
  if (prints == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < prints->len; i++)
    {
      g_autoptr (PuratanPageThumb) thumb = g_new0 (PuratanPageThumb, 1);
      GdkTexture *known = g_hash_table_lookup (job->known, prints->pdata[i]);

      if (g_task_return_error_if_cancelled (task))
        return;
      thumb->fingerprint = g_strdup (prints->pdata[i]);
      if (known != NULL)
        thumb->texture = g_object_ref (known);
      else
        {
          if (renderer == NULL)
            renderer = puratan_renderer_new (job->document, NULL, &error);
          if (renderer == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          thumb->texture = draw_page (renderer, job->document, i, job->max_edge, &error);
          if (thumb->texture == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
        }
      g_ptr_array_add (thumbs, g_steal_pointer (&thumb));
    }
  g_task_return_pointer (task, g_steal_pointer (&thumbs), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * puratan_page_thumbs_render_async:
 * @document: (transfer none): a copy of the design that nothing else uses from now on
 * @known: (element-type utf8 GdkTexture): thumbnails already drawn, by fingerprint;
 *   copied
 * @max_edge: longest edge of a thumbnail in pixels
 * @cancellable: (nullable): cancels the drawing
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Draws a thumbnail of each page of @document through the Cairo renderer on a worker
 * thread, reusing @known ones for pages that did not change.
 */
void
puratan_page_thumbs_render_async (PuratanDocument *document,
                                  GHashTable *known,
                                  int max_edge,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (PURATAN_IS_DOCUMENT (document));
  g_return_if_fail (max_edge > 0);

  job->document = g_object_ref (document);
  job->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  job->max_edge = max_edge;
  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (job->known, g_strdup (key), g_object_ref (value));
  g_task_set_source_tag (task, puratan_page_thumbs_render_async);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * puratan_page_thumbs_render_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanPageThumb) (nullable): one thumbnail per
 *   page, in page order
 */
GPtrArray *
puratan_page_thumbs_render_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
