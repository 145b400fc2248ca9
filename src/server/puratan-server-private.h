/* puratan-server-private.h: internals shared by the server's files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-server.h"

G_BEGIN_DECLS

void puratan_server_add_health_routes (PuratanServer *self);

G_END_DECLS
