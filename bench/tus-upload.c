/* tus-upload.c: a large tus upload against writing the same bytes to the same disk
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real puratan-server on 127.0.0.1 with a data directory in a fresh temporary
 * folder, and measures in the same run:
 *  - the baseline: writing SIZE bytes in 1 MiB blocks to a file in that folder and fsync()ing
 *    it, as `dd bs=1M conv=fsync` does;
 *  - one tus upload of SIZE bytes in a single PATCH: the time until the last byte is sent,
 *    and the time until the server answers it, which includes storing the file by its
 *    SHA-256 in the content-addressed store;
 *  - the server's resident memory (VmRSS), sampled every 10 ms by a thread of the bench from
 *    the upload's first byte until its answer, which must stay under 64 MB because the body
 *    goes to disk as it arrives. (Its high-water mark VmHWM is no measure: signing in hashes
 *    a password with argon2id, which takes 64 MiB for a moment by design.)
 * The targets: the upload answered at >= 0.5x the baseline's speed, and the RSS under 64 MB
 * in every sample. It prints the figures and whether each target is met, and exits 1 when
 * one is not. SIZE is 1024 MiB, or PURATAN_BENCH_UPLOAD_MB.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e-api.h"
#include "e2e-auth.h"
#include "e2e-server.h"

#define BLOCK         (1024 * 1024)
#define RSS_TARGET_MB 64.0
#define SPEED_TARGET  0.5
#define SAMPLE_US     (10 * G_TIME_SPAN_MILLISECOND)

/* Reads a /proc/PID/status figure in KiB ("VmRSS:", "VmHWM:"). */
static guint64
status_kib (const char *pid, const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* Samples the server's VmRSS every SAMPLE_US until told to stop. */
typedef struct
{
  const char *pid;
  gint stop;
  guint64 peak_kib;
  guint n_samples;
} Sampler;

static gpointer
sample_thread (gpointer data)
{
  Sampler *sampler = data;

  while (!g_atomic_int_get (&sampler->stop))
    {
      sampler->peak_kib = MAX (sampler->peak_kib, status_kib (sampler->pid, "VmRSS:"));
      sampler->n_samples++;
      g_usleep (SAMPLE_US);
    }
  return NULL;
}

static gboolean
report (const char *what, gboolean met)
{
  printf ("  %-58s %s\n", what, met ? "met" : "NOT MET");
  return met;
}

static double
write_baseline (const char *dir, const guint8 *block, guint64 size)
{
  g_autofree char *path = g_build_filename (dir, "baseline.bin", NULL);
  gint64 start = g_get_monotonic_time ();
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  for (guint64 done = 0; done < size; done += BLOCK)
    g_assert_cmpint (write (fd, block, BLOCK), ==, BLOCK);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
  g_unlink (path);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static char *
create_upload (Server *server, const char *token, const char *order, guint64 size)
{
  g_autoptr (SoupMessage) msg =
      server_json_message (server, "POST", "/api/v1/uploads", token, NULL);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *length = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
  g_autofree char *order_b64 = g_base64_encode ((const guchar *) order, strlen (order));
  g_autofree char *meta = g_strdup_printf ("order_id %s,filename YmVuY2guYmlu", order_b64);

  soup_message_headers_replace (headers, "Tus-Resumable", "1.0.0");
  soup_message_headers_replace (headers, "Upload-Length", length);
  soup_message_headers_replace (headers, "Upload-Metadata", meta);
  g_bytes_unref (server_send (server, msg));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  return g_strdup (
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
}

int
main (int argc, char *argv[])
{
  g_auto (Server) server = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("puratan-bench-tus-XXXXXX", &error);
  g_autofree char *token = NULL;
  g_autofree char *order = NULL;
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  g_autofree char *status = NULL;
  g_autofree guint8 *block = g_malloc (BLOCK);
  const char *size_env = g_getenv ("PURATAN_BENCH_UPLOAD_MB");
  const char *args[] = { "--max-upload-size", "4294967296", NULL };
  guint64 size = (size_env != NULL ? g_ascii_strtoull (size_env, NULL, 10) : 1024) * BLOCK;
  const char *pid;
  GOutputStream *out;
  GRand *rand = g_rand_new_with_seed (20261206);
  double baseline, sent_s, stored_s, mib = (double) size / BLOCK;
  guint64 peak, before, started;
  gint64 start;
  Sampler sampler = { 0 };
  GThread *sampling;
  gboolean ok = TRUE;

  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 0);
  /* Everything the server keeps goes to the temporary folder. */
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  for (gsize i = 0; i < BLOCK / sizeof (guint32); i++)
    ((guint32 *) block)[i] = g_rand_int (rand);
  g_rand_free (rand);

  server_start (&server, args);
  pid = g_subprocess_get_identifier (server.process);
  started = status_kib (pid, "VmRSS:");
  token = api_sign_in (&server, "bench@example.in", "counter");
  order = api_draft_order (&server, token, "Bench", "bench-order-1");

  baseline = write_baseline (tmp, block, size);
  before = status_kib (pid, "VmRSS:");

  path = create_upload (&server, token, order, size);
  uri = g_uri_parse (server.url, G_URI_FLAGS_NONE, NULL);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  head =
      g_strdup_printf ("PATCH %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                       "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n"
                       "Upload-Offset: 0\r\nContent-Length: %" G_GUINT64_FORMAT "\r\n\r\n",
                       path, token, size);
  sampler.pid = pid;
  sampling = g_thread_new ("rss-sampler", sample_thread, &sampler);
  start = g_get_monotonic_time ();
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint64 done = 0; done < size; done += BLOCK)
    {
      g_output_stream_write_all (out, block, BLOCK, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  sent_s = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  stored_s = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (status, "HTTP/1.1 204"));
  g_atomic_int_set (&sampler.stop, 1);
  g_thread_join (sampling);
  peak = MAX (sampler.peak_kib, status_kib (pid, "VmRSS:"));

  printf ("tus upload of %.0f MiB on loopback, same disk, same run\n", mib);
  printf ("  baseline: write + fsync          %8.1f MiB/s  (%.2f s)\n", mib / baseline, baseline);
  printf ("  tus PATCH, last byte sent        %8.1f MiB/s  (%.2f s)  %.2f x baseline\n",
          mib / sent_s, sent_s, baseline / sent_s);
  printf ("  tus PATCH, answered (file stored) %7.1f MiB/s  (%.2f s)  %.2f x baseline\n",
          mib / stored_s, stored_s, baseline / stored_s);
  printf ("  server RSS during the upload     %8.1f MB    at most, in %u samples every 10 ms "
          "(target under 64 MB; %.1f MB before it, %.1f MB before the first sign-in)\n",
          (double) peak * 1024 / 1e6, sampler.n_samples + 1, (double) before * 1024 / 1e6,
          (double) started * 1024 / 1e6);
  ok &= report ("tus PATCH answered at >= 0.5x the baseline's speed",
                baseline / stored_s >= SPEED_TARGET);
  ok &= report ("server RSS under 64 MB throughout the upload",
                (double) peak * 1024 / 1e6 < RSS_TARGET_MB);

  server_clear (&server);
  {
    const char *rm[] = { "rm", "-rf", tmp, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
