/* puratan-panel-watch.h: what every Design view panel watches: a selection and its design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A panel embeds one PuratanPanelWatch. Changes of the design, of the selected items, of
 * the page and of the document are coalesced into one call of @refresh from an idle
 * source, so the panel never reads the design while an edit is half made (the document
 * emits "changed" before an item edit is done).
 */
#pragma once

#include "puratan-selection.h"

G_BEGIN_DECLS

typedef void (*PuratanPanelRefresh) (gpointer owner);

typedef struct
{
  PuratanSelection *selection;
  PuratanDocument *document; /* the selection's document while watched */
  gulong document_handler;
  gulong selection_handler;
  gulong page_handler;
  gulong document_notify_handler;
  guint idle;
  gboolean design_changed; /* the design changed (or another one came) since the panel last
                            * cleared this; selection changes leave it alone */
  PuratanPanelRefresh refresh;
  gpointer owner;
} PuratanPanelWatch;

void
puratan_panel_watch_init (PuratanPanelWatch *watch, PuratanPanelRefresh refresh, gpointer owner);
gboolean puratan_panel_watch_set_selection (PuratanPanelWatch *watch, PuratanSelection *selection);
void puratan_panel_watch_queue (PuratanPanelWatch *watch);
void puratan_panel_watch_clear (PuratanPanelWatch *watch);

G_END_DECLS
