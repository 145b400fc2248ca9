/* puratan-server-sync-batch.c: many changes of a workstation's outbox in one request
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/sync/batch takes up to 500 changes, in the order the workstation made them,
 * and applies them in one transaction: one durable commit for the whole batch instead of
 * two per change. Each change stands for one request of the single routes and keeps their
 * meaning:
 *
 *   {"idempotency_key": "K", "type": "order.create", "body": {…POST /api/v1/orders…}}
 *   {"idempotency_key": "K", "type": "payment", "order_id": "ID" | "order_key": "K0",
 *    "body": {…POST /api/v1/orders/ID/payments…}}
 *   {"idempotency_key": "K", "type": "order.transition", "order_id": "ID" | "order_key": "K0",
 *    "to_status": "placed", "body": {…POST /api/v1/orders/ID/transitions…}}
 *
 * A payment or a workflow step may name its order by the key of the change that created it
 * ("order_key", this account's, in this batch or an earlier one), since the workstation does not
 * know the server's id yet. Every change is checked against the permission table's row of the route
 * it stands for, priced here (never from the client), and run under its own key exactly as
 * the single route runs it (puratan_server_run_idempotent_item()): a key done before gives
 * its stored answer, so a batch sent again after its answer was lost changes nothing; a key
 * reused with another request is refused for that change alone. The request hash is the
 * single route's (method, path and the compact JSON of the body), so a change first sent
 * alone and then in a batch is still recognised. A refused change does not sink the batch:
 * its savepoint is rolled back and the others go on; a payment whose order's creation was
 * refused is refused too. A workflow step goes through the same workflow call as the
 * single transitions route, with the sender's account and role; an order already in its
 * "to_status" answers it as done (200, the order as it is), so a step sent again after its
 * answer was lost is never taken twice. A server error rolls the whole batch back, and nothing of
 * it is kept. The answer lists one result per change, in order.
 */
#include "puratan-server-api-private.h"

#include <string.h>

#include "puratan-auth.h"
#include "puratan-core.h"
#include "puratan-server-response.h"

/* The most changes one batch takes; the body is held to the server's body limit too. */
#define MAX_CHANGES 500

typedef struct
{
  PuratanServer *self;
  const PuratanPrincipal *principal;
  JsonArray *changes;
  GString *results;
  /* The keys of this batch's changes refused before their work (not kept in the store). */
  GHashTable *refused;
  /* The orders its steps moved, told to the event listeners once the batch is committed. */
  GPtrArray *moved;
  /* The orders this batch has created, by the keys of their creations (key → id). */
  GHashTable *created;
} Batch;

#define ORDER_LOCATION "/api/v1/orders/"

/* The id of the order an answer to an order's creation names in its Location, or NULL. */
static const char *
created_order_id (const PuratanStoredAnswer *answer)
{
  if (answer->status != SOUP_STATUS_CREATED || answer->location == NULL ||
      !g_str_has_prefix (answer->location, ORDER_LOCATION))
    return NULL;
  return answer->location + strlen (ORDER_LOCATION);
}

/* A member that is a string, or NULL (absent, null or of another type). */
static const char *
string_member (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_result (Batch *batch, const char *key, const PuratanStoredAnswer *answer, gboolean replayed)
{
  GString *out = batch->results;

  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"idempotency_key\":");
  if (key != NULL)
    {
      /* Checked keys hold no quote, backslash or control character. */
      g_string_append_c (out, '"');
      g_string_append (out, key);
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"status\":%u,\"replayed\":%s,\"body\":", answer->status,
                          replayed ? "true" : "false");
  g_string_append (out, answer->response != NULL && answer->response[0] != '\0' ? answer->response
                                                                                : "null");
  g_string_append_c (out, '}');
}

/* A change refused before its work: not kept under its key, as the single routes do not
 * keep a request they refuse before its work. */
static void
add_refusal (Batch *batch, const char *key, guint status, const char *code, const char *detail)
{
  PuratanStoredAnswer answer = { status, puratan_server_problem_text (status, code, detail), NULL };

  if (key != NULL)
    g_hash_table_add (batch->refused, g_strdup (key));
  add_result (batch, key, &answer, FALSE);
  g_free (answer.response);
}

/* Refuses change @key for @reason (transfer full), unless @reason is the server's own
 * failure, which sinks the whole batch: then returns FALSE with @error set. */
static gboolean
refuse_or_fail (Batch *batch, const char *key, GError *reason, GError **error)
{
  guint status = puratan_server_status_for_error (reason);

  if (status >= 500)
    {
      g_propagate_error (error, reason);
      return FALSE;
    }
  add_refusal (batch, key, status, NULL, reason->message);
  g_error_free (reason);
  return TRUE;
}

static gboolean
permitted (Batch *batch, const char *pattern)
{
  const PuratanPrincipal *who = batch->principal;

  return puratan_permission_check (puratan_permission_lookup ("POST", pattern), TRUE, who->role,
                                   who->second_factor) == PURATAN_ACCESS_GRANTED;
}

static char *
body_hash (const char *path, JsonObject *body)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, body);
  text = puratan_json_to_string (node, FALSE);
  return puratan_server_idempotency_hash ("POST", path, text, strlen (text));
}

static gboolean
create_order (Batch *batch, const char *key, JsonObject *body, GError **error)
{
  g_autoptr (GPtrArray) lines =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *hash = NULL;
  PuratanOrderCreate create = { .lines = lines };
  PuratanStoredAnswer answer = { 0 };
  gboolean replayed = FALSE;

  if (!permitted (batch, "/api/v1/orders"))
    {
      add_refusal (batch, key, SOUP_STATUS_FORBIDDEN, NULL,
                   "Your account's role may not make orders.");
      return TRUE;
    }
  if (!puratan_server_order_create_parse (batch->self, batch->principal, body, &create,
                                          &parse_error))
    return refuse_or_fail (batch, key, g_steal_pointer (&parse_error), error);
  hash = body_hash ("/api/v1/orders", body);
  if (!puratan_server_run_idempotent_item (batch->self, batch->principal, key, hash,
                                           puratan_server_order_create_work, &create, &answer,
                                           &replayed, error))
    return FALSE;
  add_result (batch, key, &answer, replayed);
  if (created_order_id (&answer) != NULL)
    g_hash_table_insert (batch->created, g_strdup (key), g_strdup (created_order_id (&answer)));
  g_free (answer.response);
  g_free (answer.location);
  return TRUE;
}

/* The server's id of the order created under this account's @order_key (in this batch, or
 * as its stored answer says), or NULL after adding the change's refusal (@key's) to the
 * results. */
static char *
order_of_key (Batch *batch, const char *key, const char *order_key, GError **error)
{
  g_autoptr (PuratanStoredAnswer) stored = NULL;
  GError *lookup_error = NULL;
  const char *id = NULL;

  if (g_hash_table_contains (batch->refused, order_key))
    {
      add_refusal (batch, key, SOUP_STATUS_UNPROCESSABLE_ENTITY, "order_refused",
                   "The order's creation was refused, so this change to it cannot be made.");
      return NULL;
    }
  id = g_hash_table_lookup (batch->created, order_key);
  if (id != NULL)
    return g_strdup (id);
  switch (puratan_idempotency_lookup (puratan_server_get_database (batch->self),
                                      batch->principal->account_id, order_key, &stored,
                                      &lookup_error))
    {
      case PURATAN_IDEMPOTENCY_RUNNING:
        add_refusal (batch, key, SOUP_STATUS_CONFLICT, "idempotency_key_in_use",
                     "The order's creation is still being answered; send this change again "
                     "later.");
        return NULL;
      case PURATAN_IDEMPOTENCY_DONE:
        break;
      case PURATAN_IDEMPOTENCY_NEW:
      case PURATAN_IDEMPOTENCY_MISMATCH:
      default:
        if (lookup_error != NULL)
          g_propagate_error (error, lookup_error);
        else
          add_refusal (batch, key, SOUP_STATUS_UNPROCESSABLE_ENTITY, "order_unknown",
                       "“order_key” names no order creation of this account; send the order "
                       "before its payments and steps.");
        return NULL;
    }
  if ((id = created_order_id (stored)) == NULL)
    {
      add_refusal (batch, key, SOUP_STATUS_UNPROCESSABLE_ENTITY, "order_refused",
                   "The order's creation was refused, so this change to it cannot be made.");
      return NULL;
    }
  return g_strdup (id);
}

/* Reads the order a change names, by its id or by the key of its creation, as the sender may
 * see it. Returns FALSE with @error set on the server's own failure; otherwise TRUE, with
 * *@order NULL when the change was refused (its refusal added to the results). */
static gboolean
named_order (Batch *batch,
             const char *key,
             const char *order_id,
             const char *order_key,
             PuratanOrder **order,
             GError **error)
{
  g_autofree char *resolved = NULL;
  GError *local_error = NULL;

  *order = NULL;
  if (order_key != NULL)
    {
      resolved = order_of_key (batch, key, order_key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (resolved == NULL)
        return TRUE;
      order_id = resolved;
    }
  *order = puratan_server_order_for (batch->self, batch->principal, order_id, &local_error);
  return *order != NULL || refuse_or_fail (batch, key, local_error, error);
}

static gboolean
take_payment (Batch *batch, const char *key, JsonObject *change, JsonObject *body, GError **error)
{
  const char *order_id = string_member (change, "order_id");
  const char *order_key = string_member (change, "order_key");
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) local_error = NULL;
  PuratanPaymentTake take = { 0 };
  PuratanStoredAnswer answer = { 0 };
  gboolean replayed = FALSE, ok;

  if (!permitted (batch, "/api/v1/orders/{id}/payments"))
    {
      add_refusal (batch, key, SOUP_STATUS_FORBIDDEN, NULL,
                   "Your account's role may not take payments.");
      return TRUE;
    }
  if ((order_id == NULL) == (order_key == NULL) ||
      (order_key != NULL && !puratan_server_idempotency_key_valid (order_key)))
    {
      add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                   "A payment names its order by either “order_id” (the server's id) or "
                   "“order_key” (the Idempotency-Key of the change that created it).");
      return TRUE;
    }
  if (!named_order (batch, key, order_id, order_key, &order, error))
    return FALSE;
  if (order == NULL)
    return TRUE;
  if (!puratan_server_payment_parse (batch->principal, order, body, key, &take, &local_error))
    return refuse_or_fail (batch, key, g_steal_pointer (&local_error), error);
  path = g_strdup_printf ("/api/v1/orders/%s/payments", order->id);
  hash = body_hash (path, body);
  ok = puratan_server_run_idempotent_item (batch->self, batch->principal, key, hash,
                                           puratan_server_payment_work, &take, &answer, &replayed,
                                           error);
  puratan_payment_free (take.attempt);
  if (!ok)
    return FALSE;
  add_result (batch, key, &answer, replayed);
  g_free (answer.response);
  g_free (answer.location);
  return TRUE;
}

/* A workflow step of a batch, read from its change. */
typedef struct
{
  const PuratanPrincipal *principal;
  /* The order as read in this batch's transaction, just before the step. */
  const PuratanOrder *order;
  const char *to_status;
  PuratanOrderAction action;
  const char *reason;
  const char *refund_method;
  GPtrArray *moved;
} Step;

/* Takes the step, unless the order is in its "to_status" already (taken before, by this
 * change or another): then the answer is the order as it is. */
static gboolean
step_work (PuratanDatabase *database, gpointer data, PuratanStoredAnswer *answer, GError **error)
{
  Step *step = data;
  const PuratanOrder *order = step->order;
  g_autoptr (PuratanOrder) after = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (g_strcmp0 (order->status, step->to_status) != 0)
    {
      after = puratan_orders_transition (database, order->id, PURATAN_ANY_VERSION, step->action,
                                         step->principal->account_id, step->principal->role,
                                         step->reason, step->refund_method, error);
      if (after == NULL)
        return FALSE;
    }
  json_builder_begin_object (builder);
  puratan_server_add_order (builder, after != NULL ? after : order, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  answer->status = SOUP_STATUS_OK;
  answer->response = puratan_json_to_string (root, FALSE);
  if (after != NULL)
    g_ptr_array_add (step->moved, g_steal_pointer (&after));
  return TRUE;
}

/* Refuses a step whose body is not the single route's: action, reason, refund_method. */
static gboolean
step_parse (JsonObject *body, Step *step, GError **error)
{
  static const char *const members[] = { "action", "reason", "refund_method", NULL };
  const char *action_name = NULL;
  g_autoptr (GList) names = json_object_get_members (body);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "A transition takes only action, reason and refund_method, not “%s”.",
                     (const char *) l->data);
        return FALSE;
      }
  if (!puratan_json_get_string (body, "action", &action_name, error) ||
      !puratan_order_action_from_string (action_name, &step->action, error) ||
      !puratan_json_get_optional_string (body, "reason", NULL, &step->reason, error) ||
      !puratan_json_get_optional_string (body, "refund_method", NULL, &step->refund_method, error))
    return FALSE;
  if (step->reason != NULL && strlen (step->reason) > 2000)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "“reason” is at most 2000 bytes.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
take_step (Batch *batch, const char *key, JsonObject *change, JsonObject *body, GError **error)
{
  const char *order_id = string_member (change, "order_id");
  const char *order_key = string_member (change, "order_key");
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) local_error = NULL;
  Step step = { batch->principal, NULL, string_member (change, "to_status"), 0, NULL, NULL,
                batch->moved };
  PuratanStoredAnswer answer = { 0 };
  gboolean replayed = FALSE;

  if (!permitted (batch, "/api/v1/orders/{id}/transitions"))
    {
      add_refusal (batch, key, SOUP_STATUS_FORBIDDEN, NULL,
                   "Your account's role may not move orders through the workflow.");
      return TRUE;
    }
  if ((order_id == NULL) == (order_key == NULL) ||
      (order_key != NULL && !puratan_server_idempotency_key_valid (order_key)) ||
      step.to_status == NULL || step.to_status[0] == '\0' || strlen (step.to_status) > 64)
    {
      add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                   "A workflow step names its order by either “order_id” (the server's id) or "
                   "“order_key” (the Idempotency-Key of the change that created it), and the "
                   "status it leads to in “to_status”.");
      return TRUE;
    }
  if (!step_parse (body, &step, &local_error))
    {
      add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL, local_error->message);
      return TRUE;
    }
  if (!named_order (batch, key, order_id, order_key, &order, error))
    return FALSE;
  if (order == NULL)
    return TRUE;
  step.order = order;
  /* The hash covers the single route's request and the status the step leads to. */
  path = g_strdup_printf ("/api/v1/orders/%s/transitions#%s", order->id, step.to_status);
  hash = body_hash (path, body);
  if (!puratan_server_run_idempotent_item (batch->self, batch->principal, key, hash, step_work,
                                           &step, &answer, &replayed, error))
    return FALSE;
  add_result (batch, key, &answer, replayed);
  g_free (answer.response);
  g_free (answer.location);
  return TRUE;
}

static gboolean
run_change (Batch *batch, guint index, GError **error)
{
  static const char *const members[] = { "idempotency_key", "type",      "body", "order_id",
                                         "order_key",       "to_status", NULL };
  JsonNode *node = json_array_get_element (batch->changes, index);
  JsonObject *change, *body;
  const char *key, *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_refusal (batch, NULL, SOUP_STATUS_BAD_REQUEST, NULL,
                   "Each change is an object with idempotency_key, type and body.");
      return TRUE;
    }
  change = json_node_get_object (node);
  key = string_member (change, "idempotency_key");
  if (!puratan_server_idempotency_key_valid (key))
    {
      add_refusal (batch, NULL, SOUP_STATUS_BAD_REQUEST, "idempotency_key_invalid",
                   "Each change needs an “idempotency_key” of 1 to 255 printable ASCII "
                   "characters (a UUID), the same when the change is sent again.");
      return TRUE;
    }
  type = string_member (change, "type");
  {
    g_autoptr (GList) names = json_object_get_members (change);

    for (GList *l = names; l != NULL; l = l->next)
      if (!g_strv_contains (members, l->data))
        {
          add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                       "A change takes only idempotency_key, type, body, order_id or order_key "
                       "for a payment or a workflow step, and to_status for a step.");
          return TRUE;
        }
  }
  node = json_object_get_member (change, "body");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                   "Each change has a “body”: the JSON object its single request would send.");
      return TRUE;
    }
  body = json_node_get_object (node);
  if (g_strcmp0 (type, "order.transition") == 0)
    return take_step (batch, key, change, body, error);
  if (json_object_has_member (change, "to_status"))
    {
      add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                   "Only a workflow step names a “to_status”.");
      return TRUE;
    }
  if (g_strcmp0 (type, "order.create") == 0)
    {
      if (json_object_has_member (change, "order_id") ||
          json_object_has_member (change, "order_key"))
        {
          add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
                       "A new order names no order_id or order_key.");
          return TRUE;
        }
      return create_order (batch, key, body, error);
    }
  if (g_strcmp0 (type, "payment") == 0)
    return take_payment (batch, key, change, body, error);
  add_refusal (batch, key, SOUP_STATUS_BAD_REQUEST, NULL,
               "“type” must be order.create, payment or order.transition.");
  return TRUE;
}

static gboolean
run_batch (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Batch *batch = user_data;

  g_string_truncate (batch->results, 0);
  g_hash_table_remove_all (batch->refused);
  g_hash_table_remove_all (batch->created);
  g_ptr_array_set_size (batch->moved, 0);
  g_string_append_c (batch->results, '[');
  for (guint i = 0; i < json_array_get_length (batch->changes); i++)
    if (!run_change (batch, i, error))
      return FALSE;
  g_string_append_c (batch->results, ']');
  return TRUE;
}

static void
batch_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (GString) results = g_string_new (NULL);
  g_autoptr (GHashTable) refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) moved =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *node;
  Batch batch = {
    self, puratan_server_get_principal (msg), NULL, results, refused, moved, created
  };

  if (body == NULL)
    return;
  node = json_object_get_member (body, "changes");
  if (json_object_get_size (body) != 1 || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "A batch is {\"changes\": [...]}, with 1 to 500 changes.");
      return;
    }
  batch.changes = json_node_get_array (node);
  if (json_array_get_length (batch.changes) > MAX_CHANGES)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL, NULL,
                                      "A batch takes at most 500 changes; send the rest in "
                                      "another batch.");
      return;
    }
  if (!puratan_database_run_in_transaction (puratan_server_get_database (self), run_batch, &batch,
                                            &error))
    {
      puratan_server_respond_api_error (msg, error);
      return;
    }
  for (guint i = 0; i < moved->len; i++)
    puratan_server_publish_order (self, moved->pdata[i]);
  text = g_strdup_printf ("{\"results\":%s}", results->str);
  puratan_server_respond_text (msg, SOUP_STATUS_OK, PURATAN_SERVER_JSON_TYPE, text);
}

/* Adds POST /api/v1/sync/batch. */
void
puratan_server_add_sync_batch_route (PuratanServer *self)
{
  puratan_server_add_route (self, "POST", "/api/v1/sync/batch", batch_cb, self);
}
