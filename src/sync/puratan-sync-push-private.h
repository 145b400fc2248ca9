/* puratan-sync-push-private.h: one pass of the push, shared by the single requests and the
 * batches
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-sync-private.h"

G_BEGIN_DECLS

/* Changes sent in one batch unless the run says otherwise (the server takes up to 500). */
#define PURATAN_SYNC_DEFAULT_BATCH 200

/* One change ready to send: an order's creation (with its lines' keys) or a payment. */
typedef struct
{
  PuratanOutboxEntry *entry;
  gboolean payment;
  /* A workflow step: the status it leads to, and the action taking it there. */
  gboolean step;
  char *to_status;
  char *action;
  /* The outbox keys the answer settles (NULL-terminated; borrowed from entry and lines). */
  GPtrArray *keys;
  char **lines;
  char *body;
  gboolean staff;
  /* A creation that names its customer by name: the local customer the server makes. */
  char *customer_local_id;
  char *order_local_id;
  /* A payment's order: the server's id, or the key of its creation in the same batch. */
  char *order_server_id;
  char *order_key;
  char *payment_key;
  /* A batch's answer to it, already parsed (a success's body). */
  JsonObject *answer;
} PushItem;

/* A batch: its changes, the local orders it touches (id → the key of its creation in the
 * batch, "" when only payments), the customers its creations name, the pages whose entries
 * it borrows; and, once sent, its request on the sending thread. */
typedef struct _PushBatch PushBatch;

/* Where the push of one pass stands: orders held back this pass (a draft without lines yet,
 * or an order whose creation could not be sent) keep their later entries queued; whether the
 * account is staff (read once: the tokens may be rotated on the sending thread); the batch
 * being gathered, and the one sent before it whose answer is awaited. */
typedef struct
{
  PuratanSyncRun *run;
  GHashTable *held;
  GPtrArray *page;
  guint index;
  guint sent;
  gboolean staff;
  PushBatch *gathering;
  PushBatch *sending;
  gboolean single;
} Push;

void puratan_sync_push_batch_init (Push *push);
void puratan_sync_push_batch_clear (Push *push);
void puratan_sync_push_batch_keep_page (Push *push, GPtrArray *page);

void puratan_sync_push_item_free (PushItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PushItem, puratan_sync_push_item_free)

gboolean puratan_sync_push_order_prepare (Push *push,
                                          PuratanOutboxEntry *entry,
                                          PushItem **out,
                                          GError **error);
gboolean puratan_sync_push_order_answered (Push *push,
                                           PushItem *item,
                                           PuratanSyncResponse *response,
                                           GError **error);
gboolean puratan_sync_push_order_send (Push *push, PushItem *item, GError **error);
gboolean puratan_sync_push_payment_prepare (Push *push,
                                            PuratanOutboxEntry *entry,
                                            const char *order_server_id,
                                            const char *order_key,
                                            PushItem **out,
                                            GError **error);
gboolean puratan_sync_push_payment_answered (Push *push,
                                             PushItem *item,
                                             PuratanSyncResponse *response,
                                             GError **error);
gboolean puratan_sync_push_payment_send (Push *push, PushItem *item, GError **error);

gboolean puratan_sync_push_state_prepare (
    Push *push, PuratanOutboxEntry *entry, const char *order_key, PushItem **out, GError **error);
gboolean puratan_sync_push_state_answered (Push *push,
                                           PushItem *item,
                                           PuratanSyncResponse *response,
                                           GError **error);
gboolean puratan_sync_push_state_send (Push *push, PushItem *item, GError **error);

gboolean puratan_sync_push_batch_add (Push *push,
                                      PuratanOutboxEntry *entry,
                                      gboolean *taken,
                                      GError **error);
gboolean puratan_sync_push_batch_flush (Push *push, GError **error);

G_END_DECLS
