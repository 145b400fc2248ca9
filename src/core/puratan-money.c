/* puratan-money.c: exact arithmetic on amounts of money
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-money.h"

#include "puratan-error.h"
#include "puratan-json.h"
#include "puratan-money-private.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (PuratanMoney, puratan_money, puratan_money_copy, puratan_money_free)

/**
 * puratan_money_copy:
 * @money: an amount
 *
 * Copies @money to the heap, for a #GValue or a container.
 *
 * Returns: (transfer full): a copy to free with puratan_money_free()
 */
PuratanMoney *
puratan_money_copy (const PuratanMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);

  return g_memdup2 (money, sizeof *money);
}

/**
 * puratan_money_free:
 * @money: (nullable): a heap copy made by puratan_money_copy()
 *
 * Frees @money.
 */
void
puratan_money_free (PuratanMoney *money)
{
  g_free (money);
}

static void
set_money (PuratanMoney *out, gint64 minor, const PuratanCurrency *currency)
{
  out->minor = minor;
  memcpy (out->currency, currency->code, 4);
}

/**
 * puratan_money_init:
 * @out: (out caller-allocates): the amount to fill in
 * @minor: the amount in minor units (15050 for ₹150.50)
 * @currency: an ISO 4217 code known to puratan_currency_lookup()
 * @error: return location for a #GError
 *
 * Builds an amount after checking its currency; the code is stored in upper
 * case. Fails with %PURATAN_ERROR_UNKNOWN_CURRENCY.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_init (PuratanMoney *out, gint64 minor, const char *currency, GError **error)
{
  const PuratanCurrency *cur;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_currency_lookup (currency, error);
  if (cur == NULL)
    return FALSE;
  set_money (out, minor, cur);
  return TRUE;
}

/**
 * puratan_money_get_currency:
 * @money: an amount
 * @error: return location for a #GError
 *
 * Looks up the currency of @money, which also checks that @money is valid.
 *
 * Returns: (transfer none) (nullable): the table entry, or %NULL with
 *   %PURATAN_ERROR_UNKNOWN_CURRENCY
 */
const PuratanCurrency *
puratan_money_get_currency (PuratanMoney money, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (memchr (money.currency, '\0', sizeof money.currency) == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_UNKNOWN_CURRENCY,
                           "The amount’s currency code is not terminated");
      return NULL;
    }
  return puratan_currency_lookup (money.currency, error);
}

/* Checks both amounts and that they share a currency. */
static const PuratanCurrency *
same_currency (PuratanMoney a, PuratanMoney b, const char *verb, GError **error)
{
  const PuratanCurrency *ca = puratan_money_get_currency (a, error);
  const PuratanCurrency *cb;

  if (ca == NULL)
    return NULL;
  cb = puratan_money_get_currency (b, error);
  if (cb == NULL)
    return NULL;
  if (ca != cb)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CURRENCY_MISMATCH,
                   "Cannot %s amounts in %s and %s; convert one of them first", verb, ca->code,
                   cb->code);
      return NULL;
    }
  return ca;
}

gboolean
puratan_money_overflow_error (GError **error, const char *what, const PuratanCurrency *currency)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW,
               "The result of %s is too large to represent in %s", what, currency->code);
  return FALSE;
}

/**
 * puratan_money_add:
 * @a: an amount
 * @b: an amount in the same currency
 * @out: (out caller-allocates): return location for @a + @b
 * @error: return location for a #GError
 *
 * Adds two amounts. Fails with %PURATAN_ERROR_CURRENCY_MISMATCH or
 * %PURATAN_ERROR_OVERFLOW; @out may alias @a or @b.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_add (PuratanMoney a, PuratanMoney b, PuratanMoney *out, GError **error)
{
  const PuratanCurrency *cur;
  gint64 sum;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = same_currency (a, b, "add", error);
  if (cur == NULL)
    return FALSE;
  if (__builtin_add_overflow (a.minor, b.minor, &sum))
    return puratan_money_overflow_error (error, "an addition", cur);
  set_money (out, sum, cur);
  return TRUE;
}

/**
 * puratan_money_subtract:
 * @a: an amount
 * @b: an amount in the same currency
 * @out: (out caller-allocates): return location for @a − @b
 * @error: return location for a #GError
 *
 * Subtracts @b from @a. Fails with %PURATAN_ERROR_CURRENCY_MISMATCH or
 * %PURATAN_ERROR_OVERFLOW; @out may alias @a or @b.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_subtract (PuratanMoney a, PuratanMoney b, PuratanMoney *out, GError **error)
{
  const PuratanCurrency *cur;
  gint64 difference;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = same_currency (a, b, "subtract", error);
  if (cur == NULL)
    return FALSE;
  if (__builtin_sub_overflow (a.minor, b.minor, &difference))
    return puratan_money_overflow_error (error, "a subtraction", cur);
  set_money (out, difference, cur);
  return TRUE;
}

/**
 * puratan_money_negate:
 * @money: an amount
 * @out: (out caller-allocates): return location for −@money
 * @error: return location for a #GError
 *
 * Negates an amount, as for a refund. Only %G_MININT64 minor units
 * overflow.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_negate (PuratanMoney money, PuratanMoney *out, GError **error)
{
  const PuratanCurrency *cur;
  gint64 negated;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return FALSE;
  if (__builtin_sub_overflow ((gint64) 0, money.minor, &negated))
    return puratan_money_overflow_error (error, "a negation", cur);
  set_money (out, negated, cur);
  return TRUE;
}

/**
 * puratan_money_compare:
 * @a: an amount
 * @b: an amount in the same currency
 * @out_order: (out): return location for -1, 0 or 1 as @a is less than,
 *   equal to or greater than @b
 * @error: return location for a #GError
 *
 * Orders two amounts of one currency; amounts in different currencies
 * have no order and fail with %PURATAN_ERROR_CURRENCY_MISMATCH.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_compare (PuratanMoney a, PuratanMoney b, int *out_order, GError **error)
{
  g_return_val_if_fail (out_order != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (same_currency (a, b, "compare", error) == NULL)
    return FALSE;
  *out_order = (a.minor > b.minor) - (a.minor < b.minor);
  return TRUE;
}

/**
 * puratan_money_multiply:
 * @money: a unit price
 * @quantity: how many units, may be zero or negative
 * @out: (out caller-allocates): return location for @money × @quantity
 * @error: return location for a #GError
 *
 * Multiplies by a whole quantity. Fails with %PURATAN_ERROR_OVERFLOW.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_multiply (PuratanMoney money, gint64 quantity, PuratanMoney *out, GError **error)
{
  const PuratanCurrency *cur;
  gint64 product;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return FALSE;
  if (__builtin_mul_overflow (money.minor, quantity, &product))
    return puratan_money_overflow_error (error, "a multiplication", cur);
  set_money (out, product, cur);
  return TRUE;
}

/* Divides @value by @divisor (> 0) and rounds the quotient by @rounding. */
static __int128
divide_rounded (__int128 value, __int128 divisor, PuratanRounding rounding)
{
  __int128 quotient = value / divisor;
  __int128 remainder = value % divisor;
  __int128 twice_remainder;
  int sign = value < 0 ? -1 : 1;

  if (remainder == 0)
    return quotient;

  twice_remainder = 2 * (remainder < 0 ? -remainder : remainder);
  switch (rounding)
    {
      case PURATAN_ROUNDING_TRUNCATE:
        return quotient;
      case PURATAN_ROUNDING_FLOOR:
        return value < 0 ? quotient - 1 : quotient;
      case PURATAN_ROUNDING_CEILING:
        return value > 0 ? quotient + 1 : quotient;
      case PURATAN_ROUNDING_HALF_UP:
        return twice_remainder >= divisor ? quotient + sign : quotient;
      case PURATAN_ROUNDING_HALF_EVEN:
        if (twice_remainder > divisor || (twice_remainder == divisor && quotient % 2 != 0))
          return quotient + sign;
        return quotient;
      default:
        g_assert_not_reached ();
    }
}

/**
 * puratan_money_multiply_fraction:
 * @money: an amount
 * @numerator: numerator of the exact rational factor
 * @denominator: denominator of the factor, greater than zero
 * @rounding: how to round a result between two minor units
 * @out: (out caller-allocates): return location for the rounded @money × @numerator / @denominator
 * @error: return location for a #GError
 *
 * Scales @money by an exact fraction, for a rate such as 18 % (18/100) or
 * a share such as 2/3. The product is computed in 128 bits, so only a final
 * result outside 64 bits fails with %PURATAN_ERROR_OVERFLOW. A denominator
 * of zero or less fails with %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_multiply_fraction (PuratanMoney money,
                                 gint64 numerator,
                                 gint64 denominator,
                                 PuratanRounding rounding,
                                 PuratanMoney *out,
                                 GError **error)
{
  const PuratanCurrency *cur;
  __int128 result;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (rounding <= PURATAN_ROUNDING_TRUNCATE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return FALSE;
  if (denominator <= 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A rate’s denominator must be greater than zero, not %" G_GINT64_FORMAT,
                   denominator);
      return FALSE;
    }

  result = divide_rounded ((__int128) money.minor * numerator, denominator, rounding);
  if (result > G_MAXINT64 || result < G_MININT64)
    return puratan_money_overflow_error (error, "applying a rate", cur);
  set_money (out, (gint64) result, cur);
  return TRUE;
}

/**
 * puratan_money_apply_basis_points:
 * @money: an amount
 * @basis_points: the rate in hundredths of a percent: 1800 is 18.00 %, 250 is 2.50 %
 * @rounding: how to round a result between two minor units
 * @out: (out caller-allocates): return location for the rounded @money × @basis_points / 10000
 * @error: return location for a #GError
 *
 * Computes a percentage of @money, such as GST on a line; the same as
 * puratan_money_multiply_fraction() with a denominator of 10000.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_apply_basis_points (PuratanMoney money,
                                  gint64 basis_points,
                                  PuratanRounding rounding,
                                  PuratanMoney *out,
                                  GError **error)
{
  return puratan_money_multiply_fraction (money, basis_points, 10000, rounding, out, error);
}

/**
 * puratan_money_split:
 * @money: the amount to split
 * @n_parts: how many parts, at least one
 * @parts: (out caller-allocates) (array length=n_parts): return location for the parts
 * @error: return location for a #GError
 *
 * Splits @money into @n_parts amounts that differ by at most one minor unit
 * and sum exactly to @money; the first parts take the extra units
 * (₹100.00 in 3 is ₹33.34, ₹33.33, ₹33.33). Zero parts fails with
 * %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_split (PuratanMoney money, guint n_parts, PuratanMoney *parts, GError **error)
{
  const PuratanCurrency *cur;
  gint64 share, extra, sign;

  g_return_val_if_fail (parts != NULL || n_parts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return FALSE;
  if (n_parts == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "An amount cannot be split into zero parts");
      return FALSE;
    }

  share = money.minor / (gint64) n_parts;
  extra = money.minor % (gint64) n_parts;
  sign = extra < 0 ? -1 : 1;
  for (guint i = 0; i < n_parts; i++)
    set_money (&parts[i], share + ((gint64) i < extra * sign ? sign : 0), cur);
  return TRUE;
}

static gint
compare_remainders (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const guint64 *remainders = user_data;
  guint a = *(const guint *) pa;
  guint b = *(const guint *) pb;

  if (remainders[a] != remainders[b])
    return remainders[a] > remainders[b] ? -1 : 1;
  return (a > b) - (a < b);
}

/**
 * puratan_money_allocate:
 * @money: the amount to allocate
 * @weights: (array length=n_weights): relative weights, not all zero
 * @n_weights: the number of weights and of parts
 * @parts: (out caller-allocates) (array length=n_weights): return location for the parts
 * @error: return location for a #GError
 *
 * Allocates @money in proportion to @weights so that the parts sum exactly to
 * @money, such as a discount spread over lines by their value. Each part is
 * first rounded towards zero; the minor units left over go one each to the
 * parts with the largest remainders (ties to the earlier part). A part with
 * weight zero gets zero. No weights, or weights that sum to zero, fail with
 * %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_allocate (
    PuratanMoney money, const guint *weights, guint n_weights, PuratanMoney *parts, GError **error)
{
  const PuratanCurrency *cur;
  g_autofree guint64 *remainders = NULL;
  g_autofree guint *order = NULL;
  guint64 total = 0;
  gint64 left = money.minor;
  gint64 sign;

  g_return_val_if_fail (weights != NULL || n_weights == 0, FALSE);
  g_return_val_if_fail (parts != NULL || n_weights == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return FALSE;
  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  if (total == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "An amount can only be allocated by weights that are not all zero");
      return FALSE;
    }

  remainders = g_new (guint64, n_weights);
  order = g_new (guint, n_weights);
  for (guint i = 0; i < n_weights; i++)
    {
      __int128 share = (__int128) money.minor * weights[i];
      __int128 remainder = share % (__int128) total;

      /* |share / total| <= |money.minor|, so each part fits in 64 bits. */
      set_money (&parts[i], (gint64) (share / (__int128) total), cur);
      remainders[i] = (guint64) (remainder < 0 ? -remainder : remainder);
      order[i] = i;
      left -= parts[i].minor;
    }

  g_qsort_with_data (order, (gint) n_weights, sizeof *order, compare_remainders, remainders);
  sign = left < 0 ? -1 : 1;
  for (gint64 k = 0; k < left * sign; k++)
    parts[order[k]].minor += sign;
  return TRUE;
}

char *
puratan_money_decimal_string (gint64 minor, const PuratanCurrency *currency)
{
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;
  guint64 factor = (guint64) puratan_currency_get_minor_per_major (currency);
  const char *sign = minor < 0 ? "-" : "";

  if (currency->exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, sign, magnitude / factor,
                          (int) currency->exponent, magnitude % factor);
}

/**
 * puratan_money_to_decimal:
 * @money: an amount
 * @error: return location for a #GError
 *
 * Gives the exact amount as a plain decimal with as many fraction digits as
 * the currency has: "1500.50" for 150050 paise, "-0.05", "1234" for JPY.
 * There is no symbol or grouping; see puratan_money_format() for display.
 *
 * Returns: (transfer full) (nullable): the decimal text, or %NULL with
 *   %PURATAN_ERROR_UNKNOWN_CURRENCY
 */
char *
puratan_money_to_decimal (PuratanMoney money, GError **error)
{
  const PuratanCurrency *cur;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return NULL;
  return puratan_money_decimal_string (money.minor, cur);
}

/**
 * puratan_money_to_json:
 * @money: an amount
 * @error: return location for a #GError
 *
 * Represents @money as `{"amount_minor": 150050, "currency": "INR"}`.
 *
 * Returns: (transfer full) (nullable): a new object node, or %NULL with
 *   %PURATAN_ERROR_UNKNOWN_CURRENCY
 */
JsonNode *
puratan_money_to_json (PuratanMoney money, GError **error)
{
  const PuratanCurrency *cur;
  g_autoptr (JsonObject) object = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cur = puratan_money_get_currency (money, error);
  if (cur == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_int_member (object, "amount_minor", money.minor);
  json_object_set_string_member (object, "currency", cur->code);
  return json_node_init_object (json_node_alloc (), object);
}

/**
 * puratan_money_from_json:
 * @node: a JSON node as made by puratan_money_to_json()
 * @out: (out caller-allocates): return location for the amount
 * @error: return location for a #GError
 *
 * Reads an amount from its JSON form. A node that is not an object, a
 * missing member, an "amount_minor" that is not an integer (`1.5` and
 * `"150"` are refused) fail with %PURATAN_ERROR_INVALID_INPUT; an unknown
 * currency with %PURATAN_ERROR_UNKNOWN_CURRENCY. Other members are ignored.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_from_json (JsonNode *node, PuratanMoney *out, GError **error)
{
  JsonObject *object;
  gint64 minor;
  const char *currency;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "An amount of money must be a JSON object with the members "
                           "“amount_minor” and “currency”");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!puratan_json_get_int (object, "amount_minor", &minor, error) ||
      !puratan_json_get_string (object, "currency", &currency, error))
    return FALSE;
  return puratan_money_init (out, minor, currency, error);
}
