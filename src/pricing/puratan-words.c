/* puratan-words.c: numbers in the Indian system (thousand, lakh, crore)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-words.h"

static const char *const units[] = {
  "Zero",     "One",     "Two",     "Three",     "Four",     "Five",     "Six",
  "Seven",    "Eight",   "Nine",    "Ten",       "Eleven",   "Twelve",   "Thirteen",
  "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
};

static const char *const tens[] = {
  "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
};

static void
append_word (GString *out, const char *word)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* Appends 1..99. */
static void
append_below_hundred (GString *out, guint n)
{
  if (n < 20)
    {
      append_word (out, units[n]);
      return;
    }
  append_word (out, tens[n / 10]);
  if (n % 10 != 0)
    append_word (out, units[n % 10]);
}

/* Appends a non-zero number below one crore. */
static void
append_below_crore (GString *out, guint n)
{
  if (n >= 100000)
    {
      append_below_hundred (out, n / 100000);
      append_word (out, "Lakh");
      n %= 100000;
    }
  if (n >= 1000)
    {
      append_below_hundred (out, n / 1000);
      append_word (out, "Thousand");
      n %= 1000;
    }
  if (n >= 100)
    {
      append_word (out, units[n / 100]);
      append_word (out, "Hundred");
      n %= 100;
    }
  if (n > 0)
    append_below_hundred (out, n);
}

/* Appends a non-zero number: crores are counted recursively, so one hundred
 * crore crore reads "One Hundred Crore Crore". */
static void
append_number (GString *out, guint64 n)
{
  if (n >= 10000000)
    {
      append_number (out, n / 10000000);
      append_word (out, "Crore");
      n %= 10000000;
    }
  if (n > 0)
    append_below_crore (out, (guint) n);
}

/**
 * puratan_number_in_words:
 * @number: any non-negative number
 *
 * Spells @number in Indian English with the Indian grouping: 1,25,000 is
 * "One Lakh Twenty Five Thousand", 2,00,00,000 is "Two Crore".
 *
 * Returns: (transfer full): the words, capitalised
 */
char *
puratan_number_in_words (guint64 number)
{
  GString *out = g_string_new (NULL);

  if (number == 0)
    append_word (out, units[0]);
  else
    append_number (out, number);
  return g_string_free (out, FALSE);
}

/**
 * puratan_rupees_in_words:
 * @paise: an amount in paise; a negative amount reads "Minus …"
 *
 * Spells an amount as it is written on an Indian quote or cheque:
 * 1240000 paise is "Rupees Twelve Thousand Four Hundred Only", 1240050 is
 * "Rupees Twelve Thousand Four Hundred and Fifty Paise Only", 50 is
 * "Fifty Paise Only" and 0 is "Rupees Zero Only".
 *
 * Returns: (transfer full): the words
 */
char *
puratan_rupees_in_words (gint64 paise)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  guint64 rupees;
  guint fraction;

  if (paise < 0)
    {
      append_word (out, "Minus");
      magnitude = (guint64) (-(paise + 1)) + 1;
    }
  else
    magnitude = (guint64) paise;

  rupees = magnitude / 100;
  fraction = (guint) (magnitude % 100);

  if (rupees > 0 || fraction == 0)
    {
      append_word (out, "Rupees");
      if (rupees == 0)
        append_word (out, units[0]);
      else
        append_number (out, rupees);
    }
  if (fraction > 0)
    {
      if (rupees > 0)
        append_word (out, "and");
      append_below_hundred (out, fraction);
      append_word (out, "Paise");
    }
  append_word (out, "Only");
  return g_string_free (out, FALSE);
}
