/* puratan-sync-batch.c: orders' creations and payments sent many to a request
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push gathers consecutive orders' creations and payments into one
 * `POST /api/v1/sync/batch`, each change under its own idempotency key, and records the
 * answers in one local transaction. An order's workflow steps go in the batch that holds
 * its creation, after it (the server's state is then what the batch makes it), unless the
 * step is a resume or a cancel. What may not wait is sent first: an entry of an order in
 * the batch that cannot go in it (such a step, an edit) sends the batch before it,
 * and so does a second order for a customer the batch makes by name (the server makes the
 * customer with the first; the second names the server's customer). A server without the
 * batch route gets the same changes one request each.
 *
 * One batch is in flight while the next is gathered: it is sent on a thread of its own, and
 * once its answer is in, the next batch is sent before the answer is recorded, so the
 * server's work overlaps the workstation's. A batch only ever goes after the one before it
 * was answered (one connection, one request at a time): the server applies them in order,
 * and a payment in a later batch may name its order by the key of its creation in an
 * earlier one. What a change in the next batch would need from the answer of the one in
 * flight (the server's customer) waits for that answer.
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-push-private.h"

struct _PushBatch
{
  GPtrArray *items;
  GHashTable *orders;
  GHashTable *customers;
  /* The orders whose last gathered step puts them on hold (the next step is a resume). */
  GHashTable *holds;
  GPtrArray *pages;
  /* Once sent: the request on its thread, and its outcome. */
  PuratanSyncRun *run;
  char *body;
  GThread *thread;
  PuratanSyncResponse *response;
  GError *error;
};

static PushBatch *
batch_new (void)
{
  PushBatch *batch = g_new0 (PushBatch, 1);

  batch->items = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_sync_push_item_free);
  batch->orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  batch->customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return batch;
}

static void
batch_free (PushBatch *batch)
{
  if (batch == NULL)
    return;
  /* A request under way is waited for: its thread uses the run. */
  if (batch->thread != NULL)
    g_thread_join (batch->thread);
  g_ptr_array_unref (batch->items);
  g_hash_table_unref (batch->orders);
  g_hash_table_unref (batch->customers);
  g_hash_table_unref (batch->holds);
  g_ptr_array_unref (batch->pages);
  g_free (batch->body);
  g_clear_pointer (&batch->response, puratan_sync_response_free);
  g_clear_error (&batch->error);
  g_free (batch);
}

/**
 * puratan_sync_push_batch_init:
 * @push: a pass
 */
void
puratan_sync_push_batch_init (Push *push)
{
  push->gathering = batch_new ();
  push->sending = NULL;
}

/**
 * puratan_sync_push_batch_clear:
 * @push: a pass
 *
 * Lets go of the batches, waiting for a request still under way; what was not answered stays
 * queued.
 */
void
puratan_sync_push_batch_clear (Push *push)
{
  g_clear_pointer (&push->sending, batch_free);
  g_clear_pointer (&push->gathering, batch_free);
}

/**
 * puratan_sync_push_batch_keep_page:
 * @push: a pass
 * @page: a page of the outbox just gone through
 *
 * Keeps @page for the batches that borrow its entries.
 */
void
puratan_sync_push_batch_keep_page (Push *push, GPtrArray *page)
{
  if (push->gathering->items->len > 0)
    g_ptr_array_add (push->gathering->pages, g_ptr_array_ref (page));
  if (push->sending != NULL)
    g_ptr_array_add (push->sending->pages, g_ptr_array_ref (page));
}

/* The key of @order_id's creation in a batch not answered yet ("" when a batch has only its
 * payments), or NULL. */
static const char *
pending_order (Push *push, const char *order_id)
{
  const char *key = g_hash_table_lookup (push->gathering->orders, order_id);

  if ((key == NULL || key[0] == '\0') && push->sending != NULL)
    {
      const char *sent = g_hash_table_lookup (push->sending->orders, order_id);
      if (sent != NULL && (key == NULL || sent[0] != '\0'))
        key = sent;
    }
  return key;
}

static guint
batch_limit (Push *push)
{
  return push->run->batch_size > 0 ? MIN (push->run->batch_size, 500) : PURATAN_SYNC_DEFAULT_BATCH;
}

static void
add_item (Push *push, PushItem *item)
{
  PushBatch *batch = push->gathering;
  const char *order = item->order_local_id != NULL ? item->order_local_id : "";

  if (item->step)
    {
      if (g_str_equal (item->to_status, "on_hold"))
        g_hash_table_add (batch->holds, g_strdup (order));
      else
        g_hash_table_remove (batch->holds, order);
    }
  else if (!item->payment)
    g_hash_table_replace (batch->orders, g_strdup (order), g_strdup (item->entry->idempotency_key));
  else if (!g_hash_table_contains (batch->orders, order))
    g_hash_table_insert (batch->orders, g_strdup (order), g_strdup (""));
  if (item->customer_local_id != NULL)
    g_hash_table_add (batch->customers, g_strdup (item->customer_local_id));
  g_ptr_array_add (batch->items, item);
}

static gboolean send_gathered (Push *push, GError **error);

static gboolean
take_create (Push *push, PuratanOutboxEntry *entry, GError **error)
{
  g_autoptr (PushItem) item = NULL;

  if (!puratan_sync_push_order_prepare (push, entry, &item, error))
    return FALSE;
  if (item == NULL)
    return TRUE;
  if (item->customer_local_id != NULL &&
      (g_hash_table_contains (push->gathering->customers, item->customer_local_id) ||
       (push->sending != NULL &&
        g_hash_table_contains (push->sending->customers, item->customer_local_id))))
    {
      /* A batch makes this customer: once it is answered, this order names them by the
       * server's id. */
      g_clear_pointer (&item, puratan_sync_push_item_free);
      if (!puratan_sync_push_batch_flush (push, error) ||
          !puratan_sync_push_order_prepare (push, entry, &item, error))
        return FALSE;
      if (item == NULL)
        return TRUE;
    }
  add_item (push, g_steal_pointer (&item));
  return push->gathering->items->len < batch_limit (push) || send_gathered (push, error);
}

/* A payment goes in the batch when its order is on the server or its creation is in a
 * batch; otherwise it is left to the single path (which refuses it or holds it). */
static gboolean
take_payment (
    Push *push, PuratanOutboxEntry *entry, const char *order_id, gboolean *taken, GError **error)
{
  g_autoptr (PushItem) item = NULL;
  g_autofree char *server_id = NULL;
  const char *create_key = pending_order (push, order_id);

  if (create_key == NULL || create_key[0] == '\0')
    {
      if (!puratan_sync_link_lookup (push->run->database, "order", order_id, &server_id, NULL,
                                     error))
        return FALSE;
      if (server_id == NULL)
        {
          /* Its creation's answer may still be on its way. */
          if (create_key == NULL)
            return TRUE;
          if (!puratan_sync_push_batch_flush (push, error) ||
              !puratan_sync_link_lookup (push->run->database, "order", order_id, &server_id, NULL,
                                         error))
            return FALSE;
          if (server_id == NULL)
            return TRUE;
        }
      create_key = NULL;
    }
  *taken = TRUE;
  if (!puratan_sync_push_payment_prepare (push, entry, server_id, create_key, &item, error))
    return FALSE;
  if (item == NULL)
    return TRUE;
  add_item (push, g_steal_pointer (&item));
  return push->gathering->items->len < batch_limit (push) || send_gathered (push, error);
}

/* A workflow step goes in the batch when its order's creation is in a batch not answered
 * yet, and the step follows from its status alone (not after a hold). */
static gboolean
take_step (Push *push, PuratanOutboxEntry *entry, gboolean *taken, GError **error)
{
  g_autoptr (PushItem) item = NULL;
  const char *create_key = pending_order (push, entry->entity_id);

  if (create_key == NULL || create_key[0] == '\0' ||
      g_hash_table_contains (push->gathering->holds, entry->entity_id) ||
      (push->sending != NULL && g_hash_table_contains (push->sending->holds, entry->entity_id)))
    return TRUE;
  if (!puratan_sync_push_state_prepare (push, entry, create_key, &item, error))
    return FALSE;
  if (item == NULL)
    return TRUE;
  *taken = TRUE;
  add_item (push, g_steal_pointer (&item));
  return push->gathering->items->len < batch_limit (push) || send_gathered (push, error);
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
          pending_order (push, order_id) != NULL)
        {
          /* Gathered with its order's creation, whose answer settles it. */
          *taken = TRUE;
          return TRUE;
        }
      if (g_str_equal (entry->entity, "payment") && g_str_equal (entry->operation, "payment"))
        return take_payment (push, entry, order_id, taken, error);
      if (g_str_equal (entry->entity, "order") && g_str_equal (entry->operation, "state"))
        {
          if (!take_step (push, entry, taken, error))
            return FALSE;
          if (*taken)
            return TRUE;
        }
    }
  /* Anything else goes alone, after the batches: one request at a time, and an order's
   * changes in their order. Files wait for the uploader and send nothing here. */
  if (g_str_equal (entry->operation, "attach_file") ||
      (push->sending == NULL && push->gathering->items->len == 0))
    return TRUE;
  return puratan_sync_push_batch_flush (push, error);
}

static char *
batch_body (GPtrArray *items)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      PushItem *item = items->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "idempotency_key");
      json_builder_add_string_value (builder, item->payment ? item->payment_key
                                                            : item->entry->idempotency_key);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, item->step      ? "order.transition"
                                              : item->payment ? "payment"
                                                              : "order.create");
      if (item->step)
        {
          json_builder_set_member_name (builder, "to_status");
          json_builder_add_string_value (builder, item->to_status);
        }
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

/* Sends the changes one request each, in order (a server without the batch route). */
static gboolean
send_singly (Push *push, GPtrArray *items, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      PushItem *item = items->pdata[i];

      if (item->step)
        {
          if (!g_hash_table_contains (push->held, item->order_local_id) &&
              !puratan_sync_push_state_send (push, item, error))
            return FALSE;
          continue;
        }
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
  GPtrArray *items;
  JsonArray *results;
  GError *busy;
} Answers;

static gboolean
record_answers (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Answers *answers = user_data;
  Push *push = answers->push;

  for (guint i = 0; i < answers->items->len; i++)
    {
      PushItem *item = answers->items->pdata[i];
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
      if (item->step)
        ok = puratan_sync_push_state_answered (push, item, &response, error);
      else if (item->payment)
        ok = puratan_sync_push_payment_answered (push, item, &response, error);
      else
        ok = puratan_sync_push_order_answered (push, item, &response, error);
      g_bytes_unref (response.body);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gpointer
send_thread (gpointer data)
{
  PushBatch *batch = data;

  batch->response = puratan_sync_run_request (batch->run, "POST", "/api/v1/sync/batch", NULL, NULL,
                                              batch->body, &batch->error);
  return NULL;
}

/* Records the answer to @batch, sent and waited for. */
static gboolean
settle (Push *push, PushBatch *batch, GError **error)
{
  g_autoptr (JsonObject) answer = NULL;
  Answers answers = { push, batch->items, NULL, NULL };
  PuratanSyncResponse *response = batch->response;
  guint sent = push->sent;
  gboolean ok;

  if (response == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&batch->error));
      return FALSE;
    }
  if (response->status == 404 || response->status == 405 || response->status == 413)
    {
      /* A server without the route, or a batch over its body limit: one request each. */
      g_debug ("The server took no batch (HTTP %u); sending one change per request",
               response->status);
      push->single = TRUE;
      return send_singly (push, batch->items, error);
    }
  if (!puratan_sync_response_check (response, error) ||
      (answer = puratan_sync_response_object (response, error)) == NULL)
    return FALSE;
  if (!json_object_has_member (answer, "results") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (answer, "results")) ||
      json_array_get_length (json_object_get_array_member (answer, "results")) != batch->items->len)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server's answer to a batch does not have one result per change");
      return FALSE;
    }
  answers.results = json_object_get_array_member (answer, "results");
  ok = puratan_database_run_in_transaction (push->run->database, record_answers, &answers, error);
  if (!ok)
    push->sent = sent; /* nothing of it was recorded */
  if (ok && answers.busy != NULL)
    {
      g_propagate_error (error, answers.busy);
      return FALSE;
    }
  g_clear_error (&answers.busy);
  return ok;
}

/* Waits for the batch in flight, if any, and takes it off the pass. */
static PushBatch *
wait_sending (Push *push)
{
  PushBatch *batch = g_steal_pointer (&push->sending);

  if (batch != NULL && batch->thread != NULL)
    {
      g_thread_join (batch->thread);
      batch->thread = NULL;
    }
  return batch;
}

/* Sends the gathered batch once the one in flight is answered, then records that answer
 * while the server works on the new batch. */
static gboolean
send_gathered (Push *push, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PushBatch *previous = wait_sending (push);
  PushBatch *batch = push->gathering;
  gboolean ok;

  if (previous != NULL && (previous->response == NULL || previous->response->status != 200))
    {
      /* Nothing goes after a batch that failed, or that the server did not take. */
      ok = settle (push, previous, error);
      batch_free (previous);
      if (!ok || batch->items->len == 0)
        return ok;
      previous = NULL;
    }
  if (batch->items->len > 0 && !push->single)
    {
      push->gathering = batch_new ();
      batch->run = push->run;
      batch->body = batch_body (batch->items);
      batch->thread = g_thread_new ("puratan-sync-batch", send_thread, batch);
      push->sending = batch;
    }
  else if (batch->items->len > 0)
    {
      push->gathering = batch_new ();
      ok = send_singly (push, batch->items, &local_error);
      batch_free (batch);
      if (!ok)
        {
          batch_free (previous);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (previous == NULL)
    return TRUE;
  ok = settle (push, previous, error);
  batch_free (previous);
  return ok;
}

/**
 * puratan_sync_push_batch_flush:
 * @push: the pass
 * @error: return location for a #GError
 *
 * Sends what is gathered and records the answers of every batch. Changes whose answer does
 * not arrive stay queued, to be sent again under the same keys.
 *
 * Returns: %TRUE when every change sent was answered
 */
gboolean
puratan_sync_push_batch_flush (Push *push, GError **error)
{
  PushBatch *last;
  gboolean ok;

  if (!send_gathered (push, error))
    return FALSE;
  last = wait_sending (push);
  if (last == NULL)
    return TRUE;
  ok = settle (push, last, error);
  batch_free (last);
  return ok;
}
