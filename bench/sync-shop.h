/* sync-shop.h: the shop the sync benches set up: a server with accounts, and orders written
 * offline in a workstation's database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-orders.h"
#include "puratan-pricing.h"

G_BEGIN_DECLS

/* Every bench account's password. */
#define BENCH_PASSWORD "a long enough password"

void bench_create_account (const char *server, const char *data_dir, const char *email);
GSubprocess *bench_start_server (const char *server, const char *data_dir, char **url);
GPtrArray *bench_quoted_lines (void);
double bench_write_orders (const char *database_path, GPtrArray *lines, guint n, gboolean place);

G_END_DECLS
