/* e2e-server.h: running the real puratan-server in end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A running puratan-server and a session that talks to it. */
typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
  SoupSession *session;
  char *data_dir;
  char *url;
  /* The server's standard error, kept in a file. */
  char *log_path;
  /* When set, server_message() sends it as the access token. */
  char *token;
} Server;

/* The password server_create_user() gives accounts unless told otherwise. */
#define E2E_PASSWORD "a long enough password"

void server_start (Server *server, const char *const *extra_args);
char *server_stop (Server *server, int signum);
void server_clear (Server *server);
GBytes *server_send (Server *server, SoupMessage *msg);
SoupMessage *server_message (Server *server, const char *method, const char *path);
JsonObject *parse_object (GBytes *body);
const char *content_type (SoupMessage *msg);
void assert_problem (SoupMessage *msg, GBytes *body, guint status);
void server_create_user (Server *server, const char *email, const char *role, const char *password);
SoupMessage *server_json_message (
    Server *server, const char *method, const char *path, const char *token, const char *json);
JsonObject *
server_login (Server *server, const char *email, const char *password, const char *code);
void server_sign_in (Server *server, const char *role);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Server, server_clear)

G_END_DECLS
