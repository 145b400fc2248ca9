/* test-server-preflight.c: end-to-end tests of the server's preflight API
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the real puratan-server and uploads PDFs from the shared
 * corpus (PURATAN_CORPUS_DIR) to POST /api/v1/preflight.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "e2e-server.h"
#include "e2e-util.h"

/* Uploads @body to /api/v1/preflight@query with @type; returns the answer's
 * body, and @msg keeps the status and headers. */
static GBytes *
upload (Server *server, SoupMessage **msg, const char *query, const char *type, GBytes *body)
{
  g_autofree char *path = g_strconcat ("/api/v1/preflight", query, NULL);

  *msg = server_message (server, "POST", path);
  soup_message_set_request_body_from_bytes (*msg, type, body);
  return server_send (server, *msg);
}

/* Uploads @body as a PDF, checks the answer is a problem for @status and
 * that its detail holds @needle. */
static void
assert_upload_refused (Server *server,
                       const char *query,
                       const char *type,
                       GBytes *body,
                       guint status,
                       const char *needle)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) answer = upload (server, &msg, query, type, body);
  g_autoptr (JsonObject) problem = NULL;

  assert_problem (msg, answer, status);
  problem = parse_object (answer);
  g_test_message ("%u: %s", status, json_object_get_string_member (problem, "detail"));
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), needle));
}

/* Checks no upload is left in the data directory: only the database's
 * files, the (empty) upload folder and the kept preflight results (see
 * test-server-preflight-results.c). */
static void
assert_no_uploads (Server *server)
{
  g_autofree char *uploads = g_build_filename (server->data_dir, "uploads", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (server->data_dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("data dir holds %s", name);
      g_assert_true (g_str_has_prefix (name, "shop.sqlite3") || strcmp (name, "uploads") == 0 ||
                     strcmp (name, "preflight") == 0 || strcmp (name, "token-key") == 0);
    }

  if (g_file_test (uploads, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) upload_dir = g_dir_open (uploads, 0, &error);
      GStatBuf st;

      g_assert_no_error (error);
      g_assert_null (g_dir_read_name (upload_dir));
      g_assert_cmpint (g_stat (uploads, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    }
}

/* Returns the first finding of @check in @report, or NULL. */
static JsonObject *
find_finding (JsonObject *report, const char *check, const char *needle)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (strcmp (json_object_get_string_member (finding, "check"), check) == 0 &&
          (needle == NULL || strstr (json_object_get_string_member (finding, "message"), needle)))
        return finding;
    }
  return NULL;
}

static void
test_report (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file ("pdfjs/issue6127.pdf");
  g_autoptr (SoupMessage) json_msg = NULL;
  g_autoptr (SoupMessage) text_msg = NULL;
  g_autoptr (SoupMessage) product_msg = NULL;
  g_autoptr (GBytes) json_body = NULL;
  g_autoptr (GBytes) text_body = NULL;
  g_autoptr (GBytes) product_body = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (SoupMessage) chunked_msg = NULL;
  g_autoptr (GBytes) chunked_body = NULL;
  g_autoptr (JsonObject) chunked_report = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (JsonObject) product_report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  JsonObject *profile;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");

  json_body = upload (&server, &json_msg, "", "application/pdf", pdf);
  g_assert_cmpuint (soup_message_get_status (json_msg), ==, 200);
  g_assert_cmpstr (content_type (json_msg), ==, "application/json");
  report = parse_object (json_body);
  g_assert_cmpstr (json_object_get_string_member (report, "schema"), ==,
                   "puratan-preflight-report/1");
  /* The server's own file name for the upload never shows. */
  g_assert_cmpstr (json_object_get_string_member (report, "file"), ==, "upload.pdf");
  g_assert_cmpint (json_object_get_int_member (report, "pages"), >, 0);
  profile = json_object_get_object_member (report, "profile");
  g_assert_cmpstr (json_object_get_string_member (profile, "id"), ==, "gwg-sheetcmyk");
  g_assert_nonnull (find_finding (report, "fonts-embedded", NULL));
  g_assert_nonnull (find_finding (report, "spot-colors", "PANTONE"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (report, "summary"), "errors"), >,
      0);

  /* The same file as a text report for a product. */
  text_body =
      upload (&server, &text_msg, "?format=text&product=business-cards", "application/pdf", pdf);
  g_assert_cmpuint (soup_message_get_status (text_msg), ==, 200);
  g_assert_cmpstr (content_type (text_msg), ==, "text/plain");
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (text_msg), "Content-Type"),
      ==, "text/plain; charset=utf-8");
  text = g_strndup (g_bytes_get_data (text_body, NULL), g_bytes_get_size (text_body));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "fonts-embedded"));
  g_assert_nonnull (strstr (text, "upload.pdf"));
  g_assert_null (strstr (text, server.data_dir));

  /* A product and a profile of the caller's choice. */
  product_body = upload (&server, &product_msg, "?product=business-cards&profile=gwg-webcmyk",
                         "application/pdf", pdf);
  g_assert_cmpuint (soup_message_get_status (product_msg), ==, 200);
  product_report = parse_object (product_body);
  profile = json_object_get_object_member (product_report, "profile");
  g_assert_cmpstr (json_object_get_string_member (profile, "id"), ==, "gwg-webcmyk");
  g_assert_cmpstr (json_object_get_string_member (profile, "product"), ==, "business-cards");
  /* A 3-page letter-size file is no business card. */
  g_assert_nonnull (find_finding (product_report, "page-size", NULL));

  /* A chunked upload of unknown length is spooled the same way. */
  stream = g_memory_input_stream_new_from_bytes (pdf);
  chunked_msg = server_message (&server, "POST", "/api/v1/preflight");
  soup_message_set_request_body (chunked_msg, "application/pdf", stream, -1);
  chunked_body = server_send (&server, chunked_msg);
  g_assert_cmpuint (soup_message_get_status (chunked_msg), ==, 200);
  chunked_report = parse_object (chunked_body);
  g_assert_nonnull (find_finding (chunked_report, "spot-colors", "PANTONE"));

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_method=POST http_path=/api/v1/preflight http_status=200"));
  g_assert_nonnull (strstr (err, "msg=\"preflight done\" preflight_profile=gwg-sheetcmyk"));
}

static void
test_bad_files (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) damaged = e2e_corpus_file ("malformed/pdfium-trailer_unterminated.pdf");
  g_autoptr (GBytes) encrypted = e2e_corpus_file ("malformed/pdfium-encrypted_hello_world_r6.pdf");
  g_autoptr (GBytes) headless = e2e_corpus_file ("malformed/qpdf-fuzz-28262.pdf");
  g_autoptr (GBytes) fuzzed = e2e_corpus_file ("malformed/qpdf-fuzz-68668.pdf");
  g_autoptr (GBytes) html = g_bytes_new_static ("<html>hello</html>", 18);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (SoupMessage) live = NULL;
  g_autoptr (GBytes) live_body = NULL;
  g_autofree char *err = NULL;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");

  assert_upload_refused (&server, "", "application/pdf", damaged, 422, "too damaged to check");
  assert_upload_refused (&server, "", "application/pdf", fuzzed, 422, "export it again");
  assert_upload_refused (&server, "?format=text", "application/pdf", encrypted, 422, "password");
  /* Bytes that are no PDF at all never reach the checker. */
  assert_upload_refused (&server, "", "application/pdf", headless, 422, "%PDF-");
  assert_upload_refused (&server, "", "application/pdf", html, 422, "not a PDF file");
  assert_upload_refused (&server, "", "application/pdf", empty, 422, "not a PDF file");

  /* The server keeps answering after all of them. */
  live = server_message (&server, "GET", "/livez");
  live_body = server_send (&server, live);
  g_assert_cmpuint (soup_message_get_status (live), ==, 200);

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_status=422"));
  /* The upload's path in the data directory is not in the answers either;
   * the log may say what failed, but the server was not at fault. */
  g_assert_null (strstr (err, "level=warning"));
}

static void
test_bad_requests (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file ("malformed/pdfium-trailer_unterminated.pdf");
  g_autoptr (SoupMessage) wrong_type = NULL;
  g_autoptr (GBytes) wrong_type_body = NULL;
  g_autoptr (SoupMessage) get = NULL;
  g_autoptr (GBytes) get_body = NULL;
  g_autofree char *err = NULL;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");

  wrong_type_body = upload (&server, &wrong_type, "", "application/octet-stream", pdf);
  assert_problem (wrong_type, wrong_type_body, 415);
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (wrong_type), "Accept-Post"),
      ==, "application/pdf");
  assert_upload_refused (&server, "", "multipart/form-data; boundary=x", pdf, 415,
                         "Content-Type: application/pdf");

  assert_upload_refused (&server, "?profile=gwg-bogus", "application/pdf", pdf, 400,
                         "There is no profile “gwg-bogus”; the profiles are gwg-digitalprint");
  /* A path is never taken for a profile file. */
  assert_upload_refused (&server, "?profile=%2Fetc%2Fpasswd", "application/pdf", pdf, 400,
                         "gwg-sheetcmyk");
  assert_upload_refused (&server, "?product=mug", "application/pdf", pdf, 400,
                         "There is no product “mug”; the products are ");
  assert_upload_refused (&server, "?product=mug", "application/pdf", pdf, 400, "business-cards");
  /* A size is one of the product's catalog size options, and needs its product. */
  assert_upload_refused (&server, "?product=business-cards&size=a7", "application/pdf", pdf, 400,
                         "has no size “a7”; its sizes are us (88.9 × 50.8 mm)");
  assert_upload_refused (&server, "?size=eu", "application/pdf", pdf, 400, "give the product too");
  assert_upload_refused (&server, "?format=xml", "application/pdf", pdf, 400, "“json” or “text”");
  assert_upload_refused (&server, "?colour=red", "application/pdf", pdf, 400,
                         "Unknown query parameter “colour”");

  /* Only POST: GET gets 405 with the methods allowed. */
  get = server_message (&server, "GET", "/api/v1/preflight");
  get_body = server_send (&server, get);
  assert_problem (get, get_body, 405);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (get), "Allow"),
                   ==, "POST, OPTIONS");

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_status=415"));
}

static void
test_upload_limit (void)
{
  const char *const args[] = { "--max-body-size", "256", "--max-upload-size", "4096", NULL };
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file ("malformed/pdfium-trailer_unterminated.pdf");
  g_autofree char *big_data = g_strnfill (8192, ' ');
  g_autoptr (GBytes) big = NULL;
  g_autoptr (GBytes) small = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (SoupMessage) chunked = NULL;
  g_autoptr (GBytes) chunked_body = NULL;
  g_autoptr (SoupMessage) other = NULL;
  g_autoptr (GBytes) other_body = NULL;
  g_autofree char *err = NULL;

  memcpy (big_data, "%PDF-1.4\n", 9);
  big = g_bytes_new (big_data, 8192);
  small = g_bytes_new (big_data, 2048);
  server_start (&server, args);
  server_sign_in (&server, "designer");

  /* Over the body limit but within the upload limit: the file is checked. */
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 256);
  g_assert_cmpuint (g_bytes_get_size (pdf), <=, 4096);
  assert_upload_refused (&server, "", "application/pdf", pdf, 422, "too damaged");
  assert_upload_refused (&server, "", "application/pdf", small, 422, "export it again");

  /* Over the upload limit, declared or chunked. */
  assert_upload_refused (&server, "", "application/pdf", big, 413, "4096 bytes");
  stream = g_memory_input_stream_new_from_bytes (big);
  chunked = server_message (&server, "POST", "/api/v1/preflight");
  soup_message_set_request_body (chunked, "application/pdf", stream, -1);
  chunked_body = server_send (&server, chunked);
  assert_problem (chunked, chunked_body, 413);

  /* Other routes keep the body limit. */
  other = server_message (&server, "POST", "/livez");
  soup_message_set_request_body_from_bytes (other, "application/pdf", small);
  other_body = server_send (&server, other);
  assert_problem (other, other_body, 413);

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_status=413"));
}

static void
test_busy (void)
{
  const char *const args[] = { "--max-jobs", "0", NULL };
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file ("pdfjs/issue6127.pdf");
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *err = NULL;
  g_autofree char *uploads =
      g_build_filename (g_get_user_data_dir (), "server-data", "uploads", NULL);
  g_autofree char *stale = g_build_filename (uploads, "upload-stale", NULL);
  g_autoptr (GError) error = NULL;

  /* An upload left behind by a server that stopped mid-check goes at the
   * next start. */
  g_assert_cmpint (g_mkdir_with_parents (uploads, 0700), ==, 0);
  g_file_set_contents (stale, "%PDF-1.4", -1, &error);
  g_assert_no_error (error);

  server_start (&server, args);
  server_sign_in (&server, "designer");
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));

  body = upload (&server, &msg, "", "application/pdf", pdf);
  assert_problem (msg, body, 503);
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"), ==,
      "10");

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
  g_assert_nonnull (strstr (err, "http_status=503"));
}

typedef struct
{
  GMainLoop *loop;
  guint pending;
  guint n_ok;
  guint n_busy;
} Burst;

static void
burst_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body =
      soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  if (soup_message_get_status (msg) == 200)
    burst->n_ok++;
  else if (soup_message_get_status (msg) == 503)
    burst->n_busy++;
  else
    g_error ("unexpected status %u", soup_message_get_status (msg));
  if (--burst->pending == 0)
    g_main_loop_quit (burst->loop);
}

/* Several uploads at once with one job slot: every one is answered, each
 * with a report or with 503. */
static void
test_concurrent (void)
{
  const char *const args[] = { "--max-jobs", "1", NULL };
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file ("pdfjs/issue6127.pdf");
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  Burst burst = { 0 };
  g_autofree char *err = NULL;

  server_start (&server, args);
  server_sign_in (&server, "designer");
  burst.loop = g_main_loop_new (NULL, FALSE);
  /* One connection per upload, so they really overlap. */
  g_clear_object (&server.session);
  server.session = soup_session_new_with_options ("max-conns-per-host", 4, NULL);

  for (guint i = 0; i < 3; i++)
    {
      SoupMessage *msg = server_message (&server, "POST", "/api/v1/preflight");

      soup_message_set_request_body_from_bytes (msg, "application/pdf", pdf);
      g_ptr_array_add (messages, msg);
      burst.pending++;
      soup_session_send_and_read_async (server.session, msg, G_PRIORITY_DEFAULT, NULL,
                                        burst_done_cb, &burst);
    }
  g_main_loop_run (burst.loop);
  g_main_loop_unref (burst.loop);

  g_test_message ("%u reports, %u busy", burst.n_ok, burst.n_busy);
  g_assert_cmpuint (burst.n_ok, >=, 1);
  g_assert_cmpuint (burst.n_ok + burst.n_busy, ==, 3);

  assert_no_uploads (&server);
  err = server_stop (&server, SIGTERM);
}

static void
test_profiles (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) list = NULL;
  g_autofree char *err = NULL;
  JsonArray *profiles;
  gboolean saw_variant = FALSE, saw_product = FALSE;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");

  msg = server_message (&server, "GET", "/api/v1/preflight/profiles");
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (content_type (msg), ==, "application/json");
  list = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (list, "default"), ==, "gwg-sheetcmyk");
  profiles = json_object_get_array_member (list, "profiles");
  for (guint i = 0; i < json_array_get_length (profiles); i++)
    {
      JsonObject *profile = json_array_get_object_element (profiles, i);
      const char *name = json_object_get_string_member (profile, "name");
      const char *kind = json_object_get_string_member (profile, "kind");

      g_assert_nonnull (json_object_get_string_member (profile, "title"));
      if (strcmp (name, "gwg-sheetcmyk") == 0)
        {
          saw_variant = TRUE;
          g_assert_cmpstr (kind, ==, "gwg-variant");
          g_assert_nonnull (strstr (json_object_get_string_member (profile, "title"), "SheetCMYK"));
        }
      if (strcmp (name, "business-cards") == 0)
        {
          saw_product = TRUE;
          g_assert_cmpstr (kind, ==, "product");
          g_assert_nonnull (strstr (json_object_get_string_member (profile, "title"), "85 × 55"));
        }
    }
  g_assert_true (saw_variant);
  g_assert_true (saw_product);

  err = server_stop (&server, SIGTERM);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/server/preflight/report", test_report);
  g_test_add_func ("/e2e/server/preflight/bad-files", test_bad_files);
  g_test_add_func ("/e2e/server/preflight/bad-requests", test_bad_requests);
  g_test_add_func ("/e2e/server/preflight/upload-limit", test_upload_limit);
  g_test_add_func ("/e2e/server/preflight/busy", test_busy);
  g_test_add_func ("/e2e/server/preflight/concurrent", test_concurrent);
  g_test_add_func ("/e2e/server/preflight/profiles", test_profiles);

  return g_test_run ();
}
