/* puratan-audit.h: the append-only audit log
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanAuditEntry:
 * @id: position in the log, increasing; set when appended
 * @at: when (UTC, ISO 8601); set when appended
 * @actor: who (user name)
 * @role: in which role: customer, counter, designer, production, admin or system
 * @entity: "customer", "order", "payment" or "file"
 * @entity_id: which record
 * @action: what was done ("place", "approve_proof", …)
 * @from_state: (nullable): state before
 * @to_state: (nullable): state after
 * @reason: why, may be empty
 */
typedef struct
{
  gint64 id;
  char *at;
  char *actor;
  char *role;
  char *entity;
  char *entity_id;
  char *action;
  char *from_state;
  char *to_state;
  char *reason;
} PuratanAuditEntry;

void puratan_audit_entry_free (PuratanAuditEntry *entry);

gboolean puratan_audit_append (PuratanDatabase *database, PuratanAuditEntry *entry, GError **error);

GPtrArray *puratan_audit_list (PuratanDatabase *database,
                               const char *entity,
                               const char *entity_id,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanAuditEntry, puratan_audit_entry_free)

G_END_DECLS
