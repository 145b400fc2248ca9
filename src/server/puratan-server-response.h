/* puratan-server-response.h: JSON and problem+json answers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PURATAN_SERVER_JSON_TYPE    "application/json"
#define PURATAN_SERVER_PROBLEM_TYPE "application/problem+json"
/* libsoup 3.2 has no name for RFC 6585's status. */
#define PURATAN_SERVER_STATUS_TOO_MANY_REQUESTS 429
/* Nor for RFC 9110's and RFC 6585's. */
#define PURATAN_SERVER_STATUS_UPGRADE_REQUIRED      426
#define PURATAN_SERVER_STATUS_PRECONDITION_REQUIRED 428
#define PURATAN_SERVER_STATUS_HEADERS_TOO_LARGE     431
/* How long a client told 503 (busy) should wait before asking again. */
#define PURATAN_SERVER_RETRY_AFTER_SECONDS "10"

void puratan_server_respond_json (SoupServerMessage *msg, guint status, JsonNode *body);
void puratan_server_respond_problem (
    SoupServerMessage *msg, guint status, const char *type, const char *title, const char *detail);
void puratan_server_respond_problem_code (SoupServerMessage *msg,
                                          guint status,
                                          const char *code,
                                          const char *detail);
void puratan_server_respond_busy (SoupServerMessage *msg, const char *detail);
void puratan_server_respond_error (SoupServerMessage *msg, const GError *error);
guint puratan_server_status_for_error (const GError *error);

G_END_DECLS
