/* puratan-money.h: amounts of money as integer minor units with a currency
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "puratan-currency.h"

G_BEGIN_DECLS

/**
 * PuratanMoney:
 * @minor: the amount in minor units of @currency (paise for INR, yen for JPY)
 * @currency: the ISO 4217 code, upper case and NUL-terminated
 *
 * An exact amount of money. It is a small value type: pass and return it by
 * value. Build one with puratan_money_init() so that the currency is checked;
 * every operation below refuses a value whose currency is not in the table
 * (a zero-filled struct included) with %PURATAN_ERROR_UNKNOWN_CURRENCY.
 *
 * No operation uses floating point. Operations that can fail return %FALSE,
 * set @error and leave their output untouched.
 */
typedef struct
{
  gint64 minor;
  char currency[4];
} PuratanMoney;

/**
 * PuratanRounding:
 * @PURATAN_ROUNDING_HALF_UP: to nearest; a tie goes away from zero (2.5 → 3, -2.5 → -3)
 * @PURATAN_ROUNDING_HALF_EVEN: to nearest; a tie goes to the even neighbour (2.5 → 2, 3.5 → 4)
 * @PURATAN_ROUNDING_FLOOR: towards negative infinity (2.7 → 2, -2.1 → -3)
 * @PURATAN_ROUNDING_CEILING: towards positive infinity (2.1 → 3, -2.7 → -2)
 * @PURATAN_ROUNDING_TRUNCATE: towards zero (2.7 → 2, -2.7 → -2)
 *
 * How a result that falls between two minor units is rounded.
 */
typedef enum
{
  PURATAN_ROUNDING_HALF_UP,
  PURATAN_ROUNDING_HALF_EVEN,
  PURATAN_ROUNDING_FLOOR,
  PURATAN_ROUNDING_CEILING,
  PURATAN_ROUNDING_TRUNCATE,
} PuratanRounding;

#define PURATAN_TYPE_MONEY (puratan_money_get_type ())

GType puratan_money_get_type (void) G_GNUC_CONST;

PuratanMoney *puratan_money_copy (const PuratanMoney *money);
void puratan_money_free (PuratanMoney *money);

gboolean puratan_money_init (PuratanMoney *out, gint64 minor, const char *currency, GError **error);

const PuratanCurrency *puratan_money_get_currency (PuratanMoney money, GError **error);

gboolean puratan_money_add (PuratanMoney a, PuratanMoney b, PuratanMoney *out, GError **error);
gboolean puratan_money_subtract (PuratanMoney a, PuratanMoney b, PuratanMoney *out, GError **error);
gboolean puratan_money_negate (PuratanMoney money, PuratanMoney *out, GError **error);
gboolean puratan_money_compare (PuratanMoney a, PuratanMoney b, int *out_order, GError **error);

gboolean
puratan_money_multiply (PuratanMoney money, gint64 quantity, PuratanMoney *out, GError **error);
gboolean puratan_money_multiply_fraction (PuratanMoney money,
                                          gint64 numerator,
                                          gint64 denominator,
                                          PuratanRounding rounding,
                                          PuratanMoney *out,
                                          GError **error);
gboolean puratan_money_apply_basis_points (PuratanMoney money,
                                           gint64 basis_points,
                                           PuratanRounding rounding,
                                           PuratanMoney *out,
                                           GError **error);

gboolean
puratan_money_split (PuratanMoney money, guint n_parts, PuratanMoney *parts, GError **error);
gboolean puratan_money_allocate (
    PuratanMoney money, const guint *weights, guint n_weights, PuratanMoney *parts, GError **error);

char *puratan_money_to_decimal (PuratanMoney money, GError **error);

char *puratan_money_format (PuratanMoney money, const char *locale, GError **error);
gboolean puratan_money_parse (
    const char *text, const char *currency, const char *locale, PuratanMoney *out, GError **error);

JsonNode *puratan_money_to_json (PuratanMoney money, GError **error);
gboolean puratan_money_from_json (JsonNode *node, PuratanMoney *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanMoney, puratan_money_free)

G_END_DECLS
