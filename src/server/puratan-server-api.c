/* puratan-server-api.c: helpers shared by the back office's business routes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money is always {"amount_minor", "currency"}. A customer's account sees only the orders of
 * the customer record tied to it; any other order is answered 404, as if it did not exist.
 */
#include "puratan-server-tus-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

/* Answers @msg with @text as @content_type. */
void
puratan_server_respond_text (SoupServerMessage *msg,
                             guint status,
                             const char *content_type,
                             const char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

/* Like puratan_server_respond_error(), and a refusal of the workflow is 409 with the reason
 * as `code`. */
void
puratan_server_respond_api_error (SoupServerMessage *msg, const GError *error)
{
  const char *code = NULL;
  guint status = puratan_server_api_error_status (error, &code);

  if (code != NULL)
    puratan_server_respond_problem_code (msg, status, code, error->message);
  else
    puratan_server_respond_error (msg, error);
}

/* The status puratan_server_respond_api_error() answers @error with, and its problem code
 * (a refusal of the workflow), if any. */
guint
puratan_server_api_error_status (const GError *error, const char **code)
{
  static const char *const codes[] = { "invalid_transition", "not_paid", "incomplete" };

  *code = NULL;
  if (error->domain == PURATAN_WORKFLOW_ERROR && error->code >= 0 &&
      (gsize) error->code < G_N_ELEMENTS (codes))
    {
      *code = codes[error->code];
      return SOUP_STATUS_CONFLICT;
    }
  return puratan_server_status_for_error (error);
}

/* Returns (transfer full) the query's parameters, or NULL after answering 400 when it is
 * malformed or names a parameter not in @allowed. */
GHashTable *
puratan_server_parse_query (SoupServerMessage *msg, const char *const *allowed)
{
  const char *text = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (GHashTable) query = NULL;
  GHashTableIter iter;
  const char *name;

  if (text == NULL || text[0] == '\0')
    return g_hash_table_new (g_str_hash, g_str_equal);
  query = g_uri_parse_params (text, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (query == NULL)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "The query string is malformed.");
      return NULL;
    }
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (allowed, name))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);
        g_autofree char *detail =
            g_strdup_printf ("Unknown query parameter; this resource takes %s.", list);

        puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, detail);
        return NULL;
      }
  return g_steal_pointer (&query);
}

/* Whether @text is a record id as the store makes them: a lower-case UUID. */
gboolean
puratan_server_is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? text[i] != '-'
               : !(g_ascii_isdigit (text[i]) || (text[i] >= 'a' && text[i] <= 'f')))
        return FALSE;
    }
  return TRUE;
}

/* Adds {"amount_minor": MINOR, "currency": "INR"} under @name. */
void
puratan_server_add_money (JsonBuilder *builder, const char *name, gint64 minor)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount_minor");
  json_builder_add_int_value (builder, minor);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "INR");
  json_builder_end_object (builder);
}

static void
add_nullable (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_line (JsonBuilder *builder, const PuratanOrderLine *line)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, line->position);
  json_builder_set_member_name (builder, "product");
  json_builder_add_string_value (builder, line->product);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, line->description != NULL ? line->description : "");
  json_builder_set_member_name (builder, "hsn_sac");
  json_builder_add_string_value (builder, line->hsn_sac);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, line->quantity);
  puratan_server_add_money (builder, "unit_price", line->unit_price_paise);
  puratan_server_add_money (builder, "line_total", line->line_total_paise);
  json_builder_set_member_name (builder, "tax_rate_bp");
  json_builder_add_int_value (builder, line->tax_rate_bp);
  puratan_server_add_money (builder, "tax", line->tax_paise);
  json_builder_end_object (builder);
}

/* Adds the members of an order (inside an object). */
void
puratan_server_add_order (JsonBuilder *builder, const PuratanOrder *order, gboolean lines)
{
  g_autofree char *number = puratan_order_format_number (order->number);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, order->id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, order->number);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, number);
  json_builder_set_member_name (builder, "customer_id");
  json_builder_add_string_value (builder, order->customer_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, order->status);
  add_nullable (builder, "resume_status", order->resume_status);
  add_nullable (builder, "delivery", order->delivery);
  json_builder_set_member_name (builder, "credit_approved");
  json_builder_add_boolean_value (builder, order->credit_approved);
  add_nullable (builder, "due_date", order->due_date);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, order->notes != NULL ? order->notes : "");
  puratan_server_add_money (builder, "subtotal", order->subtotal_paise);
  puratan_server_add_money (builder, "tax", order->tax_paise);
  puratan_server_add_money (builder, "total", order->total_paise);
  puratan_server_add_money (builder, "paid", order->paid_paise);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, order->version);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, order->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, order->updated_at);
  if (!lines)
    return;
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; order->lines != NULL && i < order->lines->len; i++)
    add_line (builder, order->lines->pdata[i]);
  json_builder_end_array (builder);
}

/* Adds a payment as an object (an array element or after a member name). */
void
puratan_server_add_payment (JsonBuilder *builder, const PuratanPayment *payment)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, payment->id);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, payment->order_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, payment->kind);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, payment->method);
  puratan_server_add_money (builder, "amount", payment->amount_paise);
  if (payment->tendered_paise > 0)
    puratan_server_add_money (builder, "tendered", payment->tendered_paise);
  add_nullable (builder, "reference", payment->reference);
  json_builder_set_member_name (builder, "business_date");
  json_builder_add_string_value (builder, payment->business_date);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, payment->created_at);
  json_builder_end_object (builder);
}

/* For a customer's account, returns (transfer full) its customer record's id, or NULL
 * (without @error) when it has none yet. Staff: NULL, as they see every customer. */
char *
puratan_server_customer_of (PuratanServer *self, const PuratanPrincipal *principal, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *id;

  if (principal == NULL || principal->role != PURATAN_ROLE_CUSTOMER)
    return NULL;
  id = puratan_account_customer_get (puratan_server_get_database (self), principal->account_id,
                                     &local_error);
  if (id == NULL && !g_error_matches (local_error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return id;
}

/* Reads order @id when @principal may see it; %PURATAN_ERROR_NOT_FOUND for a malformed id,
 * an unknown order and another customer's order alike. */
PuratanOrder *
puratan_server_order_for (PuratanServer *self,
                          const PuratanPrincipal *principal,
                          const char *id,
                          GError **error)
{
  g_autoptr (PuratanOrder) order = NULL;
  g_autofree char *customer = NULL;
  GError *local_error = NULL;

  if (!puratan_server_is_uuid (id))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "There is no order with this id.");
      return NULL;
    }
  order = puratan_order_get (puratan_server_get_database (self), id, error);
  if (order == NULL)
    return NULL;
  if (principal != NULL && principal->role == PURATAN_ROLE_CUSTOMER)
    {
      customer = puratan_server_customer_of (self, principal, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (g_strcmp0 (customer, order->customer_id) != 0)
        {
          g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                               "There is no order with this id.");
          return NULL;
        }
    }
  return g_steal_pointer (&order);
}

/* Reads the order named by the path's {id} when the sender may see it; otherwise answers
 * (404 for a malformed id, an unknown order and another customer's order alike) and returns
 * NULL. */
PuratanOrder *
puratan_server_visible_order (PuratanServer *self, SoupServerMessage *msg, GHashTable *params)
{
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) error = NULL;

  order = puratan_server_order_for (self, puratan_server_get_principal (msg),
                                    g_hash_table_lookup (params, "id"), &error);
  if (order == NULL)
    puratan_server_respond_error (msg, error);
  return g_steal_pointer (&order);
}

/* Sets the order's ETag: its version, as a quoted string. */
void
puratan_server_set_etag (SoupServerMessage *msg, const PuratanOrder *order)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", order->version);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

/* Returns (transfer none) the shop's catalog, read on first use from the installed data. */
PuratanCatalog *
puratan_server_get_catalog (PuratanServer *self, GError **error)
{
  PuratanCatalog *catalog = g_atomic_pointer_get (&self->catalog);

  if (catalog != NULL)
    return catalog;
  /* Read once, by whichever request loop needs it first; unchanged after that. */
  g_mutex_lock (&self->catalog_lock);
  if (self->catalog == NULL)
    {
      g_autofree char *directory = puratan_data_dir_get_path ("catalog");

      g_atomic_pointer_set (&self->catalog, puratan_catalog_load_dir (directory, error));
    }
  catalog = self->catalog;
  g_mutex_unlock (&self->catalog_lock);
  return catalog;
}

/* Adds the back office's business routes and what they keep. */
void
puratan_server_add_business_routes (PuratanServer *self)
{
  self->inflight_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  puratan_server_add_catalog_routes (self);
  puratan_server_add_order_routes (self);
  puratan_server_add_payment_routes (self);
  puratan_server_add_change_routes (self);
  puratan_server_add_sync_batch_route (self);
  puratan_server_add_upload_routes (self);
  puratan_server_add_file_routes (self);
  puratan_server_add_stripe_routes (self);
  puratan_server_add_openapi_route (self);
}

/* Frees what the business routes keep. */
void
puratan_server_business_finalize (PuratanServer *self)
{
  g_clear_pointer (&self->event_clients, g_ptr_array_unref);
  g_clear_pointer (&self->inflight_keys, g_hash_table_unref);
  puratan_server_set_upload_expiry (self, 0);
  g_clear_pointer (&self->tus_writing, g_hash_table_unref);
  g_clear_pointer (&self->tus_hashes, g_hash_table_unref);
  g_clear_object (&self->payment_provider);
  g_clear_pointer (&self->catalog, puratan_catalog_unref);
  g_clear_pointer (&self->catalog_body, g_bytes_unref);
  g_clear_pointer (&self->catalog_etag, g_free);
  g_clear_pointer (&self->priced_lines, g_hash_table_unref);
}
