/* puratan-place.h: placing an image or a PDF file on a page of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-doc.h"

G_BEGIN_DECLS

void puratan_place_file_async (PuratanDocument *document,
                               guint page,
                               GFile *file,
                               double x,
                               double y,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
char *puratan_place_file_finish (PuratanDocument *document, GAsyncResult *result, GError **error);

G_END_DECLS
