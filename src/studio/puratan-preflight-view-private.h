/* puratan-preflight-view-private.h: the Preflight view's state, shared by its source files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-preflight-view.h"

G_BEGIN_DECLS

/* Findings of one check on at least this many places are listed as one row that expands. */
#define PURATAN_PREFLIGHT_GROUP_MIN 3

struct _PuratanPreflightView
{
  AdwBin parent_instance;

  GtkStack *stack;
  AdwStatusPage *running_page;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkDropDown *profile_dropdown;
  GtkImage *verdict_icon;
  GtkLabel *verdict_label;
  GtkLabel *details_label;
  GtkLabel *errors_label;
  GtkLabel *warnings_label;
  GtkLabel *info_label;
  GtkListBox *findings_list;
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *preview_pane;
  GtkLabel *page_label;
  GtkStack *preview_stack;
  AdwStatusPage *preview_status;
  GtkScrolledWindow *picture_scroller;
  GtkPicture *picture;

  /* "profile:ID" or "product:ID", parallel to the drop-down's items. */
  GPtrArray *profile_keys;
  GCancellable *cancellable;
  GFile *file;
  PuratanPreflightReport *report;
  char *profile_name;
  char *pdf_path;           /* the file the report is about */
  char *preview_dir;        /* finding-NNNN.png, drawn when a finding is first shown */
  GHashTable *failed_pages; /* finding index + 1 → why its page could not be drawn */
  guint drawing;            /* finding index + 1 of the page being drawn, 0 for none */
  guint selected;           /* finding index + 1 of the finding shown, 0 for none */
  GtkWidget *selected_row;  /* (nullable) (not owned) its row, marked as chosen */
  double zoom;              /* 0 to fit the page in the pane, else pixels per page pixel */
  double drag_start[2];     /* scroll position when a pan began */
  gboolean checking;
  guint saving; /* reports being written */
  GtkFileChooserNative *chooser;
};

void puratan_preflight_view_show_preview (PuratanPreflightView *self);
void puratan_preflight_view_fill_findings (PuratanPreflightView *self);
void
puratan_preflight_view_select_finding (PuratanPreflightView *self, guint index, GtkWidget *row);
void puratan_preflight_view_init_zoom (PuratanPreflightView *self);
void puratan_preflight_view_install_zoom_actions (GtkWidgetClass *widget_class);
void puratan_preflight_view_apply_zoom (PuratanPreflightView *self);
void puratan_preflight_view_show_toast (PuratanPreflightView *self, const char *title);
void puratan_preflight_view_run_chooser (PuratanPreflightView *self,
                                         GtkFileChooserAction action,
                                         const char *title,
                                         const char *accept);
void puratan_preflight_view_save_report (PuratanPreflightView *self, GFile *file);
char *puratan_preflight_view_check_title (const char *check_id);

G_END_DECLS
