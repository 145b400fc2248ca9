/* puratan-panel-watch.c: what every Design view panel watches: a selection and its design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-panel-watch.h"

static gboolean
refresh_idle (gpointer data)
{
  PuratanPanelWatch *watch = data;

  watch->idle = 0;
  watch->refresh (watch->owner);
  return G_SOURCE_REMOVE;
}

/**
 * puratan_panel_watch_queue:
 * @watch: a watch
 *
 * Schedules one refresh of the panel from an idle source; repeated calls before it runs
 * coalesce.
 */
void
puratan_panel_watch_queue (PuratanPanelWatch *watch)
{
  if (watch->idle == 0)
    watch->idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, watch, NULL);
}

static void
design_changed_cb (PuratanPanelWatch *watch)
{
  watch->design_changed = TRUE;
  puratan_panel_watch_queue (watch);
}

static void
unwatch_document (PuratanPanelWatch *watch)
{
  g_clear_signal_handler (&watch->document_handler, watch->document);
  g_clear_object (&watch->document);
}

static void
document_notify_cb (PuratanSelection *selection, GParamSpec *pspec, PuratanPanelWatch *watch)
{
  PuratanDocument *document = puratan_selection_get_document (selection);

  if (document != watch->document)
    {
      unwatch_document (watch);
      if (document != NULL)
        {
          watch->document = g_object_ref (document);
          watch->document_handler =
              g_signal_connect_swapped (document, "changed", G_CALLBACK (design_changed_cb), watch);
        }
      watch->design_changed = TRUE;
    }
  puratan_panel_watch_queue (watch);
}

/**
 * puratan_panel_watch_init:
 * @watch: a zeroed watch inside the panel's instance struct
 * @refresh: the panel's refresh function
 * @owner: the panel, passed to @refresh
 */
void
puratan_panel_watch_init (PuratanPanelWatch *watch, PuratanPanelRefresh refresh, gpointer owner)
{
  memset (watch, 0, sizeof *watch);
  watch->refresh = refresh;
  watch->owner = owner;
}

/**
 * puratan_panel_watch_set_selection:
 * @watch: a watch
 * @selection: (nullable): the selection to follow
 *
 * Returns: %TRUE when the selection changed (so the panel notifies its property)
 */
gboolean
puratan_panel_watch_set_selection (PuratanPanelWatch *watch, PuratanSelection *selection)
{
  if (watch->selection == selection)
    return FALSE;
  g_clear_signal_handler (&watch->selection_handler, watch->selection);
  g_clear_signal_handler (&watch->page_handler, watch->selection);
  g_clear_signal_handler (&watch->document_notify_handler, watch->selection);
  unwatch_document (watch);
  g_set_object (&watch->selection, selection);
  if (selection != NULL)
    {
      watch->selection_handler = g_signal_connect_swapped (
          selection, "changed", G_CALLBACK (puratan_panel_watch_queue), watch);
      watch->page_handler = g_signal_connect_swapped (
          selection, "notify::page", G_CALLBACK (puratan_panel_watch_queue), watch);
      watch->document_notify_handler =
          g_signal_connect (selection, "notify::document", G_CALLBACK (document_notify_cb), watch);
      document_notify_cb (selection, NULL, watch);
    }
  puratan_panel_watch_queue (watch);
  return TRUE;
}

/**
 * puratan_panel_watch_clear:
 * @watch: a watch
 *
 * Stops watching and drops a pending refresh; for the panel's dispose.
 */
void
puratan_panel_watch_clear (PuratanPanelWatch *watch)
{
  puratan_panel_watch_set_selection (watch, NULL);
  g_clear_handle_id (&watch->idle, g_source_remove);
}
