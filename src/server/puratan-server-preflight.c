/* puratan-server-preflight.c: checking an uploaded PDF before it is printed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/preflight takes the raw bytes of a PDF and answers with the
 * preflight layer's report. The request is validated on the main loop; then
 * a worker thread writes the upload to a private file (mode 0600, random
 * name) in the data directory's "uploads" folder, checks it and deletes it,
 * while the request stays paused. The client's own file name is never used.
 * At most the server's job limit of checks run at once; beyond it the
 * answer is 503 with Retry-After.
 *
 * GET /api/v1/preflight/profiles lists what a file can be checked against.
 */
#include "puratan-server-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-id.h"
#include "puratan-preflight.h"

#define UPLOAD_DIR          "uploads"
#define UPLOAD_SHOWN_NAME   "upload.pdf"
#define DEFAULT_PROFILE     "gwg-sheetcmyk"
#define PDF_MAGIC           "%PDF-"
#define RETRY_AFTER_SECONDS "10"
#define TEXT_TYPE           "text/plain; charset=utf-8"

typedef enum
{
  REPORT_JSON,
  REPORT_TEXT,
} ReportFormat;

/* One check in flight. The worker thread owns @body and @profile and lets
 * go of them; the main loop owns @msg and lets go of it once answered. */
typedef struct
{
  SoupServerMessage *msg;
  GBytes *body;
  PuratanPreflightProfile *profile;
  ReportFormat format;
  char *upload_dir;
  GCancellable *cancellable;
  gboolean disconnected;
} PreflightJob;

/* May run in either thread: the main loop has already let go of @msg. */
static void
preflight_job_free (PreflightJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->profile, puratan_preflight_profile_unref);
  g_clear_pointer (&job->upload_dir, g_free);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* Returns (transfer full) @text with the upload's path and file name
 * replaced by a neutral name: neither the data directory nor the random
 * name is the client's business. */
static char *
hide_upload_path (const char *text, const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_auto (GStrv) by_path = g_strsplit (text, path, -1);
  g_autofree char *joined = g_strjoinv (UPLOAD_SHOWN_NAME, by_path);
  g_auto (GStrv) by_base = g_strsplit (joined, base, -1);

  return g_strjoinv (UPLOAD_SHOWN_NAME, by_base);
}

/* Writes @body to a new file of mode 0600 with a random name in @dir.
 * Returns (transfer full) its path, or NULL with @error set. */
static char *
write_upload (const char *dir, GBytes *body, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const guint8 *data;
  gsize left;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the upload folder “%s”: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  id = puratan_id_new (error);
  if (id == NULL)
    return NULL;
  name = g_strconcat ("preflight-", id, ".pdf", NULL);
  path = g_build_filename (dir, name, NULL);

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the upload file “%s”: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  data = g_bytes_get_data (body, &left);
  while (left > 0)
    {
      ssize_t n = write (fd, data, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot write the upload file “%s”: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      data += n;
      left -= (gsize) n;
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot write the upload file “%s”: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* Writes one record per finished check: what it was checked against and
 * what was found, never the file itself. */
static void
log_report (PuratanPreflightReport *report)
{
  char pages[16];
  char errors[16];
  char elapsed[32];

  g_snprintf (pages, sizeof pages, "%u", puratan_preflight_report_get_n_pages (report));
  g_snprintf (errors, sizeof errors, "%u",
              puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR));
  g_ascii_formatd (elapsed, sizeof elapsed, "%.3f", puratan_preflight_report_get_elapsed (report));

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "PREFLIGHT_PROFILE",
                    puratan_preflight_report_get_profile_id (report), "PREFLIGHT_PAGES", pages,
                    "PREFLIGHT_ERRORS", errors, "PREFLIGHT_SECONDS", elapsed, "MESSAGE",
                    "preflight done");
}

/* Runs in a worker thread: store the upload, check it, delete it, and
 * return the report in the asked format. */
static void
preflight_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PreflightJob *job = task_data;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;

  path = write_upload (job->upload_dir, job->body, &error);
  g_clear_pointer (&job->body, g_bytes_unref);
  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = puratan_preflight_run (path, job->profile, cancellable, &error);
  g_clear_pointer (&job->profile, puratan_preflight_profile_unref);
  if (g_unlink (path) != 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot remove the upload file “%s”: %s", path, g_strerror (errno));

  if (report == NULL)
    {
      g_autofree char *message = hide_upload_path (error->message, path);

      g_task_return_new_error (task, error->domain, error->code, "%s", message);
      return;
    }

  log_report (report);
  if (job->format == REPORT_TEXT)
    out = puratan_preflight_report_to_text (report);
  else
    out = puratan_preflight_report_to_json (report);
  g_task_return_pointer (task, hide_upload_path (out, path), g_free);
}

/* Answers a check that could not be made. The layer's messages about the
 * file itself are meant for the customer; anything else is the server's
 * problem, logged in full and answered in general words. */
static void
respond_preflight_error (SoupServerMessage *msg, const GError *error)
{
  if (error->domain == PURATAN_PREFLIGHT_ERROR &&
      (error->code == PURATAN_PREFLIGHT_ERROR_DAMAGED ||
       error->code == PURATAN_PREFLIGHT_ERROR_ENCRYPTED ||
       error->code == PURATAN_PREFLIGHT_ERROR_TIMEOUT))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL, NULL,
                                      error->message);
      return;
    }

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE", "Preflight failed: %s",
                    error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    puratan_server_respond_problem (msg, SOUP_STATUS_INSUFFICIENT_STORAGE, NULL, NULL,
                                    "The server has no room to store the upload right now.");
  else
    puratan_server_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL,
                                    "The server could not check the file.");
}

static void
preflight_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (source);
  PreflightJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  char *out = g_task_propagate_pointer (G_TASK (result), &error);

  puratan_server_job_end (self);
  g_signal_handlers_disconnect_by_data (msg, job);
  if (job->disconnected)
    {
      /* Nobody is left to answer. */
      g_free (out);
      return;
    }

  if (out != NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (
          msg, job->format == REPORT_TEXT ? TEXT_TYPE : PURATAN_SERVER_JSON_TYPE, SOUP_MEMORY_TAKE,
          out, strlen (out));
    }
  else
    respond_preflight_error (msg, error);
  puratan_server_resume (msg);
}

/* libsoup reports a connection lost while it waits for the answer; the
 * check then stops early. */
static void
disconnected_cb (SoupServerMessage *msg, gpointer user_data)
{
  PreflightJob *job = user_data;

  job->disconnected = TRUE;
  g_cancellable_cancel (job->cancellable);
}

/* Picks the profile for @profile_name and @product, either of which may be
 * NULL, accepting only built-in names (never a file path). Returns (transfer
 * full) the profile, or NULL with *status and *detail saying why. */
static PuratanPreflightProfile *
choose_profile (const char *profile_name, const char *product, guint *status, char **detail)
{
  g_auto (GStrv) profiles = puratan_preflight_profile_list_builtin ();
  g_auto (GStrv) products = puratan_preflight_product_list ();
  g_autoptr (GError) error = NULL;
  PuratanPreflightProfile *profile;

  *status = SOUP_STATUS_BAD_REQUEST;
  if (profile_name != NULL && !g_strv_contains ((const char *const *) profiles, profile_name))
    {
      g_autofree char *known = g_strjoinv (", ", profiles);
      g_autofree char *shown = g_utf8_make_valid (profile_name, -1);

      *detail = g_strdup_printf ("There is no profile “%s”; the profiles are %s.", shown, known);
      return NULL;
    }
  if (product != NULL && !g_strv_contains ((const char *const *) products, product))
    {
      g_autofree char *known = g_strjoinv (", ", products);
      g_autofree char *shown = g_utf8_make_valid (product, -1);

      *detail = g_strdup_printf ("There is no product “%s”; the products are %s.", shown, known);
      return NULL;
    }

  if (product != NULL)
    profile = puratan_preflight_profile_for_product (product, profile_name, &error);
  else
    profile = puratan_preflight_profile_lookup (
        profile_name != NULL ? profile_name : DEFAULT_PROFILE, &error);
  if (profile == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "A built-in preflight profile cannot be loaded: %s", error->message);
      *status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      *detail = g_strdup ("The server's preflight profiles are damaged.");
    }
  return profile;
}

/* Reads the query string into @format, @profile_name and @product (each
 * left NULL when absent; borrowed from @query). Returns FALSE with *detail
 * set for a malformed query or an unknown parameter. */
static gboolean
read_query (GHashTable *query,
            ReportFormat *format,
            const char **profile_name,
            const char **product,
            char **detail)
{
  GHashTableIter iter;
  const char *key;
  const char *value;

  *format = REPORT_JSON;
  *profile_name = NULL;
  *product = NULL;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    {
      if (strcmp (key, "profile") == 0)
        *profile_name = value;
      else if (strcmp (key, "product") == 0)
        *product = value;
      else if (strcmp (key, "format") == 0 && strcmp (value, "json") == 0)
        *format = REPORT_JSON;
      else if (strcmp (key, "format") == 0 && strcmp (value, "text") == 0)
        *format = REPORT_TEXT;
      else if (strcmp (key, "format") == 0)
        {
          *detail = g_strdup ("The format must be “json” or “text”.");
          return FALSE;
        }
      else
        {
          g_autofree char *shown = g_utf8_make_valid (key, -1);

          *detail = g_strdup_printf ("Unknown query parameter “%s”; this resource takes profile, "
                                     "product and format.",
                                     shown);
          return FALSE;
        }
    }
  return TRUE;
}

static GHashTable *
parse_query (SoupServerMessage *msg)
{
  const char *text = g_uri_get_query (soup_server_message_get_uri (msg));

  if (text == NULL || text[0] == '\0')
    return g_hash_table_new (g_str_hash, g_str_equal);
  return g_uri_parse_params (text, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
}

static gboolean
is_pdf_content_type (SoupServerMessage *msg)
{
  const char *type =
      soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/pdf") == 0;
}

static void
preflight_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr (GHashTable) query = parse_query (msg);
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *detail = NULL;
  const char *profile_name, *product;
  ReportFormat format;
  PreflightJob *job;
  guint status;

  if (query == NULL)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "The query string is malformed.");
      return;
    }
  if (!read_query (query, &format, &profile_name, &product, &detail))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, detail);
      return;
    }
  profile = choose_profile (profile_name, product, &status, &detail);
  if (profile == NULL)
    {
      puratan_server_respond_problem (msg, status, NULL, NULL, detail);
      return;
    }

  if (!is_pdf_content_type (msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Accept-Post",
                                    "application/pdf");
      puratan_server_respond_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL, NULL,
                                      "Send the PDF file itself as the request body, with "
                                      "Content-Type: application/pdf.");
      return;
    }

  body = soup_message_body_flatten (request_body);
  soup_message_body_truncate (request_body);
  if (g_bytes_get_size (body) < strlen (PDF_MAGIC) ||
      memcmp (g_bytes_get_data (body, NULL), PDF_MAGIC, strlen (PDF_MAGIC)) != 0)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL, NULL,
                                      "The upload is not a PDF file: a PDF starts with “%PDF-”. "
                                      "Export or save the design as PDF and send that file.");
      return;
    }

  if (!puratan_server_job_begin (self))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                    RETRY_AFTER_SECONDS);
      puratan_server_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL,
                                      "The server is busy checking other files; try again in a "
                                      "few seconds.");
      return;
    }

  job = g_new0 (PreflightJob, 1);
  job->msg = g_object_ref (msg);
  job->body = g_steal_pointer (&body);
  job->profile = g_steal_pointer (&profile);
  job->format = format;
  job->upload_dir = g_build_filename (puratan_server_get_data_dir (self), UPLOAD_DIR, NULL);
  job->cancellable = g_cancellable_new ();
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), job);

  task = g_task_new (self, job->cancellable, preflight_done_cb, NULL);
  g_task_set_source_tag (task, preflight_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) preflight_job_free);
  puratan_server_defer (msg);
  g_task_run_in_thread (task, preflight_thread);
}

static void
add_profile (JsonBuilder *builder, PuratanPreflightProfile *profile, const char *name)
{
  const char *product = puratan_preflight_profile_get_product_id (profile);
  const char *press = puratan_preflight_profile_get_press_condition (profile);
  double width, height;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, product != NULL ? "product" : "gwg-variant");
  json_builder_set_member_name (builder, "title");
  if (product != NULL && puratan_preflight_profile_get_trim (profile, &width, &height))
    {
      g_autofree char *title =
          g_strdup_printf ("%g × %g mm, %g mm bleed, checked as %s", width, height,
                           puratan_preflight_profile_get_bleed (profile),
                           puratan_preflight_profile_get_name (profile));
      json_builder_add_string_value (builder, title);
    }
  else
    json_builder_add_string_value (builder, puratan_preflight_profile_get_name (profile));
  json_builder_set_member_name (builder, "profile");
  json_builder_add_string_value (builder, puratan_preflight_profile_get_id (profile));
  json_builder_set_member_name (builder, "press_condition");
  if (press != NULL)
    json_builder_add_string_value (builder, press);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
profiles_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_auto (GStrv) profiles = puratan_preflight_profile_list_builtin ();
  g_auto (GStrv) products = puratan_preflight_product_list ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "default");
  json_builder_add_string_value (builder, DEFAULT_PROFILE);
  json_builder_set_member_name (builder, "profiles");
  json_builder_begin_array (builder);
  for (guint i = 0; profiles[i] != NULL && error == NULL; i++)
    {
      g_autoptr (PuratanPreflightProfile) profile =
          puratan_preflight_profile_load_builtin (profiles[i], &error);
      if (profile != NULL)
        add_profile (builder, profile, profiles[i]);
    }
  for (guint i = 0; products[i] != NULL && error == NULL; i++)
    {
      g_autoptr (PuratanPreflightProfile) profile =
          puratan_preflight_profile_for_product (products[i], NULL, &error);
      if (profile != NULL)
        add_profile (builder, profile, products[i]);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (error != NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "A built-in preflight profile cannot be loaded: %s", error->message);
      puratan_server_respond_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL,
                                      "The server's preflight profiles are damaged.");
      return;
    }
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Deletes uploads left in @data_dir's upload folder by a server that
 * stopped in the middle of a check. Called before the server listens. */
void
puratan_server_remove_stale_uploads (const char *data_dir)
{
  g_autofree char *dir_path = g_build_filename (data_dir, UPLOAD_DIR, NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "preflight-") || !g_str_has_suffix (name, ".pdf"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_unlink (path) != 0)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot remove the stale upload “%s”: %s", path, g_strerror (errno));
    }
}

/* Adds POST /api/v1/preflight (an upload route) and
 * GET /api/v1/preflight/profiles to @self. */
void
puratan_server_add_preflight_routes (PuratanServer *self)
{
  puratan_server_add_upload_route (self, "POST", "/api/v1/preflight", preflight_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/preflight/profiles", profiles_cb, self);
}
