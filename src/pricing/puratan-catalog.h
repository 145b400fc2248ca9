/* puratan-catalog.h: the shop's products, materials, presses and rules
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PuratanCatalog:
 *
 * An immutable, reference-counted catalog loaded from a catalog file and a
 * rules file. Once loaded it never changes, so a quote computed from it can
 * be trusted while another thread loads a newer one.
 */
typedef struct _PuratanCatalog PuratanCatalog;

#define PURATAN_TYPE_CATALOG (puratan_catalog_get_type ())

GType puratan_catalog_get_type (void) G_GNUC_CONST;

PuratanCatalog *
puratan_catalog_load (const char *catalog_path, const char *rules_path, GError **error);
PuratanCatalog *puratan_catalog_load_dir (const char *directory, GError **error);
PuratanCatalog *puratan_catalog_ref (PuratanCatalog *catalog);
void puratan_catalog_unref (PuratanCatalog *catalog);

guint puratan_catalog_get_n_products (const PuratanCatalog *catalog);
const char *puratan_catalog_get_product_id (const PuratanCatalog *catalog, guint index);
const char *puratan_catalog_get_product_name (const PuratanCatalog *catalog, guint index);

/**
 * PuratanOptionDomain:
 * @key: the option's key, as in `--option KEY=VALUE`
 * @values: (array zero-terminated=1): every value the option may take
 * @default_value: the value used when the option is not given
 * @labels: (array zero-terminated=1): each value's name for people, in the order of @values,
 *   as puratan_catalog_get_choice_label() gives it ("Full colour, both sides" for "4/4")
 * @title: the option's name for people, as puratan_catalog_get_option_title() gives it
 *   ("Printed sides" for "sides")
 *
 * The choices of one option of a product.
 */
typedef struct
{
  char *key;
  GStrv values;
  char *default_value;
  GStrv labels;
  char *title;
} PuratanOptionDomain;

void puratan_option_domain_free (PuratanOptionDomain *domain);
gint64 puratan_catalog_get_turnaround_days (PuratanCatalog *catalog, const char *turnaround_id);

GPtrArray *puratan_catalog_get_option_domains (PuratanCatalog *catalog,
                                               const char *product_id,
                                               GError **error);

/* The one place options and choices are named for people (puratan-catalog-labels.c): a new
 * string, or NULL with PURATAN_ERROR_NOT_FOUND for what the product does not offer. */
char *puratan_catalog_get_option_title (const PuratanCatalog *catalog,
                                        const char *product_id,
                                        const char *key,
                                        GError **error);
char *puratan_catalog_get_choice_label (const PuratanCatalog *catalog,
                                        const char *product_id,
                                        const char *key,
                                        const char *value,
                                        GError **error);
gboolean puratan_catalog_get_quantity_range (const PuratanCatalog *catalog,
                                             const char *product_id,
                                             gint64 *min,
                                             gint64 *max,
                                             GError **error);

JsonNode *puratan_catalog_to_json (const PuratanCatalog *catalog);
char *puratan_catalog_describe (const PuratanCatalog *catalog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanCatalog, puratan_catalog_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOptionDomain, puratan_option_domain_free)

G_END_DECLS
