/* e2e-api.h: calls to the back office's business routes in end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "e2e-auth.h"

G_BEGIN_DECLS

void api_call (Server *server,
               Reply *reply,
               const char *method,
               const char *path,
               const char *token,
               const char *json,
               const char *idempotency_key,
               const char *if_match);
void api_call_until_settled (Server *server,
                             Reply *reply,
                             const char *method,
                             const char *path,
                             const char *token,
                             const char *json,
                             const char *idempotency_key);
char *api_sign_in (Server *server, const char *email, const char *role);
char *api_account_id (Server *server, const char *token);
char *api_draft_order (Server *server, const char *token, const char *customer, const char *key);
char *api_placed_order (Server *server, const char *token, const char *customer);
char *api_transition (Server *server, const char *token, const char *order, const char *action);

void api_send_and_hang_up (Server *server,
                           const char *method,
                           const char *path,
                           const char *token,
                           const char *json,
                           const char *idempotency_key);

/* A request whose headers were sent and answered with 100 Continue, its body not yet. */
typedef struct _ApiHeld ApiHeld;
ApiHeld *api_hold (Server *server,
                   const char *method,
                   const char *path,
                   const char *token,
                   const char *json,
                   const char *idempotency_key);
char *api_release (ApiHeld *held);
void api_held_free (ApiHeld *held);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApiHeld, api_held_free)

void api_add_feed_tests (void);

G_END_DECLS
