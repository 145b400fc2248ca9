/* puratan-money-parse.c: reading an amount as a person types it
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-money.h"

#include "puratan-error.h"
#include "puratan-money-private.h"

#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/ustring.h>

typedef struct
{
  const char *code;
  char *decimal;
  char *grouping;
  gboolean grouping_is_space;
  char *minus;
  GPtrArray *markers;
} Symbols;

typedef struct
{
  guint64 magnitude;
  gboolean overflow;
  guint fraction_digits;
} Number;

/* Ways of writing the rupee beyond the ICU symbol and the code. */
static const char *const inr_markers[] = { "Rs.", "Rs", "Re.", "Re", "₨", "रु.", "रु" };

static char *
get_symbol (UNumberFormat *format, UNumberFormatSymbol which)
{
  UChar buffer[32];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = unum_getSymbol (format, which, buffer, G_N_ELEMENTS (buffer), &status);

  return U_SUCCESS (status) ? puratan_money_utf16_to_utf8 (buffer, length) : NULL;
}

static gint
longest_first (gconstpointer a, gconstpointer b)
{
  gsize la = strlen (*(const char *const *) a);
  gsize lb = strlen (*(const char *const *) b);

  return (la < lb) - (la > lb);
}

static void
add_marker (Symbols *symbols, char *marker)
{
  if (marker != NULL && *marker != '\0')
    g_ptr_array_add (symbols->markers, marker);
  else
    g_free (marker);
}

static void
symbols_init (Symbols *symbols, UNumberFormat *format, const PuratanCurrency *currency)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar code[4];
  UBool is_choice;
  int32_t length;
  const UChar *narrow;
  gunichar first;

  symbols->code = currency->code;
  symbols->decimal = get_symbol (format, UNUM_MONETARY_SEPARATOR_SYMBOL);
  symbols->grouping = get_symbol (format, UNUM_MONETARY_GROUPING_SEPARATOR_SYMBOL);
  symbols->minus = get_symbol (format, UNUM_MINUS_SIGN_SYMBOL);
  if (symbols->decimal == NULL || *symbols->decimal == '\0')
    symbols->decimal = (g_free (symbols->decimal), g_strdup ("."));
  if (symbols->grouping == NULL)
    symbols->grouping = g_strdup (",");
  first = g_utf8_get_char (symbols->grouping);
  symbols->grouping_is_space =
      g_unichar_isspace (first) && *g_utf8_next_char (symbols->grouping) == '\0';

  symbols->markers = g_ptr_array_new_with_free_func (g_free);
  add_marker (symbols, g_strdup (currency->code));
  add_marker (symbols, g_strdup (currency->symbol));
  add_marker (symbols, get_symbol (format, UNUM_CURRENCY_SYMBOL));
  u_charsToUChars (currency->code, code, 4);
  narrow = ucurr_getName (code, unum_getLocaleByType (format, ULOC_ACTUAL_LOCALE, &status),
                          UCURR_NARROW_SYMBOL_NAME, &is_choice, &length, &status);
  if (U_SUCCESS (status))
    add_marker (symbols, puratan_money_utf16_to_utf8 (narrow, length));
  if (strcmp (currency->code, "INR") == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (inr_markers); i++)
      add_marker (symbols, g_strdup (inr_markers[i]));
  g_ptr_array_sort (symbols->markers, longest_first);
}

static void
symbols_clear (Symbols *symbols)
{
  g_free (symbols->decimal);
  g_free (symbols->grouping);
  g_free (symbols->minus);
  g_ptr_array_unref (symbols->markers);
}

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

static const char *
skip_blanks (const char *p)
{
  while (*p != '\0' && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Returns the length of @token when @p starts with it (ASCII case ignored). */
static gsize
match (const char *p, const char *token)
{
  gsize len = token != NULL ? strlen (token) : 0;

  return len > 0 && g_ascii_strncasecmp (p, token, len) == 0 ? len : 0;
}

static gsize
match_minus (const char *p, const Symbols *symbols)
{
  gsize len = match (p, symbols->minus);

  if (len == 0)
    len = match (p, "-");
  if (len == 0)
    len = match (p, "−");
  return len;
}

static gsize
match_marker (const char *p, const Symbols *symbols)
{
  for (guint i = 0; i < symbols->markers->len; i++)
    {
      const char *marker = g_ptr_array_index (symbols->markers, i);
      gsize len = match (p, marker);

      /* A marker ending in a letter must not run into a word: "Rsx" is not "Rs". */
      if (len > 0 && !(g_ascii_isalpha (marker[len - 1]) && g_ascii_isalpha (p[len])))
        return len;
    }
  return 0;
}

static gsize
match_grouping (const char *p, const Symbols *symbols)
{
  if (symbols->grouping_is_space && *p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    return (gsize) (g_utf8_next_char (p) - p);
  return match (p, symbols->grouping);
}

static gboolean parse_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
parse_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PURATAN_ERROR, PURATAN_ERROR_PARSE, format, args));
  va_end (args);
  return FALSE;
}

/* Integer groups must read as Western (1,234,567) or Indian (12,34,567)
 * grouping: the last group has three digits, the ones between all have two or
 * all three, and the first has at most as many. */
static gboolean
groups_valid (const GArray *groups)
{
  guint n = groups->len;
  guint first = g_array_index (groups, guint, 0);
  guint middle = n > 2 ? g_array_index (groups, guint, 1) : 3;

  if (g_array_index (groups, guint, n - 1) != 3 || (middle != 2 && middle != 3) || first < 1 ||
      first > middle)
    return FALSE;
  for (guint i = 1; i + 1 < n; i++)
    if (g_array_index (groups, guint, i) != middle)
      return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *text, const char **pp, const Symbols *sym, Number *n, GError **error)
{
  g_autoptr (GArray) groups = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = *pp;
  gboolean in_fraction = FALSE;
  gboolean any_digit = FALSE;
  guint group = 0;
  gsize len;

  for (;;)
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (*p != '\0' && digit >= 0)
        {
          if (!n->overflow &&
              (__builtin_mul_overflow (n->magnitude, 10, &n->magnitude) ||
               __builtin_add_overflow (n->magnitude, (guint64) digit, &n->magnitude)))
            n->overflow = TRUE;
          if (in_fraction)
            n->fraction_digits++;
          else
            group++;
          any_digit = TRUE;
          p = g_utf8_next_char (p);
        }
      else if ((len = match (p, sym->decimal)) > 0)
        {
          if (in_fraction)
            return parse_error (error, "“%s” has more than one decimal separator “%s”", text,
                                sym->decimal);
          if (group == 0 && groups->len > 0)
            return parse_error (error, "“%s” has a misplaced grouping separator “%s”", text,
                                sym->grouping);
          if (group == 0)
            return parse_error (error, "“%s” needs a digit before the decimal separator “%s”", text,
                                sym->decimal);
          if (groups->len > 0)
            g_array_append_val (groups, group);
          in_fraction = TRUE;
          p += len;
        }
      else if ((len = match_grouping (p, sym)) > 0)
        {
          if (g_unichar_digit_value (g_utf8_get_char (p + len)) < 0 || p[len] == '\0')
            {
              if (sym->grouping_is_space)
                break;
              return parse_error (error, "“%s” has a misplaced grouping separator “%s”", text,
                                  sym->grouping);
            }
          if (in_fraction)
            return parse_error (error, "“%s” has a grouping separator after the decimal separator",
                                text);
          if (group == 0)
            return parse_error (error, "“%s” has a misplaced grouping separator “%s”", text,
                                sym->grouping);
          g_array_append_val (groups, group);
          group = 0;
          p += len;
        }
      else
        break;
    }

  if (!any_digit && *p != '\0')
    return parse_error (error, "“%s” is not an amount in %s: “%.*s” is unexpected", text, sym->code,
                        (int) (g_utf8_next_char (p) - p), p);
  if (!any_digit)
    return parse_error (error, "“%s” is not an amount: a number is missing", text);
  if (in_fraction && n->fraction_digits == 0)
    return parse_error (error, "“%s” has no digits after the decimal separator “%s”", text,
                        sym->decimal);
  if (!in_fraction && groups->len > 0)
    g_array_append_val (groups, group);
  if (groups->len > 0 && !groups_valid (groups))
    return parse_error (error, "“%s” has a misplaced grouping separator “%s”", text, sym->grouping);

  *pp = p;
  return TRUE;
}

/* Applies the currency's exponent and sign; errors name the currency. */
static gboolean
number_to_minor (const char *text,
                 const Number *n,
                 gboolean negative,
                 const PuratanCurrency *cur,
                 gint64 *out_minor,
                 GError **error)
{
  guint64 magnitude = n->magnitude;
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  if (n->fraction_digits > cur->exponent)
    {
      if (cur->exponent == 0)
        return parse_error (error, "“%s” has decimal places; %s amounts are whole numbers", text,
                            cur->code);
      return parse_error (error, "“%s” has %u decimal place%s; %s amounts have at most %u", text,
                          n->fraction_digits, n->fraction_digits == 1 ? "" : "s", cur->code,
                          cur->exponent);
    }

  for (guint i = n->fraction_digits; i < cur->exponent && !n->overflow; i++)
    if (__builtin_mul_overflow (magnitude, 10, &magnitude))
      magnitude = G_MAXUINT64;
  if (n->overflow || magnitude > limit)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_OVERFLOW,
                   "“%s” is too large for an amount in %s", text, cur->code);
      return FALSE;
    }
  *out_minor = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}

/**
 * puratan_money_parse:
 * @text: what a person typed, in UTF-8
 * @currency: the ISO 4217 code the amount is in
 * @locale: (nullable): the locale whose separators apply, as for
 *   puratan_money_format(); %NULL for the process's default locale
 * @out: (out caller-allocates): return location for the amount
 * @error: return location for a #GError
 *
 * Reads an amount as a counter clerk types it: "1500", "1,500.50",
 * "₹1,00,000.00", "Rs. 250", "INR 99.5", "-12.00", or "1.234,56 €" in de_DE.
 *
 * The decimal and grouping separators are the locale's. Grouping is
 * optional but must be Western (1,234,567) or Indian (12,34,567). The
 * currency may be marked once, before or after the number, by its code, its
 * symbol or (for INR) "Rs."/"Rs"; a leading minus sign, before or after the
 * marker, makes the amount negative. Spaces around the parts are ignored.
 *
 * Fails with %PURATAN_ERROR_PARSE, in a message that quotes @text and says
 * what is wrong, on empty text, stray characters, a second decimal
 * separator, a misplaced grouping separator, or more decimal places than
 * @currency has; with %PURATAN_ERROR_OVERFLOW on an amount that does not fit
 * 64 bits of minor units; with %PURATAN_ERROR_UNKNOWN_CURRENCY on an unknown
 * @currency.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_money_parse (
    const char *text, const char *currency, const char *locale, PuratanMoney *out, GError **error)
{
  const PuratanCurrency *cur;
  g_autoptr (UNumberFormat) format = NULL;
  Symbols sym;
  Number number = { 0 };
  gboolean negative = FALSE;
  gboolean marked = FALSE;
  const char *p;
  gsize len;
  gboolean ok = FALSE;
  gint64 minor = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cur = puratan_currency_lookup (currency, error);
  if (cur == NULL)
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    return parse_error (error, "The amount is not valid UTF-8 text");
  p = skip_blanks (text);
  if (*p == '\0')
    return parse_error (error, "No amount was entered");

  format = puratan_money_open_format (locale, cur, error);
  if (format == NULL)
    return FALSE;
  symbols_init (&sym, format, cur);

  for (;;)
    {
      if ((len = match_minus (p, &sym)) > 0)
        {
          if (negative)
            {
              parse_error (error, "“%s” has more than one minus sign", text);
              goto out;
            }
          negative = TRUE;
        }
      else if (!marked && (len = match_marker (p, &sym)) > 0)
        marked = TRUE;
      else
        break;
      p = skip_blanks (p + len);
    }

  if (!parse_number (text, &p, &sym, &number, error))
    goto out;

  p = skip_blanks (p);
  if (!marked && (len = match_marker (p, &sym)) > 0)
    p = skip_blanks (p + len);
  if (*p != '\0')
    {
      parse_error (error, "“%s” is not an amount in %s: “%.*s” is unexpected", text, cur->code,
                   (int) (g_utf8_next_char (p) - p), p);
      goto out;
    }

  if (!number_to_minor (text, &number, negative, cur, &minor, error))
    goto out;
  out->minor = minor;
  memcpy (out->currency, cur->code, 4);
  ok = TRUE;

out:
  symbols_clear (&sym);
  return ok;
}
