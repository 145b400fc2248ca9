/* puratan-server-admin.h: `puratan-server admin`, commands run by the shop's manager
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int puratan_server_admin_main (int argc, char **argv);
int puratan_server_backup_main (int argc, char **argv);

G_END_DECLS
