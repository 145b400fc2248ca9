/* puratan-login-throttle.c: growing delays and lockout after failed sign-ins
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After @delay_after failures the next attempt must wait @first_delay seconds (1 by
 * default), then twice as long after each further failure, up to @max_delay seconds after
 * the last failure; after @lockout_after failures it must wait
 * @lockout_seconds. An attempt made during a wait is refused without checking the password,
 * so guessing is limited whatever the attacker's speed.
 */
#include "puratan-login-throttle.h"

#include "puratan-core.h"

/**
 * puratan_throttle_policy_init_default:
 * @policy: (out caller-allocates): the policy to fill
 *
 * Fills in the defaults: waits from the fourth failure, 1 s doubling to at most 60 s, a 15-minute
 * lockout after ten failures, failures forgotten after 15 quiet minutes.
 */
void
puratan_throttle_policy_init_default (PuratanThrottlePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->delay_after = 3;
  policy->first_delay = 1;
  policy->max_delay = 60;
  policy->lockout_after = 10;
  policy->lockout_seconds = 15 * 60;
  policy->window_seconds = 15 * 60;
}

/**
 * puratan_throttle_policy_validate:
 * @policy: a policy
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @policy is coherent: at least one failure before the lockout, a
 *   lockout and a window of at least one second, waits starting no later than the lockout;
 *   %FALSE with %PURATAN_ERROR_INVALID_INPUT otherwise
 */
gboolean
puratan_throttle_policy_validate (const PuratanThrottlePolicy *policy, GError **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (policy->lockout_after < 1 || policy->lockout_seconds < 1 || policy->window_seconds < 1)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The sign-in lockout needs at least 1 failure, and a lockout and a "
                           "window of at least 1 second");
      return FALSE;
    }
  if (policy->delay_after > policy->lockout_after)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Sign-in delays must start no later than the lockout");
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_throttle_is_lockout:
 * @policy: a policy
 * @failures: failures counted so far
 *
 * Returns: whether @failures reach the lockout
 */
gboolean
puratan_throttle_is_lockout (const PuratanThrottlePolicy *policy, guint failures)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  return failures >= policy->lockout_after;
}

/**
 * puratan_throttle_wait:
 * @policy: a policy
 * @failures: failures counted within the window
 * @last_failure: Unix time of the last failure, in seconds
 * @now: the current Unix time
 *
 * Returns: how many seconds the next attempt must still wait, 0 when it may go ahead
 */
gint64
puratan_throttle_wait (const PuratanThrottlePolicy *policy,
                       guint failures,
                       gint64 last_failure,
                       gint64 now)
{
  gint64 delay, until;

  g_return_val_if_fail (policy != NULL, 0);

  if (failures < policy->delay_after || failures == 0)
    return 0;
  if (puratan_throttle_is_lockout (policy, failures))
    delay = policy->lockout_seconds;
  else
    {
      guint doublings = failures - policy->delay_after;

      delay = doublings >= 31 ? G_MAXINT32 : (gint64) 1 << doublings;
      delay = MIN (delay * (gint64) MAX (policy->first_delay, 1), (gint64) policy->max_delay);
    }
  until = last_failure + delay;
  return until > now ? until - now : 0;
}
