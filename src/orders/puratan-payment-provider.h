/* puratan-payment-provider.h: online payment providers, an extension point
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-store.h"

G_BEGIN_DECLS

/**
 * PuratanPaymentIntent:
 * @id: the provider's id of the intent
 * @client_secret: (nullable): what the payer's browser confirms it with
 * @status: the provider's status word
 * @amount_paise: the amount asked for
 * @replayed: whether the provider answered a repeated idempotency key with its stored answer
 *
 * A payment the provider is ready to take.
 */
typedef struct
{
  char *id;
  char *client_secret;
  char *status;
  gint64 amount_paise;
  gboolean replayed;
} PuratanPaymentIntent;

void puratan_payment_intent_free (PuratanPaymentIntent *intent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPaymentIntent, puratan_payment_intent_free)

/**
 * PuratanPaymentEvent:
 * @id: the provider's event id
 * @type: the provider's event type ("payment_intent.succeeded")
 * @intent_id: (nullable): the intent it is about
 * @amount_paise: the amount it names, 0 when none
 * @currency: (nullable): its currency, lower case
 * @succeeded: whether it says the intent's money was received
 *
 * A notice from the provider whose signature was verified.
 */
typedef struct
{
  char *id;
  char *type;
  char *intent_id;
  gint64 amount_paise;
  char *currency;
  gboolean succeeded;
} PuratanPaymentEvent;

void puratan_payment_event_free (PuratanPaymentEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPaymentEvent, puratan_payment_event_free)

#define PURATAN_TYPE_PAYMENT_PROVIDER (puratan_payment_provider_get_type ())
G_DECLARE_INTERFACE (
    PuratanPaymentProvider, puratan_payment_provider, PURATAN, PAYMENT_PROVIDER, GObject)

/**
 * PuratanPaymentProviderInterface:
 * @get_name: the provider's name as stored ("stripe")
 * @create_intent: asks the provider for a payment of an order, once per idempotency key;
 *   blocking (network), so called on a worker
 * @verify_event: checks a notice's signature and freshness and reads it
 *
 * What an online payment provider does.
 */
struct _PuratanPaymentProviderInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name) (PuratanPaymentProvider *self);
  PuratanPaymentIntent *(*create_intent) (PuratanPaymentProvider *self,
                                          const char *order_id,
                                          gint64 amount_paise,
                                          const char *idempotency_key,
                                          GCancellable *cancellable,
                                          GError **error);
  PuratanPaymentEvent *(*verify_event) (PuratanPaymentProvider *self,
                                        const char *signature,
                                        GBytes *body,
                                        gint64 now,
                                        GError **error);
};

const char *puratan_payment_provider_get_name (PuratanPaymentProvider *self);
PuratanPaymentIntent *puratan_payment_provider_create_intent (PuratanPaymentProvider *self,
                                                              const char *order_id,
                                                              gint64 amount_paise,
                                                              const char *idempotency_key,
                                                              GCancellable *cancellable,
                                                              GError **error);
PuratanPaymentEvent *puratan_payment_provider_verify_event (
    PuratanPaymentProvider *self, const char *signature, GBytes *body, gint64 now, GError **error);
PuratanPayment *puratan_payment_provider_record_success (PuratanPaymentProvider *self,
                                                         PuratanDatabase *database,
                                                         const PuratanPaymentEvent *event,
                                                         gboolean *out_duplicate,
                                                         GError **error);

G_END_DECLS
