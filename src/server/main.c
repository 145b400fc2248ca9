/* main.c: the puratan-server program
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 after a clean shutdown on SIGTERM or SIGINT (or after
 * --help/--version), 1 when the server cannot start, 2 for a usage error.
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "puratan-server-log.h"
#include "puratan-preflight.h"
#include "puratan-server.h"

#define EXIT_USAGE 2

static char *opt_listen = NULL;
static char *opt_data_dir = NULL;
static gint64 opt_max_body_size = PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE;
static gint64 opt_max_upload_size = PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE;
static gint opt_max_jobs = PURATAN_SERVER_DEFAULT_MAX_JOBS;
static gint64 opt_preflight_keep = PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP;
static gint opt_preflight_max_results = PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS;
static gboolean opt_version = FALSE;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    "Listen on ADDR:PORT, IPv4 or [IPv6]:PORT; port 0 picks a free port (default "
    "127.0.0.1:8080)",
    "ADDR:PORT" },
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
    "Keep the shop's data in DIR, created if missing (required)", "DIR" },
  { "max-body-size", 0, 0, G_OPTION_ARG_INT64, &opt_max_body_size,
    "Refuse request bodies larger than BYTES with 413 (default 1048576)", "BYTES" },
  { "max-upload-size", 0, 0, G_OPTION_ARG_INT64, &opt_max_upload_size,
    "Refuse file uploads (preflight) larger than BYTES with 413 (default 268435456)", "BYTES" },
  { "max-jobs", 0, 0, G_OPTION_ARG_INT, &opt_max_jobs,
    "Run at most N preflight checks at once, answering 503 beyond (default 2; 0 turns them off)",
    "N" },
  { "preflight-keep", 0, 0, G_OPTION_ARG_INT64, &opt_preflight_keep,
    "Keep a checked file, its report and page images for SECONDS (default 86400; 0 keeps none)",
    "SECONDS" },
  { "preflight-max-results", 0, 0, G_OPTION_ARG_INT, &opt_preflight_max_results,
    "Keep at most N checked files, removing the oldest first (default 100; 0 keeps none)", "N" },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
  { NULL }
};

static int
usage_error (const char *message)
{
  g_printerr ("puratan-server: %s\nTry 'puratan-server --help' for more information.\n", message);
  return EXIT_USAGE;
}

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static int
run (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetSocketAddress) address = NULL;
  g_autoptr (PuratanServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  const char *listen = opt_listen != NULL ? opt_listen : "127.0.0.1:8080";
  guint term_id, int_id;

  if (opt_data_dir == NULL)
    return usage_error ("the --data-dir option is required");
  if (opt_max_body_size < 0)
    return usage_error ("--max-body-size must be 0 or more");
  if (opt_max_upload_size < 0)
    return usage_error ("--max-upload-size must be 0 or more");
  if (opt_max_jobs < 0)
    return usage_error ("--max-jobs must be 0 or more");
  if (opt_preflight_keep < 0 || opt_preflight_keep > G_MAXUINT)
    return usage_error ("--preflight-keep must be 0 or more seconds, at most 4294967295");
  if (opt_preflight_max_results < 0)
    return usage_error ("--preflight-max-results must be 0 or more");

  address = puratan_server_parse_address (listen, &error);
  if (address == NULL)
    return usage_error (error->message);

  server = puratan_server_new (opt_data_dir, &error);
  if (server == NULL)
    {
      g_printerr ("puratan-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  puratan_server_set_max_body_size (server, (gsize) opt_max_body_size);
  puratan_server_set_max_upload_size (server, (gsize) opt_max_upload_size);
  puratan_server_set_max_jobs (server, (guint) opt_max_jobs);
  puratan_server_set_preflight_limits (server, (guint) opt_preflight_keep,
                                       (guint) opt_preflight_max_results);

  if (!puratan_server_listen (server, listen, &error))
    {
      g_printerr ("puratan-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* One line on stdout that scripts and tests read to learn the port. */
  url = puratan_server_get_url (server);
  g_print ("listening on %s\n", url);
  fflush (stdout);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "URL", url, "MESSAGE", "listening");
  /* Start the preflight's ink renderer before the first upload arrives. */
  if (opt_max_jobs > 0)
    puratan_preflight_warm_up ();

  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE", "shutting down");
  puratan_server_disconnect (server);
  return EXIT_SUCCESS;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_set_prgname ("puratan-server");
  g_log_set_writer_func (puratan_server_log_writer, NULL, NULL);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Serve the Puratan Studio REST API over HTTP.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf ("unexpected argument '%s'", argv[1]);
      return usage_error (message);
    }

  if (opt_version)
    {
      g_print ("puratan-server %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  status = run ();
  g_clear_pointer (&opt_listen, g_free);
  g_clear_pointer (&opt_data_dir, g_free);
  return status;
}
