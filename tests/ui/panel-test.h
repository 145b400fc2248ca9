/* panel-test.h: what the Design view's panel tests share: a window, a design, the loop
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-selection.h"

#define MM(x) ((x) / 25.4 * 72.0)

/* Generous, for AddressSanitizer on a busy machine. */
#define PANEL_WAIT_LIMIT_SECONDS 120

typedef struct
{
  GtkWindow *window;
  GtkWidget *panel;
  PuratanDocument *document;
  PuratanSelection *selection;
} PanelFixture;

/* A business card (85 × 55 mm) with a rectangle "box" at (10, 12) pt, 50 × 20 pt, filled
 * with Black, and a text frame "name" at (20, 60) pt. */
static inline PuratanDocument *
panel_test_card (void)
{
  PuratanDocument *document = puratan_document_new ();
  PuratanDocItem *box = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  PuratanDocItem *name = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (puratan_document_add_page (document, MM (85), MM (55), MM (3), MM (4), &error),
                    ==, 0);
  box->id = g_strdup ("box");
  box->width = 50;
  box->height = 20;
  puratan_doc_item_set_position (box, 10, 12);
  puratan_doc_item_set_fill (box, "Black", 1.0);
  g_assert_nonnull (puratan_document_add_item (document, 0, box, &error));
  name->id = g_strdup ("name");
  name->width = 120;
  name->height = 16;
  name->text = g_strdup ("Asha Verma");
  g_free (name->font_family);
  name->font_family = g_strdup ("DejaVu Sans");
  name->font_size = 11;
  puratan_doc_item_set_position (name, 20, 60);
  puratan_doc_item_set_fill (name, "Black", 1.0);
  g_assert_nonnull (puratan_document_add_item (document, 0, name, &error));
  g_assert_no_error (error);
  return document;
}

/* Runs the main loop until nothing is pending, so idle refreshes have run. */
static inline void
panel_test_settle (void)
{
  for (int i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static inline gboolean
panel_test_wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says yes, for a bounded time. */
static inline void
panel_test_wait (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source = g_timeout_add (20, panel_test_wake_up_cb, NULL);

  while (!done (data))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_timer_elapsed (timer, NULL) > PANEL_WAIT_LIMIT_SECONDS)
        g_error ("Still waiting for %s after %d s", what, PANEL_WAIT_LIMIT_SECONDS);
    }
  g_source_remove (source);
  panel_test_settle ();
}

static inline void
panel_fixture_show (PanelFixture *fixture, GtkWidget *panel)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->panel = panel;
  fixture->document = panel_test_card ();
  fixture->selection = puratan_selection_new ();
  puratan_selection_set_document (fixture->selection, fixture->document);
  g_object_set (panel, "selection", fixture->selection, NULL);
  gtk_window_set_default_size (fixture->window, 360, 800);
  gtk_window_set_child (fixture->window, panel);
  gtk_window_present (fixture->window);
  panel_test_settle ();
}

static inline void
panel_fixture_tear_down (PanelFixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  panel_test_settle ();
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->document);
}

/* A named child of the panel's template. */
static inline gpointer
panel_child (PanelFixture *fixture, const char *name)
{
  GObject *child =
      gtk_widget_get_template_child (fixture->panel, G_OBJECT_TYPE (fixture->panel), name);

  g_assert_nonnull (child);
  return child;
}

/* Types @text into a spin button and commits it, as pressing Enter does. */
static inline void
panel_test_type_spin (GtkSpinButton *spin, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
  panel_test_settle ();
}

static inline const PuratanDocItem *
panel_test_item (PanelFixture *fixture, const char *id)
{
  const PuratanDocItem *item = puratan_document_lookup_item (fixture->document, 0, id);

  g_assert_nonnull (item);
  return item;
}
