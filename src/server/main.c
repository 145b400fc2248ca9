/* main.c: the puratan-server program
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 after a clean shutdown on SIGTERM or SIGINT (or after
 * --help/--version), 1 when the server cannot start, 2 for a usage error.
 *
 * Settings come from the command line, then the configuration file
 * (--config), then the defaults. `puratan-server admin …` runs an admin
 * command instead (puratan-server-admin.c).
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "puratan-preflight.h"
#include "puratan-server-admin.h"
#include "puratan-server-config.h"
#include "puratan-server-log.h"
#include "puratan-server.h"

#define EXIT_USAGE 2

/* Numeric options hold UNSET until given on the command line. */
#define UNSET     G_MININT64
#define UNSET_INT G_MININT

static char *opt_listen = NULL;
static char *opt_data_dir = NULL;
static char *opt_config = NULL;
static gint64 opt_max_body_size = UNSET;
static gint64 opt_max_upload_size = UNSET;
static gint opt_max_jobs = UNSET_INT;
static gint64 opt_preflight_keep = UNSET;
static gint opt_preflight_max_results = UNSET_INT;
static gboolean opt_version = FALSE;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    "Listen on ADDR:PORT, IPv4 or [IPv6]:PORT; port 0 picks a free port (default "
    "127.0.0.1:8080)",
    "ADDR:PORT" },
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
    "Keep the shop's data in DIR, created if missing (required here or in the configuration)",
    "DIR" },
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt_config,
    "Read settings from the key file FILE (see docs/rest-api.md); options given here win", "FILE" },
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

/* The option's value if given, else the configuration's if set (>= 0),
 * else the default. */
static gint64
pick (gint64 option, gint64 configured, gint64 fallback)
{
  if (option != UNSET)
    return option;
  return configured >= 0 ? configured : fallback;
}

static int
run (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetSocketAddress) address = NULL;
  g_autoptr (PuratanServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  g_auto (PuratanServerConfig) config = { 0 };
  const char *listen, *data_dir;
  gint64 max_body_size, max_upload_size, max_jobs, preflight_keep, preflight_max_results;
  guint term_id, int_id;

  puratan_server_config_init (&config);
  if (opt_config != NULL && !puratan_server_config_load (&config, opt_config, &error))
    {
      g_printerr ("puratan-server: %s\n", error->message);
      return EXIT_USAGE;
    }
  listen = opt_listen != NULL      ? opt_listen
           : config.listen != NULL ? config.listen
                                   : "127.0.0.1:8080";
  data_dir = opt_data_dir != NULL ? opt_data_dir : config.data_dir;
  max_body_size =
      pick (opt_max_body_size, config.max_body_size, PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE);
  max_upload_size =
      pick (opt_max_upload_size, config.max_upload_size, PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE);
  max_jobs = pick (opt_max_jobs != UNSET_INT ? opt_max_jobs : UNSET, config.max_jobs,
                   PURATAN_SERVER_DEFAULT_MAX_JOBS);
  preflight_keep =
      pick (opt_preflight_keep, config.preflight_keep, PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP);
  preflight_max_results =
      pick (opt_preflight_max_results != UNSET_INT ? opt_preflight_max_results : UNSET,
            config.preflight_max_results, PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS);

  if (data_dir == NULL)
    return usage_error ("the --data-dir option is required");
  if (max_body_size < 0)
    return usage_error ("--max-body-size must be 0 or more");
  if (max_upload_size < 0)
    return usage_error ("--max-upload-size must be 0 or more");
  if (max_jobs < 0)
    return usage_error ("--max-jobs must be 0 or more");
  if (preflight_keep < 0 || preflight_keep > G_MAXUINT)
    return usage_error ("--preflight-keep must be 0 or more seconds, at most 4294967295");
  if (preflight_max_results < 0)
    return usage_error ("--preflight-max-results must be 0 or more");

  address = puratan_server_parse_address (listen, &error);
  if (address == NULL)
    return usage_error (error->message);

  server = puratan_server_new (data_dir, &error);
  if (server == NULL ||
      (config.token_key_file != NULL &&
       !puratan_server_set_token_key_file (server, config.token_key_file, &error)))
    {
      g_printerr ("puratan-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  puratan_server_set_max_body_size (server, (gsize) max_body_size);
  puratan_server_set_max_upload_size (server, (gsize) max_upload_size);
  puratan_server_set_max_jobs (server, (guint) max_jobs);
  puratan_server_set_preflight_limits (server, (guint) preflight_keep,
                                       (guint) preflight_max_results);
  puratan_server_set_auth_settings (server, &config.auth);
  if ((config.stripe_base_url != NULL || config.stripe_secret_key != NULL ||
       config.stripe_webhook_secret != NULL) &&
      !puratan_server_set_stripe (
          server, config.stripe_base_url, config.stripe_secret_key, config.stripe_webhook_secret,
          config.stripe_tolerance >= 0 ? (guint) config.stripe_tolerance
                                       : PURATAN_SERVER_DEFAULT_STRIPE_TOLERANCE,
          &error))
    {
      g_printerr ("puratan-server: [stripe] %s\n", error->message);
      return EXIT_FAILURE;
    }

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
  if (max_jobs > 0)
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

  if (argc > 1 && strcmp (argv[1], "admin") == 0)
    return puratan_server_admin_main (argc - 2, argv + 2);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
      context, "Serve the Puratan Studio REST API over HTTP.\n\n"
               "puratan-server admin create-user EMAIL --role ROLE --data-dir DIR\n"
               "  creates an account; the password is read from standard input.");
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
  g_clear_pointer (&opt_config, g_free);
  return status;
}
