/* puratan-server-health.c: the liveness and readiness probes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /livez answers as long as the process serves requests at all; /readyz
 * answers 200 only while the server can do its work (data directory, database,
 * schema version), so a load balancer sends it traffic only then.
 */
#include "puratan-server-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "puratan-core.h"

static void
livez_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Writes and removes a small file in the data directory: the one sure test that the
 * disk takes writes (permissions, a full or read-only file system). */
static gboolean
probe_write (const char *data_dir, GError **error)
{
  g_autofree char *path = g_build_filename (data_dir, ".readyz-XXXXXX", NULL);
  int fd = g_mkstemp_full (path, O_WRONLY, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write to the data directory: %s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  ok = write (fd, "ready\n", 6) == 6;
  if (!ok)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write to the data directory: %s",
                   g_strerror (saved_errno));
    }
  close (fd);
  g_unlink (path);
  return ok;
}

static void
not_ready (SoupServerMessage *msg, const char *what, const GError *error)
{
  g_autofree char *detail = g_strdup_printf ("Not ready (%s): %s", what, error->message);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE", "%s", detail);
  puratan_server_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL, detail);
}

/* Ready means: the data directory exists and takes writes, the database answers, and its
 * schema is at the version this server migrated it to. The reason for a 503 names the
 * failing check; it tells an operator what to fix, and nothing a client could abuse. */
static void
readyz_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  PuratanDatabase *database = puratan_server_get_database (self);
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_test (puratan_server_get_data_dir (self), G_FILE_TEST_IS_DIR))
    {
      g_set_error_literal (&error, PURATAN_ERROR, PURATAN_ERROR_IO,
                           "The data directory does not exist or is not a directory");
      not_ready (msg, "data directory", error);
      return;
    }
  if (!probe_write (puratan_server_get_data_dir (self), &error))
    {
      not_ready (msg, "data directory", error);
      return;
    }
  if (!puratan_database_check_ready (database, &error))
    {
      not_ready (msg, "database", error);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ready");
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, puratan_database_get_schema_version (database));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Adds GET /livez and GET /readyz to @self. */
void
puratan_server_add_health_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/livez", livez_cb, self);
  puratan_server_add_route (self, "GET", "/readyz", readyz_cb, self);
}

/**
 * puratan_server_is_ready:
 * @self: a server
 * @error: return location for a #GError
 *
 * Checks that the server can do its work: its data directory is a
 * directory it may write to. (The database is open from construction on.)
 *
 * Returns: %TRUE when ready; %FALSE with @error (%PURATAN_ERROR_IO) saying
 *   what is wrong
 */
gboolean
puratan_server_is_ready (PuratanServer *self, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (self->data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "The data directory “%s” does not exist or is not a directory", self->data_dir);
      return FALSE;
    }

  if (g_access (self->data_dir, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot write to the data directory “%s”: %s", self->data_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
