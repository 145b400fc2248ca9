/* puratan-idempotency.h: stored answers of requests sent with an Idempotency-Key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanIdempotencyOutcome:
 * @PURATAN_IDEMPOTENCY_NEW: the key was unknown; it is now recorded as running, and the
 *   caller does the work, then calls puratan_idempotency_finish() or
 *   puratan_idempotency_release()
 * @PURATAN_IDEMPOTENCY_DONE: the key's request was answered before: give the stored answer
 * @PURATAN_IDEMPOTENCY_RUNNING: the key's first request has not finished
 * @PURATAN_IDEMPOTENCY_MISMATCH: the key came before with another request
 *
 * What puratan_idempotency_begin() found.
 */
typedef enum
{
  PURATAN_IDEMPOTENCY_NEW,
  PURATAN_IDEMPOTENCY_DONE,
  PURATAN_IDEMPOTENCY_RUNNING,
  PURATAN_IDEMPOTENCY_MISMATCH,
} PuratanIdempotencyOutcome;

/**
 * PuratanStoredAnswer:
 * @status: the HTTP status given
 * @response: (nullable): the body given
 * @location: (nullable): the `Location` given
 *
 * An answer kept for an idempotency key.
 */
typedef struct
{
  guint status;
  char *response;
  char *location;
} PuratanStoredAnswer;

void puratan_stored_answer_free (PuratanStoredAnswer *answer);

PuratanIdempotencyOutcome puratan_idempotency_begin (PuratanDatabase *database,
                                                     const char *account_id,
                                                     const char *key,
                                                     const char *request_hash,
                                                     PuratanStoredAnswer **out_answer,
                                                     GError **error);

gboolean puratan_idempotency_finish (PuratanDatabase *database,
                                     const char *account_id,
                                     const char *key,
                                     const PuratanStoredAnswer *answer,
                                     GError **error);

gboolean puratan_idempotency_release (PuratanDatabase *database,
                                      const char *account_id,
                                      const char *key,
                                      GError **error);

PuratanIdempotencyOutcome puratan_idempotency_lookup (PuratanDatabase *database,
                                                      const char *account_id,
                                                      const char *key,
                                                      PuratanStoredAnswer **out_answer,
                                                      GError **error);

gboolean puratan_idempotency_release_running (PuratanDatabase *database, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanStoredAnswer, puratan_stored_answer_free)

G_END_DECLS
