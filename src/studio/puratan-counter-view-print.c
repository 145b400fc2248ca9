/* puratan-counter-view-print.c: printing receipts and job tickets, and the artwork thumbnail
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <unistd.h>

#include "puratan-counter-view-private.h"

/* Replays a page drawn ahead of time, scaled to fit the paper. */
static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, GPtrArray *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  cairo_rectangle_t extents;
  double scale;

  if (page_nr < 0 || (guint) page_nr >= pages->len ||
      !cairo_recording_surface_get_extents (pages->pdata[page_nr], &extents))
    return;
  scale = MIN (gtk_print_context_get_width (context) / extents.width,
               gtk_print_context_get_height (context) / extents.height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, pages->pdata[page_nr], 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Opens @pdf with Poppler and draws every page for printing into a recording surface, so the
 * print operation only replays them. Blocking: the print action calls it on a worker.
 * Returns: (transfer full) (element-type cairo_surface_t) (nullable): the pages, in points */
static GPtrArray *
open_printable (const char *pdf, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (GError) local_error = NULL;
  /* Poppler 22 has no autoptr support; the document is held as a plain GObject. */
  g_autoptr (GObject) document =
      G_OBJECT (poppler_document_new_from_file (uri, NULL, &local_error));
  g_autoptr (GPtrArray) pages = NULL;
  int n_pages;

  if (document == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, _ ("Cannot read “%s” to print it: %s"),
                   pdf, local_error->message);
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
  pages = g_ptr_array_new_full (n_pages, (GDestroyNotify) cairo_surface_destroy);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (POPPLER_DOCUMENT (document), i);
      cairo_rectangle_t extents = { 0, 0, 0, 0 };
      cairo_surface_t *surface;
      cairo_t *cr;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &extents.width, &extents.height);
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cr = cairo_create (surface);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      g_ptr_array_add (pages, surface);
      g_object_unref (page);
    }
  return g_steal_pointer (&pages);
}

/* Prints pages drawn by open_printable() through GtkPrintOperation, each scaled to the paper. */
static gboolean
print_document (PuratanCounterView *self,
                GPtrArray *pages,
                const char *pdf,
                GtkPrintOperationAction action,
                const char *export_path,
                GError **error)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GError) local_error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  gtk_print_operation_set_n_pages (operation, (int) pages->len);
  gtk_print_operation_set_job_name (operation, pdf);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), pages);
  result = gtk_print_operation_run (operation, action,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, _ ("Printing failed: %s"),
                   local_error != NULL ? local_error->message : _ ("unknown error"));
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_counter_view_print_pdf:
 * @self: the view
 * @pdf: a receipt or job ticket written by the orders layer
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG at the counter; EXPORT with
 *   @export_path to print into a PDF file
 * @export_path: (nullable): the file for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: return location for a #GError
 *
 * Opens a document and prints it through GtkPrintOperation, each page scaled to the paper.
 * Blocking while it opens and draws the PDF; the print action does that on a worker instead.
 *
 * Returns: %TRUE unless printing failed (a cancelled dialog is not a failure)
 */
gboolean
puratan_counter_view_print_pdf (PuratanCounterView *self,
                                const char *pdf,
                                GtkPrintOperationAction action,
                                const char *export_path,
                                GError **error)
{
  g_autoptr (GPtrArray) pages = open_printable (pdf, error);

  return pages != NULL && print_document (self, pages, pdf, action, export_path, error);
}

static void
open_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *pages = open_printable (task_data, &error);

  if (pages != NULL)
    g_task_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
printable_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = g_task_propagate_pointer (G_TASK (result), &error);
  const char *pdf = g_task_get_task_data (G_TASK (result));
  PuratanCounterView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  puratan_counter_view_set_working (self, FALSE);
  if (pages == NULL ||
      !print_document (self, pages, pdf, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    puratan_counter_view_show_error (self, error);
}

/**
 * puratan_counter_view_print_action:
 * @widget: the view
 * @action_name: "counter.print-receipt" or "counter.print-ticket"
 * @parameter: unused
 *
 * Saves the receipt or the job ticket as the save actions do, then opens the print dialog.
 */
/* The view is still there unless the wait was cancelled, which dispose does. */
static void
printable_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = puratan_counter_view_save_document_finish (result, &error);
  PuratanCounterView *self = user_data;
  g_autoptr (GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (path == NULL)
    {
      puratan_counter_view_set_working (self, FALSE);
      puratan_counter_view_show_error (self, error);
      return;
    }
  g_free (self->last_document);
  self->last_document = g_steal_pointer (&path);
  puratan_counter_view_show_message (self, NULL);
  /* Opened and drawn on a worker too; the print dialog then replays the pages GTK asks for. */
  task = g_task_new (NULL, self->cancellable, printable_opened_cb, self);
  g_task_set_source_tag (task, printable_saved_cb);
  g_task_set_task_data (task, g_strdup (self->last_document), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

void
puratan_counter_view_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);
  gboolean receipt = g_strcmp0 (action_name, "counter.print-receipt") == 0;

  if (self->working)
    return;
  puratan_counter_view_set_working (self, TRUE);
  puratan_counter_view_show_message (self, receipt ? _ ("Preparing the receipt…")
                                                   : _ ("Preparing the job ticket…"));
  puratan_counter_view_save_document_async (self, receipt, NULL, self->cancellable,
                                            printable_saved_cb, self);
}

/* Longest side of the artwork thumbnail on the job ticket, in pixels. */
#define ARTWORK_THUMBNAIL_PX 240

/* Draws @page scaled so its longer side is ARTWORK_THUMBNAIL_PX and writes it to a new
 * temporary PNG. Returns: (transfer full) (nullable): the PNG's path */
static char *
render_page_png (PopplerPage *page)
{
  g_autofree char *png = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width = 0, height = 0, scale;
  cairo_status_t status;
  int fd;

  poppler_page_get_size (page, &width, &height);
  if (width < 1 || height < 1)
    return NULL;
  scale = ARTWORK_THUMBNAIL_PX / MAX (width, height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  fd = g_file_open_tmp ("puratan-artwork-XXXXXX.png", &png, NULL);
  if (fd >= 0)
    close (fd);
  status = png != NULL ? cairo_surface_write_to_png (surface, png) : CAIRO_STATUS_WRITE_ERROR;
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (png != NULL)
        g_unlink (png);
      return NULL;
    }
  return g_steal_pointer (&png);
}

static char *
render_first_page_png (const char *pdf_path)
{
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  PopplerDocument *document = uri != NULL ? poppler_document_new_from_file (uri, NULL, NULL) : NULL;
  PopplerPage *page = NULL;
  char *png = NULL;

  if (document != NULL && poppler_document_get_n_pages (document) > 0)
    page = poppler_document_get_page (document, 0);
  if (page != NULL)
    png = render_page_png (page);
  g_clear_object (&page);
  g_clear_object (&document);
  return png;
}

/**
 * puratan_counter_view_render_artwork_thumbnail:
 * @pdfs: (element-type utf8): the attached PDFs, from puratan_counter_view_dup_pdf_paths()
 *
 * Draws the first page of the first attached PDF that Poppler can open (damaged or
 * password-protected attachments are passed over) as a PNG thumbnail for the job ticket.
 *
 * Returns: (transfer full) (nullable): the path of a temporary PNG the caller deletes, or
 *   %NULL when no attached PDF can be drawn. Blocking: call it on a worker.
 */
char *
puratan_counter_view_render_artwork_thumbnail (GPtrArray *pdfs)
{
  for (guint i = 0; i < pdfs->len; i++)
    {
      char *png = render_first_page_png (pdfs->pdata[i]);

      if (png != NULL)
        return png;
    }
  return NULL;
}

typedef struct
{
  PuratanDatabase *database;
  char *order_id;
  gboolean receipt;
  GPtrArray *pdfs; /* (nullable) the attached PDFs, for a ticket's artwork thumbnail */
  char *thumbnail; /* (nullable) the artwork's PNG for a ticket, removed once written */
  char *path;      /* (nullable) until chosen: then named after the order in the folder */
} DocumentJob;

static void
document_job_free (DocumentJob *job)
{
  if (job->thumbnail != NULL)
    g_unlink (job->thumbnail);
  g_clear_object (&job->database);
  g_free (job->order_id);
  g_clear_pointer (&job->pdfs, g_ptr_array_unref);
  g_free (job->thumbnail);
  g_free (job->path);
  g_free (job);
}

/* Reads the order as stored, its customer, the shop and the payments, and writes the PDF. */
static void
document_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  DocumentJob *job = task_data;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (PuratanShopSettings) settings = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autofree char *folder = NULL;
  PuratanSeller shop;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (job->pdfs != NULL)
    job->thumbnail = puratan_counter_view_render_artwork_thumbnail (job->pdfs);
  if ((order = puratan_order_get (job->database, job->order_id, &error)) != NULL &&
      (customer = puratan_customer_get (job->database, order->customer_id, &error)) != NULL &&
      (settings = puratan_shop_settings_load (job->database, &error)) != NULL &&
      (payments = puratan_payment_list_for_order (job->database, order->id, &error)) != NULL &&
      (job->path != NULL || (folder = puratan_counter_view_documents_folder (&error)) != NULL))
    {
      if (job->path == NULL)
        {
          g_autofree char *number = puratan_order_format_number (order->number);
          g_autofree char *name =
              g_strdup_printf ("%s-%s.pdf", number, job->receipt ? "receipt" : "job-ticket");
          job->path = g_build_filename (folder, name, NULL);
        }
      shop = puratan_shop_settings_as_shop (settings);
      ok = job->receipt ? puratan_invoice_write_pdf (&shop, PURATAN_INVOICE_RECEIPT, order,
                                                     customer, payments, job->path, &error)
                        : puratan_job_ticket_write_pdf (&shop, order, customer, job->thumbnail,
                                                        job->path, &error);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_counter_view_save_document_async:
 * @self: the view
 * @receipt: %TRUE for the receipt, %FALSE for the job ticket
 * @path: (nullable): the PDF to write; %NULL for one named after the order in the documents
 *   folder (Documents/Puratan Studio)
 * @cancellable: (nullable): cancels the wait for the result (the file may still be written)
 * @callback: called on the main context when it is written or failed
 * @user_data: for @callback
 *
 * Writes the placed order's receipt or job ticket to @path, reading
 * the order as stored, its customer, the shop and the payments, and drawing the artwork
 * thumbnail and the PDF, all on a worker thread.
 */
void
puratan_counter_view_save_document_async (PuratanCounterView *self,
                                          gboolean receipt,
                                          const char *path,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  PuratanDatabase *database = puratan_counter_view_get_database (self, &error);
  DocumentJob *job;

  g_task_set_source_tag (task, puratan_counter_view_save_document_async);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->order == NULL)
    {
      g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s",
                               _ ("Place the order first"));
      return;
    }
  job = g_new0 (DocumentJob, 1);
  job->database = g_object_ref (database);
  job->order_id = g_strdup (self->order->id);
  job->receipt = receipt;
  job->pdfs = receipt ? NULL : puratan_counter_view_dup_pdf_paths (self);
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) document_job_free);
  g_task_run_in_thread (task, document_in_thread);
}

/**
 * puratan_counter_view_save_document_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the PDF written, or %NULL with @error set
 */
char *
puratan_counter_view_save_document_finish (GAsyncResult *result, GError **error)
{
  DocumentJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_strdup (job->path);
}
