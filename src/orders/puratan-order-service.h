/* puratan-order-service.h: workflow steps on stored orders, audited
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-store.h"
#include "puratan-workflow.h"

G_BEGIN_DECLS

/**
 * PURATAN_ANY_VERSION:
 *
 * Passed as an expected version to act on whatever version is stored (scripts, the CLI).
 */
#define PURATAN_ANY_VERSION ((gint64) -1)

PuratanOrder *puratan_orders_create (PuratanDatabase *database,
                                     const char *customer_id,
                                     const char *due_date,
                                     const char *notes,
                                     const char *actor,
                                     PuratanRole role,
                                     GError **error);

gboolean puratan_orders_get_facts (PuratanDatabase *database,
                                   const PuratanOrder *order,
                                   PuratanWorkflowFacts *facts,
                                   GError **error);

PuratanOrder *puratan_orders_transition (PuratanDatabase *database,
                                         const char *order_id,
                                         gint64 expected_version,
                                         PuratanOrderAction action,
                                         const char *actor,
                                         PuratanRole role,
                                         const char *reason,
                                         const char *refund_method,
                                         GError **error);

void puratan_orders_transition_async (PuratanDatabase *database,
                                      const char *order_id,
                                      gint64 expected_version,
                                      PuratanOrderAction action,
                                      const char *actor,
                                      PuratanRole role,
                                      const char *reason,
                                      const char *refund_method,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);

PuratanOrder *puratan_orders_transition_finish (GAsyncResult *result, GError **error);

PuratanOrder *puratan_orders_approve_credit (PuratanDatabase *database,
                                             const char *order_id,
                                             gint64 expected_version,
                                             const char *actor,
                                             PuratanRole role,
                                             const char *reason,
                                             GError **error);

G_END_DECLS
