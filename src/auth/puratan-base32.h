/* puratan-base32.h: RFC 4648 base32, as authenticator apps read TOTP secrets
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *puratan_base32_encode (const guint8 *data, gsize length);
GBytes *puratan_base32_decode (const char *text, GError **error);

G_END_DECLS
