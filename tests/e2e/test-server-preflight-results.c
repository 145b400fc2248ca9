/* test-server-preflight-results.c: end-to-end tests of kept preflight results
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the real puratan-server, uploads a PDF from the shared
 * corpus (PURATAN_CORPUS_DIR) to POST /api/v1/preflight and follows the
 * answer's Location to the stored report and the annotated page images.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <signal.h>
#include <string.h>

#include "e2e-server.h"
#include "e2e-util.h"

#define MARKED_FILE     "pdfjs/issue21570.pdf"
#define PPI             100.0
#define POLL_LIMIT_US   (60 * G_USEC_PER_SEC)
#define POLL_US         (100 * 1000)
#define UUID_LENGTH     36
#define RESULTS_PREFIX  "/api/v1/preflight/"
#define PNG_SIGNATURE   "\x89PNG\r\n\x1a\n"
#define PNG_SIGNATURE_N 8

/* Uploads the corpus file @name with @query; returns the answer's body, and
 * *msg keeps the status and headers. */
static GBytes *
upload (Server *server, SoupMessage **msg, const char *name, const char *query)
{
  g_autoptr (GBytes) pdf = e2e_corpus_file (name);
  g_autofree char *path = g_strconcat ("/api/v1/preflight", query, NULL);

  *msg = server_message (server, "POST", path);
  soup_message_set_request_body_from_bytes (*msg, "application/pdf", pdf);
  return server_send (server, *msg);
}

static const char *
header (SoupMessage *msg, const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg), name);
}

/* Checks that @msg answered a check with a result and returns (transfer
 * full) its Location. */
static char *
result_location (SoupMessage *msg)
{
  const char *location = header (msg, "Location");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, RESULTS_PREFIX));
  g_assert_cmpuint (strlen (location), ==, strlen (RESULTS_PREFIX) + UUID_LENGTH);
  g_assert_true (g_uuid_string_is_valid (location + strlen (RESULTS_PREFIX)));
  return g_strdup (location);
}

/* Uploads the corpus file @name and returns (transfer full) its result's
 * Location. */
static char *
upload_result (Server *server, const char *name)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = upload (server, &msg, name, "");

  g_assert_nonnull (body);
  return result_location (msg);
}

/* GETs @path; returns the body, and *msg keeps the status and headers. */
static GBytes *
get (Server *server, SoupMessage **msg, const char *path)
{
  *msg = server_message (server, "GET", path);
  return server_send (server, *msg);
}

static guint
get_status (Server *server, const char *path)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = get (server, &msg, path);

  g_assert_nonnull (body);
  return soup_message_get_status (msg);
}

/* GETs @path and checks the answer is a problem for @status. */
static void
assert_get_problem (Server *server, const char *path, guint status)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = get (server, &msg, path);

  g_test_message ("GET %s: %u", path, soup_message_get_status (msg));
  assert_problem (msg, body, status);
}

/* The folder of the result at @location in @server's data directory. */
static char *
result_dir (Server *server, const char *location)
{
  return g_build_filename (server->data_dir, "preflight", location + strlen (RESULTS_PREFIX), NULL);
}

static guint
count_results (Server *server)
{
  g_autofree char *path = g_build_filename (server->data_dir, "preflight", NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct
{
  GBytes *bytes;
  gsize offset;
} PngReader;

static cairo_status_t
read_png_cb (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *reader = closure;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (size - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes the PNG @bytes. */
static cairo_surface_t *
decode_png (GBytes *bytes)
{
  PngReader reader = { bytes, 0 };
  cairo_surface_t *image = cairo_image_surface_create_from_png_stream (read_png_cb, &reader);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* Whether the pixel at @x, @y is the red that marks an error. */
static gboolean
is_mark_red (cairo_surface_t *image, int x, int y)
{
  const guint8 *row =
      cairo_image_surface_get_data (image) + (gsize) y * cairo_image_surface_get_stride (image);
  guint32 pixel = ((const guint32 *) row)[x];
  guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  g_test_message ("pixel %d, %d is %u, %u, %u", x, y, r, g, b);
  return r > 180 && g < 90 && b < 90;
}

/* Page 1 of the corpus file @name as Poppler renders it unmarked at the
 * server's resolution; *crop gets its crop box. */
static cairo_surface_t *
render_plain (const char *name, PopplerRectangle *crop)
{
  g_autofree char *path = g_build_filename (g_getenv ("PURATAN_CORPUS_DIR"), name, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, NULL);
  PopplerPage *page;
  cairo_surface_t *image;
  cairo_t *cr;
  double width, height, scale = PPI / 72.0;

  g_assert_nonnull (doc);
  page = poppler_document_get_page (doc, 0);
  g_assert_nonnull (page);
  poppler_page_get_size (page, &width, &height);
  poppler_page_get_crop_box (page, crop);
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                      (int) ceil (height * scale));
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_object_unref (doc);
  return image;
}

/* Returns the first error of @report on page 1 with a bbox. */
static JsonArray *
first_error_bbox (JsonObject *report)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (json_object_has_member (finding, "bbox") &&
          strcmp (json_object_get_string_member (finding, "severity"), "error") == 0 &&
          json_object_get_int_member (finding, "page") == 1)
        return json_object_get_array_member (finding, "bbox");
    }
  return NULL;
}

/* The page image is the page at 100 ppi with the error's box outlined in
 * red where the plain page is not red. */
static void
assert_marked_page (GBytes *png, JsonObject *report)
{
  cairo_surface_t *image = decode_png (png);
  PopplerRectangle crop;
  cairo_surface_t *plain = render_plain (MARKED_FILE, &crop);
  JsonArray *bbox = first_error_bbox (report);
  double scale = PPI / 72.0;
  int x, y;

  g_assert_cmpmem (g_bytes_get_data (png, NULL), PNG_SIGNATURE_N, PNG_SIGNATURE, PNG_SIGNATURE_N);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                   cairo_image_surface_get_width (plain));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                   cairo_image_surface_get_height (plain));

  /* The middle of the box's top edge; the two-pixel line covers the
   * whole pixel its centre falls in. */
  g_assert_nonnull (bbox);
  x = (int) (((json_array_get_double_element (bbox, 0) + json_array_get_double_element (bbox, 2)) /
                  2 -
              MIN (crop.x1, crop.x2)) *
             scale);
  y = (int) ((MAX (crop.y1, crop.y2) - json_array_get_double_element (bbox, 3)) * scale);
  g_assert_true (is_mark_red (image, x, y));
  g_assert_false (is_mark_red (plain, x, y));
  cairo_surface_destroy (image);
  cairo_surface_destroy (plain);
}

static void
test_report_and_pages (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (SoupMessage) text_post = NULL;
  g_autoptr (SoupMessage) report_msg = NULL;
  g_autoptr (SoupMessage) text_msg = NULL;
  g_autoptr (SoupMessage) page_msg = NULL;
  g_autoptr (SoupMessage) again_msg = NULL;
  g_autoptr (GBytes) posted = NULL;
  g_autoptr (GBytes) text_posted = NULL;
  g_autoptr (GBytes) report_body = NULL;
  g_autoptr (GBytes) text_body = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autofree char *location = NULL;
  g_autofree char *text_location = NULL;
  g_autofree char *link = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *err = NULL;
  g_autofree char *log_line = NULL;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");
  posted = upload (&server, &post, MARKED_FILE, "");
  location = result_location (post);
  link = g_strdup_printf ("<%s/pages/1.png>; rel=\"preview\"; type=\"image/png\"", location);
  g_assert_cmpstr (header (post, "Link"), ==, link);

  /* The stored report is the one the check answered. */
  report_body = get (&server, &report_msg, location);
  g_assert_cmpuint (soup_message_get_status (report_msg), ==, 200);
  g_assert_cmpstr (content_type (report_msg), ==, "application/json");
  g_assert_true (g_bytes_equal (report_body, posted));
  report = parse_object (report_body);
  g_assert_cmpstr (json_object_get_string_member (report, "file"), ==, "upload.pdf");

  /* And as text, the same as a check asked for text answers. */
  text_posted = upload (&server, &text_post, MARKED_FILE, "?format=text");
  text_location = result_location (text_post);
  g_assert_cmpstr (text_location, !=, location);
  text_path = g_strconcat (text_location, "?format=text", NULL);
  text_body = get (&server, &text_msg, text_path);
  g_assert_cmpuint (soup_message_get_status (text_msg), ==, 200);
  g_assert_cmpstr (content_type (text_msg), ==, "text/plain");
  g_assert_true (g_bytes_equal (text_body, text_posted));
  {
    g_autofree char *text =
        g_strndup (g_bytes_get_data (text_body, NULL), g_bytes_get_size (text_body));
    g_autofree char *json =
        g_strndup (g_bytes_get_data (report_body, NULL), g_bytes_get_size (report_body));

    /* Neither where the server keeps files nor their names show. */
    g_assert_nonnull (strstr (text, "upload.pdf"));
    g_assert_null (strstr (text, server.data_dir));
    g_assert_null (strstr (json, server.data_dir));
    g_assert_null (strstr (text, "upload-"));
    g_assert_null (strstr (json, "upload-"));
  }

  /* Page 1, drawn with its problems marked, then served again as drawn. */
  page_path = g_strconcat (location, "/pages/1.png", NULL);
  page = get (&server, &page_msg, page_path);
  g_assert_cmpuint (soup_message_get_status (page_msg), ==, 200);
  g_assert_cmpstr (content_type (page_msg), ==, "image/png");
  assert_marked_page (page, report);
  dir = result_dir (&server, location);
  cached = g_build_filename (dir, "page-1.png", NULL);
  g_assert_true (g_file_test (cached, G_FILE_TEST_IS_REGULAR));
  again = get (&server, &again_msg, page_path);
  g_assert_cmpuint (soup_message_get_status (again_msg), ==, 200);
  g_assert_true (g_bytes_equal (again, page));

  err = server_stop (&server, SIGTERM);
  log_line = g_strdup_printf ("http_path=%s http_status=200", page_path);
  g_assert_nonnull (strstr (err, log_line));
  g_assert_null (strstr (err, "level=warning"));
}

static void
test_bad_requests (void)
{
  g_auto (Server) server = { 0 };
  g_autofree char *location = NULL;
  g_autofree char *err = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *unknown = NULL;
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) post_body = NULL;
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  const char *bad_pages[] = { "1x.png",    "-1.png",  "1.PNG",          "1",
                              "1.png.png", "0x1.png", "1234567890.png", " 1.png" };
  const char *missing_pages[] = { "0.png", "2.png", "000.png", "999999999.png" };

  server_start (&server, NULL);
  server_sign_in (&server, "designer");
  location = upload_result (&server, MARKED_FILE);

  for (gsize i = 0; i < G_N_ELEMENTS (bad_pages); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (bad_pages[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("%s/pages/%s", location, escaped);

      assert_get_problem (&server, path, 400);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (missing_pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/pages/%s", location, missing_pages[i]);

      assert_get_problem (&server, path, 404);
    }
  {
    g_autofree char *with_query = g_strdup_printf ("%s/pages/1.png?size=big", location);
    g_autofree char *bad_format = g_strdup_printf ("%s?format=xml", location);
    g_autofree char *extra = g_strdup_printf ("%s?format=json&x=1", location);

    assert_get_problem (&server, with_query, 400);
    assert_get_problem (&server, bad_format, 400);
    assert_get_problem (&server, extra, 400);
  }

  /* Anything but a result's own id is no result, and never a path. */
  unknown = g_uuid_string_random ();
  upper = g_ascii_strup (location + strlen (RESULTS_PREFIX), -1);
  {
    const char *ids[] = { unknown,
                          upper,
                          "..",
                          "%2E%2E",
                          "shop.sqlite3",
                          "uploads",
                          "5dc33fad-ab18-4c2f-a938-32622796cff9x",
                          "" };

    for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autofree char *report_path = g_strconcat (RESULTS_PREFIX, ids[i], NULL);
        g_autofree char *page_path = g_strconcat (report_path, "/pages/1.png", NULL);

        assert_get_problem (&server, report_path, 404);
        assert_get_problem (&server, page_path, 404);
      }
  }
  /* libsoup refuses an encoded "../" before any route sees it, and decodes
   * an encoded "/" into a path no route has. */
  g_assert_cmpuint (get_status (&server, "/api/v1/preflight/..%2F..%2Fshop.sqlite3"), ==, 400);
  g_assert_cmpuint (get_status (&server, "/api/v1/preflight/..%2Fpreflight/pages/1.png"), ==, 400);
  assert_get_problem (&server, "/api/v1/preflight/a%2Fb/pages/1.png", 404);

  /* A result is read only. */
  post = server_message (&server, "POST", location);
  soup_message_set_request_body_from_bytes (post, "application/pdf", empty);
  post_body = server_send (&server, post);
  assert_problem (post, post_body, 405);
  g_assert_cmpstr (header (post, "Allow"), ==, "GET, HEAD, OPTIONS");

  /* The result is still there after all of them. */
  g_assert_cmpuint (get_status (&server, location), ==, 200);
  err = server_stop (&server, SIGTERM);
  g_assert_null (strstr (err, "level=warning"));
}

/* Polls until @done holds, for a generous while. */
#define POLL_UNTIL(done)                                      \
  G_STMT_START                                                \
  {                                                           \
    gint64 give_up = g_get_monotonic_time () + POLL_LIMIT_US; \
    while (!(done) && g_get_monotonic_time () < give_up)      \
      g_usleep (POLL_US);                                     \
    g_assert_true (done);                                     \
  }                                                           \
  G_STMT_END

static void
test_expiry (void)
{
  const char *const short_keep[] = { "--preflight-keep", "1", NULL };
  g_auto (Server) server = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *first_dir = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_dir = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *err = NULL;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");
  first = upload_result (&server, MARKED_FILE);
  first_dir = result_dir (&server, first);
  g_assert_cmpuint (get_status (&server, first), ==, 200);
  g_free (server_stop (&server, SIGTERM));
  server_clear (&server);

  /* A result being made when the server stopped goes at the next start. */
  staging = g_build_filename (g_get_user_data_dir (), "server-data", "preflight",
                              ".new-left-behind", NULL);
  g_assert_cmpint (g_mkdir_with_parents (staging, 0700), ==, 0);

  /* Kept one second: the result goes, asked for or not. */
  server_start (&server, short_keep);
  server_sign_in (&server, "designer");
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
  POLL_UNTIL (get_status (&server, first) == 404);
  g_assert_false (g_file_test (first_dir, G_FILE_TEST_EXISTS));

  second = upload_result (&server, MARKED_FILE);
  second_dir = result_dir (&server, second);
  POLL_UNTIL (!g_file_test (second_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (get_status (&server, second), ==, 404);
  g_assert_cmpuint (count_results (&server), ==, 0);

  err = server_stop (&server, SIGTERM);
  g_assert_null (strstr (err, "level=warning"));
}

static void
test_limits (void)
{
  const char *const two[] = { "--preflight-max-results", "2", NULL };
  const char *const none[] = { "--preflight-keep", "0", NULL };
  const char *const busy[] = { "--max-jobs", "0", NULL };
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) busy_msg = NULL;
  g_autoptr (GBytes) busy_body = NULL;
  char *location[3] = { NULL };
  g_autofree char *page_path = NULL;

  /* At most two: the oldest goes first. */
  server_start (&server, two);
  server_sign_in (&server, "designer");
  for (guint i = 0; i < G_N_ELEMENTS (location); i++)
    location[i] = upload_result (&server, MARKED_FILE);
  g_assert_cmpuint (get_status (&server, location[0]), ==, 404);
  g_assert_cmpuint (get_status (&server, location[1]), ==, 200);
  g_assert_cmpuint (get_status (&server, location[2]), ==, 200);
  g_assert_cmpuint (count_results (&server), ==, 2);
  g_free (server_stop (&server, SIGTERM));
  server_clear (&server);

  /* Drawing a page counts against the job limit; the report does not. */
  server_start (&server, busy);
  server_sign_in (&server, "designer");
  page_path = g_strconcat (location[2], "/pages/1.png", NULL);
  busy_body = get (&server, &busy_msg, page_path);
  assert_problem (busy_msg, busy_body, 503);
  g_assert_cmpstr (header (busy_msg, "Retry-After"), ==, "10");
  g_assert_cmpuint (get_status (&server, location[2]), ==, 200);
  g_free (server_stop (&server, SIGTERM));
  server_clear (&server);

  /* Keeping none: the check answers as before, without Location. */
  server_start (&server, none);
  server_sign_in (&server, "designer");
  g_assert_cmpuint (count_results (&server), ==, 0);
  body = upload (&server, &msg, MARKED_FILE, "");
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_null (header (msg, "Location"));
  g_assert_null (header (msg, "Link"));
  g_assert_cmpuint (count_results (&server), ==, 0);
  g_free (server_stop (&server, SIGTERM));
  for (guint i = 0; i < G_N_ELEMENTS (location); i++)
    g_free (location[i]);
}

/* A valid PDF of @n_pages small blank pages. */
static GBytes *
make_pages_pdf (guint n_pages)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize offset, xref;
  guint n_objects = 2 + n_pages;

  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offset = pdf->len;
  g_array_append_val (offsets, offset);
  g_string_append_printf (pdf, "2 0 obj << /Type /Pages /Count %u /Kids [", n_pages);
  for (guint i = 0; i < n_pages; i++)
    g_string_append_printf (pdf, " %u 0 R", 3 + i);
  g_string_append (pdf, " ] >> endobj\n");
  for (guint i = 0; i < n_pages; i++)
    {
      offset = pdf->len;
      g_array_append_val (offsets, offset);
      g_string_append_printf (pdf,
                              "%u 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> "
                              "endobj\n",
                              3 + i);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 0; i < n_objects; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (offsets, gsize, i));
  g_string_append_printf (
      pdf, "trailer << /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
      n_objects + 1, xref);
  return g_string_free_to_bytes (pdf);
}

static guint
count_files (const char *path, const char *prefix, const char *suffix)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, prefix) && (suffix == NULL || g_str_has_suffix (name, suffix));
  return n;
}

/* The images of a file of many pages are kept up to a limit; beyond it,
 * a page is drawn for each request and nothing more is stored. */
static void
test_page_cache_limit (void)
{
  const guint n_pages = 66;
  g_auto (Server) server = { 0 };
  g_autoptr (GBytes) pdf = make_pages_pdf (n_pages);
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autofree char *location = NULL;
  g_autofree char *dir = NULL;

  server_start (&server, NULL);
  server_sign_in (&server, "designer");
  post = server_message (&server, "POST", "/api/v1/preflight");
  soup_message_set_request_body_from_bytes (post, "application/pdf", pdf);
  answer = server_send (&server, post);
  location = result_location (post);
  report = parse_object (answer);
  g_assert_cmpint (json_object_get_int_member (report, "pages"), ==, n_pages);
  dir = result_dir (&server, location);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *path = g_strdup_printf ("%s/pages/%u.png", location, page);
      g_autoptr (SoupMessage) msg = NULL;
      g_autoptr (GBytes) png = get (&server, &msg, path);
      cairo_surface_t *image;

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      image = decode_png (png);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 100);
      cairo_surface_destroy (image);
    }
  g_assert_cmpuint (count_files (dir, "page-", ".png"), ==, 64);
  g_assert_cmpuint (count_files (dir, "page-", NULL), ==, 64);
  g_free (server_stop (&server, SIGTERM));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/server/preflight-results/report-and-pages", test_report_and_pages);
  g_test_add_func ("/e2e/server/preflight-results/bad-requests", test_bad_requests);
  g_test_add_func ("/e2e/server/preflight-results/expiry", test_expiry);
  g_test_add_func ("/e2e/server/preflight-results/limits", test_limits);
  g_test_add_func ("/e2e/server/preflight-results/page-cache-limit", test_page_cache_limit);

  return g_test_run ();
}
