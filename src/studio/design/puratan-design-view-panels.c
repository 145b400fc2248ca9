/* puratan-design-view-panels.c: the Design view's sidebar panels and the design's product
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view drops its six panels into the sidebar (see puratan_design_view_set_panel()),
 * each sharing the view's selection and following the ruler unit. The Quote and Preflight
 * panels also need the design's catalog product: the view hands it to them whenever a
 * design is opened or its product or options change (an undo included), and writes the
 * options the Quote panel's person chooses back into the design, as one undo step each.
 */
#include "config.h"

#include "puratan-design-view-private.h"
#include "puratan-layers-panel.h"
#include "puratan-pages-panel.h"
#include "puratan-preflight-panel.h"
#include "puratan-properties-panel.h"
#include "puratan-quote-panel.h"
#include "puratan-swatches-panel.h"

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The product and its options as one comparable string: "id\nkey=choice\n…", keys sorted;
 * "" without a design. */
static char *
product_key (PuratanDocument *document)
{
  GString *key = g_string_new (NULL);
  GHashTable *options;
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (document == NULL)
    return g_string_free (key, FALSE);
  g_string_append (key, puratan_document_get_product (document) != NULL
                            ? puratan_document_get_product (document)
                            : "");
  options = puratan_document_get_product_options (document);
  keys = g_hash_table_get_keys_as_array (options, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "\n%s=%s", (const char *) keys[i],
                            (const char *) g_hash_table_lookup (options, keys[i]));
  return g_string_free (key, FALSE);
}

/* Writes the options the person chose in the Quote panel into the design. */
static void
options_changed_cb (PuratanDesignView *self, PuratanQuotePanel *panel)
{
  g_autoptr (GHashTable) options = puratan_quote_panel_dup_options (panel);
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (self->document == NULL || options == NULL ||
      g_strcmp0 (puratan_quote_panel_get_product (panel),
                 puratan_document_get_product (self->document)) != 0)
    return;
  keys = g_hash_table_get_keys_as_array (options, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  /* The panel names every option, defaults included: all are written, as one undo step. */
  puratan_document_begin_step (self->document, "Choose Options");
  for (guint i = 0; i < n; i++)
    {
      const char *choice = g_hash_table_lookup (options, keys[i]);

      if (g_strcmp0 (puratan_document_get_product_option (self->document, keys[i]), choice) != 0)
        puratan_document_set_product_option (self->document, keys[i], choice);
    }
  puratan_document_end_step (self->document);
  /* The panel already shows these choices: no need to hand them back to it. */
  g_free (self->product_key);
  self->product_key = product_key (self->document);
}

/* Hands the design's product and options to the Quote and Preflight panels when they
 * differ from what the panels were last given. */
void
puratan_design_view_panels_update (PuratanDesignView *self)
{
  g_autofree char *key = product_key (self->document);
  const char *product =
      self->document != NULL ? puratan_document_get_product (self->document) : NULL;

  if (self->quote_panel == NULL ||
      (self->product_key != NULL && g_str_equal (key, self->product_key)))
    return;
  g_free (self->product_key);
  self->product_key = g_steal_pointer (&key);
  puratan_quote_panel_set_product (
      self->quote_panel, product,
      self->document != NULL ? puratan_document_get_product_options (self->document) : NULL);
  puratan_preflight_panel_set_product (self->preflight_panel, product);
}

void
puratan_design_view_panels_init (PuratanDesignView *self)
{
  puratan_design_view_set_panel (self, "pages", puratan_pages_panel_new ());
  puratan_design_view_set_panel (self, "layers", puratan_layers_panel_new ());
  puratan_design_view_set_panel (self, "properties", puratan_properties_panel_new ());
  puratan_design_view_set_panel (self, "swatches", puratan_swatches_panel_new ());
  self->quote_panel = PURATAN_QUOTE_PANEL (puratan_quote_panel_new ());
  puratan_design_view_set_panel (self, "quote", GTK_WIDGET (self->quote_panel));
  self->preflight_panel = PURATAN_PREFLIGHT_PANEL (puratan_preflight_panel_new ());
  puratan_design_view_set_panel (self, "preflight", GTK_WIDGET (self->preflight_panel));
  g_signal_connect_object (self->quote_panel, "options-changed", G_CALLBACK (options_changed_cb),
                           self, G_CONNECT_SWAPPED);
  puratan_design_view_panels_update (self);
}

void
puratan_design_view_panels_dispose (PuratanDesignView *self)
{
  /* The panels themselves go with the sidebar. */
  self->quote_panel = NULL;
  self->preflight_panel = NULL;
  g_clear_pointer (&self->product_key, g_free);
}
