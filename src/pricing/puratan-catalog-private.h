/* puratan-catalog-private.h: the catalog's records, shared inside the pricing layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-catalog.h"
#include "puratan-imposition.h"

G_BEGIN_DECLS

/* Upper bounds checked at load time. With them no intermediate value of the
 * cost model can overflow a gint64 (see puratan-job.c). */
#define PURATAN_MAX_PAISE        G_GINT64_CONSTANT (100000000) /* ₹10,00,000 per rate */
#define PURATAN_MAX_BP           50000                         /* markups: 500 % */
#define PURATAN_MAX_SURCHARGE_BP 20000                         /* turnaround: 200 % */
#define PURATAN_MAX_FINISHING    16
#define PURATAN_MAX_QUANTITY     100000
#define PURATAN_MAX_PAGES        1000
#define PURATAN_MAX_LENGTH_UM    G_GINT64_CONSTANT (10000000) /* 10 m */

typedef enum
{
  PURATAN_PROCESS_DIGITAL,
  PURATAN_PROCESS_OFFSET,
} PuratanProcess;

typedef enum
{
  PURATAN_BASIS_UNIT,       /* each finished copy */
  PURATAN_BASIS_PIECE,      /* each imposed piece (a booklet has several per copy) */
  PURATAN_BASIS_SHEET,      /* each press sheet, spoilage included */
  PURATAN_BASIS_SHEET_SIDE, /* each printed side of each press sheet */
} PuratanBasis;

typedef struct
{
  char *id;
  char *name;
  gint64 gsm;
  char *finish;
  PuratanSheetSize parent;
  gint64 cost_per_parent;
} PuratanStock;

typedef struct
{
  char *id;
  char *name;
  PuratanProcess process;
  PuratanSheetSize sheet;
  gint64 gripper_um;
  gint64 margin_um;
  gint64 makeready_sheets;
  gint64 run_spoilage_bp;
  gint64 click_colour; /* digital: per side of a sheet printed in colour */
  gint64 click_mono;   /* digital: per side printed in one colour */
  gint64 plate;        /* offset: per plate (one per colour per side) */
  gint64 makeready_per_plate;
  gint64 hourly;
  gint64 impressions_per_hour;
} PuratanPress;

typedef struct
{
  char *id;
  char *option;
  char *value;
  char *label;
  PuratanBasis basis;
  gint64 setup;
  gint64 rate_per_1000;
} PuratanFinishing;

typedef struct
{
  char *id;
  char *label;
  PuratanSheetSize trim;
} PuratanSizeChoice;

typedef struct
{
  char *id; /* "4/4" */
  gint64 front;
  gint64 back;
} PuratanSides;

typedef enum
{
  PURATAN_REQUIRE_ONE_OF = 1 << 0,
  PURATAN_REQUIRE_NOT_ONE_OF = 1 << 1,
  PURATAN_REQUIRE_MIN = 1 << 2,
  PURATAN_REQUIRE_MAX = 1 << 3,
  PURATAN_REQUIRE_MULTIPLE_OF = 1 << 4,
} PuratanRequireFlags;

typedef struct
{
  GHashTable *when; /* option key → value; all must match */
  char *key;
  PuratanRequireFlags flags;
  GStrv values;
  gint64 min;
  gint64 max;
  gint64 multiple_of;
  char *message;
} PuratanConstraint;

typedef struct
{
  char *id;
  char *name;
  char *category;
  GPtrArray *sizes;     /* PuratanSizeChoice, owned */
  GPtrArray *stocks;    /* PuratanStock, borrowed from the catalog */
  GPtrArray *presses;   /* PuratanPress, borrowed */
  GPtrArray *sides;     /* PuratanSides, owned */
  GPtrArray *finishing; /* PuratanFinishing, borrowed */
  GStrv required;       /* finishing options that may not be "none" */
  gboolean has_pages;
  gint64 pages_min;
  gint64 pages_max;
  gint64 pages_step;
  gint64 quantity_min;
  gint64 quantity_max;
  gint64 bleed_um;
  gint64 gutter_um;
  gint64 markup_paper_bp;
  gint64 markup_press_bp;
  gint64 markup_finishing_bp;
  gint64 minimum;
  GHashTable *defaults; /* option key → value */
  GPtrArray *constraints;
} PuratanProduct;

typedef struct
{
  char *id;
  char *label;
  char *hsn;
  gint64 gst_bp;
} PuratanTaxCategory;

typedef struct
{
  char *id;
  char *label;
  gint64 working_days;
  gint64 surcharge_bp;
} PuratanTurnaround;

typedef struct
{
  char *id;
  char *label;
  gint64 discount_bp;
} PuratanTier;

typedef struct
{
  gint64 min_quantity;
  gint64 discount_bp;
} PuratanVolumeBreak;

typedef struct
{
  char *code;
  gboolean percent;
  gint64 value; /* basis points when percent, else paise */
  GDate valid_from;
  GDate valid_until;
  gint64 max_uses;
} PuratanCoupon;

typedef struct
{
  char currency[4];
  char *inr_per_unit_text;
  gint64 inr_micro_per_unit; /* rupees per unit × 10⁶ */
} PuratanRate;

typedef struct
{
  char *name;
  GStrv address;
  char *state;
  char *gstin;
  char *phone;
  char *email;
  char *quote_prefix;
  gint64 validity_days;
} PuratanShop;

struct _PuratanCatalog
{
  gatomicrefcount ref_count;
  GPtrArray *stocks;
  GPtrArray *presses;
  GPtrArray *finishing;
  GPtrArray *products;
  PuratanShop shop;
  GPtrArray *tax_categories;
  GPtrArray *turnarounds;
  GPtrArray *tiers;
  GPtrArray *volume_breaks; /* ascending min_quantity */
  GPtrArray *coupons;
  GPtrArray *constraints; /* apply to every product */
  GDate rates_date;
  GPtrArray *rates;
};

PuratanCatalog *puratan_catalog_new_empty (void);

const PuratanProduct *puratan_catalog_find_product (const PuratanCatalog *catalog, const char *id);
const PuratanTaxCategory *puratan_catalog_find_tax (const PuratanCatalog *catalog, const char *id);
const PuratanTurnaround *puratan_catalog_find_turnaround (const PuratanCatalog *catalog,
                                                          const char *id);
const PuratanTier *puratan_catalog_find_tier (const PuratanCatalog *catalog, const char *id);
const PuratanCoupon *puratan_catalog_find_coupon (const PuratanCatalog *catalog, const char *code);

gboolean puratan_catalog_read_products (PuratanCatalog *catalog,
                                        JsonObject *root,
                                        const char *file,
                                        GError **error);
gboolean puratan_catalog_read_product (PuratanCatalog *catalog,
                                       JsonObject *object,
                                       const char *file,
                                       guint index,
                                       PuratanProduct *product,
                                       GError **error);
void puratan_catalog_size_choice_free (PuratanSizeChoice *size);
void puratan_catalog_sides_free (PuratanSides *sides);
gboolean puratan_catalog_read_rules (PuratanCatalog *catalog,
                                     JsonObject *root,
                                     const char *file,
                                     GError **error);
gboolean puratan_catalog_read_constraint (JsonObject *object,
                                          const char *where,
                                          PuratanConstraint **out,
                                          GError **error);
void puratan_constraint_free (PuratanConstraint *constraint);
gboolean puratan_catalog_is_option_key (const PuratanCatalog *catalog, const char *key);

gboolean puratan_constraint_check (const PuratanConstraint *constraint,
                                   GHashTable *options,
                                   const char *product_name,
                                   GError **error);

G_END_DECLS
