/* puratan-server-catalog.c: the catalog and quotes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/products answers the pricing layer's catalog as JSON (public: it is the shop's
 * price list). POST /api/v1/quotes prices a job with it, here: a client sends what it wants,
 * never a price.
 */
#include "puratan-server-api-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

/* Whether the request's If-None-Match names @etag (or is "*"); weak tags compare
 * by their opaque part, as RFC 9110 wants for If-None-Match. */
static gboolean
etag_matches (SoupServerMessage *msg, const char *etag)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "If-None-Match");
  g_auto (GStrv) tags = NULL;

  if (header == NULL)
    return FALSE;
  tags = g_strsplit (header, ",", 64);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The catalog's answer is made once: its JSON as an immutable buffer that every answer
 * shares (no copy per request) and a strong ETag, the SHA-256 of those bytes. */
static gboolean
catalog_body (PuratanServer *self, GBytes **body, const char **etag, GError **error)
{
  PuratanCatalog *catalog;

  /* Made by whichever request loop asks first; shared, never changed, after that (the
   * ETag is set before the body is published). */
  if (g_atomic_pointer_get (&self->catalog_body) == NULL)
    {
      catalog = puratan_server_get_catalog (self, error);
      if (catalog == NULL)
        return FALSE;
      g_mutex_lock (&self->catalog_lock);
      if (self->catalog_body == NULL)
        {
          g_autoptr (JsonNode) root = puratan_catalog_to_json (catalog);
          char *json = puratan_json_to_string (root, FALSE);
          g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);

          self->catalog_etag = g_strdup_printf ("\"%.32s\"", sha256);
          g_atomic_pointer_set (&self->catalog_body, g_bytes_new_take (json, strlen (json)));
        }
      g_mutex_unlock (&self->catalog_lock);
    }
  *body = g_atomic_pointer_get (&self->catalog_body);
  *etag = self->catalog_etag;
  return TRUE;
}

static void
products_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (GError) error = NULL;
  GBytes *body = NULL;
  const char *etag = NULL;

  if (!catalog_body (self, &body, &etag, &error))
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  if (etag_matches (msg, etag))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         PURATAN_SERVER_JSON_TYPE, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

/* The server's time zone, read once: g_date_time_new_now_local() looks at /etc/localtime
 * again on every call, which a request made this often should not pay for. */
static GTimeZone *
local_time_zone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_local ());
  return zone;
}

static void
quote_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now (local_time_zone ());
  g_autoptr (GError) error = NULL;
  PuratanQuoteRequest request = { 0 };
  PuratanCatalog *catalog;
  JsonObject *chosen = NULL;
  const char *product = NULL;
  gint64 quantity = 0;
  char *text;

  if (body == NULL)
    return;
  if (!puratan_json_get_string (body, "product", &product, &error) ||
      !puratan_json_get_int (body, "quantity", &quantity, &error) ||
      !puratan_json_get_optional_object (body, "options", &chosen, &error) ||
      !puratan_json_get_optional_string (body, "ship_to_state", NULL, &request.ship_to_state,
                                         &error) ||
      json_object_get_size (body) > 2u + json_object_has_member (body, "options") +
                                        json_object_has_member (body, "ship_to_state"))
    {
      puratan_server_respond_problem (
          msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
          error != NULL ? error->message
                        : "A quote takes only product, quantity, options and ship_to_state; "
                          "prices are set by the server.");
      return;
    }
  if (chosen != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (chosen);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (chosen, l->data);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            {
              puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                              "Each option's value must be a string.");
              return;
            }
          g_hash_table_insert (options, l->data, (gpointer) json_node_get_string (value));
        }
    }
  catalog = puratan_server_get_catalog (self, &error);
  if (catalog == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if ((job = puratan_job_new (catalog, product, options, &error)) == NULL ||
      (quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error)) == NULL)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return;
    }
  /* Written straight as text: building the JSON tree and generating it was a third of a
   * quote's time. */
  text = puratan_quote_to_json_text (quote);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, PURATAN_SERVER_JSON_TYPE, SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

/* Adds the catalog and quote routes. */
void
puratan_server_add_catalog_routes (PuratanServer *self)
{
  /* Both are answered by every request loop: the catalog is read once and never changed
   * (its body and ETag made once under a lock), and pricing only reads it. */
  puratan_server_add_route_full (self, "GET", "/api/v1/products", PURATAN_ROUTE_THREAD_SAFE,
                                 products_cb, self);
  puratan_server_add_route_full (self, "POST", "/api/v1/quotes", PURATAN_ROUTE_THREAD_SAFE,
                                 quote_cb, self);
}
