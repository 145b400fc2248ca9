/* puratan-gstin.c: GSTIN format and check character, GST state codes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-gstin.h"

#include <string.h>

#include "puratan-error.h"

static const char gstin_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

typedef struct
{
  const char *code;
  const char *abbreviation;
  const char *name;
} GstState;

/* State codes as printed in the first two characters of a GSTIN. */
static const GstState gst_states[] = {
  { "01", "JK", "Jammu and Kashmir" },
  { "02", "HP", "Himachal Pradesh" },
  { "03", "PB", "Punjab" },
  { "04", "CH", "Chandigarh" },
  { "05", "UK", "Uttarakhand" },
  { "06", "HR", "Haryana" },
  { "07", "DL", "Delhi" },
  { "08", "RJ", "Rajasthan" },
  { "09", "UP", "Uttar Pradesh" },
  { "10", "BR", "Bihar" },
  { "11", "SK", "Sikkim" },
  { "12", "AR", "Arunachal Pradesh" },
  { "13", "NL", "Nagaland" },
  { "14", "MN", "Manipur" },
  { "15", "MZ", "Mizoram" },
  { "16", "TR", "Tripura" },
  { "17", "ML", "Meghalaya" },
  { "18", "AS", "Assam" },
  { "19", "WB", "West Bengal" },
  { "20", "JH", "Jharkhand" },
  { "21", "OD", "Odisha" },
  { "22", "CG", "Chhattisgarh" },
  { "23", "MP", "Madhya Pradesh" },
  { "24", "GJ", "Gujarat" },
  { "26", "DH", "Dadra and Nagar Haveli and Daman and Diu" },
  { "27", "MH", "Maharashtra" },
  { "29", "KA", "Karnataka" },
  { "30", "GA", "Goa" },
  { "31", "LD", "Lakshadweep" },
  { "32", "KL", "Kerala" },
  { "33", "TN", "Tamil Nadu" },
  { "34", "PY", "Puducherry" },
  { "35", "AN", "Andaman and Nicobar Islands" },
  { "36", "TS", "Telangana" },
  { "37", "AP", "Andhra Pradesh" },
  { "38", "LA", "Ladakh" },
  { "97", "OT", "Other Territory" },
};

/**
 * puratan_gst_state_lookup:
 * @code_or_abbreviation: a two-digit GST state code ("29") or its letters ("KA"), any case
 * @out_name: (out) (optional) (transfer none): the state's name
 *
 * Looks up a place of supply.
 *
 * Returns: (nullable) (transfer none): the two-digit code, or %NULL when unknown
 */
const char *
puratan_gst_state_lookup (const char *code_or_abbreviation, const char **out_name)
{
  g_return_val_if_fail (code_or_abbreviation != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (gst_states); i++)
    {
      if (g_strcmp0 (code_or_abbreviation, gst_states[i].code) == 0 ||
          g_ascii_strcasecmp (code_or_abbreviation, gst_states[i].abbreviation) == 0)
        {
          if (out_name != NULL)
            *out_name = gst_states[i].name;
          return gst_states[i].code;
        }
    }
  return NULL;
}

static int
alphabet_index (char c)
{
  const char *p = (c != '\0') ? strchr (gstin_alphabet, c) : NULL;

  return p != NULL ? (int) (p - gstin_alphabet) : -1;
}

/**
 * puratan_gstin_check_character:
 * @first14: at least 14 characters from the alphabet 0-9A-Z
 *
 * Computes the GSTIN check character over the first 14 characters: each
 * character's value (0-35) is multiplied by 1 at even positions and 2 at odd
 * ones (counting from 0), the quotient and remainder of each product by 36
 * are summed, and the check value is (36 - sum mod 36) mod 36.
 *
 * Returns: the check character, or '\0' when @first14 has a character outside the alphabet
 */
char
puratan_gstin_check_character (const char *first14)
{
  int sum = 0;

  g_return_val_if_fail (first14 != NULL, '\0');

  for (int i = 0; i < 14; i++)
    {
      int value = alphabet_index (first14[i]);
      int product;

      if (value < 0)
        return '\0';
      product = value * ((i % 2 == 0) ? 1 : 2);
      sum += product / 36 + product % 36;
    }
  return gstin_alphabet[(36 - sum % 36) % 36];
}

static gboolean
all_in_range (const char *s, gsize from, gsize to, char lo, char hi)
{
  for (gsize i = from; i < to; i++)
    if (s[i] < lo || s[i] > hi)
      return FALSE;
  return TRUE;
}

/**
 * puratan_gstin_validate:
 * @gstin: the text to check
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT error
 *
 * Checks a GSTIN: 15 upper-case characters, a known state code, a PAN
 * (five letters, four digits, one letter), an entity number (1-9 or A-Z),
 * the letter Z and a correct check character.
 *
 * Returns: %TRUE when @gstin is a valid GSTIN
 */
gboolean
puratan_gstin_validate (const char *gstin, GError **error)
{
  char state[3];
  char expected;

  g_return_val_if_fail (gstin != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strlen (gstin) != PURATAN_GSTIN_LENGTH)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "GSTIN “%s” has %zu characters; a GSTIN has 15", gstin, strlen (gstin));
      return FALSE;
    }
  memcpy (state, gstin, 2);
  state[2] = '\0';
  if (!all_in_range (gstin, 0, 2, '0', '9') || puratan_gst_state_lookup (state, NULL) == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "GSTIN “%s” starts with “%s”, which is not a GST state code", gstin, state);
      return FALSE;
    }
  if (!all_in_range (gstin, 2, 7, 'A', 'Z') || !all_in_range (gstin, 7, 11, '0', '9') ||
      !all_in_range (gstin, 11, 12, 'A', 'Z'))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "GSTIN “%s”: characters 3 to 12 must be a PAN (five capital letters, four "
                   "digits, one capital letter)",
                   gstin);
      return FALSE;
    }
  if (alphabet_index (gstin[12]) < 1 || gstin[13] != 'Z')
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "GSTIN “%s”: character 13 must be 1-9 or A-Z and character 14 must be Z", gstin);
      return FALSE;
    }
  expected = puratan_gstin_check_character (gstin);
  if (gstin[14] != expected)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "GSTIN “%s” ends in “%c” but its check character is “%c”; check for a typing "
                   "mistake",
                   gstin, gstin[14], expected);
      return FALSE;
    }
  return TRUE;
}
