/* puratan-design-view-private.h: the Design view's state, shared by its files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view is split by concern: puratan-design-view.c (the widget, the document being
 * edited, its title), -start.c (templates and recent files), -file.c (open, save, asking
 * about unsaved changes), -autosave.c (autosave and crash recovery), -actions.c and
 * -clipboard.c (the design.* commands), -header.c (the window's header-bar controls and
 * dropping panels into the sidebar) and -panels.c (the sidebar's panels and the design's
 * product).
 */
#pragma once

#include "puratan-canvas-view.h"
#include "puratan-canvas.h"
#include "puratan-design-view.h"
#include "puratan-preflight-panel.h"
#include "puratan-quote-panel.h"

G_BEGIN_DECLS

/* The extension and MIME type of a design file. */
#define PURATAN_DESIGN_SUFFIX    ".pdesign"
#define PURATAN_DESIGN_MIME_TYPE "application/x-puratan-design"

/* What to do once unsaved changes have been saved or discarded. */
typedef void (*PuratanDesignContinue) (PuratanDesignView *self, gpointer data);

struct _PuratanDesignView
{
  AdwBin parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *pages; /* "start" or "editor" */
  AdwStatusPage *start_page;
  GtkBox *template_groups;
  GtkLabel *templates_status;
  GtkWidget *recent_box;
  GtkListBox *recent_list;
  GtkBox *tool_palette;
  PuratanCanvasView *canvas_view; /* the canvas with its rulers */
  PuratanCanvas *canvas;          /* (not owned): the canvas_view's canvas */
  GtkRevealer *sidebar_revealer;
  GtkStack *sidebar;

  /* the header-bar controls the window packs (see -header.c) */
  GtkBuilder *header_builder;
  GtkWidget *header_start;
  GtkWidget *header_end;
  GtkButton *undo_button;
  GtkButton *redo_button;
  GtkToggleButton *soft_proof_button;
  GtkMenuButton *proof_menu_button;
  GtkDropDown *press_dropdown;
  GtkCheckButton *paper_white_check;
  GtkCheckButton *gamut_check;
  GtkButton *preflight_badge;
  GtkButton *export_button;
  GPtrArray *press_ids; /* (element-type utf8): ids in the order of press_dropdown */

  /* the sidebar's panels that follow the design's product (see -panels.c) */
  PuratanQuotePanel *quote_panel;
  PuratanPreflightPanel *preflight_panel;
  char *product_key; /* (nullable): the product and options the panels were last given */

  /* the design being edited */
  PuratanSelection *selection;
  PuratanDocument *document; /* watched for changes; the selection's document */
  gulong changed_handler;
  GFile *file;          /* (nullable): where the design is saved; NULL while untitled */
  guint64 changes;      /* changes since the design was opened */
  guint64 saved_at;     /* value of @changes when the file was last written */
  guint64 autosaved_at; /* value of @changes when the autosave was last written */
  char *title;
  guint state_idle;
  GCancellable *cancellable; /* cancelled in dispose: no callback touches a dead view */
  gboolean saving;
  PuratanCanvasTool tool;

  /* asking about unsaved changes, and the work that waits for the answer */
  PuratanDesignContinue pending;
  gpointer pending_data;
  GDestroyNotify pending_destroy;
  GtkWindow *root_window;
  gulong close_handler;
  gboolean close_confirmed;

  /* autosave */
  guint autosave_source;
  guint autosave_delay_ms;
  char *autosave_path; /* (nullable): where this design autosaves */
  gboolean autosaving;
  gboolean checked_untitled;

  /* the start page */
  gboolean templates_loaded;
  GtkRecentManager *recent;
  gulong recent_handler;
};

/* puratan-design-view.c */
void puratan_design_view_set_document (PuratanDesignView *self,
                                       PuratanDocument *document,
                                       GFile *file,
                                       gboolean modified);
void puratan_design_view_clear_document (PuratanDesignView *self);
gboolean puratan_design_view_is_modified (PuratanDesignView *self);
void puratan_design_view_update_title (PuratanDesignView *self);
char *puratan_design_view_dup_name (PuratanDesignView *self);
void
puratan_design_view_show_error (PuratanDesignView *self, const char *heading, const GError *error);
GtkWindow *puratan_design_view_get_window (PuratanDesignView *self);
GWeakRef *puratan_design_view_weak (PuratanDesignView *self);
PuratanDesignView *puratan_design_view_unweak (gpointer weak);
void puratan_design_view_emit_autosaved (PuratanDesignView *self);

/* puratan-design-view-start.c */
void puratan_design_view_start_init (PuratanDesignView *self);
void puratan_design_view_start_dispose (PuratanDesignView *self);
void puratan_design_view_load_templates (PuratanDesignView *self);
void puratan_design_view_new_from_template (PuratanDesignView *self, const char *name);
void puratan_design_view_add_recent (PuratanDesignView *self, GFile *file);

/* puratan-design-view-file.c */
void puratan_design_view_ask_then (PuratanDesignView *self,
                                   PuratanDesignContinue then,
                                   gpointer data,
                                   GDestroyNotify destroy);
void puratan_design_view_save_to (PuratanDesignView *self, GFile *file);
void puratan_design_view_choose_open (PuratanDesignView *self);
void puratan_design_view_choose_save (PuratanDesignView *self);
void puratan_design_view_watch_root (PuratanDesignView *self);
void puratan_design_view_run_pending (PuratanDesignView *self);
void puratan_design_view_drop_pending (PuratanDesignView *self);

/* puratan-design-view-autosave.c */
char *puratan_design_view_autosave_fallback_for (GFile *file);
void puratan_design_view_schedule_autosave (PuratanDesignView *self);
void puratan_design_view_discard_autosave (PuratanDesignView *self, gboolean then_run_pending);
void puratan_design_view_offer_recovery (PuratanDesignView *self,
                                         PuratanDocument *recovered,
                                         const char *autosave_path);
void puratan_design_view_check_untitled_recovery (PuratanDesignView *self);

/* puratan-design-view-actions.c */
void puratan_design_view_class_init_actions (GtkWidgetClass *widget_class);
void puratan_design_view_update_actions (PuratanDesignView *self);
void puratan_design_view_connect_canvas (PuratanDesignView *self);
void puratan_design_view_place_file (PuratanDesignView *self, GFile *file, double x, double y);

/* puratan-design-view-clipboard.c */
void puratan_design_view_copy (PuratanDesignView *self);
void puratan_design_view_paste (PuratanDesignView *self);

/* puratan-design-view-panels.c */
void puratan_design_view_panels_init (PuratanDesignView *self);
void puratan_design_view_panels_dispose (PuratanDesignView *self);
void puratan_design_view_panels_update (PuratanDesignView *self);

/* puratan-design-view-header.c */
void puratan_design_view_header_init (PuratanDesignView *self);
void puratan_design_view_header_dispose (PuratanDesignView *self);
void puratan_design_view_header_update (PuratanDesignView *self);

G_END_DECLS
