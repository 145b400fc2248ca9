/* puratan-server-config.c: the server's configuration file
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GKeyFile (INI-like) file with the groups [server], [auth] and [stripe]; the keys
 * are listed in data/puratan-server.conf and docs/rest-api.md. Every key is
 * optional. An unknown group or key, a value that is not a number where
 * one is needed, or a number out of range is refused with the file's name,
 * the group and the key, so a typing mistake never goes unnoticed.
 */
#include "puratan-server-config.h"

#include <errno.h>
#include <string.h>

#include "puratan-core.h"

typedef enum
{
  KEY_STRING,
  KEY_PATH,
  KEY_INT,
} KeyType;

typedef struct
{
  const char *group;
  const char *key;
  KeyType type;
  gint64 min;
  gint64 max;
  gsize offset;
} KeySpec;

#define STR(group, key, field)                                                 \
  {                                                                            \
    group, key, KEY_STRING, 0, 0, G_STRUCT_OFFSET (PuratanServerConfig, field) \
  }
#define PATH(group, key, field)                                              \
  {                                                                          \
    group, key, KEY_PATH, 0, 0, G_STRUCT_OFFSET (PuratanServerConfig, field) \
  }
#define INT(group, key, min, max, field)                                        \
  {                                                                             \
    group, key, KEY_INT, min, max, G_STRUCT_OFFSET (PuratanServerConfig, field) \
  }
/* Sign-in settings are guint fields inside @auth. */
#define UINT_AUTH(key, min, max, field)                        \
  {                                                            \
    "auth", key, KEY_INT, min, max,                            \
        G_STRUCT_OFFSET (PuratanServerConfig, auth) +          \
            G_STRUCT_OFFSET (PuratanServerAuthSettings, field) \
  }
#define UINT_THROTTLE(key, min, max, field)                         \
  {                                                                 \
    "auth", key, KEY_INT, min, max,                                 \
        G_STRUCT_OFFSET (PuratanServerConfig, auth) +               \
            G_STRUCT_OFFSET (PuratanServerAuthSettings, throttle) + \
            G_STRUCT_OFFSET (PuratanThrottlePolicy, field)          \
  }

static const KeySpec keys[] = {
  STR ("server", "listen", listen),
  PATH ("server", "data-dir", data_dir),
  INT ("server", "max-body-size", 0, G_MAXINT64, max_body_size),
  INT ("server", "max-upload-size", 0, G_MAXINT64, max_upload_size),
  INT ("server", "max-jobs", 0, G_MAXINT, max_jobs),
  INT ("server", "preflight-keep", 0, G_MAXUINT, preflight_keep),
  INT ("server", "preflight-max-results", 0, G_MAXINT, preflight_max_results),
  INT ("server", "upload-expiry", 0, 365 * 24 * 60 * 60, upload_expiry),
  INT ("server", "max-header-size", 1024, 1024 * 1024, max_header_size),
  INT ("server", "rate-limit", 0, 1000000, rate_limit),
  INT ("server", "rate-burst", 1, 1000000, rate_burst),
  INT ("server", "idle-timeout", 0, 24 * 60 * 60, idle_timeout),
  PATH ("server", "tls-certificate", tls_certificate),
  PATH ("server", "tls-key", tls_key),
  STR ("server", "metrics-listen", metrics_listen),
  STR ("server", "log-format", log_format),
  INT ("server", "loops", 1, 256, loops),
  INT ("server", "access-log", 0, 1, access_log),
  PATH ("auth", "token-key-file", token_key_file),
  STR ("auth", "totp-issuer", totp_issuer),
  UINT_AUTH ("access-token-lifetime", 1, 24 * 60 * 60, access_lifetime),
  UINT_AUTH ("refresh-token-lifetime", 1, 365 * 24 * 60 * 60, refresh_lifetime),
  UINT_AUTH ("refresh-retry-grace", 0, 300, refresh_retry_grace),
  UINT_THROTTLE ("login-delay-after", 0, 1000, delay_after),
  UINT_THROTTLE ("login-first-delay", 1, 24 * 60 * 60, first_delay),
  UINT_THROTTLE ("login-max-delay", 0, 24 * 60 * 60, max_delay),
  UINT_THROTTLE ("login-lockout-after", 1, 1000, lockout_after),
  UINT_THROTTLE ("login-lockout-seconds", 1, 7 * 24 * 60 * 60, lockout_seconds),
  UINT_THROTTLE ("login-failure-window", 1, 7 * 24 * 60 * 60, window_seconds),
  STR ("stripe", "base-url", stripe_base_url),
  STR ("stripe", "secret-key", stripe_secret_key),
  STR ("stripe", "webhook-secret", stripe_webhook_secret),
  INT ("stripe", "tolerance", 1, 24 * 60 * 60, stripe_tolerance),
};

/**
 * puratan_server_config_init:
 * @config: (out caller-allocates): the configuration to fill
 *
 * Fills @config with "not set" for the server's options and the default
 * sign-in settings.
 */
void
puratan_server_config_init (PuratanServerConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->max_body_size = -1;
  config->max_upload_size = -1;
  config->max_jobs = -1;
  config->preflight_keep = -1;
  config->preflight_max_results = -1;
  config->upload_expiry = -1;
  config->max_header_size = -1;
  config->rate_limit = -1;
  config->rate_burst = -1;
  config->idle_timeout = -1;
  config->loops = -1;
  config->access_log = -1;
  config->stripe_tolerance = -1;
  config->auth.access_lifetime = PURATAN_SERVER_DEFAULT_ACCESS_LIFETIME;
  config->auth.refresh_lifetime = PURATAN_SERVER_DEFAULT_REFRESH_LIFETIME;
  config->auth.refresh_retry_grace = PURATAN_SERVER_DEFAULT_REFRESH_RETRY_GRACE;
  config->auth.totp_issuer = PURATAN_SERVER_DEFAULT_TOTP_ISSUER;
  puratan_throttle_policy_init_default (&config->auth.throttle);
}

/**
 * puratan_server_config_clear:
 * @config: a configuration
 *
 * Frees what @config owns.
 */
void
puratan_server_config_clear (PuratanServerConfig *config)
{
  g_return_if_fail (config != NULL);

  g_clear_pointer (&config->listen, g_free);
  g_clear_pointer (&config->data_dir, g_free);
  g_clear_pointer (&config->token_key_file, g_free);
  g_clear_pointer (&config->totp_issuer, g_free);
  g_clear_pointer (&config->tls_certificate, g_free);
  g_clear_pointer (&config->tls_key, g_free);
  g_clear_pointer (&config->metrics_listen, g_free);
  g_clear_pointer (&config->log_format, g_free);
  g_clear_pointer (&config->stripe_base_url, g_free);
  /* The secrets are wiped, not just freed. */
  if (config->stripe_secret_key != NULL)
    memset (config->stripe_secret_key, 0, strlen (config->stripe_secret_key));
  g_clear_pointer (&config->stripe_secret_key, g_free);
  if (config->stripe_webhook_secret != NULL)
    memset (config->stripe_webhook_secret, 0, strlen (config->stripe_webhook_secret));
  g_clear_pointer (&config->stripe_webhook_secret, g_free);
}

static const KeySpec *
find_key (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (keys[i].group, group) == 0 && strcmp (keys[i].key, key) == 0)
      return &keys[i];
  return NULL;
}

static gboolean
refuse (GError **error, const char *source, const char *group, const char *key, const char *why)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s: [%s] %s%s%s", source, group,
               key != NULL ? key : "", key != NULL ? ": " : "", why);
  return FALSE;
}

static gboolean
read_key (PuratanServerConfig *config,
          GKeyFile *file,
          const KeySpec *spec,
          const char *source,
          GError **error)
{
  g_autofree char *value = g_key_file_get_string (file, spec->group, spec->key, NULL);
  guint8 *field = (guint8 *) config + spec->offset;
  gint64 number;
  char *end = NULL;

  g_strstrip (value);
  if (spec->type != KEY_INT)
    {
      char **slot = (char **) field;

      if (*value == '\0')
        return refuse (error, source, spec->group, spec->key, "the value is empty");
      g_free (*slot);
      *slot = g_steal_pointer (&value);
      return TRUE;
    }

  errno = 0;
  number = g_ascii_strtoll (value, &end, 10);
  if (*value == '\0' || end == NULL || *end != '\0' || !g_ascii_isdigit (*value))
    return refuse (error, source, spec->group, spec->key, "the value must be a whole number");
  if (errno == ERANGE || number < spec->min || number > spec->max)
    {
      g_autofree char *why = g_strdup_printf (
          "the value must be from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, spec->min, spec->max);
      return refuse (error, source, spec->group, spec->key, why);
    }
  /* Server and Stripe options are gint64 (unset is -1); sign-in settings are guint. */
  if (strcmp (spec->group, "auth") != 0)
    *(gint64 *) field = number;
  else
    *(guint *) field = (guint) number;
  return TRUE;
}

/**
 * puratan_server_config_load_data:
 * @config: a configuration from puratan_server_config_init()
 * @data: the file's text
 * @source: the file's name, for messages
 * @error: return location for a #GError
 *
 * Reads a configuration from text; see puratan_server_config_load().
 *
 * Returns: %TRUE when read; %FALSE with %PURATAN_ERROR_INVALID_INPUT
 *   naming the bad group or key, or %PURATAN_ERROR_PARSE for text that is
 *   not a key file
 */
gboolean
puratan_server_config_load_data (PuratanServerConfig *config,
                                 const char *data,
                                 const char *source,
                                 GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (config != NULL && data != NULL && source != NULL, FALSE);

  if (!g_key_file_load_from_data (file, data, (gsize) -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "%s: %s", source,
                   local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (gsize g = 0; groups[g] != NULL; g++)
    {
      g_auto (GStrv) names = g_key_file_get_keys (file, groups[g], NULL, NULL);

      if (strcmp (groups[g], "server") != 0 && strcmp (groups[g], "auth") != 0 &&
          strcmp (groups[g], "stripe") != 0)
        return refuse (error, source, groups[g], NULL,
                       "unknown group; the groups are [server], [auth] and [stripe]");
      for (gsize k = 0; names != NULL && names[k] != NULL; k++)
        {
          const KeySpec *spec = find_key (groups[g], names[k]);

          if (spec == NULL)
            return refuse (error, source, groups[g], names[k], "unknown key");
          if (!read_key (config, file, spec, source, error))
            return FALSE;
        }
    }

  if ((config->tls_certificate == NULL) != (config->tls_key == NULL))
    return refuse (error, source, "server", NULL,
                   "tls-certificate and tls-key go together: set both or neither");
  if (config->log_format != NULL && strcmp (config->log_format, "logfmt") != 0 &&
      strcmp (config->log_format, "json") != 0)
    return refuse (error, source, "server", "log-format", "the value must be logfmt or json");
  if (config->totp_issuer != NULL)
    config->auth.totp_issuer = config->totp_issuer;
  if (!puratan_throttle_policy_validate (&config->auth.throttle, &local_error))
    return refuse (error, source, "auth", NULL, local_error->message);
  return TRUE;
}

/**
 * puratan_server_config_load:
 * @config: a configuration from puratan_server_config_init()
 * @path: the file
 * @error: return location for a #GError
 *
 * Reads the configuration file at @path into @config; keys it does not set
 * keep their values.
 *
 * Returns: %TRUE when read; %FALSE with %PURATAN_ERROR_IO when the file
 *   cannot be read, else as puratan_server_config_load_data()
 */
gboolean
puratan_server_config_load (PuratanServerConfig *config, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (config != NULL && path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, NULL, &local_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot read the configuration: %s",
                   local_error->message);
      return FALSE;
    }
  return puratan_server_config_load_data (config, data, path, error);
}
