/* puratan-workflow.h: the order workflow as a state machine
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "puratan-auth.h"

G_BEGIN_DECLS

#define PURATAN_WORKFLOW_ERROR (puratan_workflow_error_quark ())

/**
 * PuratanWorkflowError:
 * @PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION: the action does not apply in the order's state
 * @PURATAN_WORKFLOW_ERROR_NOT_PAID: production needs the order paid or credit-approved
 * @PURATAN_WORKFLOW_ERROR_INCOMPLETE: the order lacks what the step needs (lines, artwork)
 *
 * Why the workflow refused an action, so a view can offer the way forward (take payment,
 * attach files). A role without the right is %PURATAN_ERROR_PERMISSION_DENIED.
 */
typedef enum
{
  PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION,
  PURATAN_WORKFLOW_ERROR_NOT_PAID,
  PURATAN_WORKFLOW_ERROR_INCOMPLETE,
} PuratanWorkflowError;

/**
 * PuratanOrderState:
 *
 * Where an order is. The happy path runs draft → placed → awaiting_files → preflight →
 * preflight_ok → proof_sent → proof_approved → in_production → ready → delivered → closed;
 * needs_fix and changes_requested loop back to preflight; on_hold remembers where to resume.
 */
typedef enum
{
  PURATAN_ORDER_STATE_DRAFT,
  PURATAN_ORDER_STATE_PLACED,
  PURATAN_ORDER_STATE_AWAITING_FILES,
  PURATAN_ORDER_STATE_PREFLIGHT,
  PURATAN_ORDER_STATE_PREFLIGHT_OK,
  PURATAN_ORDER_STATE_NEEDS_FIX,
  PURATAN_ORDER_STATE_PROOF_SENT,
  PURATAN_ORDER_STATE_PROOF_APPROVED,
  PURATAN_ORDER_STATE_CHANGES_REQUESTED,
  PURATAN_ORDER_STATE_IN_PRODUCTION,
  PURATAN_ORDER_STATE_READY,
  PURATAN_ORDER_STATE_DELIVERED,
  PURATAN_ORDER_STATE_CLOSED,
  PURATAN_ORDER_STATE_ON_HOLD,
  PURATAN_ORDER_STATE_CANCELLED,
  PURATAN_ORDER_N_STATES,
} PuratanOrderState;

/**
 * PuratanOrderAction:
 *
 * What a user does to an order. Each action names one step of the workflow.
 */
typedef enum
{
  PURATAN_ORDER_ACTION_PLACE,
  PURATAN_ORDER_ACTION_REQUEST_FILES,
  PURATAN_ORDER_ACTION_SUBMIT_FILES,
  PURATAN_ORDER_ACTION_PREFLIGHT_PASS,
  PURATAN_ORDER_ACTION_PREFLIGHT_FAIL,
  PURATAN_ORDER_ACTION_SEND_PROOF,
  PURATAN_ORDER_ACTION_APPROVE_PROOF,
  PURATAN_ORDER_ACTION_REQUEST_CHANGES,
  PURATAN_ORDER_ACTION_START_PRODUCTION,
  PURATAN_ORDER_ACTION_MARK_READY,
  PURATAN_ORDER_ACTION_PICK_UP,
  PURATAN_ORDER_ACTION_SHIP,
  PURATAN_ORDER_ACTION_CLOSE,
  PURATAN_ORDER_ACTION_HOLD,
  PURATAN_ORDER_ACTION_RESUME,
  PURATAN_ORDER_ACTION_CANCEL,
  PURATAN_ORDER_N_ACTIONS,
} PuratanOrderAction;

/**
 * PuratanWorkflowFacts:
 * @has_lines: the order has at least one line
 * @has_artwork: artwork is attached
 * @paid_in_full: payments less refunds cover the total
 * @credit_approved: an admin let production start before payment
 * @resume_state: where an on-hold order goes back to
 *
 * What the guards look at besides the state.
 */
typedef struct
{
  gboolean has_lines;
  gboolean has_artwork;
  gboolean paid_in_full;
  gboolean credit_approved;
  PuratanOrderState resume_state;
} PuratanWorkflowFacts;

GQuark puratan_workflow_error_quark (void);

const char *puratan_order_state_to_string (PuratanOrderState state);
const char *puratan_order_status_label (const char *status);
gboolean puratan_order_state_from_string (const char *text, PuratanOrderState *out, GError **error);

const char *puratan_order_action_to_string (PuratanOrderAction action);
gboolean
puratan_order_action_from_string (const char *text, PuratanOrderAction *out, GError **error);

gboolean puratan_workflow_next (PuratanOrderState from,
                                PuratanOrderAction action,
                                PuratanRole role,
                                const PuratanWorkflowFacts *facts,
                                PuratanOrderState *out_to,
                                GError **error);

gboolean puratan_workflow_is_allowed (PuratanOrderState from,
                                      PuratanOrderAction action,
                                      PuratanRole role,
                                      const PuratanWorkflowFacts *facts);

G_END_DECLS
