/* puratan-place.c: placing an image or a PDF file on a page of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read, hashed and checked on a worker (an image is decoded once, a PDF is
 * opened with Poppler for the size of its first page); the main thread then only adds the
 * prepared asset and the item, in one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "puratan-core.h"
#include "puratan-place.h"

/* Images are placed at this resolution, the least that prints sharp. */
#define PLACE_PPI 300.0

typedef struct
{
  GFile *file;
  guint page;
  double x;
  double y;
  PuratanDocAsset *asset;
  double width; /* natural size in points */
  double height;
} PlaceJob;

static void
place_job_free (PlaceJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->asset, puratan_document_asset_free);
  g_free (job);
}

static void
place_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PlaceJob *job = task_data;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);
  GError *error = NULL;

  bytes = g_file_load_bytes (job->file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->asset = puratan_document_asset_new (bytes, &error);
  if (job->asset == NULL)
    {
      g_prefix_error (&error, _ ("“%s” cannot be placed: "), name);
      g_task_return_error (task, error);
      return;
    }
  if (g_str_equal (job->asset->mime, "application/pdf"))
    {
      PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
      PopplerPage *first;

      if (pdf == NULL || poppler_document_get_n_pages (pdf) < 1)
        {
          g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                                   _ ("“%s” is a damaged PDF and cannot be placed: %s"), name,
                                   error != NULL ? error->message : _ ("it has no pages"));
          g_clear_error (&error);
          g_clear_object (&pdf);
          return;
        }
      first = poppler_document_get_page (pdf, 0);
      poppler_page_get_size (first, &job->width, &job->height);
      g_object_unref (first);
      g_object_unref (pdf);
    }
  else
    {
      job->width = job->asset->width * 72.0 / PLACE_PPI;
      job->height = job->asset->height * 72.0 / PLACE_PPI;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * puratan_place_file_async:
 * @document: the design
 * @page: 0-based page to place on
 * @file: a PNG, JPEG, TIFF or PDF file
 * @x: where the centre of the placed item goes, in points from the trim box's left
 * @y: the same, from the trim box's top
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Places @file: reads and checks it on a worker, then adds it to @document as an asset and
 * an image (or, for a PDF, a placed page 1) item centred on (@x, @y), in one undo step
 * labelled "Place". An image comes in at 300 ppi and a PDF at its page size, both scaled
 * down to fit the page's trim box when larger. When @page is gone by the time the worker
 * is done, the place fails with %PURATAN_ERROR_NOT_FOUND.
 */
void
puratan_place_file_async (PuratanDocument *document,
                          guint page,
                          GFile *file,
                          double x,
                          double y,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PlaceJob *job;

  g_return_if_fail (PURATAN_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (PlaceJob, 1);
  job->file = g_object_ref (file);
  job->page = page;
  job->x = x;
  job->y = y;
  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_place_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) place_job_free);
  g_task_run_in_thread (task, place_thread);
}

/**
 * puratan_place_file_finish:
 * @document: the design given to puratan_place_file_async()
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Adds the prepared file to the design (this part runs on the caller's thread).
 *
 * Returns: (transfer full) (nullable): the id of the new item, or %NULL with @error set: the
 *   file's own error, %PURATAN_ERROR_INVALID_INPUT or %PURATAN_ERROR_CORRUPT for a file
 *   that is not a good image or PDF, %PURATAN_ERROR_NOT_FOUND when the page is gone
 */
char *
puratan_place_file_finish (PuratanDocument *document, GAsyncResult *result, GError **error)
{
  PlaceJob *job;
  const PuratanDocPage *page;
  g_autoptr (PuratanDocItem) item = NULL;
  const char *hash;
  const char *id;
  double scale = 1.0;
  char *placed = NULL;

  g_return_val_if_fail (g_task_is_valid (result, document), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  if (job->page >= puratan_document_get_n_pages (document))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   _ ("The design has no page %u to place the file on"), job->page + 1);
      return NULL;
    }
  page = puratan_document_get_page (document, job->page);
  if (job->width > page->width || job->height > page->height)
    scale = MIN (page->width / job->width, page->height / job->height);

  item = puratan_doc_item_new (g_str_equal (job->asset->mime, "application/pdf")
                                   ? PURATAN_DOC_ITEM_PDF
                                   : PURATAN_DOC_ITEM_IMAGE);
  item->width = job->width * scale;
  item->height = job->height * scale;
  item->fit = PURATAN_DOC_FIT_FIT;
  item->pdf_page = 0;
  puratan_doc_item_set_position (item, job->x - item->width / 2, job->y - item->height / 2);

  puratan_document_begin_step (document, _ ("Place"));
  hash = puratan_document_add_prepared_asset (document, g_steal_pointer (&job->asset));
  item->asset = g_strdup (hash);
  id = puratan_document_add_item (document, job->page, g_steal_pointer (&item), error);
  if (id != NULL)
    placed = g_strdup (id);
  puratan_document_end_step (document);
  return placed;
}
