/* test-workflow.c: every state against every action and role
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-orders.h"

/* The workflow as issue 7 lists it, written out independently of the implementation's table:
 * action, the states it applies in, the roles that may take it, and where it leads. */
typedef struct
{
  const char *action;
  const char *from;
  const char *roles;
  const char *to;
} Expected;

static const Expected expected[] = {
  { "place", "draft", "customer counter admin", "placed" },
  { "request_files", "placed", "counter designer admin", "awaiting_files" },
  { "submit_files", "awaiting_files needs_fix changes_requested", "customer counter designer admin",
    "preflight" },
  { "preflight_pass", "preflight", "designer admin", "preflight_ok" },
  { "preflight_fail", "preflight", "designer admin", "needs_fix" },
  { "send_proof", "preflight_ok", "designer admin", "proof_sent" },
  { "approve_proof", "proof_sent", "customer counter admin", "proof_approved" },
  { "request_changes", "proof_sent", "customer counter admin", "changes_requested" },
  { "start_production", "proof_approved", "production admin", "in_production" },
  { "mark_ready", "in_production", "production admin", "ready" },
  { "pick_up", "ready", "counter admin", "delivered" },
  { "ship", "ready", "counter production admin", "delivered" },
  { "close", "delivered", "counter admin", "closed" },
  { "hold",
    "placed awaiting_files preflight preflight_ok needs_fix proof_sent proof_approved "
    "changes_requested in_production ready",
    "counter designer production admin", "on_hold" },
  { "resume", "on_hold", "counter designer production admin", "(resume)" },
  { "cancel",
    "draft placed awaiting_files preflight preflight_ok needs_fix proof_sent proof_approved "
    "changes_requested in_production ready on_hold",
    "counter admin", "cancelled" },
};

/* A customer may cancel only before approving the proof. */
static const char customer_cancels[] =
    "draft placed awaiting_files preflight preflight_ok needs_fix proof_sent changes_requested";

static gboolean
word_in (const char *word, const char *list)
{
  g_auto (GStrv) words = g_strsplit (list, " ", -1);

  return g_strv_contains ((const char *const *) words, word);
}

static const Expected *
find_expected (const char *action)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_strcmp0 (expected[i].action, action) == 0)
      return &expected[i];
  g_assert_not_reached ();
}

static void
test_every_state_action_role (void)
{
  PuratanWorkflowFacts facts = { TRUE, TRUE, TRUE, FALSE, PURATAN_ORDER_STATE_PROOF_SENT };
  guint allowed = 0;

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, PURATAN_ORDER_N_ACTIONS);
  for (PuratanOrderState from = 0; from < PURATAN_ORDER_N_STATES; from++)
    for (PuratanOrderAction action = 0; action < PURATAN_ORDER_N_ACTIONS; action++)
      for (PuratanRole role = 0; role < PURATAN_N_ROLES; role++)
        {
          const char *from_name = puratan_order_state_to_string (from);
          const char *role_name = puratan_role_to_string (role);
          const Expected *want = find_expected (puratan_order_action_to_string (action));
          gboolean applies = word_in (from_name, want->from);
          gboolean permitted =
              word_in (role_name, want->roles) ||
              (action == PURATAN_ORDER_ACTION_CANCEL && role == PURATAN_ROLE_CUSTOMER &&
               word_in (from_name, customer_cancels));
          g_autoptr (GError) error = NULL;
          PuratanOrderState to = PURATAN_ORDER_N_STATES;
          gboolean ok = puratan_workflow_next (from, action, role, &facts, &to, &error);

          g_test_message ("%s + %s as %s", from_name, want->action, role_name);
          if (!applies)
            {
              g_assert_false (ok);
              g_assert_error (error, PURATAN_WORKFLOW_ERROR,
                              PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION);
              g_assert_nonnull (strstr (error->message, from_name));
            }
          else if (!permitted)
            {
              g_assert_false (ok);
              g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
              g_assert_nonnull (strstr (error->message, role_name));
            }
          else
            {
              g_assert_no_error (error);
              g_assert_true (ok);
              if (action == PURATAN_ORDER_ACTION_RESUME)
                g_assert_cmpint (to, ==, facts.resume_state);
              else
                g_assert_cmpstr (puratan_order_state_to_string (to), ==, want->to);
              allowed++;
            }
          g_assert_cmpint (ok, ==, puratan_workflow_is_allowed (from, action, role, &facts));
        }
  /* Sanity: the table is neither empty nor everything. */
  g_assert_cmpuint (allowed, >, 50);
  g_assert_cmpuint (allowed, <, PURATAN_ORDER_N_STATES * PURATAN_ORDER_N_ACTIONS * PURATAN_N_ROLES);
}

static void
test_finished_orders_go_nowhere (void)
{
  PuratanWorkflowFacts facts = { TRUE, TRUE, TRUE, TRUE, PURATAN_ORDER_STATE_PLACED };

  for (PuratanOrderAction action = 0; action < PURATAN_ORDER_N_ACTIONS; action++)
    {
      g_autoptr (GError) error = NULL;
      PuratanOrderState to;

      g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_CLOSED, action, PURATAN_ROLE_ADMIN,
                                             &facts, &to, &error));
      g_assert_nonnull (strstr (error->message, "finished"));
      g_clear_error (&error);
      g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_CANCELLED, action,
                                             PURATAN_ROLE_ADMIN, &facts, &to, NULL));
    }
}

static void
test_guards (void)
{
  PuratanWorkflowFacts facts = { FALSE, FALSE, FALSE, FALSE, PURATAN_ORDER_N_STATES };
  g_autoptr (GError) error = NULL;
  PuratanOrderState to;

  g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_DRAFT, PURATAN_ORDER_ACTION_PLACE,
                                         PURATAN_ROLE_COUNTER, &facts, &to, &error));
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);

  g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_AWAITING_FILES,
                                         PURATAN_ORDER_ACTION_SUBMIT_FILES, PURATAN_ROLE_CUSTOMER,
                                         &facts, &to, &error));
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);

  /* Nothing goes to production unpaid without credit, not even for an admin. */
  g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_PROOF_APPROVED,
                                         PURATAN_ORDER_ACTION_START_PRODUCTION, PURATAN_ROLE_ADMIN,
                                         &facts, &to, &error));
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_NOT_PAID);
  g_clear_error (&error);
  facts.credit_approved = TRUE;
  g_assert_true (puratan_workflow_next (PURATAN_ORDER_STATE_PROOF_APPROVED,
                                        PURATAN_ORDER_ACTION_START_PRODUCTION,
                                        PURATAN_ROLE_PRODUCTION, &facts, &to, &error));
  facts.credit_approved = FALSE;
  facts.paid_in_full = TRUE;
  g_assert_true (puratan_workflow_next (PURATAN_ORDER_STATE_PROOF_APPROVED,
                                        PURATAN_ORDER_ACTION_START_PRODUCTION,
                                        PURATAN_ROLE_PRODUCTION, &facts, &to, &error));
  g_assert_cmpint (to, ==, PURATAN_ORDER_STATE_IN_PRODUCTION);

  /* Paid but the proof not approved: production is still refused. */
  g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_PROOF_SENT,
                                         PURATAN_ORDER_ACTION_START_PRODUCTION, PURATAN_ROLE_ADMIN,
                                         &facts, &to, &error));
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  /* An on-hold order that lost its resume state is reported, not guessed. */
  g_assert_false (puratan_workflow_next (PURATAN_ORDER_STATE_ON_HOLD, PURATAN_ORDER_ACTION_RESUME,
                                         PURATAN_ROLE_COUNTER, &facts, &to, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
}

static void
test_names_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  PuratanOrderState state;
  PuratanOrderAction action;
  PuratanRole role;

  for (PuratanOrderState s = 0; s < PURATAN_ORDER_N_STATES; s++)
    {
      g_assert_true (
          puratan_order_state_from_string (puratan_order_state_to_string (s), &state, NULL));
      g_assert_cmpint (state, ==, s);
    }
  for (PuratanOrderAction a = 0; a < PURATAN_ORDER_N_ACTIONS; a++)
    {
      g_assert_true (
          puratan_order_action_from_string (puratan_order_action_to_string (a), &action, NULL));
      g_assert_cmpint (action, ==, a);
    }
  for (PuratanRole r = 0; r < PURATAN_N_ROLES; r++)
    {
      g_assert_true (puratan_role_from_string (puratan_role_to_string (r), &role, NULL));
      g_assert_cmpint (role, ==, r);
    }
  g_assert_false (puratan_order_action_from_string ("teleport", &action, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "approve_proof"));
  g_clear_error (&error);
  g_assert_false (puratan_role_from_string (NULL, &role, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_order_state_from_string ("Draft", &state, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders/workflow/every-state-action-role", test_every_state_action_role);
  g_test_add_func ("/orders/workflow/finished-orders", test_finished_orders_go_nowhere);
  g_test_add_func ("/orders/workflow/guards", test_guards);
  g_test_add_func ("/orders/workflow/names", test_names_round_trip);

  return g_test_run ();
}
