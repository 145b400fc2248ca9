/* puratan-preflight-view-findings.c: the Preflight view's list of findings
 *
 * Findings are listed by severity, then page. A check that found the same kind of problem in
 * many places ("Images below the resolution needed: 56 on 7 pages") is one row that expands
 * to list each place, so a long file's report stays readable.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-preflight-view-private.h"

static const struct
{
  const char *check_id;
  const char *title;
} check_titles[] = {
  { "image-resolution", N_ ("Images below the resolution needed") },
  { "color-space", N_ ("Colours that are not CMYK or a spot colour") },
  { "total-ink-coverage", N_ ("Too much ink") },
  { "transparency", N_ ("Transparency") },
  { "bleed", N_ ("Missing bleed") },
  { "page-size", N_ ("Wrong page size") },
  { "page-boxes", N_ ("Page boxes") },
  { "empty-page", N_ ("Empty pages") },
  { "fonts", N_ ("Fonts") },
};

/**
 * puratan_preflight_view_check_title:
 * @check_id: a preflight check's id, such as "image-resolution"
 *
 * Returns: (transfer full): what the check looks for, as people say it
 */
char *
puratan_preflight_view_check_title (const char *check_id)
{
  char *title;

  for (guint i = 0; i < G_N_ELEMENTS (check_titles); i++)
    if (g_str_equal (check_id, check_titles[i].check_id))
      return g_strdup (_ (check_titles[i].title));
  title = g_strdelimit (g_strdup (check_id), "-_", ' ');
  title[0] = g_ascii_toupper (title[0]);
  return title;
}

typedef struct
{
  guint index; /* in the report's findings */
  const PuratanPreflightFinding *finding;
} Entry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const PuratanPreflightFinding *fa = ((const Entry *) a)->finding;
  const PuratanPreflightFinding *fb = ((const Entry *) b)->finding;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->page != fb->page)
    return fa->page < fb->page ? -1 : 1;
  return g_strcmp0 (fa->check_id, fb->check_id);
}

static GtkWidget *
severity_icon (PuratanPreflightSeverity severity)
{
  const char *icon_name = "dialog-information-symbolic";
  const char *style = "accent";
  const char *tooltip = _ ("Note");
  GtkWidget *icon;

  if (severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
    {
      icon_name = "dialog-error-symbolic";
      style = "error";
      tooltip = _ ("Error: must be fixed");
    }
  else if (severity == PURATAN_PREFLIGHT_SEVERITY_WARNING)
    {
      icon_name = "dialog-warning-symbolic";
      style = "warning";
      tooltip = _ ("Warning: a person should look");
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, style);
  gtk_widget_set_tooltip_text (icon, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return icon;
}

static GtkWidget *
finding_row (const Entry *entry, gboolean in_group)
{
  const PuratanPreflightFinding *finding = entry->finding;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  if (!in_group)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_icon (finding->severity));
  if (finding->page == 0)
    subtitle = g_strdup_printf (_ ("Whole document · %s"), finding->check_id);
  else
    subtitle = g_strdup_printf (_ ("Page %u · %s"), finding->page, finding->check_id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "finding", GUINT_TO_POINTER (entry->index + 1));
  g_object_set_data_full (G_OBJECT (row), "check-id", g_strdup (finding->check_id), g_free);
  return row;
}

static void
member_activated_cb (AdwActionRow *row, PuratanPreflightView *self)
{
  guint finding = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "finding"));

  puratan_preflight_view_select_finding (self, finding - 1, GTK_WIDGET (row));
  adw_leaflet_set_visible_child (self->leaflet, self->preview_pane);
}

/* One row for the findings of a check in @members (sorted), expanding to one row each. */
static GtkWidget *
group_row (PuratanPreflightView *self, GArray *members)
{
  const Entry *first = &g_array_index (members, Entry, 0);
  g_autoptr (GHashTable) pages = g_hash_table_new (NULL, NULL);
  g_autofree char *check = puratan_preflight_view_check_title (first->finding->check_id);
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  GtkWidget *row = adw_expander_row_new ();

  for (guint i = 0; i < members->len; i++)
    g_hash_table_add (pages, GUINT_TO_POINTER (g_array_index (members, Entry, i).finding->page));
  count = g_strdup_printf (ngettext ("%u on %u page", "%u on %u pages", g_hash_table_size (pages)),
                           members->len, g_hash_table_size (pages));
  /* TRANSLATORS: a check's problem and how often it was found, e.g. "Too much ink: 8 on 3 pages" */
  title = g_strdup_printf (_ ("%s: %s"), check, count);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), first->finding->message);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), severity_icon (first->finding->severity));
  g_object_set_data (G_OBJECT (row), "finding", GUINT_TO_POINTER (first->index + 1));
  g_object_set_data (G_OBJECT (row), "group-size", GUINT_TO_POINTER (members->len));
  g_object_set_data_full (G_OBJECT (row), "check-id", g_strdup (first->finding->check_id), g_free);
  for (guint i = 0; i < members->len; i++)
    {
      GtkWidget *member = finding_row (&g_array_index (members, Entry, i), TRUE);

      g_signal_connect_object (member, "activated", G_CALLBACK (member_activated_cb), self,
                               G_CONNECT_DEFAULT);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), member);
    }
  return row;
}

/**
 * puratan_preflight_view_fill_findings:
 * @self: the view
 *
 * Lists the report's findings: errors first, then warnings and notes, each by page. A check
 * with %PURATAN_PREFLIGHT_GROUP_MIN or more findings of one severity gets one expanding row
 * in place of its first finding.
 */
void
puratan_preflight_view_fill_findings (PuratanPreflightView *self)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (self->report);
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < findings->len; i++)
    {
      Entry entry = { i, g_ptr_array_index (findings, i) };
      g_autofree char *key =
          g_strdup_printf ("%d:%s", entry.finding->severity, entry.finding->check_id);

      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_array_append_val (sorted, entry);
      g_hash_table_replace (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
    }
  g_array_sort (sorted, compare_entries);

  for (guint i = 0; i < sorted->len; i++)
    {
      const Entry *entry = &g_array_index (sorted, Entry, i);
      g_autofree char *key =
          g_strdup_printf ("%d:%s", entry->finding->severity, entry->finding->check_id);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_autoptr (GArray) members = NULL;
      char *stored_key;

      if (n < PURATAN_PREFLIGHT_GROUP_MIN)
        {
          gtk_list_box_append (self->findings_list, finding_row (entry, FALSE));
          continue;
        }
      /* The group is listed once, where its first finding falls. */
      if (!g_hash_table_lookup_extended (counts, key, (gpointer *) &stored_key, NULL) ||
          g_hash_table_contains (listed, stored_key))
        continue;
      g_hash_table_add (listed, stored_key);
      members = g_array_new (FALSE, FALSE, sizeof (Entry));
      for (guint j = i; j < sorted->len; j++)
        {
          const Entry *other = &g_array_index (sorted, Entry, j);
          if (other->finding->severity == entry->finding->severity &&
              g_str_equal (other->finding->check_id, entry->finding->check_id))
            g_array_append_val (members, *other);
        }
      gtk_list_box_append (self->findings_list, group_row (self, members));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), sorted->len > 0);
}

/**
 * puratan_preflight_view_select_finding:
 * @self: the view
 * @index: the finding's index in the report
 * @row: (nullable): the row it was chosen from
 *
 * Shows the finding's page with its box highlighted and the others dimmed.
 */
void
puratan_preflight_view_select_finding (PuratanPreflightView *self, guint index, GtkWidget *row)
{
  if (self->selected_row != NULL)
    gtk_widget_remove_css_class (self->selected_row, "preflight-chosen");
  self->selected = index + 1;
  self->selected_row = row;
  if (row != NULL)
    gtk_widget_add_css_class (row, "preflight-chosen");
  puratan_preflight_view_show_preview (self);
}

/**
 * puratan_preflight_view_get_selected_finding:
 * @self: a #PuratanPreflightView
 *
 * Returns: the index in the report's findings of the finding shown, or -1 for none
 */
int
puratan_preflight_view_get_selected_finding (PuratanPreflightView *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_VIEW (self), -1);

  return (int) self->selected - 1;
}

/**
 * puratan_preflight_view_get_preview_file:
 * @self: a #PuratanPreflightView
 *
 * Returns: (transfer none) (nullable): the image of the page shown, once it is drawn
 */
const char *
puratan_preflight_view_get_preview_file (PuratanPreflightView *self)
{
  GFile *file;

  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->preview_stack), "picture") != 0)
    return NULL;
  file = gtk_picture_get_file (self->picture);
  return file != NULL ? g_file_peek_path (file) : NULL;
}

/* Zoom: 0 fits the page in the pane; otherwise the page is drawn that many times its
 * 100 ppi size, scrolls, and pans by dragging. */
void
puratan_preflight_view_apply_zoom (PuratanPreflightView *self)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);
  gboolean fit = self->zoom <= 0 || paintable == NULL;
  GtkPolicyType policy = fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC;

  gtk_scrolled_window_set_policy (self->picture_scroller, policy, policy);
  gtk_picture_set_can_shrink (self->picture, fit);
  if (fit)
    gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
  else
    gtk_widget_set_size_request (
        GTK_WIDGET (self->picture),
        (int) (gdk_paintable_get_intrinsic_width (paintable) * self->zoom),
        (int) (gdk_paintable_get_intrinsic_height (paintable) * self->zoom));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.zoom-out", !fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.zoom-fit", !fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.zoom-in",
                                 paintable != NULL && self->zoom < 8);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (widget);
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);

  if (g_str_equal (action_name, "preflight.zoom-fit"))
    self->zoom = 0;
  else if (g_str_equal (action_name, "preflight.zoom-in"))
    {
      /* From fitted, zooming in starts at the size the page is shown at. */
      if (self->zoom <= 0 && paintable != NULL)
        self->zoom = MAX ((double) gtk_widget_get_width (GTK_WIDGET (self->picture)) /
                              MAX (gdk_paintable_get_intrinsic_width (paintable), 1),
                          0.1);
      self->zoom = MIN (self->zoom * 1.5, 8);
    }
  else if (self->zoom > 0)
    self->zoom = self->zoom / 1.5 < 0.2 ? 0 : self->zoom / 1.5;
  puratan_preflight_view_apply_zoom (self);
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, PuratanPreflightView *self)
{
  self->drag_start[0] =
      gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->picture_scroller));
  self->drag_start[1] =
      gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->picture_scroller));
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, PuratanPreflightView *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->picture_scroller),
                            self->drag_start[0] - dx);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->picture_scroller),
                            self->drag_start[1] - dy);
}

/* Ctrl and the wheel zoom, as in image viewers. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, PuratanPreflightView *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self),
                              dy < 0 ? "preflight.zoom-in" : "preflight.zoom-out", NULL);
  return TRUE;
}

/**
 * puratan_preflight_view_init_zoom:
 * @self: the view
 *
 * Sets up zooming and panning of the page preview.
 */
void
puratan_preflight_view_init_zoom (PuratanPreflightView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picture_scroller), GTK_EVENT_CONTROLLER (drag));
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picture_scroller), scroll);
  puratan_preflight_view_apply_zoom (self);
}

/**
 * puratan_preflight_view_install_zoom_actions:
 * @widget_class: the view's class
 *
 * Installs preflight.zoom-in, preflight.zoom-out and preflight.zoom-fit, with Ctrl+plus,
 * Ctrl+minus and Ctrl+0.
 */
void
puratan_preflight_view_install_zoom_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "preflight.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preflight.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preflight.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preflight.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "preflight.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preflight.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "preflight.zoom-fit", NULL);
}
