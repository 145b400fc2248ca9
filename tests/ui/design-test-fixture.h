/* design-test-fixture.h: running the studio for the Design view's UI tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-application.h"
#include "puratan-design-view.h"
#include "puratan-window.h"

#define TEMPLATE_NAME "Asha Verma" /* the name on the business-card template */
#define EDITED_NAME   "Meera Iyer"

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

struct _Fixture
{
  PuratanApplication *app;
  PuratanWindow *window;
  PuratanDesignView *view;
  FixtureFunc func;
  char *dir; /* a private folder for the test's files */
};

typedef struct
{
  GtkFileChooser *chooser;
  GFile *folder;
} FolderWait;

void iterate_until (gboolean (*done) (gpointer data), gpointer data);
gboolean has_document (gpointer data);
gboolean is_saved (gpointer data);
gboolean has_one_selected (gpointer data);
AdwMessageDialog *wait_for_dialog (const char *heading);
GtkFileChooser *wait_for_chooser (GtkFileChooserAction action);
gboolean chooser_has_file (gpointer data);
gboolean chooser_in_folder (gpointer data);
void run_studio (Fixture *fixture, const char *const *argv, FixtureFunc func);
void fixture_init (Fixture *fixture);
void fixture_clear (Fixture *fixture);
void new_from_gallery (Fixture *fixture, const char *template_name);
const char *find_text_item (PuratanDocument *document, const char *needle);
const char *first_text_item (PuratanDocument *document);
void edit_text (PuratanDocument *document, const char *id, const char *text);
GtkWidget *header_button (Fixture *fixture, const char *tooltip_prefix);
void iterate_idle (void);
gboolean window_gone (gpointer data);
void design_test_init (int *argc, char ***argv);
