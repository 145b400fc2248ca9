/* puratan-server-config.h: the server's configuration file
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-server.h"

G_BEGIN_DECLS

/**
 * PuratanServerConfig:
 * @listen: (nullable): where to listen, "ADDR:PORT"
 * @data_dir: (nullable): the data directory
 * @max_body_size: the request body limit in bytes, or -1 when not set
 * @max_upload_size: the upload limit in bytes, or -1 when not set
 * @max_jobs: the limit on preflight checks at once, or -1 when not set
 * @preflight_keep: seconds a checked upload is kept, or -1 when not set
 * @preflight_max_results: checked uploads kept at most, or -1 when not set
 * @token_key_file: (nullable): the access-token key file, when not the one in the data dir
 * @max_header_size: the request header limit in bytes, or -1 when not set
 * @rate_limit: requests per second per client (0 for none), or -1 when not set
 * @rate_burst: requests a client may send at once, or -1 when not set
 * @idle_timeout: seconds before an idle or stalled connection is closed, or -1 when not set
 * @tls_certificate: (nullable): the PEM certificate for HTTPS
 * @tls_key: (nullable): its PEM private key
 * @metrics_listen: (nullable): "ADDR:PORT" of a listener serving only /metrics, without a token
 * @log_format: (nullable): "logfmt" or "json"
 * @auth: sign-in settings (the defaults unless the file sets them)
 * @stripe_base_url: (nullable): Stripe's API address, [stripe] base-url
 * @stripe_secret_key: (nullable): the secret API key, [stripe] secret-key
 * @stripe_webhook_secret: (nullable): the webhook signing secret, [stripe] webhook-secret
 * @stripe_tolerance: how old a webhook's signature may be in seconds, or -1 when not set
 *
 * What a configuration file says; command-line options override it.
 */
typedef struct
{
  char *listen;
  char *data_dir;
  gint64 max_body_size;
  gint64 max_upload_size;
  gint64 max_jobs;
  gint64 preflight_keep;
  gint64 preflight_max_results;
  gint64 upload_expiry;
  char *token_key_file;
  char *totp_issuer;
  gint64 max_header_size;
  gint64 rate_limit;
  gint64 rate_burst;
  gint64 idle_timeout;
  char *tls_certificate;
  char *tls_key;
  char *metrics_listen;
  char *log_format;
  gint64 loops;
  gint64 access_log;
  PuratanServerAuthSettings auth;
  char *stripe_base_url;
  char *stripe_secret_key;
  char *stripe_webhook_secret;
  gint64 stripe_tolerance;
} PuratanServerConfig;

void puratan_server_config_init (PuratanServerConfig *config);
void puratan_server_config_clear (PuratanServerConfig *config);
gboolean puratan_server_config_load (PuratanServerConfig *config, const char *path, GError **error);
gboolean puratan_server_config_load_data (PuratanServerConfig *config,
                                          const char *data,
                                          const char *source,
                                          GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PuratanServerConfig, puratan_server_config_clear)

G_END_DECLS
