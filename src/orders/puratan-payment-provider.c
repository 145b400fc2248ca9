/* puratan-payment-provider.c: online payment providers, an extension point
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A provider makes payment intents and vouches for notices about them. What the shop does
 * with a verified "succeeded" notice is the same for every provider and lives here: the
 * payment is recorded, audited and the online payment marked paid in one transaction, under
 * an idempotency key derived from the provider's intent, so a notice delivered twice
 * records one payment.
 */
#include "puratan-payment-provider.h"

#include <string.h>

#include "puratan-core.h"

G_DEFINE_INTERFACE (PuratanPaymentProvider, puratan_payment_provider, G_TYPE_OBJECT)

static void
puratan_payment_provider_default_init (PuratanPaymentProviderInterface *iface)
{
}

/**
 * puratan_payment_intent_free:
 * @intent: (nullable) (transfer full): an intent
 */
void
puratan_payment_intent_free (PuratanPaymentIntent *intent)
{
  if (intent == NULL)
    return;
  g_free (intent->id);
  g_free (intent->client_secret);
  g_free (intent->status);
  g_free (intent);
}

/**
 * puratan_payment_event_free:
 * @event: (nullable) (transfer full): an event
 */
void
puratan_payment_event_free (PuratanPaymentEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->type);
  g_free (event->intent_id);
  g_free (event->currency);
  g_free (event);
}

/**
 * puratan_payment_provider_get_name:
 * @self: a provider
 *
 * Returns: (transfer none): the provider's name as stored ("stripe")
 */
const char *
puratan_payment_provider_get_name (PuratanPaymentProvider *self)
{
  g_return_val_if_fail (PURATAN_IS_PAYMENT_PROVIDER (self), NULL);

  return PURATAN_PAYMENT_PROVIDER_GET_IFACE (self)->get_name (self);
}

/**
 * puratan_payment_provider_create_intent:
 * @self: a provider
 * @order_id: the order paid for
 * @amount_paise: the amount, above zero
 * @idempotency_key: the key the provider dedupes on: the same key gives the same intent
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the provider for a payment. Blocking (network): call it on a worker.
 *
 * Returns: (transfer full) (nullable): the intent, or %NULL with @error set
 */
PuratanPaymentIntent *
puratan_payment_provider_create_intent (PuratanPaymentProvider *self,
                                        const char *order_id,
                                        gint64 amount_paise,
                                        const char *idempotency_key,
                                        GCancellable *cancellable,
                                        GError **error)
{
  g_return_val_if_fail (PURATAN_IS_PAYMENT_PROVIDER (self), NULL);
  g_return_val_if_fail (order_id != NULL && idempotency_key != NULL, NULL);
  g_return_val_if_fail (amount_paise > 0, NULL);

  return PURATAN_PAYMENT_PROVIDER_GET_IFACE (self)->create_intent (
      self, order_id, amount_paise, idempotency_key, cancellable, error);
}

/**
 * puratan_payment_provider_verify_event:
 * @self: a provider
 * @signature: (nullable): the notice's signature header
 * @body: the notice's body exactly as received
 * @now: the current Unix time, for the freshness check
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the notice, or %NULL with @error set
 *   (%PURATAN_ERROR_PERMISSION_DENIED for a missing, wrong or stale signature,
 *   %PURATAN_ERROR_PARSE for a body that is not a notice)
 */
PuratanPaymentEvent *
puratan_payment_provider_verify_event (
    PuratanPaymentProvider *self, const char *signature, GBytes *body, gint64 now, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_PAYMENT_PROVIDER (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  return PURATAN_PAYMENT_PROVIDER_GET_IFACE (self)->verify_event (self, signature, body, now,
                                                                  error);
}

typedef struct
{
  const char *provider;
  const PuratanPaymentEvent *event;
  PuratanPayment *stored;
  gboolean duplicate;
} Record;

static gboolean
record_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Record *record = user_data;
  g_autoptr (PuratanOnlinePayment) online = NULL;
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (PuratanAuditEntry) entry = NULL;

  online = puratan_online_payment_find (database, "intent_id", record->event->intent_id, error);
  if (online == NULL)
    return FALSE;
  if (strcmp (online->provider, record->provider) != 0 ||
      online->amount_paise != record->event->amount_paise ||
      g_strcmp0 (record->event->currency, "inr") != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The notice about %s does not match the payment asked for "
                   "(%" G_GINT64_FORMAT " paise in INR)",
                   online->intent_id, online->amount_paise);
      return FALSE;
    }
  attempt = puratan_payment_new (online->order_id, "payment", "card", online->amount_paise,
                                 record->provider, error);
  if (attempt == NULL)
    return FALSE;
  g_free (attempt->idempotency_key);
  attempt->idempotency_key = g_strconcat (record->provider, ":", online->intent_id, NULL);
  attempt->reference = g_strndup (online->intent_id, 64);
  record->stored = puratan_payment_record (database, attempt, &record->duplicate, error);
  if (record->stored == NULL)
    return FALSE;
  if (record->duplicate)
    return TRUE;
  if (!puratan_online_payment_mark_paid (database, online->intent_id, record->stored->id, error))
    return FALSE;
  entry = g_new0 (PuratanAuditEntry, 1);
  entry->actor = g_strdup (record->provider);
  entry->role = g_strdup ("system");
  entry->entity = g_strdup ("payment");
  entry->entity_id = g_strdup (record->stored->id);
  entry->action = g_strdup ("payment_online");
  entry->reason = g_strdup (online->intent_id);
  return puratan_audit_append (database, entry, error);
}

/**
 * puratan_payment_provider_record_success:
 * @self: the provider that vouched for @event
 * @database: an open database
 * @event: a verified notice that an intent succeeded
 * @out_duplicate: (out) (optional): %TRUE when it had been recorded already
 * @error: return location for a #GError
 *
 * Records the payment @event reports, once: the payment, its audit entry and the online
 * payment's new status commit together, and a repeated notice finds the stored payment.
 *
 * Returns: (transfer full) (nullable): the payment, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND for an intent the shop never asked for,
 *   %PURATAN_ERROR_INVALID_INPUT when the notice's amount is not the one asked for)
 */
PuratanPayment *
puratan_payment_provider_record_success (PuratanPaymentProvider *self,
                                         PuratanDatabase *database,
                                         const PuratanPaymentEvent *event,
                                         gboolean *out_duplicate,
                                         GError **error)
{
  Record record = { NULL, event, NULL, FALSE };

  g_return_val_if_fail (PURATAN_IS_PAYMENT_PROVIDER (self), NULL);
  g_return_val_if_fail (event != NULL && event->succeeded && event->intent_id != NULL, NULL);

  record.provider = puratan_payment_provider_get_name (self);
  if (!puratan_database_run_in_transaction (database, record_in_transaction, &record, error))
    {
      g_clear_pointer (&record.stored, puratan_payment_free);
      return NULL;
    }
  if (out_duplicate != NULL)
    *out_duplicate = record.duplicate;
  return record.stored;
}
