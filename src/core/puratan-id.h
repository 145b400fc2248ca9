/* puratan-id.h: random UUIDs for record ids, and secure random bytes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PURATAN_UUID_STRING_LENGTH:
 *
 * Characters in the canonical text form of a UUID, without the NUL.
 */
#define PURATAN_UUID_STRING_LENGTH 36

/**
 * PuratanUuid:
 * @bytes: the 16 bytes in network order (as written in the text form)
 *
 * A UUID as defined by RFC 9562. A small value type: copy it freely.
 */
typedef struct
{
  guint8 bytes[16];
} PuratanUuid;

gboolean puratan_random_bytes (gpointer buffer, gsize length, GError **error);

gboolean puratan_uuid_generate (PuratanUuid *out, GError **error);
gboolean puratan_uuid_parse (const char *text, PuratanUuid *out, GError **error);
char *puratan_uuid_to_string (const PuratanUuid *uuid);
guint puratan_uuid_get_version (const PuratanUuid *uuid);
gboolean puratan_uuid_equal (const PuratanUuid *a, const PuratanUuid *b);

char *puratan_id_new (GError **error);
gboolean puratan_id_validate (const char *text, GError **error);

G_END_DECLS
