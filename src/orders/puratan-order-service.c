/* puratan-order-service.c: workflow steps on stored orders, audited
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-order-service.h"

static gboolean
audit (PuratanDatabase *database,
       const char *entity,
       const char *entity_id,
       const char *actor,
       PuratanRole role,
       const char *action,
       const char *from,
       const char *to,
       const char *reason,
       GError **error)
{
  g_autoptr (PuratanAuditEntry) entry = g_new0 (PuratanAuditEntry, 1);

  entry->actor = g_strdup (actor);
  entry->role = g_strdup (puratan_role_to_string (role));
  entry->entity = g_strdup (entity);
  entry->entity_id = g_strdup (entity_id);
  entry->action = g_strdup (action);
  entry->from_state = g_strdup (from);
  entry->to_state = g_strdup (to);
  entry->reason = g_strdup (reason != NULL ? reason : "");
  return puratan_audit_append (database, entry, error);
}

typedef struct
{
  const char *customer_id;
  const char *due_date;
  const char *notes;
  const char *actor;
  PuratanRole role;
  PuratanOrder *order;
} Create;

static gboolean
create_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Create *create = user_data;

  create->order =
      puratan_order_create (database, create->customer_id, create->due_date, create->notes, error);
  return create->order != NULL && audit (database, "order", create->order->id, create->actor,
                                         create->role, "create", NULL, "draft", NULL, error);
}

/**
 * puratan_orders_create:
 * @database: an open database
 * @customer_id: an existing customer
 * @due_date: (nullable): YYYY-MM-DD
 * @notes: (nullable): free text
 * @actor: the user creating it
 * @role: the user's role: customer, counter or admin
 * @error: return location for a #GError
 *
 * Creates a draft order and audits it, in one transaction.
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL with @error set
 */
PuratanOrder *
puratan_orders_create (PuratanDatabase *database,
                       const char *customer_id,
                       const char *due_date,
                       const char *notes,
                       const char *actor,
                       PuratanRole role,
                       GError **error)
{
  Create create = { customer_id, due_date, notes, actor, role, NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (customer_id != NULL && actor != NULL, NULL);
  g_return_val_if_fail (role < PURATAN_N_ROLES, NULL);

  if (role != PURATAN_ROLE_CUSTOMER && role != PURATAN_ROLE_COUNTER && role != PURATAN_ROLE_ADMIN)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                   "The %s role may not create orders", puratan_role_to_string (role));
      return NULL;
    }
  if (!puratan_database_run_in_transaction (database, create_in_transaction, &create, error))
    {
      g_clear_pointer (&create.order, puratan_order_free);
      return NULL;
    }
  return create.order;
}

/**
 * puratan_orders_get_facts:
 * @database: an open database
 * @order: an order as read from @database
 * @facts: (out caller-allocates): what the workflow's guards check
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @facts is filled in
 */
gboolean
puratan_orders_get_facts (PuratanDatabase *database,
                          const PuratanOrder *order,
                          PuratanWorkflowFacts *facts,
                          GError **error)
{
  g_autoptr (GPtrArray) files = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order != NULL && facts != NULL, FALSE);

  files = puratan_file_store_list_for_order (database, order->id, error);
  if (files == NULL)
    return FALSE;

  *facts = (PuratanWorkflowFacts){ 0 };
  facts->has_lines = order->lines != NULL && order->lines->len > 0;
  for (guint i = 0; i < files->len; i++)
    facts->has_artwork |= g_strcmp0 (((PuratanOrderFile *) files->pdata[i])->role, "artwork") == 0;
  facts->paid_in_full = order->total_paise > 0 && order->paid_paise >= order->total_paise;
  facts->credit_approved = order->credit_approved;
  facts->resume_state = PURATAN_ORDER_N_STATES;
  if (order->resume_status != NULL &&
      !puratan_order_state_from_string (order->resume_status, &facts->resume_state, error))
    return FALSE;
  return TRUE;
}

typedef struct
{
  const char *order_id;
  gint64 expected_version;
  PuratanOrderAction action;
  const char *actor;
  PuratanRole role;
  const char *reason;
  const char *refund_method;
  PuratanOrder *order;
} Step;

static PuratanOrder *
load_expected (PuratanDatabase *database, const char *id, gint64 expected, GError **error)
{
  g_autoptr (PuratanOrder) order = puratan_order_get (database, id, error);

  if (order == NULL)
    return NULL;
  if (expected != PURATAN_ANY_VERSION && order->version != expected)
    {
      g_set_error (
          error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
          "Order %" G_GINT64_FORMAT " was changed elsewhere (it is at version %" G_GINT64_FORMAT
          ", this step was based on version %" G_GINT64_FORMAT "); reload it and try again",
          order->number, order->version, expected);
      return NULL;
    }
  return g_steal_pointer (&order);
}

static gboolean
refund_everything (PuratanDatabase *database, Step *step, PuratanOrder *order, GError **error)
{
  g_autoptr (PuratanPayment) refund = NULL;
  g_autoptr (PuratanPayment) stored = NULL;

  if (order->paid_paise <= 0)
    return TRUE;
  if (step->refund_method == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Order %" G_GINT64_FORMAT " has %" G_GINT64_FORMAT
                   " paise paid; choose how to refund it (cash, upi, card or store_credit)",
                   order->number, order->paid_paise);
      return FALSE;
    }
  refund = puratan_payment_new (order->id, "refund", step->refund_method, order->paid_paise,
                                step->actor, error);
  if (refund == NULL)
    return FALSE;
  stored = puratan_payment_record (database, refund, NULL, error);
  if (stored == NULL)
    return FALSE;
  return audit (database, "payment", stored->id, step->actor, step->role, "refund", NULL, NULL,
                step->reason, error);
}

static gboolean
transition_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Step *step = user_data;
  g_autoptr (PuratanOrder) order = NULL;
  PuratanWorkflowFacts facts;
  PuratanOrderState from, to;
  const char *resume = NULL;
  const char *delivery;
  g_autofree char *from_name = NULL;

  order = load_expected (database, step->order_id, step->expected_version, error);
  if (order == NULL || !puratan_order_state_from_string (order->status, &from, error) ||
      !puratan_orders_get_facts (database, order, &facts, error) ||
      !puratan_workflow_next (from, step->action, step->role, &facts, &to, error))
    return FALSE;

  from_name = g_strdup (order->status);
  delivery = order->delivery;
  if (step->action == PURATAN_ORDER_ACTION_HOLD)
    resume = order->status;
  else if (step->action == PURATAN_ORDER_ACTION_PICK_UP)
    delivery = "picked_up";
  else if (step->action == PURATAN_ORDER_ACTION_SHIP)
    delivery = "shipped";
  if (step->action == PURATAN_ORDER_ACTION_CANCEL &&
      !refund_everything (database, step, order, error))
    return FALSE;

  {
    g_autofree char *resume_copy = g_strdup (resume);
    g_autofree char *delivery_copy = g_strdup (delivery);
    if (!puratan_order_save_state (database, order, puratan_order_state_to_string (to), resume_copy,
                                   delivery_copy, order->credit_approved, error))
      return FALSE;
  }
  if (!audit (database, "order", order->id, step->actor, step->role,
              puratan_order_action_to_string (step->action), from_name, order->status, step->reason,
              error))
    return FALSE;

  step->order = puratan_order_get (database, order->id, error);
  return step->order != NULL;
}

/**
 * puratan_orders_transition:
 * @database: an open database
 * @order_id: the order
 * @expected_version: the version the user saw, or %PURATAN_ANY_VERSION
 * @action: the step to take
 * @actor: the user taking it
 * @role: the user's role
 * @reason: (nullable): why, for the audit log (e.g. what needs fixing)
 * @refund_method: (nullable): for cancel: how to refund what was paid
 * @error: return location for a #GError
 *
 * Takes one workflow step and audits who, when, from, to and why, in one transaction with
 * the order's outbox entry. Cancelling a paid order refunds everything paid, by
 * @refund_method, in the same transaction. Errors are those of puratan_workflow_next(), and
 * %PURATAN_ERROR_CONFLICT when @expected_version is stale.
 *
 * Returns: (transfer full) (nullable): the order after the step, or %NULL with @error set
 */
PuratanOrder *
puratan_orders_transition (PuratanDatabase *database,
                           const char *order_id,
                           gint64 expected_version,
                           PuratanOrderAction action,
                           const char *actor,
                           PuratanRole role,
                           const char *reason,
                           const char *refund_method,
                           GError **error)
{
  Step step = { order_id, expected_version, action, actor, role, reason, refund_method, NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (order_id != NULL && actor != NULL, NULL);
  g_return_val_if_fail (action < PURATAN_ORDER_N_ACTIONS && role < PURATAN_N_ROLES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!puratan_database_run_in_transaction (database, transition_in_transaction, &step, error))
    {
      g_clear_pointer (&step.order, puratan_order_free);
      return NULL;
    }
  return step.order;
}

static gboolean
approve_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Step *step = user_data;
  g_autoptr (PuratanOrder) order = NULL;
  g_autofree char *resume = NULL;
  g_autofree char *delivery = NULL;
  g_autofree char *status = NULL;

  order = load_expected (database, step->order_id, step->expected_version, error);
  if (order == NULL)
    return FALSE;
  status = g_strdup (order->status);
  resume = g_strdup (order->resume_status);
  delivery = g_strdup (order->delivery);
  if (!puratan_order_save_state (database, order, status, resume, delivery, TRUE, error) ||
      !audit (database, "order", order->id, step->actor, step->role, "approve_credit", status,
              status, step->reason, error))
    return FALSE;
  step->order = puratan_order_get (database, order->id, error);
  return step->order != NULL;
}

/**
 * puratan_orders_approve_credit:
 * @database: an open database
 * @order_id: the order
 * @expected_version: the version the admin saw, or %PURATAN_ANY_VERSION
 * @actor: the admin
 * @role: must be admin
 * @reason: why the customer gets credit, for the audit log
 * @error: return location for a #GError
 *
 * Lets production start before the order is paid in full. Admins only
 * (%PURATAN_ERROR_PERMISSION_DENIED otherwise), and a reason is required.
 *
 * Returns: (transfer full) (nullable): the order after approval, or %NULL with @error set
 */
PuratanOrder *
puratan_orders_approve_credit (PuratanDatabase *database,
                               const char *order_id,
                               gint64 expected_version,
                               const char *actor,
                               PuratanRole role,
                               const char *reason,
                               GError **error)
{
  Step step = { order_id, expected_version, 0, actor, role, reason, NULL, NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (order_id != NULL && actor != NULL, NULL);

  if (role != PURATAN_ROLE_ADMIN)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                           "Only an admin may approve credit");
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Give a reason for approving credit; it goes in the audit log");
      return NULL;
    }
  if (!puratan_database_run_in_transaction (database, approve_in_transaction, &step, error))
    {
      g_clear_pointer (&step.order, puratan_order_free);
      return NULL;
    }
  return step.order;
}

typedef struct
{
  char *order_id;
  gint64 expected_version;
  PuratanOrderAction action;
  char *actor;
  PuratanRole role;
  char *reason;
  char *refund_method;
} TransitionJob;

static void
transition_job_free (TransitionJob *job)
{
  g_free (job->order_id);
  g_free (job->actor);
  g_free (job->reason);
  g_free (job->refund_method);
  g_free (job);
}

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX and puratan_orders_transition()
 * holds the database's transaction lock while it writes, so a worker may use it. */
static void
transition_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TransitionJob *job = task_data;
  GError *error = NULL;
  PuratanOrder *after =
      puratan_orders_transition (source, job->order_id, job->expected_version, job->action,
                                 job->actor, job->role, job->reason, job->refund_method, &error);

  if (after != NULL)
    g_task_return_pointer (task, after, (GDestroyNotify) puratan_order_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_orders_transition_async:
 * @database: an open database
 * @order_id: the order
 * @expected_version: as for puratan_orders_transition()
 * @action: the step
 * @actor: who takes it
 * @role: their role
 * @reason: (nullable): as for puratan_orders_transition()
 * @refund_method: (nullable): as for puratan_orders_transition()
 * @cancellable: (nullable): cancels the wait for the result (the step may still be taken)
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Takes a workflow step as puratan_orders_transition() does, on a worker thread.
 */
void
puratan_orders_transition_async (PuratanDatabase *database,
                                 const char *order_id,
                                 gint64 expected_version,
                                 PuratanOrderAction action,
                                 const char *actor,
                                 PuratanRole role,
                                 const char *reason,
                                 const char *refund_method,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  TransitionJob *job;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (order_id != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_orders_transition_async);
  job = g_new0 (TransitionJob, 1);
  job->order_id = g_strdup (order_id);
  job->expected_version = expected_version;
  job->action = action;
  job->actor = g_strdup (actor);
  job->role = role;
  job->reason = g_strdup (reason);
  job->refund_method = g_strdup (refund_method);
  g_task_set_task_data (task, job, (GDestroyNotify) transition_job_free);
  g_task_run_in_thread (task, transition_in_thread);
}

/**
 * puratan_orders_transition_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order after the step, or %NULL with @error set
 */
PuratanOrder *
puratan_orders_transition_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
