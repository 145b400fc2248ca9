/* test-server-config.c: the configuration file and the route × permission table
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-error.h"
#include "puratan-server-config.h"
#include "puratan-server.h"

static void
test_config_full (void)
{
  g_auto (PuratanServerConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  const char *text = "# the shop's server\n"
                     "[server]\n"
                     "listen=0.0.0.0:9000\n"
                     "data-dir=/var/lib/puratan-server\n"
                     "max-body-size=2048\n"
                     "max-upload-size=1000000\n"
                     "max-jobs=0\n"
                     "preflight-keep=60\n"
                     "preflight-max-results=5\n"
                     "upload-expiry=3600\n"
                     "[auth]\n"
                     "token-key-file=/etc/puratan-server/token-key\n"
                     "totp-issuer=Puratan Printers Pune\n"
                     "access-token-lifetime=300\n"
                     "refresh-token-lifetime=86400\n"
                     "login-delay-after=2\n"
                     "login-first-delay=5\n"
                     "login-max-delay=30\n"
                     "login-lockout-after=5\n"
                     "login-lockout-seconds=600\n"
                     "login-failure-window=1200\n";

  puratan_server_config_init (&config);
  g_assert_true (puratan_server_config_load_data (&config, text, "test.conf", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config.listen, ==, "0.0.0.0:9000");
  g_assert_cmpstr (config.data_dir, ==, "/var/lib/puratan-server");
  g_assert_cmpint (config.max_body_size, ==, 2048);
  g_assert_cmpint (config.max_upload_size, ==, 1000000);
  g_assert_cmpint (config.max_jobs, ==, 0);
  g_assert_cmpint (config.preflight_keep, ==, 60);
  g_assert_cmpint (config.preflight_max_results, ==, 5);
  g_assert_cmpint (config.upload_expiry, ==, 3600);
  g_assert_cmpstr (config.token_key_file, ==, "/etc/puratan-server/token-key");
  g_assert_cmpstr (config.auth.totp_issuer, ==, "Puratan Printers Pune");
  g_assert_cmpuint (config.auth.access_lifetime, ==, 300);
  g_assert_cmpuint (config.auth.refresh_lifetime, ==, 86400);
  g_assert_cmpuint (config.auth.throttle.delay_after, ==, 2);
  g_assert_cmpuint (config.auth.throttle.first_delay, ==, 5);
  g_assert_cmpuint (config.auth.throttle.max_delay, ==, 30);
  g_assert_cmpuint (config.auth.throttle.lockout_after, ==, 5);
  g_assert_cmpuint (config.auth.throttle.lockout_seconds, ==, 600);
  g_assert_cmpuint (config.auth.throttle.window_seconds, ==, 1200);
}

static void
test_config_defaults (void)
{
  g_auto (PuratanServerConfig) config = { 0 };
  g_autoptr (GError) error = NULL;

  puratan_server_config_init (&config);
  g_assert_true (puratan_server_config_load_data (&config, "", "empty.conf", &error));
  g_assert_no_error (error);
  g_assert_null (config.listen);
  g_assert_null (config.data_dir);
  g_assert_cmpint (config.max_body_size, ==, -1);
  g_assert_cmpint (config.max_jobs, ==, -1);
  g_assert_cmpint (config.loops, ==, -1);
  g_assert_cmpint (config.access_log, ==, -1);
  g_assert_cmpuint (config.auth.access_lifetime, ==, PURATAN_SERVER_DEFAULT_ACCESS_LIFETIME);
  g_assert_cmpuint (config.auth.refresh_lifetime, ==, PURATAN_SERVER_DEFAULT_REFRESH_LIFETIME);
  g_assert_cmpstr (config.auth.totp_issuer, ==, PURATAN_SERVER_DEFAULT_TOTP_ISSUER);
  g_assert_null (config.stripe_base_url);
  g_assert_cmpint (config.stripe_tolerance, ==, -1);
  g_assert_cmpuint (config.auth.throttle.lockout_after, ==, 10);
}

static void
test_config_bad (void)
{
  static const struct
  {
    const char *text;
    int code;
    const char *says;
  } cases[] = {
    { "[server]\nlisen=127.0.0.1:1\n", PURATAN_ERROR_INVALID_INPUT, "[server] lisen: unknown key" },
    { "[database]\npath=x\n", PURATAN_ERROR_INVALID_INPUT, "[database]" },
    { "[server]\nmax-jobs=two\n", PURATAN_ERROR_INVALID_INPUT, "whole number" },
    { "[server]\nmax-jobs=-1\n", PURATAN_ERROR_INVALID_INPUT, "whole number" },
    { "[server]\nmax-body-size=12abc\n", PURATAN_ERROR_INVALID_INPUT, "whole number" },
    { "[server]\nmax-body-size=99999999999999999999999\n", PURATAN_ERROR_INVALID_INPUT,
      "max-body-size" },
    { "[auth]\naccess-token-lifetime=0\n", PURATAN_ERROR_INVALID_INPUT, "from 1 to 86400" },
    { "[auth]\nlogin-lockout-after=2\nlogin-delay-after=3\n", PURATAN_ERROR_INVALID_INPUT,
      "no later than the lockout" },
    { "[auth]\ntotp-issuer=\n", PURATAN_ERROR_INVALID_INPUT, "empty" },
    { "[server]\ntls-certificate=/etc/cert.pem\n", PURATAN_ERROR_INVALID_INPUT,
      "set both or neither" },
    { "[server]\nlog-format=xml\n", PURATAN_ERROR_INVALID_INPUT, "logfmt or json" },
    { "[server]\nidle-timeout=-5\n", PURATAN_ERROR_INVALID_INPUT, "whole number" },
    { "[server]\nmax-header-size=10\n", PURATAN_ERROR_INVALID_INPUT, "from 1024 to 1048576" },
    { "[server]\nrate-burst=0\n", PURATAN_ERROR_INVALID_INPUT, "from 1 to 1000000" },
    { "[server]\nloops=0\n", PURATAN_ERROR_INVALID_INPUT, "from 1 to 256" },
    { "[server]\naccess-log=yes\n", PURATAN_ERROR_INVALID_INPUT, "whole number" },
    { "[server]\naccess-log=2\n", PURATAN_ERROR_INVALID_INPUT, "from 0 to 1" },
    { "[stripe]\ntolerance=0\n", PURATAN_ERROR_INVALID_INPUT, "from 1 to 86400" },
    { "[stripe]\nsecret-key=\n", PURATAN_ERROR_INVALID_INPUT, "empty" },
    { "[stripe]\napi-key=x\n", PURATAN_ERROR_INVALID_INPUT, "[stripe] api-key: unknown key" },
    { "this is not a key file\n", PURATAN_ERROR_PARSE, "bad.conf" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (PuratanServerConfig) config = { 0 };
      g_autoptr (GError) error = NULL;

      puratan_server_config_init (&config);
      g_assert_false (puratan_server_config_load_data (&config, cases[i].text, "bad.conf", &error));
      g_assert_error (error, PURATAN_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_true (g_str_has_prefix (error->message, "bad.conf"));
    }
}

static void
test_config_missing_file (void)
{
  g_auto (PuratanServerConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "none.conf", NULL);

  puratan_server_config_init (&config);
  g_assert_false (puratan_server_config_load (&config, path, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
}

/* The shipped example names every key with its default, commented out:
 * with the comment marks taken away it must load and change nothing. */
static void
test_config_shipped_example (void)
{
  g_auto (PuratanServerConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GString) active = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  guint n_keys = 0;

  g_assert_nonnull (g_getenv ("PURATAN_DATA_DIR"));
  path = g_build_filename (g_getenv ("PURATAN_DATA_DIR"), "puratan-server.conf", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '#' && g_ascii_islower (line[1]) && strchr (line, '=') != NULL)
        {
          line++;
          n_keys++;
        }
      g_string_append_printf (active, "%s\n", line);
    }
  g_assert_cmpuint (n_keys, ==, 32);

  puratan_server_config_init (&config);
  g_assert_true (puratan_server_config_load_data (&config, active->str, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config.listen, ==, "127.0.0.1:8080");
  g_assert_cmpint (config.max_body_size, ==, PURATAN_SERVER_DEFAULT_MAX_BODY_SIZE);
  g_assert_cmpint (config.max_upload_size, ==, PURATAN_SERVER_DEFAULT_MAX_UPLOAD_SIZE);
  g_assert_cmpint (config.max_jobs, ==, PURATAN_SERVER_DEFAULT_MAX_JOBS);
  g_assert_cmpint (config.preflight_keep, ==, PURATAN_SERVER_DEFAULT_PREFLIGHT_KEEP);
  g_assert_cmpint (config.preflight_max_results, ==, PURATAN_SERVER_DEFAULT_PREFLIGHT_MAX_RESULTS);
  g_assert_cmpint (config.upload_expiry, ==, PURATAN_SERVER_DEFAULT_UPLOAD_EXPIRY);
  g_assert_cmpint (config.max_header_size, ==, PURATAN_SERVER_DEFAULT_MAX_HEADER_SIZE);
  g_assert_cmpint (config.rate_limit, ==, PURATAN_SERVER_DEFAULT_RATE_LIMIT);
  g_assert_cmpint (config.rate_burst, ==, PURATAN_SERVER_DEFAULT_RATE_BURST);
  g_assert_cmpint (config.idle_timeout, ==, PURATAN_SERVER_DEFAULT_IDLE_TIMEOUT);
  g_assert_cmpstr (config.log_format, ==, "logfmt");
  g_assert_cmpint (config.access_log, ==, 1);
  /* The TLS files and the metrics listener are examples, off by default. */
  g_assert_cmpstr (config.tls_certificate, ==, "/etc/puratan-server/tls/cert.pem");
  g_assert_cmpstr (config.tls_key, ==, "/etc/puratan-server/tls/key.pem");
  g_assert_cmpstr (config.metrics_listen, ==, "127.0.0.1:9464");
  /* The loops' default is the number of processors; the example names two. */
  g_assert_cmpint (config.loops, ==, 2);
  g_assert_cmpuint (config.auth.access_lifetime, ==, PURATAN_SERVER_DEFAULT_ACCESS_LIFETIME);
  g_assert_cmpuint (config.auth.refresh_lifetime, ==, PURATAN_SERVER_DEFAULT_REFRESH_LIFETIME);
  g_assert_cmpstr (config.auth.totp_issuer, ==, PURATAN_SERVER_DEFAULT_TOTP_ISSUER);
  g_assert_cmpstr (config.stripe_base_url, ==, "https://api.stripe.com");
  g_assert_cmpstr (config.stripe_secret_key, ==, "sk_live_REPLACE_ME");
  g_assert_cmpstr (config.stripe_webhook_secret, ==, "whsec_REPLACE_ME");
  g_assert_cmpint (config.stripe_tolerance, ==, PURATAN_SERVER_DEFAULT_STRIPE_TOLERANCE);
  {
    PuratanThrottlePolicy defaults;

    puratan_throttle_policy_init_default (&defaults);
    g_assert_cmpmem (&config.auth.throttle, sizeof defaults, &defaults, sizeof defaults);
  }
}

static void
collect_route (const char *method, const char *pattern, gpointer user_data)
{
  g_hash_table_add (user_data, g_strconcat (method, " ", pattern, NULL));
}

/* Every route the server serves has its row in the permission table, and
 * every row names a route the server serves. */
static void
test_every_route_has_a_row (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "data", NULL);
  g_autoptr (PuratanServer) server = NULL;
  g_autoptr (GHashTable) routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  const PuratanPermission *rows;
  gsize n_rows = 0;

  server = puratan_server_new (dir, &error);
  g_assert_no_error (error);
  puratan_server_foreach_route (server, collect_route, routes);
  g_assert_cmpuint (g_hash_table_size (routes), >, 0);

  g_hash_table_iter_init (&iter, routes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto (GStrv) parts = g_strsplit (key, " ", 2);

      g_test_message ("route %s", (const char *) key);
      g_assert_nonnull (puratan_permission_lookup (parts[0], parts[1]));
    }

  rows = puratan_permissions (&n_rows);
  for (gsize i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strconcat (rows[i].method, " ", rows[i].pattern, NULL);

      g_assert_true (g_hash_table_contains (routes, name));
    }
  g_assert_cmpuint (n_rows, ==, g_hash_table_size (routes));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/config/full", test_config_full);
  g_test_add_func ("/server/config/defaults", test_config_defaults);
  g_test_add_func ("/server/config/bad", test_config_bad);
  g_test_add_func ("/server/config/missing-file", test_config_missing_file);
  g_test_add_func ("/server/config/shipped-example", test_config_shipped_example);
  g_test_add_func ("/server/permissions/every-route-has-a-row", test_every_route_has_a_row);

  return g_test_run ();
}
