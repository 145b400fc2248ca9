/* puratan-preflight-panel.c: the Design view's preflight panel: the design checked as it prints
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel watches the selection's design. Once a change has settled (no further change for
 * a second), it checks the design in the background (puratan-design-check.c) against the
 * product's profile and lists what preflight found, most severe first; a check with several
 * findings shows them under one expandable row. Activating a finding emits
 * finding-activated with where it is on the design's page and, when one matches, the item.
 * A check started while another runs replaces it; results of a replaced check, and of any
 * check that ends after the panel is gone, are dropped.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-design-check.h"
#include "puratan-preflight-panel.h"

/* How long the design must stay unchanged before it is checked again. */
#define SETTLE_MS 1000

struct _PuratanPreflightPanel
{
  AdwBin parent_instance;

  GtkWidget *status_box;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkListBox *findings_list;

  PuratanSelection *selection;
  gulong selection_handler;
  PuratanDocument *document; /* the selection's design, watched for changes */
  gulong document_handler;
  char *product_id;

  PuratanDesignCheck *check;
  guint settle_source;
  guint generation; /* of the latest check started */
  gboolean checking;
  PuratanPreflightReport *report; /* the latest result, and the copy it is about */
  PuratanDocument *checked;
  guint n_errors;
  guint n_warnings;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  PROP_PRODUCT_ID,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_CHECKING,
  N_PROPS
};

enum
{
  SIGNAL_FINDING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanPreflightPanel, puratan_preflight_panel, ADW_TYPE_BIN)

/* What a check's callback needs to find its way back, or to know it must not. */
typedef struct
{
  GWeakRef panel;
  guint generation;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_weak_ref_clear (&job->panel);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckJob, check_job_free)

static void
set_checking (PuratanPreflightPanel *self, gboolean checking)
{
  if (self->checking == checking)
    return;
  self->checking = checking;
  if (checking)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), checking);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
set_counts (PuratanPreflightPanel *self, guint n_errors, guint n_warnings)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_errors != n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (self->n_warnings != n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
clear_findings (PuratanPreflightPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
}

static void
clear_result (PuratanPreflightPanel *self)
{
  clear_findings (self);
  g_clear_pointer (&self->report, puratan_preflight_report_unref);
  g_clear_object (&self->checked);
}

static const char *
severity_icon (PuratanPreflightSeverity severity, const char **style, const char **tooltip)
{
  if (severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
    {
      *style = "error";
      *tooltip = _ ("Error: must be fixed");
      return "dialog-error-symbolic";
    }
  if (severity == PURATAN_PREFLIGHT_SEVERITY_WARNING)
    {
      *style = "warning";
      *tooltip = _ ("Warning: a person should look");
      return "dialog-warning-symbolic";
    }
  *style = "accent";
  *tooltip = _ ("Note");
  return "dialog-information-symbolic";
}

static GtkWidget *
severity_image (PuratanPreflightSeverity severity)
{
  const char *style, *tooltip;
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (severity, &style, &tooltip));

  gtk_widget_add_css_class (icon, style);
  gtk_widget_set_tooltip_text (icon, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return icon;
}

static void
finding_activated_cb (AdwActionRow *row, PuratanPreflightPanel *self)
{
  const PuratanPreflightFinding *finding = g_object_get_data (G_OBJECT (row), "finding");
  const PuratanDocPage *page;
  const char *item_id = NULL;
  double x, y, w, h;

  if (finding == NULL || self->checked == NULL || finding->page == 0 ||
      finding->page > puratan_document_get_n_pages (self->checked))
    return;
  if (!puratan_design_check_locate (self->checked, finding, &x, &y, &w, &h, &item_id))
    {
      /* Somewhere on the page: the whole page. */
      page = puratan_document_get_page (self->checked, finding->page - 1);
      x = 0;
      y = 0;
      w = page->width;
      h = page->height;
    }
  g_signal_emit (self, signals[SIGNAL_FINDING_ACTIVATED], 0, finding->page - 1, x, y, w, h,
                 item_id);
}

static GtkWidget *
create_finding_row (PuratanPreflightPanel *self, const PuratanPreflightFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_image (finding->severity));
  if (finding->page == 0)
    subtitle = g_strdup (_ ("Whole design"));
  else
    subtitle = g_strdup_printf (_ ("Page %u"), finding->page);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (finding->page > 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _ ("Show it on the page"));
      g_signal_connect (row, "activated", G_CALLBACK (finding_activated_cb), self);
    }
  g_object_set_data (G_OBJECT (row), "finding", (gpointer) finding);
  g_object_set_data (G_OBJECT (row), "page", GUINT_TO_POINTER (finding->page));
  g_object_set_data_full (G_OBJECT (row), "check-id", g_strdup (finding->check_id), g_free);
  return row;
}

/* A check's id as words: "image-resolution" → "Image resolution". */
static char *
check_title (const char *check_id)
{
  char *title = g_strdup (check_id);

  g_strdelimit (title, "-_", ' ');
  title[0] = g_ascii_toupper (title[0]);
  return title;
}

static GtkWidget *
create_group_row (const PuratanPreflightFinding *first, guint n)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = check_title (first->check_id);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u finding", "%u findings", n), n);

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), severity_image (first->severity));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "check-id", g_strdup (first->check_id), g_free);
  return row;
}

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const PuratanPreflightFinding *fa = *(const PuratanPreflightFinding *const *) a;
  const PuratanPreflightFinding *fb = *(const PuratanPreflightFinding *const *) b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->page != fb->page)
    return fa->page < fb->page ? -1 : 1;
  return g_strcmp0 (fa->check_id, fb->check_id);
}

static void
show_findings (PuratanPreflightPanel *self)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (self->report);
  g_autoptr (GPtrArray) sorted = g_ptr_array_sized_new (findings->len);
  g_autoptr (GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  /* A view of the report's findings: the report owns them. */
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (sorted, findings->pdata[i]);
  g_ptr_array_sort (sorted, compare_findings);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PuratanPreflightFinding *finding = sorted->pdata[i];
      guint n = puratan_preflight_report_count_check (self->report, finding->check_id);
      GtkWidget *group;

      if (n < 2)
        {
          gtk_list_box_append (self->findings_list, create_finding_row (self, finding));
          continue;
        }
      group = g_hash_table_lookup (groups, finding->check_id);
      if (group == NULL)
        {
          group = create_group_row (finding, n);
          g_hash_table_insert (groups, finding->check_id, group);
          gtk_list_box_append (self->findings_list, group);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (group), create_finding_row (self, finding));
    }
  if (sorted->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Preflight found nothing"));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
update_status (PuratanPreflightPanel *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->status_box, self->document != NULL);
  if (self->checking)
    text = g_strdup (_ ("Checking…"));
  else if (self->report == NULL)
    text = g_strdup (_ ("Not checked"));
  else if (self->n_errors == 0 && self->n_warnings == 0)
    text = g_strdup (_ ("Ready to print"));
  else
    {
      g_autofree char *errors =
          g_strdup_printf (ngettext ("%u error", "%u errors", self->n_errors), self->n_errors);
      g_autofree char *warnings = g_strdup_printf (
          ngettext ("%u warning", "%u warnings", self->n_warnings), self->n_warnings);

      text = g_strdup_printf (_ ("%s · %s"), errors, warnings);
    }
  gtk_label_set_text (self->status_label, text);
}

static void
check_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CheckJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDocument) checked = NULL;
  g_autoptr (PuratanPreflightReport) report =
      puratan_design_check_run_finish (PURATAN_DESIGN_CHECK (source), result, &checked, &error);
  g_autoptr (PuratanPreflightPanel) self = g_weak_ref_get (&job->panel);

  if (self == NULL || job->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_result (self);
  set_checking (self, FALSE);
  if (report == NULL)
    {
      set_counts (self, 0, 0);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_status (self);
      return;
    }
  self->report = g_steal_pointer (&report);
  self->checked = g_steal_pointer (&checked);
  set_counts (self, puratan_preflight_report_count (self->report, PURATAN_PREFLIGHT_SEVERITY_ERROR),
              puratan_preflight_report_count (self->report, PURATAN_PREFLIGHT_SEVERITY_WARNING));
  show_findings (self);
  gtk_stack_set_visible_child_name (self->stack, "result");
  update_status (self);
}

static void
start_check (PuratanPreflightPanel *self)
{
  CheckJob *job;

  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->generation++;
  if (self->document == NULL)
    {
      puratan_design_check_cancel (self->check);
      clear_result (self);
      set_checking (self, FALSE);
      set_counts (self, 0, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_status (self);
      return;
    }
  job = g_new0 (CheckJob, 1);
  g_weak_ref_init (&job->panel, self);
  job->generation = self->generation;
  set_checking (self, TRUE);
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "checking");
  update_status (self);
  puratan_design_check_run_async (self->check, self->document, self->product_id, NULL, check_cb,
                                  job);
}

static gboolean
settled_cb (gpointer user_data)
{
  PuratanPreflightPanel *self = user_data;

  self->settle_source = 0;
  start_check (self);
  return G_SOURCE_REMOVE;
}

/* Checks once nothing has changed for @delay_ms; each new change starts the wait again. */
static void
schedule_check (PuratanPreflightPanel *self, guint delay_ms)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (delay_ms, settled_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->settle_source),
                            "[puratan] preflight panel settle");
}

static void
document_changed_cb (PuratanPreflightPanel *self)
{
  schedule_check (self, SETTLE_MS);
}

static void
watch_document (PuratanPreflightPanel *self)
{
  PuratanDocument *document =
      self->selection != NULL ? puratan_selection_get_document (self->selection) : NULL;

  if (document == self->document)
    return;
  g_clear_signal_handler (&self->document_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->document_handler =
        g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  clear_result (self);
  start_check (self);
}

static void
puratan_preflight_panel_dispose (GObject *object)
{
  PuratanPreflightPanel *self = PURATAN_PREFLIGHT_PANEL (object);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->check != NULL)
    puratan_design_check_cancel (self->check);
  g_clear_object (&self->check);
  g_clear_signal_handler (&self->document_handler, self->document);
  g_clear_object (&self->document);
  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->report, puratan_preflight_report_unref);
  g_clear_object (&self->checked);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_PREFLIGHT_PANEL);

  G_OBJECT_CLASS (puratan_preflight_panel_parent_class)->dispose (object);
}

static void
puratan_preflight_panel_finalize (GObject *object)
{
  PuratanPreflightPanel *self = PURATAN_PREFLIGHT_PANEL (object);

  g_free (self->product_id);

  G_OBJECT_CLASS (puratan_preflight_panel_parent_class)->finalize (object);
}

static void
puratan_preflight_panel_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  PuratanPreflightPanel *self = PURATAN_PREFLIGHT_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        g_value_set_object (value, self->selection);
        break;
      case PROP_PRODUCT_ID:
        g_value_set_string (value, self->product_id);
        break;
      case PROP_N_ERRORS:
        g_value_set_uint (value, self->n_errors);
        break;
      case PROP_N_WARNINGS:
        g_value_set_uint (value, self->n_warnings);
        break;
      case PROP_CHECKING:
        g_value_set_boolean (value, self->checking);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_preflight_panel_set_property (GObject *object,
                                      guint prop_id,
                                      const GValue *value,
                                      GParamSpec *pspec)
{
  PuratanPreflightPanel *self = PURATAN_PREFLIGHT_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_preflight_panel_set_selection (self, g_value_get_object (value));
        break;
      case PROP_PRODUCT_ID:
        puratan_preflight_panel_set_product (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_preflight_panel_class_init (PuratanPreflightPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_preflight_panel_dispose;
  object_class->finalize = puratan_preflight_panel_finalize;
  object_class->get_property = puratan_preflight_panel_get_property;
  object_class->set_property = puratan_preflight_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRODUCT_ID] =
      g_param_spec_string ("product-id", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ERRORS] =
      g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_WARNINGS] =
      g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHECKING] =
      g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PuratanPreflightPanel::finding-activated:
   * @panel: the panel
   * @page: 0-based index of the design's page the finding is on
   * @x: left of the finding's box, in points from the trim box's left
   * @y: top of the box, in points from the trim box's top, y down
   * @width: width of the box in points
   * @height: height of the box in points
   * @item_id: (nullable): the top-level item the box matches, if any
   *
   * Emitted when a finding on a page is activated. A finding with no box of its own has the
   * whole trim box.
   */
  signals[SIGNAL_FINDING_ACTIVATED] =
      g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 6, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                    G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-preflight-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, status_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, error_page);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightPanel, findings_list);
}

static void
puratan_preflight_panel_init (PuratanPreflightPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->check = puratan_design_check_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_status (self);
}

/**
 * puratan_preflight_panel_new:
 *
 * Returns: (transfer floating): a panel with no selection
 */
GtkWidget *
puratan_preflight_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_PREFLIGHT_PANEL, NULL);
}

/* Returns: (transfer none) (nullable): the selection whose design is checked */
PuratanSelection *
puratan_preflight_panel_get_selection (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), NULL);
  return self->selection;
}

/**
 * puratan_preflight_panel_set_selection:
 * @self: a panel
 * @selection: (nullable): the Design view's selection
 *
 * Checks the selection's design now, and again after each change to it has settled; follows
 * the selection to another design.
 */
void
puratan_preflight_panel_set_selection (PuratanPreflightPanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (self->selection == selection)
    return;
  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    self->selection_handler =
        g_signal_connect_swapped (selection, "notify::document", G_CALLBACK (watch_document), self);
  watch_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/* Returns: (nullable): the catalog product the design is checked for */
const char *
puratan_preflight_panel_get_product (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), NULL);
  return self->product_id;
}

/**
 * puratan_preflight_panel_set_product:
 * @self: a panel
 * @product_id: (nullable): the catalog product the design is for; %NULL (or a product without
 *   a preflight specification) checks against the shop's default profile
 *
 * Sets the product whose profile the design is checked against, and checks it again.
 */
void
puratan_preflight_panel_set_product (PuratanPreflightPanel *self, const char *product_id)
{
  g_return_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self));

  if (g_strcmp0 (self->product_id, product_id) == 0)
    return;
  g_free (self->product_id);
  self->product_id = g_strdup (product_id);
  if (self->document != NULL)
    start_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCT_ID]);
}

/* Returns: the errors in the latest result */
guint
puratan_preflight_panel_get_n_errors (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), 0);
  return self->n_errors;
}

/* Returns: the warnings in the latest result */
guint
puratan_preflight_panel_get_n_warnings (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), 0);
  return self->n_warnings;
}

/* Returns: whether a check is running */
gboolean
puratan_preflight_panel_get_checking (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), FALSE);
  return self->checking;
}

/* Returns: (transfer none) (nullable): the latest report shown, %NULL before the first or
 *   after a check failed */
PuratanPreflightReport *
puratan_preflight_panel_get_report (PuratanPreflightPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self), NULL);
  return self->report;
}

/**
 * puratan_preflight_panel_check_now:
 * @self: a panel
 *
 * Checks the design now, without waiting for changes to settle (after a save, say).
 */
void
puratan_preflight_panel_check_now (PuratanPreflightPanel *self)
{
  g_return_if_fail (PURATAN_IS_PREFLIGHT_PANEL (self));
  start_check (self);
}
