/* puratan-quote-panel.c: the Design view's panel of the design's product and its price
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the catalog product a design is made for, its options with the names the catalog
 * gives them, a quantity and the live price from the pricing layer with its GST lines,
 * as a walk-in customer in the shop's own state would pay it. The shipped catalog (found as all
 * shipped data is, see puratan_data_dir_get_path()) is read on a worker thread; pricing a quantity
 * is integer arithmetic on the loaded catalog and runs as the designer types.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-core.h"
#include "puratan-pricing.h"
#include "puratan-quote-panel.h"
#include "puratan-shop-catalog.h"

struct _PuratanQuotePanel
{
  AdwBin parent_instance;

  PuratanSelection *selection;
  GCancellable *cancellable;
  PuratanCatalog *catalog;
  char *catalog_error;
  gboolean loading;
  char *product;
  GHashTable *options; /* key → choice id asked for */
  GPtrArray *rows;     /* the option rows shown */
  char *message;
  gboolean updating;

  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkLabel *product_label;
  AdwPreferencesGroup *options_group;
  GtkSpinButton *quantity_spin;
  GtkLabel *message_label;
  GtkWidget *price_grid;
  GtkLabel *taxable_label;
  GtkLabel *cgst_title;
  GtkLabel *cgst_label;
  GtkLabel *sgst_title;
  GtkLabel *sgst_label;
  GtkLabel *igst_title;
  GtkLabel *igst_label;
  GtkLabel *total_label;
  GtkLabel *unit_label;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPTIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanQuotePanel, puratan_quote_panel, ADW_TYPE_BIN)

static void
show_message (PuratanQuotePanel *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (self->price_grid, message == NULL);
}

static void
show_status (PuratanQuotePanel *self, const char *title, const char *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
  g_free (self->message);
  self->message = g_strdup (description != NULL ? description : title);
}

static char *
format_money (PuratanMoney money)
{
  char *text = puratan_money_format (money, NULL, NULL);

  return text != NULL ? text : g_strdup ("—");
}

/* The options the rows show, as key → choice id (strings owned by the rows). */
static GHashTable *
chosen_options (PuratanQuotePanel *self)
{
  GHashTable *options = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      AdwComboRow *row = self->rows->pdata[i];
      const char *const *values = g_object_get_data (G_OBJECT (row), "values");
      guint selected = adw_combo_row_get_selected (row);

      if (selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length ((char **) values))
        g_hash_table_insert (options, g_object_get_data (G_OBJECT (row), "key"),
                             (gpointer) values[selected]);
    }
  return options;
}

static void
set_tax_line (GtkLabel *title,
              GtkLabel *label,
              const char *name,
              gint64 bp,
              PuratanMoney amount,
              gboolean shown)
{
  g_autofree char *heading = g_strdup_printf ("%s %g %%", name, bp / 100.0);
  g_autofree char *text = format_money (amount);

  gtk_label_set_text (title, heading);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (title), shown);
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
}

/* Prices the chosen options and quantity and shows the quote, or why there is none. */
static void
update_price (PuratanQuotePanel *self)
{
  g_autoptr (GHashTable) options = NULL;
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  PuratanQuoteRequest request = { 0 };
  const PuratanQuoteLine *line;
  g_autofree char *taxable = NULL;
  g_autofree char *total = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *unit_text = NULL;
  gint64 quantity;
  PuratanMoney each;

  if (self->updating || self->catalog == NULL || self->product == NULL)
    return;
  quantity = (gint64) gtk_spin_button_get_value (self->quantity_spin);
  options = chosen_options (self);
  job = puratan_job_new (self->catalog, self->product, options, &error);
  if (job != NULL)
    puratan_job_check_quantity (job, quantity, &error);
  if (error == NULL)
    {
      g_date_clear (&request.date, 1);
      g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      quote = puratan_quote_new (self->catalog, &request, &job, &quantity, 1, &error);
    }
  if (quote == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  line = quote->lines->pdata[0];
  taxable = format_money (quote->taxable);
  total = format_money (quote->total);
  gtk_label_set_text (self->taxable_label, taxable);
  set_tax_line (self->cgst_title, self->cgst_label, _ ("CGST"), line->gst_bp / 2, quote->cgst,
                !quote->inter_state);
  set_tax_line (self->sgst_title, self->sgst_label, _ ("SGST"), line->gst_bp / 2, quote->sgst,
                !quote->inter_state);
  set_tax_line (self->igst_title, self->igst_label, _ ("IGST"), line->gst_bp, quote->igst,
                quote->inter_state);
  gtk_label_set_text (self->total_label, total);
  each = quote->total;
  each.minor = (quote->total.minor + quantity / 2) / quantity;
  unit = format_money (each);
  unit_text = g_strdup_printf (_ ("%s a copy, tax included"), unit);
  gtk_label_set_text (self->unit_label, unit_text);
}

static void
option_changed_cb (PuratanQuotePanel *self)
{
  if (self->updating)
    return;
  update_price (self);
  g_signal_emit (self, signals[SIGNAL_OPTIONS_CHANGED], 0);
}

static void
clear_rows (PuratanQuotePanel *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    adw_preferences_group_remove (self->options_group, self->rows->pdata[i]);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
}

/* Builds a row per option, set to the asked choice or else the product's default. */
static gboolean
build_rows (PuratanQuotePanel *self, GString *unknown, GError **error)
{
  g_autoptr (GPtrArray) domains =
      puratan_catalog_get_option_domains (self->catalog, self->product, error);

  if (domains == NULL)
    return FALSE;
  self->rows = g_ptr_array_new ();
  for (guint i = 0; i < domains->len; i++)
    {
      PuratanOptionDomain *domain = domains->pdata[i];
      const char *asked =
          self->options != NULL ? g_hash_table_lookup (self->options, domain->key) : NULL;
      /* The catalog's names for people; the ids stay with the row for pricing. */
      g_autoptr (GtkStringList) labels = gtk_string_list_new ((const char *const *) domain->labels);
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;
      gboolean found = asked == NULL;

      for (guint v = 0; domain->values[v] != NULL; v++)
        if (asked != NULL ? g_str_equal (asked, domain->values[v])
                          : g_strcmp0 (domain->default_value, domain->values[v]) == 0)
          {
            selected = v;
            found = TRUE;
          }
      if (!found)
        {
          /* The design asks for a choice the catalog no longer has; the default stands. */
          for (guint v = 0; domain->values[v] != NULL; v++)
            if (g_strcmp0 (domain->default_value, domain->values[v]) == 0)
              selected = v;
          g_string_append_printf (unknown, "%s%s “%s”", unknown->len > 0 ? ", " : "", domain->title,
                                  asked);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "key", g_strdup (domain->key), g_free);
      g_object_set_data_full (G_OBJECT (row), "values", g_strdupv (domain->values),
                              (GDestroyNotify) g_strfreev);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (option_changed_cb), self);
      adw_preferences_group_add (self->options_group, row);
      g_ptr_array_add (self->rows, row);
    }
  return TRUE;
}

/* Shows the product with its options, or a status saying why there is no price. */
static void
show_product (PuratanQuotePanel *self)
{
  g_autoptr (GString) unknown = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gint64 min = 1, max = 1, quantity;

  clear_rows (self);
  if (self->loading)
    {
      show_status (self, _ ("Loading the Catalog…"), NULL);
      return;
    }
  if (self->catalog == NULL)
    {
      show_status (self, _ ("No Catalog"), self->catalog_error);
      return;
    }
  if (self->product == NULL)
    {
      show_status (self, _ ("No Product"),
                   _ ("This design is not made for a product of the shop's catalog. Designs "
                      "started from a template have one."));
      return;
    }
  if (!puratan_catalog_get_quantity_range (self->catalog, self->product, &min, &max, &error))
    {
      g_autofree char *description = g_strdup_printf (
          _ ("The shop's catalog has no product “%s”, so this design cannot be priced. Choose "
             "a product the catalog offers."),
          self->product);
      show_status (self, _ ("Unknown Product"), description);
      return;
    }
  self->updating = TRUE;
  for (guint i = 0; i < puratan_catalog_get_n_products (self->catalog); i++)
    if (g_str_equal (puratan_catalog_get_product_id (self->catalog, i), self->product))
      gtk_label_set_text (self->product_label, puratan_catalog_get_product_name (self->catalog, i));
  if (!build_rows (self, unknown, &error))
    {
      self->updating = FALSE;
      show_status (self, _ ("Unknown Product"), error->message);
      return;
    }
  quantity = (gint64) gtk_spin_button_get_value (self->quantity_spin);
  if (quantity < min || quantity > max)
    gtk_spin_button_set_value (self->quantity_spin, CLAMP (100, min, max));
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "quote");
  update_price (self);
  if (unknown->len > 0 && self->message == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("The catalog does not offer the design's %s; the product's default is priced"),
          unknown->str);
      show_message (self, message);
      gtk_widget_set_visible (self->price_grid, TRUE);
    }
}

static void
catalog_loaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  PuratanCatalog *catalog = puratan_shop_catalog_load_finish (result, &error);
  PuratanQuotePanel *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Not cancelled: dispose cancels, so the panel is alive. */
  self = PURATAN_QUOTE_PANEL (data);
  self->loading = FALSE;
  self->catalog = catalog;
  if (catalog == NULL)
    self->catalog_error = g_strdup_printf (
        _ ("The shop's catalog cannot be read, so no price can be shown: %s"), error->message);
  show_product (self);
}

static void
puratan_quote_panel_dispose (GObject *object)
{
  PuratanQuotePanel *self = PURATAN_QUOTE_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_QUOTE_PANEL);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->catalog, puratan_catalog_unref);
  g_clear_pointer (&self->options, g_hash_table_unref);

  G_OBJECT_CLASS (puratan_quote_panel_parent_class)->dispose (object);
}

static void
puratan_quote_panel_finalize (GObject *object)
{
  PuratanQuotePanel *self = PURATAN_QUOTE_PANEL (object);

  g_free (self->catalog_error);
  g_free (self->product);
  g_free (self->message);

  G_OBJECT_CLASS (puratan_quote_panel_parent_class)->finalize (object);
}

static void
puratan_quote_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanQuotePanel *self = PURATAN_QUOTE_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        g_value_set_object (value, self->selection);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_quote_panel_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  PuratanQuotePanel *self = PURATAN_QUOTE_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_quote_panel_set_selection (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_quote_panel_class_init (PuratanQuotePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_quote_panel_dispose;
  object_class->finalize = puratan_quote_panel_finalize;
  object_class->get_property = puratan_quote_panel_get_property;
  object_class->set_property = puratan_quote_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PuratanQuotePanel::options-changed:
   *
   * Emitted when the designer chooses another option, so the design can keep the choice
   * (see puratan_quote_panel_dup_options()).
   */
  signals[SIGNAL_OPTIONS_CHANGED] =
      g_signal_new ("options-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-quote-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, product_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, options_group);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, price_grid);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, taxable_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, cgst_title);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, cgst_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, sgst_title);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, sgst_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, igst_title);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, igst_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, total_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanQuotePanel, unit_label);
}

static void
puratan_quote_panel_init (PuratanQuotePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Wide: a quantity the product is not made in is refused with the catalog's reason. */
  gtk_spin_button_set_range (self->quantity_spin, 1, 10000000);
  gtk_spin_button_set_increments (self->quantity_spin, 50, 500);
  gtk_spin_button_set_value (self->quantity_spin, 100);
  g_signal_connect_swapped (self->quantity_spin, "value-changed", G_CALLBACK (update_price), self);

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  show_product (self);
  puratan_shop_catalog_load_async (self->cancellable, catalog_loaded_cb, self);
}

/**
 * puratan_quote_panel_new:
 *
 * Returns: (transfer full): a Quote panel with no product; it starts reading the catalog
 *   on a worker thread
 */
GtkWidget *
puratan_quote_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_QUOTE_PANEL, NULL);
}

/**
 * puratan_quote_panel_get_selection:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the selection whose design is priced
 */
PuratanSelection *
puratan_quote_panel_get_selection (PuratanQuotePanel *self)
{
  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), NULL);
  return self->selection;
}

/**
 * puratan_quote_panel_set_selection:
 * @self: the panel
 * @selection: (nullable): the selection whose design is priced
 *
 * The price depends on the product and options given with
 * puratan_quote_panel_set_product(), not on the design's items.
 */
void
puratan_quote_panel_set_selection (PuratanQuotePanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_QUOTE_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (g_set_object (&self->selection, selection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_quote_panel_set_product:
 * @self: the panel
 * @product_id: (nullable): the catalog product the design is made for, or %NULL for none
 * @options: (nullable) (element-type utf8 utf8): option key → choice id, as the design
 *   asks; copied. Options not given take the product's defaults.
 *
 * Shows the product with its options and prices it at the panel's quantity. An unknown
 * product, or a catalog that could not be read, is shown as a message instead.
 */
void
puratan_quote_panel_set_product (PuratanQuotePanel *self,
                                 const char *product_id,
                                 GHashTable *options)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (PURATAN_IS_QUOTE_PANEL (self));

  g_free (self->product);
  self->product = g_strdup (product_id);
  g_clear_pointer (&self->options, g_hash_table_unref);
  if (options != NULL)
    {
      self->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, options);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->options, g_strdup (key), g_strdup (value));
    }
  g_clear_pointer (&self->message, g_free);
  show_product (self);
}

/**
 * puratan_quote_panel_get_product:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the product id set on the panel
 */
const char *
puratan_quote_panel_get_product (PuratanQuotePanel *self)
{
  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), NULL);
  return self->product;
}

/**
 * puratan_quote_panel_dup_options:
 * @self: the panel
 *
 * Returns: (transfer full) (element-type utf8 utf8): option key → choice id as the panel
 *   shows them now (after the designer's choices); empty while there is no product
 */
GHashTable *
puratan_quote_panel_dup_options (PuratanQuotePanel *self)
{
  g_autoptr (GHashTable) chosen = NULL;
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), NULL);

  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  chosen = chosen_options (self);
  g_hash_table_iter_init (&iter, chosen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

/**
 * puratan_quote_panel_get_quantity:
 * @self: the panel
 *
 * Returns: the quantity priced
 */
gint64
puratan_quote_panel_get_quantity (PuratanQuotePanel *self)
{
  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), 0);
  return (gint64) gtk_spin_button_get_value (self->quantity_spin);
}

/**
 * puratan_quote_panel_set_quantity:
 * @self: the panel
 * @quantity: the number of copies to price
 */
void
puratan_quote_panel_set_quantity (PuratanQuotePanel *self, gint64 quantity)
{
  g_return_if_fail (PURATAN_IS_QUOTE_PANEL (self));
  gtk_spin_button_set_value (self->quantity_spin, (double) quantity);
}

/**
 * puratan_quote_panel_is_loading:
 * @self: the panel
 *
 * Returns: whether the catalog is still being read
 */
gboolean
puratan_quote_panel_is_loading (PuratanQuotePanel *self)
{
  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), FALSE);
  return self->loading;
}

/**
 * puratan_quote_panel_get_message:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): why no price is shown (or why the price is for
 *   other options than the design's), or %NULL
 */
const char *
puratan_quote_panel_get_message (PuratanQuotePanel *self)
{
  g_return_val_if_fail (PURATAN_IS_QUOTE_PANEL (self), NULL);
  return self->message;
}
