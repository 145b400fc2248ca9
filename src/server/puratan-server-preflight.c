/* puratan-server-preflight.c: checking an uploaded PDF before it is printed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/preflight takes the raw bytes of a PDF and answers with the
 * preflight layer's report. It is an upload route: the server spools the
 * body to a private file as it arrives (see puratan-server-upload.c). The
 * request is validated on the main loop; then a worker thread checks the
 * file while the request stays paused, and keeps it with its report as a
 * preflight result (puratan-server-preflight-store.c; the answer's Location
 * names it), or deletes it when results are not kept or the check failed.
 * At most the server's job limit of checks run at once; beyond it the
 * answer is 503 with Retry-After.
 *
 * GET /api/v1/preflight/profiles lists what a file can be checked against.
 */
#include "puratan-server-tus-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-preflight.h"

#define UPLOAD_SHOWN_NAME "upload.pdf"
#define PDF_MAGIC         "%PDF-"
#define TEXT_TYPE         "text/plain; charset=utf-8"
#define RESULTS_PATH      "/api/v1/preflight/"

typedef enum
{
  REPORT_JSON,
  REPORT_TEXT,
} ReportFormat;

/* One check in flight. The worker thread owns @path and @profile and lets
 * go of them; the main loop owns @msg and lets go of it once answered. */
typedef struct
{
  SoupServerMessage *msg;
  char *path;
  char *results_dir;
  PuratanPreflightProfile *profile;
  ReportFormat format;
  GCancellable *cancellable;
  /* Set on the request's own loop, read on the main loop. */
  gint disconnected;
} PreflightJob;

/* What a finished check answers: the report in the asked format, and the
 * id of the kept result (NULL when it is not kept). */
typedef struct
{
  char *body;
  char *id;
  guint n_pages;
} PreflightAnswer;

static void
preflight_answer_free (PreflightAnswer *answer)
{
  g_free (answer->body);
  g_free (answer->id);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreflightAnswer, preflight_answer_free)

/* May run in either thread: the main loop has already let go of @msg. */
static void
preflight_job_free (PreflightJob *job)
{
  if (job->path != NULL)
    g_unlink (job->path);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->results_dir, g_free);
  g_clear_pointer (&job->profile, puratan_preflight_profile_unref);
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

static void
delete_upload (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot remove the upload file “%s”: %s", path, g_strerror (errno));
}

/* Keeps the checked file at @path with its reports as a result in the
 * job's results folder, or deletes it. Returns (transfer full) the
 * result's id, or NULL when it is not kept. */
static char *
keep_or_delete (PreflightJob *job, const char *path, const char *json, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *id = NULL;

  if (job->results_dir != NULL)
    {
      id = puratan_preflight_store_add (job->results_dir, path, json, text, &error);
      if (id == NULL)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot keep a preflight result: %s", error->message);
    }
  if (id == NULL)
    delete_upload (path);
  return id;
}

/* Runs in a worker thread: check the upload, keep or delete it, and return
 * the report in the asked format. */
static void
preflight_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PreflightJob *job = task_data;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&job->path);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw_json = NULL;
  g_autofree char *raw_text = NULL;
  PreflightAnswer *answer;

  report = puratan_preflight_run (path, job->profile, cancellable, &error);
  g_clear_pointer (&job->profile, puratan_preflight_profile_unref);

  if (report == NULL)
    {
      g_autofree char *message = hide_upload_path (error->message, path);

      delete_upload (path);
      g_task_return_new_error (task, error->domain, error->code, "%s", message);
      return;
    }

  log_report (report);
  raw_json = puratan_preflight_report_to_json (report);
  raw_text = puratan_preflight_report_to_text (report);
  json = hide_upload_path (raw_json, path);
  text = hide_upload_path (raw_text, path);
  answer = g_new0 (PreflightAnswer, 1);
  answer->id = keep_or_delete (job, path, json, text);
  answer->n_pages = puratan_preflight_report_get_n_pages (report);
  if (job->format == REPORT_TEXT)
    answer->body = g_steal_pointer (&text);
  else
    answer->body = g_steal_pointer (&json);
  g_task_return_pointer (task, answer, (GDestroyNotify) preflight_answer_free);
}

/* Checks the file at @path against @profile and keeps it with its reports in
 * @results_dir, as POST /api/v1/preflight keeps its results; the file goes
 * either way. Blocking: runs on a worker. Returns (transfer full) the
 * result's id, or NULL with @error set (its message never names @path). */
char *
puratan_server_preflight_keep (const char *results_dir,
                               const char *path,
                               PuratanPreflightProfile *profile,
                               GError **error)
{
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw_json = NULL;
  g_autofree char *raw_text = NULL;
  PreflightJob job = { .results_dir = (char *) results_dir };
  char *id;

  report = puratan_preflight_run (path, profile, NULL, &local_error);
  if (report == NULL)
    {
      g_autofree char *message = hide_upload_path (local_error->message, path);

      delete_upload (path);
      g_set_error (error, local_error->domain, local_error->code, "%s", message);
      return NULL;
    }
  log_report (report);
  raw_json = puratan_preflight_report_to_json (report);
  raw_text = puratan_preflight_report_to_text (report);
  json = hide_upload_path (raw_json, path);
  text = hide_upload_path (raw_text, path);
  id = keep_or_delete (&job, path, json, text);
  if (id == NULL)
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                         "The check's result could not be kept.");
  return id;
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

/* Points the answer at the kept result: Location names the report, and a
 * Link with relation "preview" the first page's image. */
static void
add_result_links (SoupServerMessage *msg, PreflightAnswer *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *location = g_strconcat (RESULTS_PATH, answer->id, NULL);

  soup_message_headers_replace (headers, "Location", location);
  if (answer->n_pages > 0)
    {
      g_autofree char *link =
          g_strdup_printf ("<%s/pages/1.png>; rel=\"preview\"; type=\"image/png\"", location);
      soup_message_headers_replace (headers, "Link", link);
    }
}

static void
preflight_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (source);
  PreflightJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autoptr (PreflightAnswer) answer = g_task_propagate_pointer (G_TASK (result), &error);

  puratan_server_job_end (self);
  g_signal_handlers_disconnect_by_data (msg, job);
  if (answer != NULL && answer->id != NULL)
    puratan_preflight_store_trim (puratan_server_get_preflight_store (self));
  /* Nobody is left to answer when the client went; a kept result stays
   * for its keep time. */
  if (g_atomic_int_get (&job->disconnected))
    return;

  if (answer != NULL)
    {
      gsize length = strlen (answer->body);

      if (answer->id != NULL)
        add_result_links (msg, answer);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (
          msg, job->format == REPORT_TEXT ? TEXT_TYPE : PURATAN_SERVER_JSON_TYPE, SOUP_MEMORY_TAKE,
          g_steal_pointer (&answer->body), length);
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

  g_atomic_int_set (&job->disconnected, TRUE);
  g_cancellable_cancel (job->cancellable);
}

/* Picks the profile for @profile_name and @product, either of which may be
 * NULL, accepting only built-in names (never a file path). Returns (transfer
 * full) the profile, or NULL with *status and *detail saying why. */
static PuratanPreflightProfile *
choose_profile (
    const char *profile_name, const char *product, const char *size, guint *status, char **detail)
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

  if (size != NULL && product == NULL)
    {
      *detail = g_strdup ("The size is a size of a product; give the product too.");
      return NULL;
    }

  if (product != NULL)
    {
      profile = puratan_preflight_profile_for_product_size (product, size, profile_name, &error);
      if (profile == NULL && g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
        {
          /* The product exists (checked above), so the size is what is unknown. */
          g_autofree char *shown = g_utf8_make_valid (error->message, -1);
          *detail = g_strdup_printf ("%s.", shown);
          return NULL;
        }
    }
  else
    profile = puratan_preflight_profile_lookup (
        profile_name != NULL ? profile_name : PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE, &error);
  if (profile == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "A built-in preflight profile cannot be loaded: %s", error->message);
      *status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      *detail = g_strdup ("The server's preflight profiles are damaged.");
    }
  return profile;
}

/* Reads the query string into @format, @profile_name, @product and @size (each
 * left NULL when absent; borrowed from @query). Returns FALSE with *detail
 * set for a malformed query or an unknown parameter. */
static gboolean
read_query (GHashTable *query,
            ReportFormat *format,
            const char **profile_name,
            const char **product,
            const char **size,
            char **detail)
{
  GHashTableIter iter;
  const char *key;
  const char *value;

  *format = REPORT_JSON;
  *profile_name = NULL;
  *product = NULL;
  *size = NULL;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
    {
      if (strcmp (key, "profile") == 0)
        *profile_name = value;
      else if (strcmp (key, "product") == 0)
        *product = value;
      else if (strcmp (key, "size") == 0)
        *size = value;
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
                                     "product, size and format.",
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

/* Whether the file at @path starts with the PDF signature. */
static gboolean
starts_like_pdf (const char *path)
{
  char head[sizeof PDF_MAGIC - 1];
  gsize got = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    return FALSE;
  while (got < sizeof head)
    {
      ssize_t n = read (fd, head + got, sizeof head - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  return got == sizeof head && memcmp (head, PDF_MAGIC, sizeof head) == 0;
}

static void
preflight_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (GHashTable) query = parse_query (msg);
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *detail = NULL;
  const char *profile_name, *product, *size;
  ReportFormat format;
  PreflightJob *job;
  guint status;

  if (query == NULL)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "The query string is malformed.");
      return;
    }
  if (!read_query (query, &format, &profile_name, &product, &size, &detail))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, detail);
      return;
    }
  profile = choose_profile (profile_name, product, size, &status, &detail);
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

  /* From here on, this handler deletes the upload it took. */
  path = puratan_server_take_upload (msg, &error);
  if (path == NULL)
    {
      respond_preflight_error (msg, error);
      return;
    }
  if (!starts_like_pdf (path))
    {
      g_unlink (path);
      puratan_server_respond_problem (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL, NULL,
                                      "The upload is not a PDF file: a PDF starts with “%PDF-”. "
                                      "Export or save the design as PDF and send that file.");
      return;
    }

  if (!puratan_server_job_begin (self))
    {
      g_unlink (path);
      puratan_server_respond_busy (msg, "The server is busy checking other files; try again in a "
                                        "few seconds.");
      return;
    }

  job = g_new0 (PreflightJob, 1);
  job->msg = g_object_ref (msg);
  job->path = g_steal_pointer (&path);
  job->results_dir =
      g_strdup (puratan_preflight_store_get_dir (puratan_server_get_preflight_store (self)));
  job->profile = g_steal_pointer (&profile);
  job->format = format;
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
  if (product != NULL && puratan_preflight_profile_get_n_sizes (profile) > 0)
    {
      g_autoptr (GString) sizes = g_string_new (NULL);
      guint n = puratan_preflight_profile_get_n_sizes (profile);
      g_autofree char *title = NULL;

      for (guint i = 0; i < n; i++)
        {
          puratan_preflight_profile_get_size (profile, i, NULL, &width, &height);
          if (i > 0)
            g_string_append (sizes, i + 1 == n ? " or " : ", ");
          g_string_append_printf (sizes, "%g × %g", width, height);
        }
      title = g_strdup_printf ("%s mm, %g mm bleed, checked as %s", sizes->str,
                               puratan_preflight_profile_get_bleed (profile),
                               puratan_preflight_profile_get_name (profile));
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "sizes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          const char *id = NULL;
          puratan_preflight_profile_get_size (profile, i, &id, &width, &height);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "trim_mm");
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, width);
          json_builder_add_double_value (builder, height);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
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
  json_builder_add_string_value (builder, PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE);
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

/* Adds POST /api/v1/preflight (an upload route) and
 * GET /api/v1/preflight/profiles to @self. */
void
puratan_server_add_preflight_routes (PuratanServer *self)
{
  puratan_server_add_upload_route (self, "POST", "/api/v1/preflight", preflight_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/preflight/profiles", profiles_cb, self);
}
