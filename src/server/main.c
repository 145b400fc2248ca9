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
static gint64 opt_upload_expiry = UNSET;
static gint opt_max_jobs = UNSET_INT;
static gint64 opt_preflight_keep = UNSET;
static gint opt_preflight_max_results = UNSET_INT;
static gint64 opt_max_header_size = UNSET;
static gint64 opt_rate_limit = UNSET;
static gint64 opt_rate_burst = UNSET;
static gint64 opt_idle_timeout = UNSET;
static char *opt_tls_certificate = NULL;
static char *opt_tls_key = NULL;
static char *opt_metrics_listen = NULL;
static char *opt_log_format = NULL;
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
  { "upload-expiry", 0, 0, G_OPTION_ARG_INT64, &opt_upload_expiry,
    "Remove an unfinished resumable upload SECONDS after its creation (default 86400; 0 keeps "
    "it)",
    "SECONDS" },
  { "max-jobs", 0, 0, G_OPTION_ARG_INT, &opt_max_jobs,
    "Run at most N preflight checks at once, answering 503 beyond (default 2; 0 turns them off)",
    "N" },
  { "preflight-keep", 0, 0, G_OPTION_ARG_INT64, &opt_preflight_keep,
    "Keep a checked file, its report and page images for SECONDS (default 86400; 0 keeps none)",
    "SECONDS" },
  { "preflight-max-results", 0, 0, G_OPTION_ARG_INT, &opt_preflight_max_results,
    "Keep at most N checked files, removing the oldest first (default 100; 0 keeps none)", "N" },
  { "max-header-size", 0, 0, G_OPTION_ARG_INT64, &opt_max_header_size,
    "Refuse requests whose header fields exceed BYTES with 431 (default 16384)", "BYTES" },
  { "rate-limit", 0, 0, G_OPTION_ARG_INT64, &opt_rate_limit,
    "Allow each client address N requests per second on average, 429 beyond (default 0: "
    "no limit)",
    "N" },
  { "rate-burst", 0, 0, G_OPTION_ARG_INT64, &opt_rate_burst,
    "Allow each client address N requests at once before the rate limit applies (default 200)",
    "N" },
  { "idle-timeout", 0, 0, G_OPTION_ARG_INT64, &opt_idle_timeout,
    "Close a connection that takes more than SECONDS to send a request's headers or stalls a "
    "read or write that long (default 30; 0 turns it off)",
    "SECONDS" },
  { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_certificate,
    "Serve HTTPS only, with the PEM certificate FILE (needs --tls-key)", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key,
    "The PEM private key of --tls-certificate", "FILE" },
  { "metrics-listen", 0, 0, G_OPTION_ARG_STRING, &opt_metrics_listen,
    "Also serve GET /metrics without a token on ADDR:PORT (keep it private)", "ADDR:PORT" },
  { "log-format", 0, 0, G_OPTION_ARG_STRING, &opt_log_format,
    "Write log records to stderr as logfmt (default) or json lines", "FORMAT" },
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
  gint64 upload_expiry;
  guint term_id, int_id;
  PuratanServerLimits limits;
  const char *tls_certificate, *tls_key, *metrics_listen, *log_format;

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
  upload_expiry =
      pick (opt_upload_expiry, config.upload_expiry, PURATAN_SERVER_DEFAULT_UPLOAD_EXPIRY);
  max_jobs = pick (opt_max_jobs != UNSET_INT ? opt_max_jobs : UNSET, config.max_jobs,
                   PURATAN_SERVER_DEFAULT_MAX_JOBS);
  preflight_keep =
      pick (opt_preflight_keep, config.preflight_keep, PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP);
  preflight_max_results =
      pick (opt_preflight_max_results != UNSET_INT ? opt_preflight_max_results : UNSET,
            config.preflight_max_results, PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS);

  limits.max_header_size = (gsize) pick (opt_max_header_size, config.max_header_size,
                                         PURATAN_SERVER_DEFAULT_MAX_HEADER_SIZE);
  limits.rate_limit = pick (opt_rate_limit, config.rate_limit, PURATAN_SERVER_DEFAULT_RATE_LIMIT);
  limits.rate_burst = pick (opt_rate_burst, config.rate_burst, PURATAN_SERVER_DEFAULT_RATE_BURST);
  limits.idle_timeout =
      (guint) pick (opt_idle_timeout, config.idle_timeout, PURATAN_SERVER_DEFAULT_IDLE_TIMEOUT);
  tls_certificate = opt_tls_certificate != NULL ? opt_tls_certificate : config.tls_certificate;
  tls_key = opt_tls_key != NULL ? opt_tls_key : config.tls_key;
  metrics_listen = opt_metrics_listen != NULL ? opt_metrics_listen : config.metrics_listen;
  log_format = opt_log_format != NULL ? opt_log_format : config.log_format;

  if (log_format != NULL && strcmp (log_format, "json") != 0 && strcmp (log_format, "logfmt") != 0)
    return usage_error ("--log-format must be logfmt or json");
  puratan_server_log_set_json (g_strcmp0 (log_format, "json") == 0);
  if (data_dir == NULL)
    return usage_error ("the --data-dir option is required");
  if (opt_max_header_size != UNSET && (opt_max_header_size < 1024 || opt_max_header_size > 1048576))
    return usage_error ("--max-header-size must be from 1024 to 1048576");
  if (opt_rate_limit != UNSET && (opt_rate_limit < 0 || opt_rate_limit > 1000000))
    return usage_error ("--rate-limit must be from 0 to 1000000");
  if (opt_rate_burst != UNSET && (opt_rate_burst < 1 || opt_rate_burst > 1000000))
    return usage_error ("--rate-burst must be from 1 to 1000000");
  if (opt_idle_timeout != UNSET && (opt_idle_timeout < 0 || opt_idle_timeout > 86400))
    return usage_error ("--idle-timeout must be from 0 to 86400 seconds");
  if ((tls_certificate == NULL) != (tls_key == NULL))
    return usage_error ("--tls-certificate and --tls-key go together");
  if (max_body_size < 0)
    return usage_error ("--max-body-size must be 0 or more");
  if (max_upload_size < 0)
    return usage_error ("--max-upload-size must be 0 or more");
  if (upload_expiry < 0 || upload_expiry > 365 * 24 * 60 * 60)
    return usage_error ("--upload-expiry must be from 0 to 31536000 seconds");
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
  puratan_server_set_upload_expiry (server, (guint) upload_expiry);
  puratan_server_set_max_jobs (server, (guint) max_jobs);
  puratan_server_set_preflight_limits (server, (guint) preflight_keep,
                                       (guint) preflight_max_results);
  puratan_server_set_auth_settings (server, &config.auth);
  puratan_server_set_limits (server, &limits);
  /* One request loop per processor unless the configuration says otherwise. */
  puratan_server_set_loops (server, config.loops > 0 ? (guint) config.loops
                                                     : MAX (1u, g_get_num_processors ()));
  puratan_server_set_access_log (server, config.access_log != 0);
  if (tls_certificate != NULL &&
      !puratan_server_set_tls_files (server, tls_certificate, tls_key, &error))
    {
      g_printerr ("puratan-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
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

  /* SIGTERM and SIGINT stop the server cleanly from the moment anyone can learn its port:
   * a script may send one as soon as it reads the "listening on" line. */
  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  if (!puratan_server_listen (server, listen, &error) ||
      (metrics_listen != NULL && !puratan_server_listen_metrics (server, metrics_listen, &error)))
    {
      g_printerr ("puratan-server: %s\n", error->message);
      g_source_remove (term_id);
      g_source_remove (int_id);
      return EXIT_FAILURE;
    }

  /* One line on stdout that scripts and tests read to learn the port. */
  url = puratan_server_get_url (server);
  g_print ("listening on %s\n", url);
  if (metrics_listen != NULL)
    {
      g_autofree char *metrics_url = puratan_server_get_metrics_url (server);
      g_print ("metrics on %smetrics\n", metrics_url);
    }
  fflush (stdout);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "URL", url, "MESSAGE", "listening");
  /* Start the preflight's ink renderer before the first upload arrives. */
  if (max_jobs > 0)
    puratan_preflight_warm_up ();

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
  /* Log lines gathered but not yet written go out however the program ends normally. */
  atexit (puratan_server_log_flush);

  if (argc > 1 && strcmp (argv[1], "admin") == 0)
    return puratan_server_admin_main (argc - 2, argv + 2);
  if (argc > 1 && (strcmp (argv[1], "backup") == 0 || strcmp (argv[1], "restore") == 0))
    return puratan_server_backup_main (argc - 1, argv + 1);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
      context, "Serve the Puratan Studio REST API over HTTP.\n\n"
               "puratan-server admin create-user EMAIL --role ROLE --data-dir DIR\n"
               "  creates an account; the password is read from standard input.\n"
               "puratan-server backup FILE --data-dir DIR\n"
               "  writes a consistent backup of the database and stored files, online.\n"
               "puratan-server restore FILE --data-dir DIR\n"
               "  restores a backup into an empty data directory.");
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
  g_clear_pointer (&opt_tls_certificate, g_free);
  g_clear_pointer (&opt_tls_key, g_free);
  g_clear_pointer (&opt_metrics_listen, g_free);
  g_clear_pointer (&opt_log_format, g_free);
  return status;
}
