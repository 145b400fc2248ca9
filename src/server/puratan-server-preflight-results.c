/* puratan-server-preflight-results.c: a checked upload's report and pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/preflight keeps each checked upload for a while (see
 * puratan-server-preflight-store.c) and answers with its Location:
 *
 * GET /api/v1/preflight/ID answers the stored report, as JSON or as text.
 * GET /api/v1/preflight/ID/pages/N.png answers page N drawn with the
 * problems the report locates on it outlined. A page is drawn by a worker
 * thread that counts against the server's job limit like a check does. The
 * first MAX_CACHED_PAGES pages drawn are kept in the result's folder and
 * served from there afterwards; later ones are drawn for each request, so
 * a file of many pages cannot fill the disk.
 *
 * The ID is an unguessable random UUID: whoever has the URL may read the
 * result. Anything that is not such an ID is answered 404 before any path
 * is built from it.
 */
#include "puratan-server-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "puratan-error.h"
#include "puratan-preflight.h"

#define PNG_TYPE         "image/png"
#define TEXT_TYPE        "text/plain; charset=utf-8"
#define PAGE_SUFFIX      ".png"
#define MAX_PAGE_DIGITS  9
#define PAGE_PREFIX      "page-"
#define MAX_CACHED_PAGES 64

/**
 * puratan_server_get_preflight_keep:
 * @self: a server
 *
 * Returns: how many seconds a checked upload and its report are kept
 */
guint
puratan_server_get_preflight_keep (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), 0);

  return puratan_preflight_store_get_keep (puratan_server_get_preflight_store (self));
}

/**
 * puratan_server_get_preflight_max_results:
 * @self: a server
 *
 * Returns: how many checked uploads are kept at most
 */
guint
puratan_server_get_preflight_max_results (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), 0);

  return puratan_preflight_store_get_max_results (puratan_server_get_preflight_store (self));
}

/**
 * puratan_server_set_preflight_limits:
 * @self: a server
 * @keep_seconds: how long a checked upload and its report are kept; 0
 *   keeps none
 * @max_results: how many are kept at most, the oldest removed first; 0
 *   keeps none
 *
 * Sets how long `POST /api/v1/preflight` keeps what it checked for
 * `GET /api/v1/preflight/ID` and its page images. Results over the new
 * limits are removed at once; when none are kept, a check deletes its
 * upload and answers without `Location`.
 */
void
puratan_server_set_preflight_limits (PuratanServer *self, guint keep_seconds, guint max_results)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  puratan_preflight_store_set_limits (puratan_server_get_preflight_store (self), keep_seconds,
                                      max_results);
}

/* Answers 404 for a result that does not exist (any more). */
static void
respond_no_result (SoupServerMessage *msg)
{
  puratan_server_respond_problem (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL,
                                  "There is no preflight result at this address: results are "
                                  "kept for a limited time. Send the file again to check it.");
}

/* Looks up the result named by the path's id. Returns (transfer full) its
 * folder, or NULL after answering @msg. */
static char *
find_result (PuratanServer *self, SoupServerMessage *msg, GHashTable *params)
{
  PuratanPreflightStore *store = puratan_server_get_preflight_store (self);
  char *dir = puratan_preflight_store_lookup (store, g_hash_table_lookup (params, "id"));

  if (dir == NULL)
    respond_no_result (msg);
  return dir;
}

/* Reads the format=json|text query of a report request into *text.
 * Returns FALSE after answering @msg for any other query. */
static gboolean
read_format (SoupServerMessage *msg, gboolean *text)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (GHashTable) params = NULL;
  const char *format;

  *text = FALSE;
  if (query == NULL || query[0] == '\0')
    return TRUE;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  format = params != NULL ? g_hash_table_lookup (params, "format") : NULL;
  if (params == NULL || g_hash_table_size (params) != 1 || format == NULL ||
      (strcmp (format, "json") != 0 && strcmp (format, "text") != 0))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "This resource takes one query parameter, format, which "
                                      "must be “json” or “text”.");
      return FALSE;
    }
  *text = strcmp (format, "text") == 0;
  return TRUE;
}

/* Answers 500 for a stored file that cannot be read; the cause goes to the
 * log only. */
static void
respond_storage_error (SoupServerMessage *msg, const GError *error)
{
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                    "Cannot read a preflight result: %s", error->message);
  puratan_server_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL,
                                  "The server could not read the preflight result.");
}

static void
report_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  gboolean text;

  dir = find_result (self, msg, params);
  if (dir == NULL || !read_format (msg, &text))
    return;
  path = g_build_filename (dir, text ? PURATAN_PREFLIGHT_STORE_TEXT : PURATAN_PREFLIGHT_STORE_JSON,
                           NULL);
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      respond_storage_error (msg, error);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, text ? TEXT_TYPE : PURATAN_SERVER_JSON_TYPE,
                                    SOUP_MEMORY_TAKE, contents, length);
}

/* Reads "N.png" into *page. Returns FALSE unless it is 1 to 9 decimal
 * digits and the suffix. */
static gboolean
parse_page (const char *text, guint *page)
{
  gsize digits = strspn (text, "0123456789");
  guint64 value = 0;

  if (digits == 0 || digits > MAX_PAGE_DIGITS || strcmp (text + digits, PAGE_SUFFIX) != 0)
    return FALSE;
  for (gsize i = 0; i < digits; i++)
    value = value * 10 + (guint64) (text[i] - '0');
  *page = (guint) value;
  return TRUE;
}

/* Answers @msg with the PNG file at @path. Returns FALSE with @error set
 * when it cannot be read. */
static gboolean
respond_png (SoupServerMessage *msg, const char *path, GError **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr (GBytes) bytes = NULL;

  if (file == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (file);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type",
                                PNG_TYPE);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  return TRUE;
}

/* One page being drawn. The worker thread reads the strings; the main loop
 * owns @msg. */
typedef struct
{
  SoupServerMessage *msg;
  char *dir;
  char *png;
  guint page;
  /* Set on the request's own loop, read on the main loop. */
  gint disconnected;
  /* Set by the worker: the file to answer with, and whether it goes once
   * answered. */
  char *served;
  gboolean transient;
} PageJob;

/* The main loop lets go of @msg before the job goes. */
static void
page_job_free (PageJob *job)
{
  g_clear_object (&job->msg);
  g_free (job->dir);
  g_free (job->png);
  g_free (job->served);
  g_free (job);
}

/* Counts the page images kept in the result folder @dir. */
static guint
count_cached_pages (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    n += g_str_has_prefix (name, PAGE_PREFIX) && g_str_has_suffix (name, PAGE_SUFFIX);
  return n;
}

/* Runs in a worker thread: draws the page into a private file and renames
 * it to the page's own name, so a half-written image is never served; or,
 * when the folder holds enough images, answers with the private file. */
static void
page_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageJob *job = task_data;
  g_autofree char *json_path = g_build_filename (job->dir, PURATAN_PREFLIGHT_STORE_JSON, NULL);
  g_autofree char *pdf = g_build_filename (job->dir, PURATAN_PREFLIGHT_STORE_PDF, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *json = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (json_path, &json, &length, &error) ||
      (report = puratan_preflight_report_new_from_json (json, (gssize) length, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->page > puratan_preflight_report_get_n_pages (report))
    {
      g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                               "The file has no page %u", job->page);
      return;
    }
  tmp = g_strdup_printf ("%s.part-%p", job->png, (void *) job);
  if (!puratan_preflight_annotate_page (report, pdf, job->page, tmp, &error))
    {
      g_unlink (tmp);
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT))
        /* Poppler sees fewer pages than the report. */
        g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "%s",
                                 error->message);
      else if (!g_file_test (job->dir, G_FILE_TEST_IS_DIR))
        /* The result expired meanwhile. */
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (count_cached_pages (job->dir) >= MAX_CACHED_PAGES)
    {
      job->served = g_steal_pointer (&tmp);
      job->transient = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_rename (tmp, job->png) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "Cannot store the image of page %u: %s", job->page,
                               g_strerror (saved_errno));
      return;
    }
  job->served = g_strdup (job->png);
  g_task_return_boolean (task, TRUE);
}

static void
respond_no_page (SoupServerMessage *msg)
{
  puratan_server_respond_problem (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL,
                                  "The checked file has no such page: pages are numbered from 1 "
                                  "to the report's pages.");
}

/* Answers a page that could not be drawn. A page the report does not have
 * is 404, one Poppler cannot draw is the file's fault (422); anything else
 * is the server's, logged in full. */
static void
respond_page_error (SoupServerMessage *msg, const GError *error)
{
  if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    respond_no_page (msg);
  else if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    respond_no_result (msg);
  else if (error->domain == PURATAN_PREFLIGHT_ERROR)
    puratan_server_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL, NULL,
                                    "This page of the file cannot be drawn; it may be damaged. "
                                    "Export the file again from the design program.");
  else
    respond_storage_error (msg, error);
}

static void
page_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (source);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autoptr (GError) error = NULL;
  gboolean drawn = g_task_propagate_boolean (G_TASK (result), &error);

  puratan_server_job_end (self);
  g_signal_handlers_disconnect_by_data (msg, job);
  if (!g_atomic_int_get (&job->disconnected) && (!drawn || !respond_png (msg, job->served, &error)))
    respond_page_error (msg, error);
  /* The answer holds the mapped image, so the file can go now, before the answer is sent
   * (from another request loop, the answer may be written before this callback returns). */
  if (job->transient)
    g_unlink (job->served);
  if (!g_atomic_int_get (&job->disconnected))
    puratan_server_resume (msg);
}

static void
page_disconnected_cb (SoupServerMessage *msg, gpointer user_data)
{
  PageJob *job = user_data;

  g_atomic_int_set (&job->disconnected, TRUE);
}

static void
page_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *png = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  PageJob *job;
  guint page = 0;

  dir = find_result (self, msg, params);
  if (dir == NULL)
    return;
  if (!parse_page (g_hash_table_lookup (params, "page"), &page))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "A page is named by its number and “.png”, such as "
                                      "“1.png” for the first page.");
      return;
    }
  if (query != NULL && query[0] != '\0')
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "This resource takes no query parameters.");
      return;
    }
  if (page == 0)
    {
      respond_no_page (msg);
      return;
    }

  name = g_strdup_printf (PAGE_PREFIX "%u" PAGE_SUFFIX, page);
  png = g_build_filename (dir, name, NULL);
  if (g_file_test (png, G_FILE_TEST_IS_REGULAR))
    {
      if (!respond_png (msg, png, &error))
        respond_storage_error (msg, error);
      return;
    }

  if (!puratan_server_job_begin (self))
    {
      puratan_server_respond_busy (msg, "The server is busy with other files; try again in a few "
                                        "seconds.");
      return;
    }

  job = g_new0 (PageJob, 1);
  job->msg = g_object_ref (msg);
  job->dir = g_steal_pointer (&dir);
  job->png = g_steal_pointer (&png);
  job->page = page;
  g_signal_connect (msg, "disconnected", G_CALLBACK (page_disconnected_cb), job);

  task = g_task_new (self, NULL, page_done_cb, NULL);
  g_task_set_source_tag (task, page_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) page_job_free);
  puratan_server_defer (msg);
  g_task_run_in_thread (task, page_thread);
}

/* Adds GET /api/v1/preflight/{id} and GET /api/v1/preflight/{id}/pages/{page}
 * to @self, after the preflight routes (whose "profiles" comes first). */
void
puratan_server_add_preflight_result_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/api/v1/preflight/{id}", report_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/preflight/{id}/pages/{page}", page_cb, self);
}
