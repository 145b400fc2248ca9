/* puratan-workflow.c: the order workflow as a state machine
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-workflow.h"

#define S(state) (1u << PURATAN_ORDER_STATE_##state)
#define R(role)  (1u << PURATAN_ROLE_##role)

/* States an order can be held or cancelled from: everything still in the shop's hands. */
#define ACTIVE_STATES                                                                   \
  (S (PLACED) | S (AWAITING_FILES) | S (PREFLIGHT) | S (PREFLIGHT_OK) | S (NEEDS_FIX) | \
   S (PROOF_SENT) | S (PROOF_APPROVED) | S (CHANGES_REQUESTED) | S (IN_PRODUCTION) | S (READY))

/* A customer may still cancel before approving the proof: nothing is printed yet. */
#define CUSTOMER_CANCELLABLE                                                        \
  (S (DRAFT) | S (PLACED) | S (AWAITING_FILES) | S (PREFLIGHT) | S (PREFLIGHT_OK) | \
   S (NEEDS_FIX) | S (PROOF_SENT) | S (CHANGES_REQUESTED))

#define STAFF (R (COUNTER) | R (DESIGNER) | R (PRODUCTION) | R (ADMIN))

typedef struct
{
  const char *name;
  guint from;
  PuratanOrderState to;
  guint roles;
} Rule;

/* One row per action, indexed by PuratanOrderAction. RESUME's target is the remembered state. */
static const Rule rules[PURATAN_ORDER_N_ACTIONS] = {
  { "place", S (DRAFT), PURATAN_ORDER_STATE_PLACED, R (CUSTOMER) | R (COUNTER) | R (ADMIN) },
  { "request_files", S (PLACED), PURATAN_ORDER_STATE_AWAITING_FILES,
    R (COUNTER) | R (DESIGNER) | R (ADMIN) },
  { "submit_files", S (AWAITING_FILES) | S (NEEDS_FIX) | S (CHANGES_REQUESTED),
    PURATAN_ORDER_STATE_PREFLIGHT, R (CUSTOMER) | R (COUNTER) | R (DESIGNER) | R (ADMIN) },
  { "preflight_pass", S (PREFLIGHT), PURATAN_ORDER_STATE_PREFLIGHT_OK, R (DESIGNER) | R (ADMIN) },
  { "preflight_fail", S (PREFLIGHT), PURATAN_ORDER_STATE_NEEDS_FIX, R (DESIGNER) | R (ADMIN) },
  { "send_proof", S (PREFLIGHT_OK), PURATAN_ORDER_STATE_PROOF_SENT, R (DESIGNER) | R (ADMIN) },
  { "approve_proof", S (PROOF_SENT), PURATAN_ORDER_STATE_PROOF_APPROVED,
    R (CUSTOMER) | R (COUNTER) | R (ADMIN) },
  { "request_changes", S (PROOF_SENT), PURATAN_ORDER_STATE_CHANGES_REQUESTED,
    R (CUSTOMER) | R (COUNTER) | R (ADMIN) },
  { "start_production", S (PROOF_APPROVED), PURATAN_ORDER_STATE_IN_PRODUCTION,
    R (PRODUCTION) | R (ADMIN) },
  { "mark_ready", S (IN_PRODUCTION), PURATAN_ORDER_STATE_READY, R (PRODUCTION) | R (ADMIN) },
  { "pick_up", S (READY), PURATAN_ORDER_STATE_DELIVERED, R (COUNTER) | R (ADMIN) },
  { "ship", S (READY), PURATAN_ORDER_STATE_DELIVERED, R (COUNTER) | R (PRODUCTION) | R (ADMIN) },
  { "close", S (DELIVERED), PURATAN_ORDER_STATE_CLOSED, R (COUNTER) | R (ADMIN) },
  { "hold", ACTIVE_STATES, PURATAN_ORDER_STATE_ON_HOLD, STAFF },
  { "resume", S (ON_HOLD), PURATAN_ORDER_STATE_ON_HOLD, STAFF },
  { "cancel", S (DRAFT) | ACTIVE_STATES | S (ON_HOLD), PURATAN_ORDER_STATE_CANCELLED,
    R (CUSTOMER) | R (COUNTER) | R (ADMIN) },
};

static const char *const state_names[PURATAN_ORDER_N_STATES] = {
  "draft",     "placed",     "awaiting_files", "preflight",         "preflight_ok",
  "needs_fix", "proof_sent", "proof_approved", "changes_requested", "in_production",
  "ready",     "delivered",  "closed",         "on_hold",           "cancelled",
};

G_DEFINE_QUARK (puratan - workflow - error - quark, puratan_workflow_error)

/**
 * puratan_order_state_to_string:
 * @state: a state
 *
 * Returns: (transfer none): the state's stored name, e.g. "proof_sent"
 */
const char *
puratan_order_state_to_string (PuratanOrderState state)
{
  g_return_val_if_fail (state < PURATAN_ORDER_N_STATES, NULL);

  return state_names[state];
}

static const char *const state_labels[PURATAN_ORDER_N_STATES] = {
  "Draft",       "Placed",     "Awaiting files", "Preflight",         "Preflight passed",
  "Needs a fix", "Proof sent", "Proof approved", "Changes requested", "In production",
  "Ready",       "Delivered",  "Closed",         "On hold",           "Cancelled",
};

/**
 * puratan_order_status_label:
 * @status: a stored state name, such as "awaiting_files"
 *
 * Returns: (transfer none): the state as people read it ("Awaiting files", "On hold"), or
 *   @status itself when it is not a known state
 */
const char *
puratan_order_status_label (const char *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < PURATAN_ORDER_N_STATES; i++)
    if (g_str_equal (status, state_names[i]))
      return state_labels[i];
  return status;
}

static gboolean
lookup (const char *const *names,
        guint n_names,
        const char *kind,
        const char *text,
        guint *out,
        GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], text) == 0)
        {
          *out = i;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", names[i]);
    }
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "“%s” is not %s; use one of: %s",
               text != NULL ? text : "", kind, known->str);
  return FALSE;
}

/**
 * puratan_order_state_from_string:
 * @text: a state's name
 * @out: (out): the state
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names a state; otherwise %PURATAN_ERROR_INVALID_INPUT
 */
gboolean
puratan_order_state_from_string (const char *text, PuratanOrderState *out, GError **error)
{
  guint index = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup (state_names, PURATAN_ORDER_N_STATES, "an order state", text, &index, error))
    return FALSE;
  *out = index;
  return TRUE;
}

/**
 * puratan_order_action_to_string:
 * @action: an action
 *
 * Returns: (transfer none): the action's name, e.g. "approve_proof"
 */
const char *
puratan_order_action_to_string (PuratanOrderAction action)
{
  g_return_val_if_fail (action < PURATAN_ORDER_N_ACTIONS, NULL);

  return rules[action].name;
}

/**
 * puratan_order_action_from_string:
 * @text: an action's name
 * @out: (out): the action
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names an action; otherwise %PURATAN_ERROR_INVALID_INPUT
 */
gboolean
puratan_order_action_from_string (const char *text, PuratanOrderAction *out, GError **error)
{
  const char *names[PURATAN_ORDER_N_ACTIONS];
  guint index = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < PURATAN_ORDER_N_ACTIONS; i++)
    names[i] = rules[i].name;
  if (!lookup (names, PURATAN_ORDER_N_ACTIONS, "an order action", text, &index, error))
    return FALSE;
  *out = index;
  return TRUE;
}

/* Lists the actions that apply in @from, for the error message. */
static char *
describe_available (PuratanOrderState from)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < PURATAN_ORDER_N_ACTIONS; i++)
    if (rules[i].from & (1u << from))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", rules[i].name);
  if (text->len == 0)
    return g_strdup ("nothing: the order is finished");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * puratan_workflow_next:
 * @from: the order's state
 * @action: what the user wants to do
 * @role: the user's role
 * @facts: what the guards check
 * @out_to: (out): the state after the action
 * @error: return location for a #GError
 *
 * Decides one step of the workflow. Refuses with
 * %PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION when @action does not apply in @from (the
 * message lists what does), %PURATAN_ERROR_PERMISSION_DENIED when @role may not take it,
 * %PURATAN_WORKFLOW_ERROR_INCOMPLETE when placing an empty order or submitting without
 * artwork, and %PURATAN_WORKFLOW_ERROR_NOT_PAID when starting production on an order that
 * is neither paid in full nor credit-approved. Production never starts before the proof
 * is approved: only proof_approved leads to in_production.
 *
 * Returns: %TRUE with @out_to set when the step is allowed
 */
gboolean
puratan_workflow_next (PuratanOrderState from,
                       PuratanOrderAction action,
                       PuratanRole role,
                       const PuratanWorkflowFacts *facts,
                       PuratanOrderState *out_to,
                       GError **error)
{
  const Rule *rule;

  g_return_val_if_fail (from < PURATAN_ORDER_N_STATES, FALSE);
  g_return_val_if_fail (action < PURATAN_ORDER_N_ACTIONS, FALSE);
  g_return_val_if_fail (role < PURATAN_N_ROLES, FALSE);
  g_return_val_if_fail (facts != NULL && out_to != NULL, FALSE);

  rule = &rules[action];
  if (!(rule->from & (1u << from)))
    {
      g_autofree char *available = describe_available (from);
      g_set_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION,
                   "Cannot %s an order that is %s; from %s the next steps are %s", rule->name,
                   state_names[from], state_names[from], available);
      return FALSE;
    }
  if (!(rule->roles & (1u << role)) ||
      (action == PURATAN_ORDER_ACTION_CANCEL && role == PURATAN_ROLE_CUSTOMER &&
       !(CUSTOMER_CANCELLABLE & (1u << from))))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                   "The %s role may not %s an order that is %s; ask the shop counter or an admin",
                   puratan_role_to_string (role), rule->name, state_names[from]);
      return FALSE;
    }

  switch (action)
    {
      case PURATAN_ORDER_ACTION_PLACE:
        if (!facts->has_lines)
          {
            g_set_error_literal (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INCOMPLETE,
                                 "The order has no lines; add a product before placing it");
            return FALSE;
          }
        break;
      case PURATAN_ORDER_ACTION_SUBMIT_FILES:
        if (!facts->has_artwork)
          {
            g_set_error_literal (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INCOMPLETE,
                                 "No artwork is attached; attach the print files first");
            return FALSE;
          }
        break;
      case PURATAN_ORDER_ACTION_START_PRODUCTION:
        if (!facts->paid_in_full && !facts->credit_approved)
          {
            g_set_error_literal (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_NOT_PAID,
                                 "The order is not paid in full and has no credit approval; take "
                                 "the balance or ask an admin to approve credit");
            return FALSE;
          }
        break;
      case PURATAN_ORDER_ACTION_RESUME:
        if (facts->resume_state >= PURATAN_ORDER_N_STATES ||
            !(ACTIVE_STATES & (1u << facts->resume_state)))
          {
            g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                                 "The order on hold does not record a state to resume");
            return FALSE;
          }
        *out_to = facts->resume_state;
        return TRUE;
      default:
        break;
    }

  *out_to = rule->to;
  return TRUE;
}

/**
 * puratan_workflow_is_allowed:
 * @from: the order's state
 * @action: an action
 * @role: the user's role
 * @facts: what the guards check
 *
 * Returns: whether puratan_workflow_next() would allow the step; for offering actions in views
 */
gboolean
puratan_workflow_is_allowed (PuratanOrderState from,
                             PuratanOrderAction action,
                             PuratanRole role,
                             const PuratanWorkflowFacts *facts)
{
  PuratanOrderState to;

  return puratan_workflow_next (from, action, role, facts, &to, NULL);
}
