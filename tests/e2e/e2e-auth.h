/* e2e-auth.h: accounts, tokens and TOTP codes for end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "e2e-server.h"

G_BEGIN_DECLS

/* A finished request: its message (status, headers) and its body. */
typedef struct
{
  SoupMessage *msg;
  GBytes *body;
} Reply;

void reply_clear (Reply *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

void reply_send (Server *server,
                 Reply *reply,
                 const char *method,
                 const char *path,
                 const char *token,
                 const char *json);
JsonObject *reply_object (Reply *reply);
const char *reply_header (Reply *reply, const char *name);
void assert_problem_code (Reply *reply, guint status, const char *code);

char *totp_code_at (GBytes *secret, gint64 unix_time);
GBytes *base32_decode (const char *text);
char *mint_access_token (Server *server,
                         const char *account_id,
                         const char *session_id,
                         const char *role,
                         gint64 issued_at,
                         gint64 expires_at);
char *token_payload_json (const char *token);

G_END_DECLS
