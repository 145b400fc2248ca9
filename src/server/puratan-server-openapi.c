/* puratan-server-openapi.c: the OpenAPI 3.1 document of the API
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * src/server/openapi.json is compiled into the program and served as it is; a unit test
 * checks that its paths and the router's routes are the same set.
 */
#include "puratan-server-api-private.h"

#include "puratan-server-response.h"
#include "puratan-server-resources.h"

#define OPENAPI_RESOURCE "/in/puratan/Server/openapi.json"

/**
 * puratan_server_get_openapi:
 *
 * Returns: (transfer full): the OpenAPI 3.1 document of the API, as JSON
 */
GBytes *
puratan_server_get_openapi (void)
{
  return g_resource_lookup_data (puratan_server_get_resource (), OPENAPI_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
openapi_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_autoptr (GBytes) document = puratan_server_get_openapi ();

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, PURATAN_SERVER_JSON_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (document, NULL), g_bytes_get_size (document));
}

/* Adds the route of the document. */
void
puratan_server_add_openapi_route (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/api/v1/openapi.json", openapi_cb, self);
}
