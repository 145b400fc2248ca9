/* puratan-stripe-provider.h: online card payments through Stripe
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-payment-provider.h"

G_BEGIN_DECLS

/* How old a webhook's signature may be, in seconds, unless configured (Stripe's own default). */
#define PURATAN_STRIPE_DEFAULT_TOLERANCE 300

#define PURATAN_TYPE_STRIPE_PROVIDER (puratan_stripe_provider_get_type ())
G_DECLARE_FINAL_TYPE (
    PuratanStripeProvider, puratan_stripe_provider, PURATAN, STRIPE_PROVIDER, GObject)

PuratanStripeProvider *puratan_stripe_provider_new (const char *base_url,
                                                    const char *secret_key,
                                                    const char *webhook_secret,
                                                    guint tolerance_seconds,
                                                    GError **error);

G_END_DECLS
