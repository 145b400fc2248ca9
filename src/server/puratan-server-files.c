/* puratan-server-files.c: completed uploads, their checks, and order files for download
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A completed tus upload is stored on a worker: its partial file goes into the store's
 * content-addressed files under its SHA-256 and is attached to the upload's order as
 * artwork (the order_files table the Counter uses, which the change feed follows). Then a
 * second worker preflights a copy against the order's product
 * (puratan_preflight_profile_for_job()) and keeps the result with today's preflight
 * results, so its report and page previews are served at /api/v1/preflight/{id}.
 *
 * GET /api/v1/orders/{id}/files lists an order's files and GET
 * /api/v1/orders/{id}/files/{sha256} sends one, to the order's owner and staff only, as an
 * attachment: the Content-Type is one of two fixed types, never a type a client gave, and
 * the file name in Content-Disposition is reduced to safe characters, with the full name
 * in RFC 8187's filename*.
 */
#include "puratan-server-tus-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-server-response.h"
#include "puratan-store.h"

#define PDF_TYPE    "application/pdf"
#define BINARY_TYPE "application/octet-stream"

/* Adds @upload as a JSON object. */
void
puratan_server_add_upload (JsonBuilder *builder, const PuratanUpload *upload)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, upload->id);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, upload->order_id);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, upload->name);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, upload->length);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, upload->received);
  json_builder_set_member_name (builder, "sha256");
  if (upload->sha256 != NULL)
    json_builder_add_string_value (builder, upload->sha256);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "preflight");
  if (upload->preflight_id != NULL)
    {
      g_autofree char *report = g_strconcat ("/api/v1/preflight/", upload->preflight_id, NULL);
      g_autofree char *page = g_strconcat (report, "/pages/1.png", NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, upload->preflight_id);
      json_builder_set_member_name (builder, "report");
      json_builder_add_string_value (builder, report);
      json_builder_set_member_name (builder, "first_page");
      json_builder_add_string_value (builder, page);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "preflight_error");
  if (upload->preflight_error != NULL)
    json_builder_add_string_value (builder, upload->preflight_error);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* Whether the file at @path starts as a PDF does. */
static gboolean
looks_like_pdf (const char *path)
{
  char head[5] = { 0 };
  FILE *file = g_fopen (path, "rbe");
  gboolean pdf;

  if (file == NULL)
    return FALSE;
  pdf = fread (head, 1, sizeof head, file) == sizeof head && memcmp (head, "%PDF-", 5) == 0;
  fclose (file);
  return pdf;
}

/* One completed upload on its way into the store, then through its check. */
typedef struct
{
  PuratanServer *server;
  PuratanDatabase *database;
  SoupServerMessage *msg;
  char *id;
  char *path;
  gint64 offset;
  /* The file's SHA-256 when it was hashed as it arrived. */
  char *sha256;
  /* Set on the request's own loop, read on the main loop. */
  gint disconnected;
  /* For the check: the stored file, the order's product and size, and where results go. */
  char *stored_path;
  char *product_id;
  char *size_id;
  char *results_dir;
} Completion;

static void
completion_free (Completion *job)
{
  g_clear_object (&job->server);
  g_clear_object (&job->database);
  g_free (job->id);
  g_free (job->path);
  g_free (job->sha256);
  g_free (job->stored_path);
  g_free (job->product_id);
  g_free (job->size_id);
  g_free (job->results_dir);
  g_free (job);
}

static void
store_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Completion *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *stored = NULL;

  /* The partial file is the server's own, beside the store: it is moved in, not copied. */
  sha256 = puratan_file_store_adopt (job->database, job->path, job->sha256,
                                     looks_like_pdf (job->path) ? PDF_TYPE : BINARY_TYPE, &error);
  if (sha256 == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  stored = puratan_file_store_get_path (job->database, sha256, &error);
  if (stored == NULL || !puratan_upload_complete (job->database, job->id, sha256, &error))
    {
      /* The partial file comes back (as a link to the stored one), so that a PATCH at the
       * final offset can try again. */
      if (stored != NULL && link (stored, job->path) != 0)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot restore the finished upload “%s”: %s", job->path,
                          g_strerror (errno));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->stored_path = g_steal_pointer (&stored);
  g_task_return_boolean (task, TRUE);
}

/* Runs on a worker: preflights a copy of the stored file and records the result. */
static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Completion *job = task_data;
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (GFile) from = g_file_new_for_path (job->stored_path);
  g_autoptr (GFile) to = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) store_error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *result = NULL;
  int fd;

  profile = puratan_preflight_profile_for_job (job->product_id, job->size_id, &error);
  if (profile != NULL && (fd = puratan_server_upload_create (
                              puratan_server_get_data_dir (job->server), &copy, &error)) >= 0)
    {
      close (fd);
      to = g_file_new_for_path (copy);
      if (g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL,
                       NULL, &error))
        result = puratan_server_preflight_keep (job->results_dir, copy, profile, &error);
      else
        g_unlink (copy);
    }
  if (!puratan_upload_set_preflight (job->database, job->id, result,
                                     error != NULL ? error->message : NULL, &store_error))
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot record an upload's check: %s", store_error->message);
  g_task_return_boolean (task, TRUE);
}

/* The catalog product an order's first line was quoted for, and its size option. */
static void
find_product (PuratanServer *self, const char *order_id, char **product_id, char **size_id)
{
  g_autoptr (PuratanOrder) order = puratan_order_get (self->database, order_id, NULL);
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (JsonNode) snapshot = NULL;
  const PuratanOrderLine *line;
  gsize best = 0;

  if (order == NULL || order->lines == NULL || order->lines->len == 0)
    return;
  line = order->lines->pdata[0];
  catalog = puratan_server_get_catalog (self, NULL);
  if (catalog != NULL)
    catalog = puratan_catalog_ref (catalog);
  /* A quoted line is described as the product's name and then its options; the longest
   * name it starts with is its product. */
  for (guint i = 0; catalog != NULL && i < puratan_catalog_get_n_products (catalog); i++)
    {
      const char *name = puratan_catalog_get_product_name (catalog, i);

      if (line->product != NULL && name != NULL && strlen (name) > best &&
          g_str_has_prefix (line->product, name))
        {
          best = strlen (name);
          g_free (*product_id);
          *product_id = g_strdup (puratan_catalog_get_product_id (catalog, i));
        }
    }
  snapshot = line->snapshot != NULL ? json_from_string (line->snapshot, NULL) : NULL;
  if (snapshot != NULL && JSON_NODE_HOLDS_OBJECT (snapshot))
    {
      JsonObject *root = json_node_get_object (snapshot);
      JsonObject *quoted = json_object_get_object_member (root, "quote_line");
      JsonObject *options = NULL;

      if (quoted != NULL && json_object_has_member (quoted, "options"))
        options = json_object_get_object_member (quoted, "options");
      if (options != NULL && json_object_has_member (options, "size") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (options, "size")))
        *size_id = g_strdup (json_object_get_string_member (options, "size"));
    }
}

/* Starts the check of a stored upload on a worker of its own; the answer does not wait for
 * it. */
static void
start_check (Completion *job)
{
  g_autoptr (GTask) check = NULL;
  g_autoptr (PuratanUpload) upload = puratan_upload_get (job->database, job->id, NULL);
  Completion *next;

  if (upload == NULL)
    return;
  next = g_new0 (Completion, 1);
  next->server = g_object_ref (job->server);
  next->database = g_object_ref (job->database);
  next->id = g_strdup (job->id);
  next->stored_path = g_steal_pointer (&job->stored_path);
  find_product (job->server, upload->order_id, &next->product_id, &next->size_id);
  next->results_dir =
      g_strdup (puratan_preflight_store_get_dir (puratan_server_get_preflight_store (job->server)));
  check = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (check, next, (GDestroyNotify) completion_free);
  g_task_run_in_thread (check, check_thread);
}

static void
store_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Completion *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autoptr (GError) error = NULL;

  g_signal_handlers_disconnect_by_data (msg, job);
  g_task_propagate_boolean (G_TASK (result), &error);
  puratan_server_tus_unlock (job->server, job->id);
  if (error != NULL)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot store a finished upload: %s", error->message);
  if (!g_atomic_int_get (&job->disconnected))
    puratan_server_tus_respond_complete (msg, job->offset, error);
  if (error == NULL)
    start_check (job);
  /* Sent last: from another request loop the answer may be written at once. */
  if (!g_atomic_int_get (&job->disconnected))
    puratan_server_resume (msg);
}

static void
completion_disconnected_cb (SoupServerMessage *msg, gpointer user_data)
{
  Completion *job = user_data;

  g_atomic_int_set (&job->disconnected, TRUE);
}

/* Stores the completed upload @id (its partial file @path, whose SHA-256 is @sha256 when it
 * was hashed as it arrived, else NULL) on a worker and answers @msg once it is stored; then
 * checks it. */
void
puratan_server_tus_complete (PuratanServer *self,
                             SoupServerMessage *msg,
                             const char *id,
                             const char *path,
                             gint64 offset,
                             const char *sha256)
{
  Completion *job = g_new0 (Completion, 1);
  g_autoptr (GTask) task = g_task_new (self, NULL, store_done_cb, NULL);

  job->server = g_object_ref (self);
  job->database = g_object_ref (self->database);
  job->msg = g_object_ref (msg);
  job->id = g_strdup (id);
  job->path = g_strdup (path);
  job->offset = offset;
  job->sha256 = g_strdup (sha256);
  g_task_set_task_data (task, job, (GDestroyNotify) completion_free);
  g_signal_connect (msg, "disconnected", G_CALLBACK (completion_disconnected_cb), job);
  puratan_server_defer (msg);
  g_task_run_in_thread (task, store_thread);
}

/* Returns (transfer full) @name reduced to characters safe in a quoted header value and
 * on every file system: letters, digits, “.”, “-” and “_”; anything else becomes “_”. */
static char *
safe_file_name (const char *name)
{
  GString *safe = g_string_new (NULL);

  for (const char *p = name; *p != '\0' && safe->len < 128; p++)
    g_string_append_c (safe,
                       g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_' ? *p : '_');
  /* No hidden file, and never "." or "..". */
  while (safe->len > 0 && safe->str[0] == '.')
    g_string_erase (safe, 0, 1);
  if (safe->len == 0)
    g_string_assign (safe, "file");
  return g_string_free (safe, FALSE);
}

static void
add_order_file (JsonBuilder *builder,
                PuratanDatabase *database,
                const char *order_id,
                const PuratanOrderFile *file)
{
  g_autofree char *href = g_strdup_printf ("/api/v1/orders/%s/files/%s", order_id, file->sha256);
  g_autofree char *preflight =
      puratan_upload_preflight_for_file (database, order_id, file->sha256, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, file->sha256);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, file->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, file->role);
  json_builder_set_member_name (builder, "media_type");
  json_builder_add_string_value (
      builder, g_strcmp0 (file->media_type, PDF_TYPE) == 0 ? PDF_TYPE : BINARY_TYPE);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, file->size);
  json_builder_set_member_name (builder, "href");
  json_builder_add_string_value (builder, href);
  /* The check of an uploaded file, for the order's owner and the staff alike. */
  json_builder_set_member_name (builder, "preflight");
  if (preflight != NULL)
    {
      g_autofree char *report = g_strconcat ("/api/v1/preflight/", preflight, NULL);
      json_builder_add_string_value (builder, report);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
list_files_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (PuratanOrder) order = puratan_server_visible_order (self, msg, params);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (order == NULL)
    return;
  files = puratan_file_store_list_for_order (self->database, order->id, &error);
  if (files == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    add_order_file (builder, self->database, order->id, files->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
download_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (PuratanOrder) order = puratan_server_visible_order (self, msg, params);
  const char *sha256 = g_hash_table_lookup (params, "sha256");
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *disposition = NULL;
  const PuratanOrderFile *found = NULL;

  if (order == NULL)
    return;
  files = puratan_file_store_list_for_order (self->database, order->id, &error);
  for (guint i = 0; files != NULL && i < files->len; i++)
    if (g_strcmp0 (((PuratanOrderFile *) files->pdata[i])->sha256, sha256) == 0)
      found = files->pdata[i];
  if (found == NULL && error == NULL)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL,
                                      "The order has no file with this SHA-256.");
      return;
    }
  if (error == NULL)
    path = puratan_file_store_get_path (self->database, found->sha256, &error);
  if (path != NULL)
    mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "Cannot read a stored file: %s", error->message);
      puratan_server_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL,
                                      "The server could not read the file.");
      return;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  safe = safe_file_name (found->name);
  escaped = g_uri_escape_string (found->name, NULL, FALSE);
  disposition = g_strdup_printf ("attachment; filename=\"%s\"; filename*=UTF-8''%s", safe, escaped);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (headers, "Content-Type",
                                g_strcmp0 (found->media_type, PDF_TYPE) == 0 ? PDF_TYPE
                                                                             : BINARY_TYPE);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Content-Security-Policy", "sandbox");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

/* Adds the order file routes. */
void
puratan_server_add_file_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/api/v1/orders/{id}/files", list_files_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/orders/{id}/files/{sha256}", download_cb, self);
}
