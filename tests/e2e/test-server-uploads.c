/* test-server-uploads.c: resumable uploads (tus), stored files and downloads over HTTP
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real puratan-server on 127.0.0.1, spoken to with libsoup and, where a test must cut
 * a PATCH off part-way or send a path libsoup would tidy, with a plain socket.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "e2e-api.h"
#include "e2e-auth.h"
#include "e2e-server.h"
#include "e2e-util.h"

#define CARDS_500  "{\"lines\":[{\"product\":\"business-cards\",\"quantity\":500}]}"
#define ARTWORK    "pdfjs/issue6127.pdf"
#define OCTET_TYPE "application/offset+octet-stream"

static SoupMessage *
tus_message (Server *server, const char *method, const char *path, const char *token)
{
  SoupMessage *msg = server_json_message (server, method, path, token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Tus-Resumable", "1.0.0");
  return msg;
}

/* Returns (transfer full) "filename BASE64" style metadata for @order and @name. */
static char *
metadata (const char *order, const char *name, gsize name_length)
{
  g_autofree char *order_b64 = g_base64_encode ((const guchar *) order, strlen (order));
  g_autofree char *name_b64 = g_base64_encode ((const guchar *) name, name_length);

  return g_strdup_printf ("order_id %s,filename %s", order_b64, name_b64);
}

/* POSTs a new upload; returns its status, and sets *path (transfer full) on 201. */
static guint
tus_create (
    Server *server, const char *token, const char *length, const char *upload_metadata, char **path)
{
  g_autoptr (SoupMessage) msg = tus_message (server, "POST", "/api/v1/uploads", token);
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  guint status;

  if (length != NULL)
    soup_message_headers_replace (headers, "Upload-Length", length);
  if (upload_metadata != NULL)
    soup_message_headers_replace (headers, "Upload-Metadata", upload_metadata);
  body = server_send (server, msg);
  status = soup_message_get_status (msg);
  if (status == 201)
    {
      const char *location =
          soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");

      g_assert_true (g_str_has_prefix (location, "/api/v1/uploads/"));
      g_assert_cmpstr (
          soup_message_headers_get_one (soup_message_get_response_headers (msg), "Tus-Resumable"),
          ==, "1.0.0");
      if (path != NULL)
        *path = g_strdup (location);
    }
  return status;
}

static char *
new_upload (Server *server, const char *token, const char *order, const char *name, gsize length)
{
  g_autofree char *meta = metadata (order, name, strlen (name));
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
  char *path = NULL;

  g_assert_cmpuint (tus_create (server, token, size, meta, &path), ==, 201);
  return path;
}

/* HEADs an upload; returns the status and sets *offset from Upload-Offset. */
static guint
tus_head (Server *server, const char *token, const char *path, gint64 *offset)
{
  g_autoptr (SoupMessage) msg = tus_message (server, "HEAD", path, token);
  const char *value;

  g_bytes_unref (server_send (server, msg));
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset");

  if (offset != NULL)
    *offset = value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
  return soup_message_get_status (msg);
}

/* PATCHes @length bytes of @data at @offset; returns the status and, on 204, the new offset
 * in *new_offset. */
static guint
tus_patch (Server *server,
           const char *token,
           const char *path,
           gint64 offset,
           const guint8 *data,
           gsize length,
           const char *checksum,
           gint64 *new_offset)
{
  g_autoptr (SoupMessage) msg = tus_message (server, "PATCH", path, token);
  g_autoptr (GBytes) bytes = g_bytes_new (data, length);
  g_autoptr (GBytes) body = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Upload-Offset", number);
  if (checksum != NULL)
    soup_message_headers_replace (headers, "Upload-Checksum", checksum);
  soup_message_set_request_body_from_bytes (msg, OCTET_TYPE, bytes);
  body = server_send (server, msg);
  if (soup_message_get_status (msg) == 204 && new_offset != NULL)
    *new_offset = g_ascii_strtoll (
        soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset"),
        NULL, 10);
  return soup_message_get_status (msg);
}

/* Returns (transfer full) "sha256 BASE64" of @data. */
static char *
checksum_header (const guint8 *data, gsize length)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize size = sizeof digest;
  g_autofree char *encoded = NULL;

  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_get_digest (checksum, digest, &size);
  encoded = g_base64_encode (digest, size);
  return g_strconcat ("sha256 ", encoded, NULL);
}

static GSocketConnection *
connect_raw (Server *server)
{
  g_autoptr (GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection = g_socket_client_connect_to_host (
      client, g_uri_get_host (uri), (guint16) g_uri_get_port (uri), NULL, &error);

  g_assert_no_error (error);
  return connection;
}

static void
write_raw (GSocketConnection *connection, const void *data, gsize length)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), data, length,
                             NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Sends a PATCH announcing @total bytes from @offset, sends only @sent of them and closes
 * the connection. */
static void
patch_and_hang_up (Server *server,
                   const char *token,
                   const char *path,
                   gint64 offset,
                   const guint8 *data,
                   gsize sent,
                   gsize total)
{
  g_autoptr (GSocketConnection) connection = connect_raw (server);
  g_autofree char *head = g_strdup_printf (
      "PATCH %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Tus-Resumable: 1.0.0\r\nContent-Type: " OCTET_TYPE "\r\nUpload-Offset: %" G_GINT64_FORMAT
      "\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
      path, token, offset, total);

  write_raw (connection, head, strlen (head));
  write_raw (connection, data, sent);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

/* Sends @request as it is and returns (transfer full) the answer's status line. */
static char *
raw_status_line (Server *server, const char *request)
{
  g_autoptr (GSocketConnection) connection = connect_raw (server);
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GError) error = NULL;
  char *line;

  write_raw (connection, request, strlen (request));
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

/* Asks for the upload as JSON. */
static JsonObject *
upload_status (Server *server, const char *token, const char *path)
{
  g_auto (Reply) reply = { 0 };

  api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  return reply_object (&reply);
}

/* Asks for the upload until its check is over; returns it. */
static JsonObject *
wait_for_check (Server *server, const char *token, const char *path)
{
  JsonObject *status = NULL;

  for (guint i = 0; i < 600; i++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = upload_status (server, token, path);
      if (!json_object_get_null_member (status, "preflight") ||
          !json_object_get_null_member (status, "preflight_error"))
        break;
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  return status;
}

/* An order of @token's (a customer's own), placed. */
static char *
customer_order (Server *server, const char *token, const char *key)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) order = NULL;

  api_call (server, &reply, "POST", "/api/v1/orders", token, CARDS_500, key, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  order = reply_object (&reply);
  return g_strdup (json_object_get_string_member (order, "id"));
}

/* Returns (transfer full) the change feed's newest cursor as @token sees it. */
static char *
feed_cursor (Server *server, const char *token)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) feed = NULL;
  char *cursor = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/api/v1/changes?since=%s&limit=1000", cursor != NULL ? cursor : "0");

      api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
      g_clear_pointer (&feed, json_object_unref);
      feed = reply_object (&reply);
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (feed, "next_cursor"));
      if (!json_object_get_boolean_member (feed, "has_more"))
        break;
    }
  return cursor;
}

static void
test_options (void)
{
  g_auto (Server) server = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers;
  const char *args[] = { "--max-upload-size", "5000000", NULL };

  server_start (&server, args);
  msg = server_message (&server, "OPTIONS", "/api/v1/uploads");
  body = server_send (&server, msg);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Tus-Resumable"), ==, "1.0.0");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Tus-Version"), ==, "1.0.0");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Tus-Extension"), ==,
                   "creation,checksum,termination,expiration");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Tus-Max-Size"), ==, "5000000");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Tus-Checksum-Algorithm"), ==, "sha256");
}

static void
test_resume_after_cut (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file (ARTWORK);
  g_autofree char *asha = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *files_path = NULL;
  g_autofree char *download = NULL;
  g_autoptr (JsonObject) status = NULL;
  g_autoptr (JsonObject) listing = NULL;
  g_autoptr (JsonObject) changes = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  gsize cut = size / 2 + 12345;
  gint64 offset = -1;
  JsonArray *files;
  JsonArray *feed;
  gboolean in_feed = FALSE;

  server_start (&server, NULL);
  asha = api_sign_in (&server, "asha@example.in", "customer");
  order = customer_order (&server, asha, "asha-order-1");
  path = new_upload (&server, asha, order, "Asha visiting card.pdf", size);
  g_assert_cmpuint (tus_head (&server, asha, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, 0);

  /* The connection breaks part-way through the PATCH. */
  patch_and_hang_up (&server, asha, path, 0, data, cut, size);

  /* What arrived is kept: HEAD reports it once the server has seen the break. */
  for (guint i = 0; i < 400 && offset != (gint64) cut; i++)
    {
      g_assert_cmpuint (tus_head (&server, asha, path, &offset), ==, 200);
      if (offset != (gint64) cut)
        g_usleep (25 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_cmpint (offset, ==, (gint64) cut);

  /* A PATCH from anywhere else is refused; from the reported offset it completes. */
  g_assert_cmpuint (tus_patch (&server, asha, path, 0, data, size, NULL, NULL), ==, 409);
  g_assert_cmpuint (
      tus_patch (&server, asha, path, offset, data + offset, size - (gsize) offset, NULL, &offset),
      ==, 204);
  g_assert_cmpint (offset, ==, (gint64) size);

  /* The stored file is the whole upload, byte for byte. */
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  status = upload_status (&server, asha, path);
  g_assert_cmpstr (json_object_get_string_member (status, "sha256"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (status, "offset"), ==, (gint64) size);

  /* A client that lost the last answer learns the upload is done; nothing more is taken. */
  g_assert_cmpuint (tus_head (&server, asha, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, (gint64) size);
  offset = -1;
  g_assert_cmpuint (tus_patch (&server, asha, path, (gint64) size, data, 0, NULL, &offset), ==,
                    204);
  g_assert_cmpint (offset, ==, (gint64) size);
  g_assert_cmpuint (tus_patch (&server, asha, path, 0, data, 10, NULL, NULL), ==, 409);

  files_path = g_strdup_printf ("/api/v1/orders/%s/files", order);
  api_call (&server, &reply, "GET", files_path, asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  listing = reply_object (&reply);
  files = json_object_get_array_member (listing, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (files, 0), "sha256"), ==,
      expected);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (files, 0), "media_type"), ==,
      "application/pdf");

  download = g_strdup_printf ("%s/%s", files_path, expected);
  api_call (&server, &reply, "GET", download, asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_true (g_bytes_equal (reply.body, pdf));
  g_assert_cmpstr (reply_header (&reply, "Content-Type"), ==, "application/pdf");
  g_assert_cmpstr (reply_header (&reply, "Content-Disposition"), ==,
                   "attachment; filename=\"Asha_visiting_card.pdf\"; "
                   "filename*=UTF-8''Asha%20visiting%20card.pdf");

  /* The file is in the change feed. */
  api_call (&server, &reply, "GET", "/api/v1/changes?since=0&limit=100", asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  changes = reply_object (&reply);
  feed = json_object_get_array_member (changes, "changes");
  for (guint i = 0; i < json_array_get_length (feed); i++)
    {
      JsonObject *change = json_array_get_object_element (feed, i);

      if (g_strcmp0 (json_object_get_string_member (change, "entity"), "file") == 0 &&
          g_strcmp0 (json_object_get_string_member (json_object_get_object_member (change, "data"),
                                                    "sha256"),
                     expected) == 0)
        in_feed = TRUE;
    }
  g_assert_true (in_feed);

  /* Once the check is over, the server stops cleanly; the partial file is gone. */
  json_object_unref (wait_for_check (&server, asha, path));
  g_free (server_stop (&server, SIGTERM));
  {
    g_autofree char *part =
        g_strdup_printf ("%s/tus/%s.part", server.data_dir, path + strlen ("/api/v1/uploads/"));
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }
}

static void
test_preflight_of_upload (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autoptr (GBytes) pdf = e2e_corpus_file (ARTWORK);
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr (JsonObject) status = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (JsonObject) listing = NULL;
  g_autofree char *files_path = NULL;
  JsonObject *preflight = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  gint64 offset = -1;

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Bhavna Traders");
  path = new_upload (&server, counter, order, "cards.pdf", size);
  checksum = checksum_header (data, size);
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, size, checksum, &offset), ==, 204);
  g_assert_cmpint (offset, ==, (gint64) size);

  /* The check runs after the answer, on a worker; its result is linked once kept. */
  status = wait_for_check (&server, counter, path);
  g_assert_true (json_object_get_null_member (status, "preflight_error"));
  preflight = json_object_get_object_member (status, "preflight");
  g_assert_nonnull (preflight);

  api_call (&server, &reply, "GET", json_object_get_string_member (preflight, "report"), counter,
            NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  report = reply_object (&reply);
  /* Checked against the order's own product, as the Counter would. */
  g_assert_cmpstr (json_object_get_string_member (report, "schema"), ==,
                   "puratan-preflight-report/1");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (report, "profile"), "product"),
      ==, "business-cards");
  api_call (&server, &reply, "GET", json_object_get_string_member (preflight, "first_page"),
            counter, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_cmpstr (reply_header (&reply, "Content-Type"), ==, "image/png");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (reply.body, NULL), "\x89PNG"));

  /* The order's file list links the same report. */
  files_path = g_strdup_printf ("/api/v1/orders/%s/files", order);
  api_call (&server, &reply, "GET", files_path, counter, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  listing = reply_object (&reply);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (listing, "files"), 0),
          "preflight"),
      ==, json_object_get_string_member (preflight, "report"));
}

static void
test_checksum_mismatch (void)
{
  g_auto (Server) server = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;
  guint8 data[4096];
  gint64 offset = -1;

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7 + 3);
  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Chitra Stores");
  path = new_upload (&server, counter, order, "notes.bin", sizeof data);

  right = checksum_header (data, 1024);
  wrong = checksum_header (data + 1, 1024);
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, 1024, wrong, NULL), ==, 460);
  g_assert_cmpuint (tus_head (&server, counter, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, 0);

  /* A malformed checksum or another algorithm is a bad request; nothing moves either. */
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, 1024, "md5 AAAA", NULL), ==, 400);
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, 1024, "sha256 !!", NULL), ==, 400);
  g_assert_cmpuint (tus_head (&server, counter, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, 0);

  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, 1024, right, &offset), ==, 204);
  g_assert_cmpint (offset, ==, 1024);

  /* A chunk past the announced length is refused whole. */
  g_assert_cmpuint (tus_patch (&server, counter, path, 1024, data, sizeof data, NULL, NULL), ==,
                    413);
  g_assert_cmpuint (tus_head (&server, counter, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, 1024);
}

static void
test_termination (void)
{
  g_auto (Server) server = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  guint8 data[100] = { 0 };

  server_start (&server, NULL);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Deepa Arts");
  path = new_upload (&server, counter, order, "half.bin", 200);
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, sizeof data, NULL, NULL), ==, 204);
  part = g_strdup_printf ("%s/tus/%s.part", server.data_dir, path + strlen ("/api/v1/uploads/"));
  g_assert_true (g_file_test (part, G_FILE_TEST_EXISTS));

  msg = tus_message (&server, "DELETE", path, counter);
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 204);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (tus_head (&server, counter, path, NULL), ==, 404);
  g_assert_cmpuint (tus_patch (&server, counter, path, 100, data, sizeof data, NULL, NULL), ==,
                    404);
}

/* Reads an answer's Upload-Expires; fails the test when it is missing or not an HTTP date. */
static GDateTime *
upload_expires (SoupMessage *msg)
{
  const char *value =
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Expires");
  GDateTime *expires;

  g_assert_nonnull (value);
  expires = soup_date_time_new_from_http_string (value);
  g_assert_nonnull (expires);
  return expires;
}

/* The expiration extension: an unfinished upload says when it expires and is removed with its
 * bytes once past it, while a finished one stays. */
static void
test_expiry (void)
{
  g_auto (Server) server = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *path = NULL;
  g_autofree char *finished = NULL;
  g_autofree char *part = NULL;
  g_autoptr (SoupMessage) create = NULL;
  g_autoptr (SoupMessage) head = NULL;
  g_autoptr (SoupMessage) status = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires = NULL;
  g_autoptr (GDateTime) expires_again = NULL;
  guint8 data[100] = { 0 };
  const char *args[] = { "--upload-expiry", "2", NULL };
  GTimeSpan ahead;
  gint64 offset = 0;
  guint head_status = 0;

  server_start (&server, args);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Deepa Arts");

  create = tus_message (&server, "POST", "/api/v1/uploads", counter);
  meta = metadata (order, "half.bin", strlen ("half.bin"));
  soup_message_headers_replace (soup_message_get_request_headers (create), "Upload-Length", "200");
  soup_message_headers_replace (soup_message_get_request_headers (create), "Upload-Metadata", meta);
  body = server_send (&server, create);
  g_assert_cmpuint (soup_message_get_status (create), ==, 201);
  path = g_strdup (
      soup_message_headers_get_one (soup_message_get_response_headers (create), "Location"));
  /* Two seconds after its creation (HTTP dates have whole seconds). */
  expires = upload_expires (create);
  ahead = g_date_time_difference (expires, before);
  g_assert_cmpint (ahead, >=, 1 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (ahead, <=, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, sizeof data, NULL, NULL), ==, 204);
  head = tus_message (&server, "HEAD", path, counter);
  g_bytes_unref (server_send (&server, head));
  g_assert_cmpuint (soup_message_get_status (head), ==, 200);
  expires_again = upload_expires (head);
  g_assert_true (g_date_time_equal (expires, expires_again));
  part = g_strdup_printf ("%s/tus/%s.part", server.data_dir, path + strlen ("/api/v1/uploads/"));
  g_assert_true (g_file_test (part, G_FILE_TEST_EXISTS));

  /* A finished upload never expires. */
  finished = new_upload (&server, counter, order, "whole.bin", sizeof data);
  g_assert_cmpuint (tus_patch (&server, counter, finished, 0, data, sizeof data, NULL, NULL), ==,
                    204);

  for (guint i = 0; i < 100 && (head_status = tus_head (&server, counter, path, NULL)) != 404; i++)
    g_usleep (100 * 1000);
  g_assert_cmpuint (head_status, ==, 404);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (tus_patch (&server, counter, path, 100, data, sizeof data, NULL, NULL), ==,
                    404);
  /* Past the finished upload's own two seconds, and a sweep after them. */
  g_usleep (3500 * 1000);
  g_assert_cmpuint (tus_head (&server, counter, finished, &offset), ==, 200);
  g_assert_cmpint (offset, ==, sizeof data);
  status = tus_message (&server, "GET", finished, counter);
  g_bytes_unref (server_send (&server, status));
  g_assert_cmpuint (soup_message_get_status (status), ==, 200);
  g_assert_null (
      soup_message_headers_get_one (soup_message_get_response_headers (status), "Upload-Expires"));
}

static void
test_owner_only (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *asha = NULL;
  g_autofree char *bhavna = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *files_path = NULL;
  g_autofree char *download = NULL;
  g_autofree char *sha = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  guint8 data[64];
  gint64 offset = -1;

  memset (data, 'x', sizeof data);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, sizeof data);
  server_start (&server, NULL);
  asha = api_sign_in (&server, "asha@example.in", "customer");
  bhavna = api_sign_in (&server, "bhavna@example.in", "customer");
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = customer_order (&server, asha, "asha-order-1");
  path = new_upload (&server, asha, order, "mine.bin", sizeof data);
  g_assert_cmpuint (tus_patch (&server, asha, path, 0, data, 32, NULL, NULL), ==, 204);

  /* Bhavna cannot see, write, end or attach to Asha's upload or order. */
  g_assert_cmpuint (tus_head (&server, bhavna, path, NULL), ==, 404);
  g_assert_cmpuint (tus_patch (&server, bhavna, path, 32, data, 32, NULL, NULL), ==, 404);
  msg = tus_message (&server, "DELETE", path, bhavna);
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  api_call (&server, &reply, "GET", path, bhavna, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 404);
  meta = metadata (order, "hers.pdf", strlen ("hers.pdf"));
  g_assert_cmpuint (tus_create (&server, bhavna, "10", meta, NULL), ==, 404);
  /* Without a token at all: 401. */
  g_assert_cmpuint (tus_head (&server, NULL, path, NULL), ==, 401);

  /* Nothing moved; Asha finishes. */
  g_assert_cmpuint (tus_head (&server, asha, path, &offset), ==, 200);
  g_assert_cmpint (offset, ==, 32);
  g_assert_cmpuint (tus_patch (&server, asha, path, 32, data + 32, 32, NULL, &offset), ==, 204);

  /* Her file is hers and the staff's: Bhavna gets 404 as for no order at all. */
  files_path = g_strdup_printf ("/api/v1/orders/%s/files", order);
  download = g_strdup_printf ("%s/%s", files_path, sha);
  api_call (&server, &reply, "GET", files_path, bhavna, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 404);
  api_call (&server, &reply, "GET", download, bhavna, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 404);
  api_call (&server, &reply, "GET", download, counter, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_cmpstr (reply_header (&reply, "Content-Type"), ==, "application/octet-stream");
  g_assert_cmpuint (g_bytes_get_size (reply.body), ==, sizeof data);
  api_call (&server, &reply, "GET", download, asha, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  /* Another account's upload is not the staff's to write either. */
  g_assert_cmpuint (tus_head (&server, counter, path, NULL), ==, 404);
}

static void
test_hostile_input (void)
{
  g_auto (Server) server = { 0 };
  g_auto (Reply) reply = { 0 };
  g_autofree char *counter = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *good = NULL;
  g_autofree char *huge_name = g_strnfill (300, 'a');
  g_autofree char *huge_meta = g_strnfill (5000, 'A');
  g_autofree char *request = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *download = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const char nul_name[] = "card\0.pdf";
  const char *bad_names[] = { "../../shop.sqlite3", "..", "a/b.pdf", "a\\b.pdf",
                              "tab\there",          "",   NULL };
  const char *bad_lengths[] = { "-1", "1e9", "0x10", "+10", "99999999999999999999", NULL };
  const char *args[] = { "--max-upload-size", "1000000", NULL };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  guint8 data[16] = "0123456789abcdef";
  gint64 offset = -1;

  server_start (&server, args);
  counter = api_sign_in (&server, "counter@example.in", "counter");
  order = api_placed_order (&server, counter, "Esha Papers");
  good = metadata (order, "ok.pdf", strlen ("ok.pdf"));
  before = feed_cursor (&server, counter);

  for (guint i = 0; bad_names[i] != NULL; i++)
    {
      g_autofree char *meta = metadata (order, bad_names[i], strlen (bad_names[i]));
      g_assert_cmpuint (tus_create (&server, counter, "10", meta, NULL), ==, 400);
    }
  {
    g_autofree char *meta = metadata (order, nul_name, sizeof nul_name - 1);
    g_assert_cmpuint (tus_create (&server, counter, "10", meta, NULL), ==, 400);
  }
  {
    g_autofree char *meta = metadata (order, huge_name, strlen (huge_name));
    g_assert_cmpuint (tus_create (&server, counter, "10", meta, NULL), ==, 400);
  }
  {
    g_autofree char *meta = metadata ("1' OR '1'='1", "ok.pdf", strlen ("ok.pdf"));
    g_assert_cmpuint (tus_create (&server, counter, "10", meta, NULL), ==, 400);
  }
  {
    g_autofree char *meta = metadata ("00000000-0000-4000-8000-000000000000", "ok.pdf", 6);
    g_assert_cmpuint (tus_create (&server, counter, "10", meta, NULL), ==, 404);
  }
  {
    g_autofree char *meta = g_strdup_printf ("order_id %s,filename %s", huge_meta, huge_meta);
    guint status = tus_create (&server, counter, "10", meta, NULL);
    g_assert_cmpuint (status, >=, 400);
    g_assert_cmpuint (status, <, 500);
  }
  g_assert_cmpuint (tus_create (&server, counter, "10", "order_id !!!,filename ???", NULL), ==,
                    400);
  g_assert_cmpuint (tus_create (&server, counter, "10", NULL, NULL), ==, 400);
  for (guint i = 0; bad_lengths[i] != NULL; i++)
    g_assert_cmpuint (tus_create (&server, counter, bad_lengths[i], good, NULL), ==, 400);
  g_assert_cmpuint (tus_create (&server, counter, NULL, good, NULL), ==, 400);
  g_assert_cmpuint (tus_create (&server, counter, "1000001", good, NULL), ==, 413);

  /* Without Tus-Resumable: 412, naming the version spoken. */
  msg = server_json_message (&server, "POST", "/api/v1/uploads", counter, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Upload-Length", "10");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Upload-Metadata", good);
  body = server_send (&server, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 412);
  g_assert_cmpstr (
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Tus-Version"), ==,
      "1.0.0");

  /* None of it made an upload, a file or any other change. */
  after = feed_cursor (&server, counter);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *tus_dir = g_build_filename (server.data_dir, "tus", NULL);
    g_autoptr (GDir) dir = g_dir_open (tus_dir, 0, NULL);
    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }

  /* A name made to break out of the header is sent back reduced to safe characters. */
  {
    const char *evil = "a\"; filename=x.exe; .pdf";
    g_autofree char *meta = metadata (order, evil, strlen (evil));
    g_assert_cmpuint (tus_create (&server, counter, "16", meta, &path), ==, 201);
  }
  g_assert_cmpuint (tus_patch (&server, counter, path, 0, data, 16, NULL, &offset), ==, 204);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, 16);
  download = g_strdup_printf ("/api/v1/orders/%s/files/%s", order, sha);
  api_call (&server, &reply, "GET", download, counter, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_cmpstr (reply_header (&reply, "Content-Disposition"), ==,
                   "attachment; filename=\"a___filename_x.exe__.pdf\"; "
                   "filename*=UTF-8''a%22%3B%20filename%3Dx.exe%3B%20.pdf");

  /* Paths that try to leave the API: never a file of the data directory. */
  api_call (&server, &reply, "GET", "/api/v1/uploads/..%2F..%2Fshop.sqlite3", counter, NULL, NULL,
            NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), >=, 400);
  g_assert_cmpuint (soup_message_get_status (reply.msg), <, 500);
  request = g_strdup_printf ("PATCH /api/v1/uploads/../../shop.sqlite3 HTTP/1.1\r\nHost: x\r\n"
                             "Authorization: Bearer %s\r\nTus-Resumable: 1.0.0\r\n"
                             "Content-Type: " OCTET_TYPE "\r\nUpload-Offset: 0\r\n"
                             "Content-Length: 4\r\nConnection: close\r\n\r\nevil",
                             counter);
  line = raw_status_line (&server, request);
  g_assert_true (g_str_has_prefix (line, "HTTP/1.1 4"));
  {
    g_autofree char *bad_sha =
        g_strdup_printf ("/api/v1/orders/%s/files/..%%2F..%%2Fshop.sqlite3", order);
    api_call (&server, &reply, "GET", bad_sha, counter, NULL, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (reply.msg), >=, 400);
    g_assert_cmpuint (soup_message_get_status (reply.msg), <, 500);
  }

  /* A PATCH without the tus body type: 415; at an offset not its own: 409. */
  {
    g_autoptr (SoupMessage) plain = tus_message (&server, "PATCH", path, counter);
    g_autoptr (GBytes) bytes = g_bytes_new (data, 4);
    g_autoptr (GBytes) answer = NULL;
    soup_message_headers_replace (soup_message_get_request_headers (plain), "Upload-Offset", "0");
    soup_message_set_request_body_from_bytes (plain, "application/json", bytes);
    answer = server_send (&server, plain);
    g_assert_cmpuint (soup_message_get_status (plain), ==, 415);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/uploads/options", test_options);
  g_test_add_func ("/e2e/uploads/resume-after-cut", test_resume_after_cut);
  g_test_add_func ("/e2e/uploads/preflight", test_preflight_of_upload);
  g_test_add_func ("/e2e/uploads/checksum-mismatch", test_checksum_mismatch);
  g_test_add_func ("/e2e/uploads/termination", test_termination);
  g_test_add_func ("/e2e/uploads/expiry", test_expiry);
  g_test_add_func ("/e2e/uploads/owner-only", test_owner_only);
  g_test_add_func ("/e2e/uploads/hostile-input", test_hostile_input);
  return g_test_run ();
}
