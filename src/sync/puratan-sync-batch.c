/* puratan-sync-batch.c: orders' creations and payments sent many to a request
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push gathers consecutive orders' creations and payments into one
 * `POST /api/v1/sync/batch`, each change under its own idempotency key, and records the
 * answers in one local transaction. What may not wait is sent first: an entry of an order
 * in the batch that cannot go in it (a workflow step, an edit) sends the batch before it,
 * and so does a second order for a customer the batch makes by name (the server makes the
 * customer with the first; the second names the server's customer). A server without the
 * batch route gets the same changes one request each.
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-push-private.h"

static guint
batch_limit (Push *push)
{
  return push->run->batch_size > 0 ? MIN (push->run->batch_size, 500) : PURATAN_SYNC_DEFAULT_BATCH;
}

static void
add_item (Push *push, PushItem *item)
{
  const char *order = item->order_local_id != NULL ? item->order_local_id : "";

  if (!item->payment)
    g_hash_table_replace (push->pending_orders, g_strdup (order),
                          g_strdup (item->entry->idempotency_key));
  else if (!g_hash_table_contains (push->pending_orders, order))
    g_hash_table_insert (push->pending_orders, g_strdup (order), g_strdup (""));
  if (item->customer_local_id != NULL)
    g_hash_table_add (push->pending_customers, g_strdup (item->customer_local_id));
  g_ptr_array_add (push->items, item);
}

static gboolean
take_create (Push *push, PuratanOutboxEntry *entry, GError **error)
{
  g_autoptr (PushItem) item = NULL;

  if (!puratan_sync_push_order_prepare (push, entry, &item, error))
    return FALSE;
  if (item == NULL)
    return TRUE;
  if (item->customer_local_id != NULL &&
      g_hash_table_contains (push->pending_customers, item->customer_local_id))
    {
      /* The batch makes this customer: once it is answered, this order names them by the
       * server's id. */
      g_clear_pointer (&item, puratan_sync_push_item_free);
      if (!puratan_sync_push_batch_flush (push, error) ||
          !puratan_sync_push_order_prepare (push, entry, &item, error))
        return FALSE;
      if (item == NULL)
        return TRUE;
    }
  add_item (push, g_steal_pointer (&item));
  return push->items->len < batch_limit (push) || puratan_sync_push_batch_flush (push, error);
}

/* A payment goes in the batch when its order is on the server or its creation is in the
 * batch; otherwise it is left to the single path (which refuses it or holds it). */
static gboolean
take_payment (
    Push *push, PuratanOutboxEntry *entry, const char *order_id, gboolean *taken, GError **error)
{
  g_autoptr (PushItem) item = NULL;
  g_autofree char *server_id = NULL;
  const char *create_key = g_hash_table_lookup (push->pending_orders, order_id);

  if (create_key == NULL || create_key[0] == '\0')
    {
      if (!puratan_sync_link_lookup (push->run->database, "order", order_id, &server_id, NULL,
                                     error))
        return FALSE;
      if (server_id == NULL)
        return TRUE;
      create_key = NULL;
    }
  *taken = TRUE;
  if (!puratan_sync_push_payment_prepare (push, entry, server_id, create_key, &item, error))
    return FALSE;
  if (item == NULL)
    return TRUE;
  add_item (push, g_steal_pointer (&item));
  return push->items->len < batch_limit (push) || puratan_sync_push_batch_flush (push, error);
}

/**
 * puratan_sync_push_batch_add:
 * @push: the pass
 * @entry: the next outbox entry (not answered yet)
 * @taken: (out): whether the entry is settled (gathered into the batch, or needs nothing
 *   more this pass); when %FALSE the caller sends it alone
 * @error: return location for a #GError
 *
 * Returns: %FALSE when a batch that had to go first failed
 */
gboolean
puratan_sync_push_batch_add (Push *push, PuratanOutboxEntry *entry, gboolean *taken, GError **error)
{
  g_autoptr (JsonObject) payload = NULL;
  const char *order_id = NULL;

  *taken = FALSE;
  if (g_str_equal (entry->entity, "order"))
    order_id = entry->entity_id;
  else if (g_str_equal (entry->entity, "payment"))
    {
      payload = puratan_json_parse_object (entry->payload, -1, NULL);
      if (payload != NULL)
        order_id = json_object_get_string_member_with_default (payload, "order_id", NULL);
    }
  if (order_id == NULL)
    return TRUE;

  if (!push->single && !g_hash_table_contains (push->held, order_id))
    {
      if (g_str_equal (entry->entity, "order") && g_str_equal (entry->operation, "create"))
        {
          *taken = TRUE;
          return take_create (push, entry, error);
        }
      if (g_str_equal (entry->entity, "order") && g_str_equal (entry->operation, "add_line") &&
          g_hash_table_contains (push->pending_orders, order_id))
        {
          /* Gathered with its order's creation, whose answer settles it. */
          *taken = TRUE;
          return TRUE;
        }
      if (g_str_equal (entry->entity, "payment") && g_str_equal (entry->operation, "payment"))
        return take_payment (push, entry, order_id, taken, error);
    }
  /* Anything else of an order in the batch waits for the batch. */
  if (g_hash_table_contains (push->pending_orders, order_id))
    return puratan_sync_push_batch_flush (push, error);
  return TRUE;
}

static char *
batch_body (Push *push)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < push->items->len; i++)
    {
      PushItem *item = push->items->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "idempotency_key");
      json_builder_add_string_value (builder, item->payment ? item->payment_key
                                                            : item->entry->idempotency_key);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, item->payment ? "payment" : "order.create");
      if (item->order_server_id != NULL)
        {
          json_builder_set_member_name (builder, "order_id");
          json_builder_add_string_value (builder, item->order_server_id);
        }
      else if (item->order_key != NULL)
        {
          json_builder_set_member_name (builder, "order_key");
          json_builder_add_string_value (builder, item->order_key);
        }
      json_builder_set_member_name (builder, "body");
      json_builder_add_value (builder, json_from_string (item->body, NULL));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return puratan_json_to_string (root, FALSE);
}

static void
clear_batch (Push *push)
{
  g_ptr_array_set_size (push->items, 0);
  g_ptr_array_set_size (push->kept_pages, 0);
  g_hash_table_remove_all (push->pending_orders);
  g_hash_table_remove_all (push->pending_customers);
}

/* Sends the gathered changes one request each, in order (a server without the batch route). */
static gboolean
send_singly (Push *push, GError **error)
{
  for (guint i = 0; i < push->items->len; i++)
    {
      PushItem *item = push->items->pdata[i];

      if (!item->payment)
        {
          if (!puratan_sync_push_order_send (push, item, error))
            return FALSE;
          continue;
        }
      if (g_hash_table_contains (push->held, item->order_local_id))
        continue;
      if (item->order_server_id == NULL &&
          !puratan_sync_link_lookup (push->run->database, "order", item->order_local_id,
                                     &item->order_server_id, NULL, error))
        return FALSE;
      if (item->order_server_id == NULL)
        continue; /* left queued: the next pass refuses it with its order */
      if (!puratan_sync_push_payment_send (push, item, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Push *push;
  JsonArray *results;
  GError *busy;
} Answers;

static gboolean
record_answers (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Answers *answers = user_data;
  Push *push = answers->push;

  for (guint i = 0; i < push->items->len; i++)
    {
      PushItem *item = push->items->pdata[i];
      JsonNode *node = json_array_get_element (answers->results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *body = result != NULL ? json_object_get_member (result, "body") : NULL;
      PuratanSyncResponse response = { 0 };
      g_autofree char *text = NULL;
      gboolean ok;

      if (result == NULL || !json_object_has_member (result, "status") ||
          json_object_get_int_member_with_default (result, "status", 0) < 200 ||
          json_object_get_int_member_with_default (result, "status", 0) > 599)
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                       "Result %u of the server's answer to a batch has no status", i + 1);
          return FALSE;
        }
      response.status = (guint) json_object_get_int_member (result, "status");
      response.replayed = json_object_get_boolean_member_with_default (result, "replayed", FALSE);
      response.retry_after = -1;
      if (response.status >= 200 && response.status < 300 && body != NULL &&
          JSON_NODE_HOLDS_OBJECT (body))
        {
          /* Parsed already: handed over as it is. */
          item->answer = json_object_ref (json_node_get_object (body));
          text = g_strdup ("");
        }
      else
        text = body != NULL && !JSON_NODE_HOLDS_NULL (body) ? json_to_string (body, FALSE)
                                                            : g_strdup ("");
      response.body = g_bytes_new (text, strlen (text));
      if (response.status == 409)
        {
          /* Its key is still in use by another request: it stays queued, and so do its
           * order's later changes this pass. */
          if (answers->busy == NULL)
            puratan_sync_response_check (&response, &answers->busy);
          g_hash_table_add (push->held, g_strdup (item->order_local_id));
          g_bytes_unref (response.body);
          continue;
        }
      ok = item->payment ? puratan_sync_push_payment_answered (push, item, &response, error)
                         : puratan_sync_push_order_answered (push, item, &response, error);
      g_bytes_unref (response.body);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * puratan_sync_push_batch_flush:
 * @push: the pass
 * @error: return location for a #GError
 *
 * Sends the gathered changes and records the answers, in one local transaction. Changes
 * whose answer does not arrive stay queued, to be sent again under the same keys.
 *
 * Returns: %TRUE when every gathered change was answered
 */
gboolean
puratan_sync_push_batch_flush (Push *push, GError **error)
{
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *body = NULL;
  Answers answers = { push, NULL, NULL };
  guint sent = push->sent;
  gboolean ok;

  if (push->items->len == 0)
    return TRUE;
  body = batch_body (push);
  response =
      puratan_sync_run_request (push->run, "POST", "/api/v1/sync/batch", NULL, NULL, body, error);
  if (response == NULL)
    {
      clear_batch (push);
      return FALSE;
    }
  if (response->status == 404 || response->status == 405 || response->status == 413)
    {
      /* A server without the route, or a batch over its body limit: one request each. */
      g_debug ("The server took no batch (HTTP %u); sending one change per request",
               response->status);
      push->single = TRUE;
      ok = send_singly (push, error);
      clear_batch (push);
      return ok;
    }
  if (!puratan_sync_response_check (response, error) ||
      (answer = puratan_sync_response_object (response, error)) == NULL)
    {
      clear_batch (push);
      return FALSE;
    }
  if (!json_object_has_member (answer, "results") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (answer, "results")) ||
      json_array_get_length (json_object_get_array_member (answer, "results")) != push->items->len)
    {
      clear_batch (push);
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server's answer to a batch does not have one result per change");
      return FALSE;
    }
  answers.results = json_object_get_array_member (answer, "results");
  ok = puratan_database_run_in_transaction (push->run->database, record_answers, &answers, error);
  if (!ok)
    push->sent = sent; /* nothing of it was recorded */
  clear_batch (push);
  if (ok && answers.busy != NULL)
    {
      g_propagate_error (error, answers.busy);
      return FALSE;
    }
  g_clear_error (&answers.busy);
  return ok;
}
