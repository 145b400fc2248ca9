/* puratan-pdf-facts.c: values the structure reader fills in
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-pdf-facts-private.h"

#include <string.h>

/* Grows @acc to cover @r; when @acc_empty, @acc becomes @r. */
void
puratan_rect_union (PuratanRect *acc, const PuratanRect *r, gboolean acc_empty)
{
  if (acc_empty)
    {
      *acc = *r;
      return;
    }
  acc->x0 = MIN (acc->x0, r->x0);
  acc->y0 = MIN (acc->y0, r->y0);
  acc->x1 = MAX (acc->x1, r->x1);
  acc->y1 = MAX (acc->y1, r->y1);
}

/* Counts one more object of @value points at @where, keeping the smallest value. */
void
puratan_tally_add (PuratanTally *tally, double value, const PuratanRect *where)
{
  puratan_rect_union (&tally->bbox, where, tally->count == 0);
  if (tally->count == 0 || value < tally->extreme)
    tally->extreme = value;
  tally->count++;
}

/* Returns (transfer full) empty facts for page @number (1-based). */
PuratanPageFacts *
puratan_page_facts_new (guint number)
{
  PuratanPageFacts *facts = g_new0 (PuratanPageFacts, 1);

  facts->number = number;
  facts->images = g_array_new (FALSE, TRUE, sizeof (PuratanImageUse));
  facts->spots = g_ptr_array_new_with_free_func (g_free);
  facts->fonts = g_ptr_array_new_with_free_func (g_free);
  return facts;
}

void
puratan_page_facts_free (PuratanPageFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->scan_problem);
  g_array_unref (facts->images);
  g_ptr_array_unref (facts->spots);
  g_ptr_array_unref (facts->fonts);
  g_free (facts);
}

static void
add_unique (GPtrArray *names, const char *name, guint limit)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);

  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), valid))
      return;
  if (names->len < limit)
    g_ptr_array_add (names, g_steal_pointer (&valid));
}

/* Records colorant @name once per page; at most 64 distinct names are kept. */
void
puratan_page_facts_add_spot (PuratanPageFacts *facts, const char *name)
{
  add_unique (facts->spots, name, 64);
}

/* Records the unembedded font @name of @type once per page, without a subset tag
 * ("ABCDEF+"); at most 256 distinct fonts are kept. */
void
puratan_page_facts_add_font (PuratanPageFacts *facts, const char *name, const char *type)
{
  gboolean tagged = strlen (name) > 7 && name[6] == '+';
  g_autofree char *label = NULL;

  for (int i = 0; tagged && i < 6; i++)
    tagged = g_ascii_isupper (name[i]);
  label = g_strdup_printf ("\"%s\" (%s)", tagged ? name + 7 : name, type);
  add_unique (facts->fonts, label, 256);
}

void
puratan_output_intent_free (PuratanOutputIntent *intent)
{
  if (intent == NULL)
    return;
  g_free (intent->subtype);
  g_free (intent->condition);
  g_free (intent->info);
  g_free (intent);
}

void
puratan_doc_facts_free (PuratanDocFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->pdf_version);
  g_free (facts->pdfx_version);
  g_clear_pointer (&facts->output_intents, g_ptr_array_unref);
  g_clear_pointer (&facts->warnings, g_ptr_array_unref);
  g_free (facts);
}
