/* puratan-login-throttle.h: growing delays and lockout after failed sign-ins
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PuratanThrottlePolicy:
 * @delay_after: failures allowed without any wait
 * @first_delay: the first wait, in seconds; each further failure doubles it
 * @max_delay: the longest wait between attempts before the lockout, in seconds
 * @lockout_after: failures after which the account or client is locked out
 * @lockout_seconds: how long a lockout lasts
 * @window_seconds: failures older than this (counted from the last one) are forgotten
 *
 * How sign-in failures are answered; counted separately per account and per client.
 */
typedef struct
{
  guint delay_after;
  guint first_delay;
  guint max_delay;
  guint lockout_after;
  guint lockout_seconds;
  guint window_seconds;
} PuratanThrottlePolicy;

void puratan_throttle_policy_init_default (PuratanThrottlePolicy *policy);
gboolean puratan_throttle_policy_validate (const PuratanThrottlePolicy *policy, GError **error);
gint64 puratan_throttle_wait (const PuratanThrottlePolicy *policy,
                              guint failures,
                              gint64 last_failure,
                              gint64 now);
gboolean puratan_throttle_is_lockout (const PuratanThrottlePolicy *policy, guint failures);

G_END_DECLS
