/* puratan-server-health.c: the liveness and readiness probes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /livez answers as long as the process serves requests at all; /readyz
 * answers 200 only while the server can do its work, so a load balancer
 * sends it traffic only then.
 */
#include "puratan-server-private.h"

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

static void
readyz_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  if (!puratan_server_is_ready (self, &error))
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE", "Not ready: %s",
                        error->message);
      puratan_server_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL,
                                      "The server cannot use its data directory.");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ready");
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (
      builder, puratan_database_get_schema_version (puratan_server_get_database (self)));
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
