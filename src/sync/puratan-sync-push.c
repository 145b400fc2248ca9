/* puratan-sync-push.c: the outbox sent to the server, in order, exactly once
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-private.h"
#include "puratan-sync-push-private.h"

/* Outbox entries read at a time. */
#define PUSH_PAGE 1000

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  return puratan_json_to_string (root, FALSE);
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return puratan_json_to_string (node, FALSE);
}

static gboolean
record (Push *push,
        const char *const *keys,
        PuratanSyncOutcome outcome,
        const char *entity,
        const char *local_id,
        PuratanSyncResponse *response,
        JsonObject *server_record,
        const char *detail,
        GError **error)
{
  g_autofree char *data = server_record != NULL ? object_to_json (server_record) : NULL;
  PuratanSyncAnswer answer = { keys, outcome, entity, local_id };
  gint64 version = 0;

  if (server_record != NULL)
    {
      answer.server_id = json_object_get_string_member_with_default (server_record, "id", NULL);
      version = json_object_get_int_member_with_default (server_record, "version", 0);
      if (g_strcmp0 (entity, "order") == 0)
        answer.server_data = data;
    }
  answer.server_version = version;
  answer.status = response != NULL ? response->status : 0;
  answer.detail = detail;
  if (!puratan_sync_record_answer (push->run->database, &answer, error))
    return FALSE;
  if (outcome == PURATAN_SYNC_OUTCOME_SENT)
    push->sent++;
  return TRUE;
}

static gboolean
refuse (Push *push,
        const PuratanOutboxEntry *entry,
        PuratanSyncResponse *response,
        const char *detail,
        GError **error)
{
  const char *const keys[] = { entry->idempotency_key, NULL };
  g_autofree char *problem = NULL;

  if (detail == NULL && response != NULL)
    detail = problem = puratan_sync_response_problem (response, NULL);
  g_message ("The server refused %s %s (%s): %s", entry->entity, entry->entity_id, entry->operation,
             detail);
  return record (push, keys, PURATAN_SYNC_OUTCOME_REFUSED, entry->entity, entry->entity_id,
                 response, NULL, detail, error);
}

/* Turns a line snapshot into the line the server prices itself: the catalog's product id,
 * the quantity and the quote's options. */
static gboolean
add_server_line (JsonBuilder *builder, const char *snapshot_json, GError **error)
{
  g_autoptr (JsonObject) snapshot = puratan_json_parse_object (snapshot_json, -1, NULL);
  const char *product = NULL;
  gint64 quantity = 0;
  JsonObject *quote_line = NULL;
  JsonObject *options = NULL;

  if (snapshot == NULL || !json_object_has_member (snapshot, "catalog_product") ||
      !puratan_json_get_string (snapshot, "catalog_product", &product, NULL) ||
      !puratan_json_get_int (snapshot, "quantity", &quantity, NULL))
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_REFUSED,
                   "A line of the order was not priced from the catalog, and the shop's server "
                   "prices every order from its catalog; place the order again from a quote");
      return FALSE;
    }
  if (json_object_has_member (snapshot, "quote_line") &&
      puratan_json_get_object (snapshot, "quote_line", &quote_line, NULL) &&
      json_object_has_member (quote_line, "options"))
    puratan_json_get_object (quote_line, "options", &options, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "product");
  json_builder_add_string_value (builder, product);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  if (options != NULL)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, options);
      json_builder_set_member_name (builder, "options");
      json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_object (builder);
  return TRUE;
}

/**
 * puratan_sync_push_item_free:
 * @item: (nullable): an item
 */
void
puratan_sync_push_item_free (PushItem *item)
{
  if (item == NULL)
    return;
  g_strfreev (item->lines);
  g_clear_pointer (&item->keys, g_ptr_array_unref);
  g_free (item->body);
  g_free (item->customer_local_id);
  g_free (item->order_local_id);
  g_free (item->order_server_id);
  g_free (item->order_key);
  g_free (item->payment_key);
  g_free (item->to_status);
  g_free (item->action);
  g_clear_pointer (&item->answer, json_object_unref);
  g_free (item);
}

/* The keys of the @n_lines lines of the order created by @entry, read from the page being
 * sent (they follow their order's creation); NULL when the page does not hold them all. A
 * never-sent order has one waiting `add_line` entry per line. */
static char **
page_line_keys (Push *push, const PuratanOutboxEntry *entry, guint n_lines)
{
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  guint found = 0;

  if (push->page == NULL)
    return NULL;
  for (guint i = push->index + 1; i < push->page->len && found < n_lines; i++)
    {
      const PuratanOutboxEntry *other = push->page->pdata[i];

      if (g_str_equal (other->entity, "order") && g_str_equal (other->operation, "add_line") &&
          g_str_equal (other->entity_id, entry->entity_id))
        {
          g_strv_builder_add (keys, other->idempotency_key);
          found++;
        }
    }
  return found == n_lines ? g_strv_builder_end (keys) : NULL;
}

/* Builds the request of an order's creation into *@out; NULL when nothing goes now (a draft
 * without lines, held; or an order refused here, recorded). */
gboolean
puratan_sync_push_order_prepare (Push *push,
                                 PuratanOutboxEntry *entry,
                                 PushItem **out,
                                 GError **error)
{
  PuratanSyncRun *run = push->run;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GError) line_error = NULL;
  g_autofree char *customer_server_id = NULL;
  PushItem *item;

  *out = NULL;
  order = puratan_order_get (run->database, entry->entity_id, error);
  if (order == NULL)
    return FALSE;
  if (order->lines->len == 0)
    {
      /* A draft without lines yet: it goes once it has some. */
      g_hash_table_add (push->held, g_strdup (entry->entity_id));
      return TRUE;
    }
  item = g_new0 (PushItem, 1);
  item->entry = entry;
  item->order_local_id = g_strdup (entry->entity_id);
  /* The order's lines travel with it: the server takes an order with its lines only. */
  item->lines = page_line_keys (push, entry, order->lines->len);
  if (item->lines == NULL)
    item->lines =
        puratan_outbox_pending_keys (run->database, "order", entry->entity_id, "add_line", error);
  if (item->lines == NULL)
    {
      puratan_sync_push_item_free (item);
      return FALSE;
    }
  item->keys = g_ptr_array_new ();
  g_ptr_array_add (item->keys, entry->idempotency_key);
  for (guint i = 0; item->lines[i] != NULL; i++)
    g_ptr_array_add (item->keys, item->lines[i]);
  g_ptr_array_add (item->keys, NULL);

  item->staff = push->staff;
  json_builder_begin_object (builder);
  if (item->staff)
    {
      if (!puratan_sync_link_lookup (run->database, "customer", order->customer_id,
                                     &customer_server_id, NULL, error))
        {
          puratan_sync_push_item_free (item);
          return FALSE;
        }
      if (customer_server_id != NULL)
        {
          json_builder_set_member_name (builder, "customer_id");
          json_builder_add_string_value (builder, customer_server_id);
        }
      else
        {
          customer = puratan_customer_get (run->database, order->customer_id, error);
          if (customer == NULL)
            {
              puratan_sync_push_item_free (item);
              return FALSE;
            }
          json_builder_set_member_name (builder, "customer_name");
          json_builder_add_string_value (builder, customer->name);
          item->customer_local_id = g_strdup (order->customer_id);
        }
    }
  if (order->due_date != NULL)
    {
      json_builder_set_member_name (builder, "due_date");
      json_builder_add_string_value (builder, order->due_date);
    }
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, order->notes != NULL ? order->notes : "");
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->lines->len && line_error == NULL; i++)
    add_server_line (builder, ((PuratanOrderLine *) order->lines->pdata[i])->snapshot, &line_error);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (line_error != NULL)
    {
      gboolean ok;

      g_hash_table_add (push->held, g_strdup (entry->entity_id));
      ok = record (push, (const char *const *) item->keys->pdata, PURATAN_SYNC_OUTCOME_REFUSED,
                   "order", entry->entity_id, NULL, NULL, line_error->message, error);
      puratan_sync_push_item_free (item);
      return ok;
    }
  item->body = to_json (builder);
  *out = item;
  return TRUE;
}

/* The answer's body as an object: the one a batch's result carried, parsed already, or the
 * single request's. */
static JsonObject *
item_answer (PushItem *item, PuratanSyncResponse *response, GError **error)
{
  if (item->answer != NULL)
    return json_object_ref (item->answer);
  return puratan_sync_response_object (response, error);
}

/* Records the server's answer to an order's creation. */
gboolean
puratan_sync_push_order_answered (Push *push,
                                  PushItem *item,
                                  PuratanSyncResponse *response,
                                  GError **error)
{
  PuratanSyncRun *run = push->run;
  const PuratanOutboxEntry *entry = item->entry;
  const char *const *keys = (const char *const *) item->keys->pdata;
  g_autoptr (JsonObject) answer = NULL;
  PuratanSyncAnswer linked = { 0 };

  if (response->status != 200 && response->status != 201)
    {
      g_autofree char *detail = puratan_sync_response_problem (response, NULL);
      if (!puratan_sync_response_check (response, NULL) &&
          (response->status == 409 || response->status == 401))
        return puratan_sync_response_check (response, error);
      g_hash_table_add (push->held, g_strdup (entry->entity_id));
      return record (push, keys, PURATAN_SYNC_OUTCOME_REFUSED, "order", entry->entity_id, response,
                     NULL, detail, error);
    }
  answer = item_answer (item, response, error);
  if (answer == NULL)
    return FALSE;

  linked.keys = keys;
  linked.outcome = PURATAN_SYNC_OUTCOME_SENT;
  linked.entity = "order";
  linked.local_id = entry->entity_id;
  linked.server_id = json_object_get_string_member_with_default (answer, "id", NULL);
  linked.server_version = json_object_get_int_member_with_default (answer, "version", 0);
  linked.status = response->status;
  linked.detail = response->replayed ? "created (the server's stored answer)" : "created";
  if (item->customer_local_id != NULL)
    {
      linked.customer_local_id = item->customer_local_id;
      linked.customer_server_id =
          json_object_get_string_member_with_default (answer, "customer_id", NULL);
    }
  if (linked.server_id == NULL || linked.server_version < 1)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server's answer to a new order has no id or version");
      return FALSE;
    }
  {
    g_autofree char *data = object_to_json (answer);
    linked.server_data = data;
    if (!puratan_sync_record_answer (run->database, &linked, error))
      return FALSE;
  }
  /* The lines were answered with their order. */
  for (guint i = 0; item->lines[i] != NULL; i++)
    g_hash_table_add (push->held, g_strdup (item->lines[i]));
  push->sent++;
  return TRUE;
}

static gboolean
push_order_create (Push *push, PuratanOutboxEntry *entry, GError **error)
{
  g_autoptr (PushItem) item = NULL;

  if (!puratan_sync_push_order_prepare (push, entry, &item, error))
    return FALSE;
  return item == NULL || puratan_sync_push_order_send (push, item, error);
}

/* The workflow action that leads to @status; resuming is told by the server's current state. */
static const char *
action_for (const char *status, const char *delivery, gboolean from_hold)
{
  static const struct
  {
    const char *status;
    const char *action;
  } actions[] = {
    { "placed", "place" },
    { "awaiting_files", "request_files" },
    { "preflight", "submit_files" },
    { "preflight_ok", "preflight_pass" },
    { "needs_fix", "preflight_fail" },
    { "proof_sent", "send_proof" },
    { "proof_approved", "approve_proof" },
    { "changes_requested", "request_changes" },
    { "in_production", "start_production" },
    { "ready", "mark_ready" },
    { "closed", "close" },
    { "on_hold", "hold" },
    { "cancelled", "cancel" },
  };

  if (from_hold && g_strcmp0 (status, "on_hold") != 0 && g_strcmp0 (status, "cancelled") != 0)
    return "resume";
  if (g_strcmp0 (status, "delivered") == 0)
    return g_strcmp0 (delivery, "shipped") == 0 ? "ship" : "pick_up";
  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].status, status) == 0)
      return actions[i].action;
  return NULL;
}

/* The method of the last refund recorded on local order @order_id, or NULL. */
static gboolean
refund_method (PuratanDatabase *database, const char *order_id, char **method, GError **error)
{
  g_autoptr (GPtrArray) payments = puratan_payment_list_for_order (database, order_id, error);

  *method = NULL;
  if (payments == NULL)
    return FALSE;
  for (guint i = payments->len; i > 0; i--)
    {
      PuratanPayment *payment = payments->pdata[i - 1];

      if (g_strcmp0 (payment->kind, "refund") == 0)
        {
          *method = g_strdup (payment->method);
          break;
        }
    }
  return TRUE;
}

static gboolean
push_order_state (Push *push,
                  const PuratanOutboxEntry *entry,
                  const char *server_id,
                  gint64 version,
                  GError **error)
{
  PuratanSyncRun *run = push->run;
  const char *const keys[] = { entry->idempotency_key, NULL };
  g_autoptr (JsonObject) payload = puratan_json_parse_object (entry->payload, -1, NULL);
  g_autoptr (JsonObject) current = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/transitions", server_id);
  g_autofree char *body = NULL;
  const char *status = NULL, *delivery = NULL, *action;

  if (payload == NULL || !puratan_json_get_string (payload, "status", &status, NULL))
    return refuse (push, entry, NULL, "The outbox entry has no order state", error);
  delivery = json_object_get_string_member_with_default (payload, "delivery", NULL);
  /* The server's state decides what the step is, and whether it was taken already (an
   * answer lost after the server committed it). */
  if (!puratan_sync_run_get_order (run, server_id, &current, error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member_with_default (current, "status", ""), status) == 0)
    return record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order", entry->entity_id, NULL, current,
                   "the server's order is in this state already", error);
  action =
      action_for (status, delivery,
                  g_strcmp0 (json_object_get_string_member_with_default (current, "status", ""),
                             "on_hold") == 0);
  if (action == NULL)
    return refuse (push, entry, NULL, "No workflow step leads to this state", error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  if (g_str_equal (action, "cancel"))
    {
      /* The server refunds what was paid with its cancel step, as the counter did here: by
       * the method of the refund recorded with the cancel. */
      g_autofree char *method = NULL;

      if (!refund_method (run->database, entry->entity_id, &method, error))
        return FALSE;
      if (method != NULL)
        {
          json_builder_set_member_name (builder, "refund_method");
          json_builder_add_string_value (builder, method);
        }
    }
  json_builder_end_object (builder);
  body = to_json (builder);
  response = puratan_sync_run_request (run, "POST", path, NULL, NULL, body, error);
  if (response == NULL)
    return FALSE;
  if (response->status != 200)
    {
      /* A step repeated after its answer was lost (libcurl itself sends a request again
       * when a kept-alive connection dies under it) finds the order in the state already. */
      g_clear_pointer (&current, json_object_unref);
      if (!puratan_sync_run_get_order (run, server_id, &current, error))
        return FALSE;
      if (g_strcmp0 (json_object_get_string_member_with_default (current, "status", ""), status) ==
          0)
        return record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order", entry->entity_id, response,
                       current, "the server's order is in this state already", error);
      return refuse (push, entry, response, NULL, error);
    }
  answer = puratan_sync_response_object (response, error);
  return answer != NULL && record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order", entry->entity_id,
                                   response, answer, action, error);
}

/**
 * puratan_sync_push_state_prepare:
 * @push: the pass
 * @entry: an order's `state` entry
 * @order_key: the key of the order's creation, in a batch not answered yet
 * @out: (out) (transfer full) (nullable): the step to gather, or %NULL when it must go alone
 * @error: return location for a #GError
 *
 * Prepares a workflow step of an order whose creation is in a batch: the batch's earlier
 * changes make the server's state, so the action follows from the status alone. A resume
 * or a cancel (whose refund reads the local payments) goes alone.
 *
 * Returns: %FALSE on a local error
 */
gboolean
puratan_sync_push_state_prepare (
    Push *push, PuratanOutboxEntry *entry, const char *order_key, PushItem **out, GError **error)
{
  g_autoptr (JsonObject) payload = puratan_json_parse_object (entry->payload, -1, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *status = NULL, *delivery = NULL, *action;
  PushItem *item;

  *out = NULL;
  if (payload == NULL || !puratan_json_get_string (payload, "status", &status, NULL))
    return TRUE; /* the single path refuses it */
  delivery = json_object_get_string_member_with_default (payload, "delivery", NULL);
  action = action_for (status, delivery, FALSE);
  if (action == NULL || g_str_equal (action, "cancel"))
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  json_builder_end_object (builder);
  item = g_new0 (PushItem, 1);
  item->entry = entry;
  item->step = TRUE;
  item->to_status = g_strdup (status);
  item->action = g_strdup (action);
  item->order_local_id = g_strdup (entry->entity_id);
  item->order_key = g_strdup (order_key);
  item->body = to_json (builder);
  *out = item;
  return TRUE;
}

/**
 * puratan_sync_push_state_answered:
 * @push: the pass
 * @item: a step sent in a batch
 * @response: its result
 * @error: return location for a #GError
 *
 * Records a step's answer: the server's order after it (or as it was, when it was in the
 * step's status already), or its refusal.
 *
 * Returns: %FALSE on a local error
 */
gboolean
puratan_sync_push_state_answered (Push *push,
                                  PushItem *item,
                                  PuratanSyncResponse *response,
                                  GError **error)
{
  const char *const keys[] = { item->entry->idempotency_key, NULL };
  g_autoptr (JsonObject) answer = NULL;

  if (response->status == 409)
    return puratan_sync_response_check (response, error);
  if (response->status != 200)
    return refuse (push, item->entry, response, NULL, error);
  answer = item_answer (item, response, error);
  return answer != NULL && record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order",
                                   item->entry->entity_id, response, answer, item->action, error);
}

/* Sends a gathered step alone (a server without the batch route), once its order is on
 * the server; otherwise it stays queued and the next pass refuses it with its order. */
gboolean
puratan_sync_push_state_send (Push *push, PushItem *item, GError **error)
{
  g_autofree char *server_id = NULL;
  gint64 version = 0;

  if (!puratan_sync_link_lookup (push->run->database, "order", item->order_local_id, &server_id,
                                 &version, error))
    return FALSE;
  return server_id == NULL || push_order_state (push, item->entry, server_id, version, error);
}

static gboolean
same_details (JsonObject *server, JsonObject *mine)
{
  const char *server_due = json_object_get_string_member_with_default (server, "due_date", NULL);
  const char *mine_due = json_object_get_string_member_with_default (mine, "due_date", NULL);

  return g_strcmp0 (server_due, mine_due) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (server, "notes", ""),
                    json_object_get_string_member_with_default (mine, "notes", "")) == 0;
}

static char *
details_body (JsonObject *payload)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *due = json_object_get_string_member_with_default (payload, "due_date", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "due_date");
  if (due != NULL)
    json_builder_add_string_value (builder, due);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder,
                                 json_object_get_string_member_with_default (payload, "notes", ""));
  json_builder_end_object (builder);
  return to_json (builder);
}

static gboolean
push_order_details (Push *push,
                    const PuratanOutboxEntry *entry,
                    const char *server_id,
                    gint64 version,
                    GError **error)
{
  PuratanSyncRun *run = push->run;
  const char *const keys[] = { entry->idempotency_key, NULL };
  g_autoptr (JsonObject) payload = puratan_json_parse_object (entry->payload, -1, NULL);
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (JsonObject) theirs = NULL;
  g_autofree char *path = g_strconcat ("/api/v1/orders/", server_id, NULL);
  g_autofree char *if_match = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_autofree char *body = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs_json = NULL;
  g_autofree char *detail = NULL;

  if (payload == NULL)
    return refuse (push, entry, NULL, "The outbox entry is not a JSON object", error);
  body = details_body (payload);
  response = puratan_sync_run_request (run, "PATCH", path, NULL, if_match, body, error);
  if (response == NULL)
    return FALSE;
  if (response->status == 200)
    {
      answer = puratan_sync_response_object (response, error);
      return answer != NULL && record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order",
                                       entry->entity_id, response, answer, "edited", error);
    }
  if (response->status != 412)
    return refuse (push, entry, response, NULL, error);

  /* Stale: someone changed the order on the server since this edit's version. */
  if (!puratan_sync_run_get_order (run, server_id, &theirs, error))
    return FALSE;
  if (same_details (theirs, payload))
    /* The edit itself reached the server before (its answer was lost). */
    return record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "order", entry->entity_id, response,
                   theirs, "the server has this edit already", error);
  mine = body;
  body = NULL;
  theirs_json = object_to_json (theirs);
  detail = puratan_sync_response_problem (response, NULL);
  g_message ("Order %s was changed on the server too; keeping both versions", entry->entity_id);
  return puratan_sync_conflict_add (
      run->database, entry->idempotency_key, entry->entity_id, server_id, mine, theirs_json,
      json_object_get_int_member_with_default (theirs, "version", 1), detail, error);
}

/* Builds the request of a payment into *@out; NULL when nothing goes (a refund, recorded as
 * made on the server by the cancel step; or an entry refused here). @order_server_id or
 * @order_key names the order. */
gboolean
puratan_sync_push_payment_prepare (Push *push,
                                   PuratanOutboxEntry *entry,
                                   const char *order_server_id,
                                   const char *order_key,
                                   PushItem **out,
                                   GError **error)
{
  const char *const keys[] = { entry->idempotency_key, NULL };
  g_autoptr (JsonObject) payload = puratan_json_parse_object (entry->payload, -1, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *method = NULL, *key = NULL, *reference = NULL;
  gint64 amount = 0;
  PushItem *item;

  *out = NULL;
  if (payload == NULL || !puratan_json_get_string (payload, "method", &method, NULL) ||
      !puratan_json_get_string (payload, "idempotency_key", &key, NULL) ||
      !puratan_json_get_int (payload, "amount_paise", &amount, NULL))
    return refuse (push, entry, NULL, "The outbox entry is not a payment", error);
  if (g_strcmp0 (entry->operation, "payment") != 0)
    /* Refunds reach the server with the cancel step, which refunds there. */
    return record (push, keys, PURATAN_SYNC_OUTCOME_LOCAL, "payment", entry->entity_id, NULL, NULL,
                   "a refund is made on the server by its cancel step", error);
  reference = json_object_get_string_member_with_default (payload, "reference", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "amount");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount_minor");
  json_builder_add_int_value (builder, amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "INR");
  json_builder_end_object (builder);
  if (reference != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, reference);
    }
  json_builder_end_object (builder);

  item = g_new0 (PushItem, 1);
  item->entry = entry;
  item->payment = TRUE;
  item->keys = g_ptr_array_new ();
  g_ptr_array_add (item->keys, entry->idempotency_key);
  g_ptr_array_add (item->keys, NULL);
  item->body = to_json (builder);
  /* The payment's own key, made when the counter took it: a retry can never charge twice. */
  item->payment_key = g_strdup (key);
  item->order_local_id =
      g_strdup (json_object_get_string_member_with_default (payload, "order_id", ""));
  item->order_server_id = g_strdup (order_server_id);
  item->order_key = g_strdup (order_key);
  *out = item;
  return TRUE;
}

/* Records the server's answer to a payment. */
gboolean
puratan_sync_push_payment_answered (Push *push,
                                    PushItem *item,
                                    PuratanSyncResponse *response,
                                    GError **error)
{
  const char *const keys[] = { item->entry->idempotency_key, NULL };
  g_autoptr (JsonObject) answer = NULL;

  if (response->status == 409)
    return puratan_sync_response_check (response, error);
  if (response->status != 200 && response->status != 201)
    return refuse (push, item->entry, response, NULL, error);
  answer = item_answer (item, response, error);
  return answer != NULL &&
         record (push, keys, PURATAN_SYNC_OUTCOME_SENT, "payment", item->entry->entity_id, response,
                 answer, response->replayed ? "recorded (the server's stored answer)" : "recorded",
                 error);
}

/* Sends a prepared payment alone; its order is on the server (@item's order_server_id). */
gboolean
puratan_sync_push_payment_send (Push *push, PushItem *item, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/payments", item->order_server_id);
  g_autoptr (PuratanSyncResponse) response = NULL;

  response = puratan_sync_run_request (push->run, "POST", path, item->payment_key, NULL, item->body,
                                       error);
  return response != NULL && puratan_sync_push_payment_answered (push, item, response, error);
}

/* Sends a prepared order's creation alone. */
gboolean
puratan_sync_push_order_send (Push *push, PushItem *item, GError **error)
{
  g_autoptr (PuratanSyncResponse) response = NULL;

  response = puratan_sync_run_request (push->run, "POST", "/api/v1/orders",
                                       item->entry->idempotency_key, NULL, item->body, error);
  return response != NULL && puratan_sync_push_order_answered (push, item, response, error);
}

static gboolean
push_payment (Push *push, PuratanOutboxEntry *entry, const char *order_server_id, GError **error)
{
  g_autoptr (PushItem) item = NULL;

  if (!puratan_sync_push_payment_prepare (push, entry, order_server_id, NULL, &item, error))
    return FALSE;
  return item == NULL || puratan_sync_push_payment_send (push, item, error);
}

static gboolean
already_answered (Push *push, const PuratanOutboxEntry *entry)
{
  /* Lines sent along with their order's creation earlier in this pass. */
  return g_hash_table_contains (push->held, entry->idempotency_key);
}

static gboolean
push_entry (Push *push, PuratanOutboxEntry *entry, GError **error)
{
  PuratanSyncRun *run = push->run;
  const char *const keys[] = { entry->idempotency_key, NULL };
  const char *order_id = entry->entity_id;
  g_autoptr (JsonObject) payload = NULL;
  g_autofree char *server_id = NULL;
  gint64 version = 0;

  /* Files go by resumable upload, a separate part; their entries wait for it. */
  if (g_str_equal (entry->entity, "file") || g_str_equal (entry->operation, "attach_file"))
    return TRUE;
  if (g_str_equal (entry->entity, "customer"))
    return record (push, keys, PURATAN_SYNC_OUTCOME_LOCAL, "customer", entry->entity_id, NULL, NULL,
                   "the server makes a customer with their first order", error);
  if (g_str_equal (entry->entity, "payment"))
    {
      payload = puratan_json_parse_object (entry->payload, -1, NULL);
      order_id = payload != NULL
                     ? json_object_get_string_member_with_default (payload, "order_id", NULL)
                     : NULL;
      if (order_id == NULL)
        return refuse (push, entry, NULL, "The payment names no order", error);
    }
  if (g_hash_table_contains (push->held, order_id))
    return TRUE;
  if (g_str_equal (entry->entity, "order") && g_str_equal (entry->operation, "create"))
    return push_order_create (push, entry, error);

  if (!puratan_sync_link_lookup (run->database, "order", order_id, &server_id, &version, error))
    return FALSE;
  if (server_id == NULL)
    return refuse (push, entry, NULL,
                   "The order is not on the server: the server refused its creation", error);
  if (g_str_equal (entry->entity, "payment"))
    return push_payment (push, entry, server_id, error);
  if (g_str_equal (entry->operation, "state"))
    return push_order_state (push, entry, server_id, version, error);
  if (g_str_equal (entry->operation, "details"))
    return push_order_details (push, entry, server_id, version, error);
  return refuse (push, entry, NULL,
                 "The server takes an order's lines only with the order; this line was added "
                 "after the order was sent",
                 error);
}

static gboolean push_pages (Push *push, GError **error);

/**
 * puratan_sync_run_push:
 * @run: the run
 * @sent: (out): how many changes the server applied
 * @error: return location for a #GError
 *
 * Sends the outbox in order. Orders' creations and payments go in batches
 * (`POST /api/v1/sync/batch`, up to the run's batch size per request, each change under its
 * own key); an entry of an order in the batch being gathered sends the batch first, so an
 * order's changes reach the server in their order. Each entry leaves the queue only with the
 * server's answer, recorded in the transaction that marks it (one local transaction for a
 * batch's answers); one whose answer is lost is sent again, under the same idempotency key,
 * next time. Stops at the first entry the server cannot answer
 * (offline, busy, signed out) with that error; entries it refuses are logged and skipped.
 *
 * Returns: %TRUE when every entry that can go now has gone
 */
gboolean
puratan_sync_run_push (PuratanSyncRun *run, guint *sent, GError **error)
{
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Push push = { run, held, NULL, 0, 0, FALSE, NULL, NULL, FALSE };
  gboolean ok;

  *sent = 0;
  push.single = run->batch_size == 1;
  push.staff = g_strcmp0 (run->tokens->role, "customer") != 0;
  puratan_sync_push_batch_init (&push);
  ok = push_pages (&push, error);
  puratan_sync_push_batch_clear (&push);
  *sent = push.sent;
  return ok;
}

static gboolean
push_pages (Push *push, GError **error)
{
  PuratanSyncRun *run = push->run;
  gint64 after = 0;

  for (;;)
    {
      g_autoptr (GPtrArray) page =
          puratan_outbox_list_pending_after (run->database, after, PUSH_PAGE, error);
      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        break;
      push->page = page;
      for (push->index = 0; push->index < page->len; push->index++)
        {
          PuratanOutboxEntry *entry = page->pdata[push->index];
          gboolean taken = FALSE;

          if (!already_answered (push, entry) &&
              (!puratan_sync_push_batch_add (push, entry, &taken, error) ||
               (!taken && !push_entry (push, entry, error))))
            return FALSE;
          after = entry->id;
        }
      /* The batches borrow the page's entries: the page is kept until they are answered. */
      puratan_sync_push_batch_keep_page (push, page);
      push->page = NULL;
    }
  return puratan_sync_push_batch_flush (push, error);
}
