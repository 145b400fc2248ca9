/* puratan-design-view.c: the Design view: job layout on a canvas with soft proofing
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view shows a start page (templates, open, recent files) until a design is open,
 * then the editor: a tool palette, the canvas and a sidebar of panels. It owns the one
 * #PuratanSelection of the design being edited, which the canvas and the panels share.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-design-view-private.h"

G_DEFINE_FINAL_TYPE (PuratanDesignView, puratan_design_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_FILE,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_AUTOSAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The autosave waits this long after the last change, so a burst of edits is one write. */
#define DEFAULT_AUTOSAVE_DELAY_MS 3000

/**
 * puratan_design_file_is_design:
 * @file: a file
 *
 * Tells a design file by its name (".pdesign") or, where shared-mime-info knows the type,
 * by its content type. Reads nothing.
 *
 * Returns: whether @file is to be opened in the Design view
 */
gboolean
puratan_design_file_is_design (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *type = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  lower = g_utf8_strdown (name, -1);
  if (g_str_has_suffix (lower, PURATAN_DESIGN_SUFFIX))
    return TRUE;
  type = g_content_type_guess (name, NULL, 0, NULL);
  return type != NULL && g_content_type_is_mime_type (type, PURATAN_DESIGN_MIME_TYPE);
}

/* Callbacks of work on workers hold the view weakly: a window closed meanwhile takes its
 * view with it, and the callback finds nothing to do. */
GWeakRef *
puratan_design_view_weak (PuratanDesignView *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

/* Returns (transfer full) the view @weak points to, or %NULL when it is gone; frees @weak. */
PuratanDesignView *
puratan_design_view_unweak (gpointer weak)
{
  PuratanDesignView *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

GtkWindow *
puratan_design_view_get_window (PuratanDesignView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Shows why something failed in a dialog: a toast is too short for a file's reason. */
void
puratan_design_view_show_error (PuratanDesignView *self, const char *heading, const GError *error)
{
  GtkWidget *dialog;

  g_message ("%s: %s", heading, error->message);
  dialog = adw_message_dialog_new (puratan_design_view_get_window (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
puratan_design_view_is_modified (PuratanDesignView *self)
{
  return self->document != NULL && self->changes != self->saved_at;
}

/* The design's name as people see it: its file name, or "Untitled Design". */
char *
puratan_design_view_dup_name (PuratanDesignView *self)
{
  g_autofree char *basename = NULL;

  if (self->file == NULL)
    return g_strdup (_ ("Untitled Design"));
  basename = g_file_get_basename (self->file);
  return g_filename_display_name (basename);
}

void
puratan_design_view_update_title (PuratanDesignView *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->document == NULL)
    title = g_strdup ("");
  else
    {
      name = puratan_design_view_dup_name (self);
      /* TRANSLATORS: the title of a design with unsaved changes, e.g. "• card.pdesign" */
      title = puratan_design_view_is_modified (self) ? g_strdup_printf (_ ("• %s"), name)
                                                     : g_steal_pointer (&name);
    }

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

/* Brings titles, actions and the header in line with the design. Runs from an idle after
 * changes: #PuratanDocument::changed fires before an edit is made, and reading the undo
 * label inside it would close the edit's undo step too early. */
static gboolean
update_state_idle (gpointer user_data)
{
  PuratanDesignView *self = user_data;

  self->state_idle = 0;
  puratan_design_view_update_title (self);
  puratan_design_view_update_actions (self);
  puratan_design_view_header_update (self);
  puratan_design_view_panels_update (self);
  return G_SOURCE_REMOVE;
}

/* Updates at once, dropping a queued update. */
static void
update_state_now (PuratanDesignView *self)
{
  g_clear_handle_id (&self->state_idle, g_source_remove);
  update_state_idle (self);
}

static void
queue_state_update (PuratanDesignView *self)
{
  if (self->state_idle == 0 && !g_cancellable_is_cancelled (self->cancellable))
    self->state_idle = g_idle_add (update_state_idle, self);
}

/* The commands follow the selection at once, so a shortcut pressed right after a click
 * already finds them enabled. */
static void
selection_changed_cb (PuratanDesignView *self)
{
  puratan_design_view_update_actions (self);
  queue_state_update (self);
}

static void
document_changed_cb (PuratanDesignView *self, PuratanDocument *document)
{
  self->changes++;
  puratan_design_view_update_actions (self);
  queue_state_update (self);
  puratan_design_view_schedule_autosave (self);
}

/* A drag on the canvas, or a text edit, keeps its undo step open while the document
 * changes, and closing a step is not a change: the state is brought up to date once the
 * button or key that ends it has been handled (the idle runs after the canvas's own
 * handlers), so undo's tooltip names the step just made. */
static gboolean
canvas_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, PuratanDesignView *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->document != NULL &&
      (type == GDK_BUTTON_RELEASE || type == GDK_KEY_RELEASE || type == GDK_TOUCH_END))
    queue_state_update (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
zoom_to_fit_idle (gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);

  if (self != NULL && self->document != NULL)
    puratan_canvas_zoom_to_fit (self->canvas);
  return G_SOURCE_REMOVE;
}

/* Forgets the design and its autosave location, without asking. */
static void
drop_document (PuratanDesignView *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->autosave_path, g_free);
  self->changes = self->saved_at = self->autosaved_at = 0;
}

/**
 * puratan_design_view_set_document:
 * @self: a #PuratanDesignView
 * @document: the design to edit
 * @file: (nullable): where it is saved, or %NULL for an untitled design
 * @modified: whether it has changes its file does not hold (a recovered autosave)
 *
 * Shows @document in the editor, replacing the design there without asking.
 */
void
puratan_design_view_set_document (PuratanDesignView *self,
                                  PuratanDocument *document,
                                  GFile *file,
                                  gboolean modified)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (document));

  drop_document (self);
  self->document = g_object_ref (document);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->changes = modified ? 1 : 0;
  self->autosaved_at = self->changes;
  self->changed_handler =
      g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  puratan_selection_set_document (self->selection, document);
  puratan_selection_set_page (self->selection, 0);
  puratan_selection_clear (self->selection);
  gtk_stack_set_visible_child_name (self->pages, "editor");
  g_idle_add (zoom_to_fit_idle, puratan_design_view_weak (self));
  update_state_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (modified)
    puratan_design_view_schedule_autosave (self);
}

/* Closes the design without asking and goes back to the start page. */
void
puratan_design_view_clear_document (PuratanDesignView *self)
{
  drop_document (self);
  puratan_selection_set_document (self->selection, NULL);
  gtk_stack_set_visible_child_name (self->pages, "start");
  update_state_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
root_changed_cb (PuratanDesignView *self)
{
  puratan_design_view_watch_root (self);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    puratan_design_view_check_untitled_recovery (self);
}

static void
puratan_design_view_map (GtkWidget *widget)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  GTK_WIDGET_CLASS (puratan_design_view_parent_class)->map (widget);
  /* The header controls belong to the Design view: shown only while it is. */
  gtk_widget_set_visible (self->header_start, TRUE);
  gtk_widget_set_visible (self->header_end, TRUE);
  puratan_design_view_load_templates (self);
}

static void
puratan_design_view_unmap (GtkWidget *widget)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  gtk_widget_set_visible (self->header_start, FALSE);
  gtk_widget_set_visible (self->header_end, FALSE);
  GTK_WIDGET_CLASS (puratan_design_view_parent_class)->unmap (widget);
}

static void
puratan_design_view_dispose (GObject *object)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  puratan_design_view_drop_pending (self);
  if (self->root_window != NULL)
    g_clear_signal_handler (&self->close_handler, self->root_window);
  g_clear_weak_pointer (&self->root_window);
  drop_document (self);
  puratan_design_view_start_dispose (self);
  puratan_design_view_header_dispose (self);
  puratan_design_view_panels_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_DESIGN_VIEW);
  g_clear_object (&self->selection);
  g_clear_handle_id (&self->state_idle, g_source_remove);

  G_OBJECT_CLASS (puratan_design_view_parent_class)->dispose (object);
}

static void
puratan_design_view_finalize (GObject *object)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (puratan_design_view_parent_class)->finalize (object);
}

static void
puratan_design_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;

      case PROP_MODIFIED:
        g_value_set_boolean (value, puratan_design_view_is_modified (self));
        break;

      case PROP_FILE:
        g_value_set_object (value, self->file);
        break;

      case PROP_TOOL:
        g_value_set_enum (value, self->tool);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_design_view_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (object);

  switch (prop_id)
    {
      case PROP_TOOL:
        if (self->tool != (PuratanCanvasTool) g_value_get_enum (value))
          {
            self->tool = g_value_get_enum (value);
            puratan_canvas_set_tool (self->canvas, self->tool);
            g_object_notify_by_pspec (object, pspec);
          }
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_design_view_class_init (PuratanDesignViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_design_view_dispose;
  object_class->finalize = puratan_design_view_finalize;
  object_class->get_property = puratan_design_view_get_property;
  object_class->set_property = puratan_design_view_set_property;
  widget_class->map = puratan_design_view_map;
  widget_class->unmap = puratan_design_view_unmap;

  /**
   * PuratanDesignView:title:
   *
   * The design's file name, or "Untitled Design", marked "• " while it has unsaved
   * changes; empty on the start page.
   */
  properties[PROP_TITLE] = g_param_spec_string (
      "title", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanDesignView:modified:
   *
   * Whether the design has changes its file does not hold.
   */
  properties[PROP_MODIFIED] =
      g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanDesignView:file:
   *
   * The file the design is saved in, or %NULL.
   */
  properties[PROP_FILE] =
      g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanDesignView:tool:
   *
   * The canvas tool in use; the `design.tool` action sets it.
   */
  properties[PROP_TOOL] =
      g_param_spec_enum ("tool", NULL, NULL, PURATAN_TYPE_CANVAS_TOOL, PURATAN_CANVAS_TOOL_SELECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PuratanDesignView::autosaved:
   *
   * Emitted when the autosave copy of the design has been written.
   */
  signals[SIGNAL_AUTOSAVED] = g_signal_new ("autosaved", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PURATAN_TYPE_CANVAS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-design-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, pages);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, start_page);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, template_groups);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, templates_status);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, tool_palette);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, canvas_view);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, sidebar_revealer);
  gtk_widget_class_bind_template_child (widget_class, PuratanDesignView, sidebar);

  puratan_design_view_class_init_actions (widget_class);
}

static void
puratan_design_view_init (PuratanDesignView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not bound as a template child: AdwBin unparents its own child when disposed. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->canvas = puratan_canvas_view_get_canvas (self->canvas_view);
  self->cancellable = g_cancellable_new ();
  self->autosave_delay_ms = DEFAULT_AUTOSAVE_DELAY_MS;
  self->title = g_strdup ("");
  self->selection = puratan_selection_new ();
  puratan_canvas_set_selection (self->canvas, self->selection);
  g_signal_connect_object (self->selection, "changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  puratan_design_view_connect_canvas (self);
  {
    GtkEventController *events = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (events, GTK_PHASE_CAPTURE);
    g_signal_connect (events, "event", G_CALLBACK (canvas_event_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->canvas_view), events);
  }
  puratan_design_view_header_init (self);
  puratan_design_view_panels_init (self);
  puratan_design_view_start_init (self);
  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed_cb), NULL);
  update_state_now (self);
}

/**
 * puratan_design_view_new:
 *
 * Creates the Design view. It shows the start page (templates, open, recent designs)
 * until a design is open.
 *
 * Returns: (transfer floating): a new #PuratanDesignView
 */
GtkWidget *
puratan_design_view_new (void)
{
  return g_object_new (PURATAN_TYPE_DESIGN_VIEW, NULL);
}

/**
 * puratan_design_view_get_document:
 * @self: a #PuratanDesignView
 *
 * Returns: (transfer none) (nullable): the design being edited, or %NULL on the start page
 */
PuratanDocument *
puratan_design_view_get_document (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return self->document;
}

/**
 * puratan_design_view_get_selection:
 * @self: a #PuratanDesignView
 *
 * Returns: (transfer none): the selection the canvas, the panels and the commands share
 */
PuratanSelection *
puratan_design_view_get_selection (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return self->selection;
}

/**
 * puratan_design_view_get_canvas:
 * @self: a #PuratanDesignView
 *
 * Returns: (transfer none): the canvas
 */
PuratanCanvas *
puratan_design_view_get_canvas (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return self->canvas;
}

/**
 * puratan_design_view_get_file:
 * @self: a #PuratanDesignView
 *
 * Returns: (transfer none) (nullable): the file of the design, or %NULL while untitled
 */
GFile *
puratan_design_view_get_file (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return self->file;
}

/**
 * puratan_design_view_get_title:
 * @self: a #PuratanDesignView
 *
 * Returns: (transfer none): see #PuratanDesignView:title
 */
const char *
puratan_design_view_get_title (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return self->title;
}

/**
 * puratan_design_view_get_modified:
 * @self: a #PuratanDesignView
 *
 * Returns: whether the design has unsaved changes
 */
gboolean
puratan_design_view_get_modified (PuratanDesignView *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), FALSE);

  return puratan_design_view_is_modified (self);
}

/**
 * puratan_design_view_set_autosave_delay:
 * @self: a #PuratanDesignView
 * @milliseconds: how long changes must settle before the autosave copy is written
 *
 * Sets the autosave delay (3 seconds unless set).
 */
void
puratan_design_view_set_autosave_delay (PuratanDesignView *self, guint milliseconds)
{
  g_return_if_fail (PURATAN_IS_DESIGN_VIEW (self));

  self->autosave_delay_ms = milliseconds;
}

/* Emits #PuratanDesignView::autosaved; for -autosave.c. */
void
puratan_design_view_emit_autosaved (PuratanDesignView *self)
{
  g_signal_emit (self, signals[SIGNAL_AUTOSAVED], 0);
}
