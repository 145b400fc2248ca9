/* puratan-page-thumbs.h: page thumbnails of a design, drawn on a worker thread
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "puratan-doc.h"

G_BEGIN_DECLS

/**
 * PuratanPageThumb:
 * @fingerprint: what the page looked like: the same fingerprint draws the same thumbnail
 * @texture: the page with its bleed, at most the asked size on its longest edge
 */
typedef struct
{
  char *fingerprint;
  GdkTexture *texture;
} PuratanPageThumb;

void puratan_page_thumb_free (PuratanPageThumb *thumb);

void puratan_page_thumbs_render_async (PuratanDocument *document,
                                       GHashTable *known,
                                       int max_edge,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
GPtrArray *puratan_page_thumbs_render_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPageThumb, puratan_page_thumb_free)

G_END_DECLS
