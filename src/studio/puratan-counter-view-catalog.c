/* puratan-counter-view-catalog.c: live prices from the shop's catalog at the counter
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-counter-view-private.h"
#include "puratan-shop-catalog.h"

/* Lists the catalog's products after "Custom job", the first product chosen, or shows in the
 * banner why only custom jobs with a typed price can be sold. */
static void
show_catalog (PuratanCounterView *self, const GError *error)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _ ("Custom job (typed price)"));
  for (guint i = 0; self->catalog != NULL && i < puratan_catalog_get_n_products (self->catalog);
       i++)
    gtk_string_list_append (names, puratan_catalog_get_product_name (self->catalog, i));
  adw_combo_row_set_model (self->catalog_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->catalog_row, self->catalog != NULL ? 1 : 0);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("The shop's catalog could not be loaded, so only custom jobs can be sold: %s"),
          error->message);
      gtk_label_set_text (self->catalog_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->catalog_banner, error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->catalog_row), TRUE);
}

static void
catalog_loaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  PuratanCatalog *catalog = puratan_shop_catalog_load_finish (result, &error);
  PuratanCounterView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Not cancelled: dispose cancels, so the view is alive. */
  self = PURATAN_COUNTER_VIEW (data);
  self->catalog_loading = FALSE;
  self->catalog = catalog;
  show_catalog (self, error);
}

/**
 * puratan_counter_view_load_catalog:
 * @self: the view
 *
 * Starts reading the shop's catalog on a worker (see puratan_shop_catalog_load_async()),
 * unless it is loaded or being read. The product list is insensitive until it arrives; then
 * it lists the products after "Custom job", the first product chosen. Without a catalog only
 * custom jobs with a typed price can be sold, and a banner at the top of the form says why;
 * the next new order tries again. puratan_counter_view_is_busy() is %TRUE meanwhile.
 */
void
puratan_counter_view_load_catalog (PuratanCounterView *self)
{
  if (self->catalog != NULL || self->catalog_loading)
    return;
  self->catalog_loading = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->catalog_row), FALSE);
  puratan_shop_catalog_load_async (self->cancellable, catalog_loaded_cb, self);
}

/**
 * puratan_counter_view_get_catalog_problem:
 * @self: a #PuratanCounterView
 *
 * Returns: (transfer none) (nullable): what the banner at the top of the order form says
 *   about a missing or broken catalog, or %NULL when the catalog loaded
 */
const char *
puratan_counter_view_get_catalog_problem (PuratanCounterView *self)
{
  g_return_val_if_fail (PURATAN_IS_COUNTER_VIEW (self), NULL);

  return gtk_revealer_get_reveal_child (self->catalog_banner)
             ? gtk_label_get_text (self->catalog_banner_label)
             : NULL;
}

/* The catalog product chosen, or NULL for a custom job. */
const char *
puratan_counter_view_selected_product (PuratanCounterView *self)
{
  guint selected = adw_combo_row_get_selected (self->catalog_row);

  if (self->catalog == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > puratan_catalog_get_n_products (self->catalog))
    return NULL;
  return puratan_catalog_get_product_id (self->catalog, selected - 1);
}

static void
option_changed_cb (PuratanCounterView *self)
{
  gtk_spin_button_update (self->quantity_spin);
  g_signal_emit_by_name (self->quantity_spin, "value-changed");
}

static void
turnaround_changed_cb (PuratanCounterView *self)
{
  puratan_counter_view_suggest_due_date (self);
}

/**
 * puratan_counter_view_catalog_product_changed:
 * @self: the view
 *
 * Shows the chosen product's options with their defaults, or the custom job's fields.
 */
void
puratan_counter_view_catalog_product_changed (PuratanCounterView *self)
{
  const char *product = puratan_counter_view_selected_product (self);
  g_autoptr (GPtrArray) domains = NULL;
  gboolean custom = product == NULL;

  for (guint i = 0; self->option_rows != NULL && i < self->option_rows->len; i++)
    adw_preferences_group_remove (self->options_group, self->option_rows->pdata[i]);
  g_clear_pointer (&self->option_rows, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->product_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->hsn_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->price_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->gst_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), !custom);

  if (!custom)
    domains = puratan_catalog_get_option_domains (self->catalog, product, NULL);
  self->option_rows = g_ptr_array_new ();
  for (guint i = 0; domains != NULL && i < domains->len; i++)
    {
      PuratanOptionDomain *domain = domains->pdata[i];
      GtkWidget *row = adw_combo_row_new ();
      g_autoptr (GtkStringList) labels = gtk_string_list_new ((const char *const *) domain->labels);

      /* The catalog's own names are shown; the ids stay with the row for pricing. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      for (guint v = 0; domain->values[v] != NULL; v++)
        if (g_strcmp0 (domain->values[v], domain->default_value) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), v);
      g_object_set_data_full (G_OBJECT (row), "key", g_strdup (domain->key), g_free);
      g_object_set_data_full (G_OBJECT (row), "values", g_strdupv (domain->values),
                              (GDestroyNotify) g_strfreev);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (option_changed_cb), self);
      if (g_str_equal (domain->key, "turnaround"))
        g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (turnaround_changed_cb),
                                  self);
      adw_preferences_group_add (self->options_group, row);
      g_ptr_array_add (self->option_rows, row);
    }
  option_changed_cb (self);
  puratan_counter_view_suggest_due_date (self);
}

/**
 * puratan_counter_view_quote:
 * @self: the view
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a quote for the chosen catalog product, options and
 *   quantity, or %NULL (without @error) for a custom job, or with @error when it cannot be
 *   priced
 */
PuratanQuote *
puratan_counter_view_quote (PuratanCounterView *self, GError **error)
{
  const char *product = puratan_counter_view_selected_product (self);
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  PuratanQuoteRequest request = { 0 };
  PuratanJob *job;
  PuratanQuote *quote;
  gint64 quantity = puratan_counter_view_quantity (self);

  if (product == NULL)
    return NULL;
  for (guint i = 0; self->option_rows != NULL && i < self->option_rows->len; i++)
    {
      AdwComboRow *row = self->option_rows->pdata[i];
      char **values = g_object_get_data (G_OBJECT (row), "values");
      guint selected = adw_combo_row_get_selected (row);

      if (values != NULL && selected < g_strv_length (values))
        g_hash_table_insert (options, g_object_get_data (G_OBJECT (row), "key"), values[selected]);
    }
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (self->customer != NULL)
    {
      request.customer_name = self->customer->name;
      request.customer_gstin = self->customer->gstin;
    }
  job = puratan_job_new (self->catalog, product, options, error);
  if (job == NULL)
    return NULL;
  quote = puratan_quote_new (self->catalog, &request, &job, &quantity, 1, error);
  puratan_job_free (job);
  return quote;
}
