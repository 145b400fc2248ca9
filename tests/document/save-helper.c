/* save-helper.c: saves a design over and over until killed, for the crash-safety test
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: save-helper FILE. Prints "saving" before the first save and "saved N" after each.
 */
#include <stdio.h>

#include "puratan-doc.h"

int
main (int argc, char **argv)
{
  g_autoptr (PuratanDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) big = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PuratanDocItem) item = puratan_doc_item_new (PURATAN_DOC_ITEM_PDF);
  const char *hash;

  if (argc != 2)
    return 2;
  doc = puratan_document_open (argv[1], &error);
  if (doc == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* An 8 MB placed "PDF" makes each save take long enough to be interrupted. */
  g_byte_array_append (big, (const guint8 *) "%PDF-1.4\n", 9);
  for (guint i = 0; i < 8 * 1024 * 1024 / 4; i++)
    {
      guint32 r = g_random_int ();
      g_byte_array_append (big, (const guint8 *) &r, 4);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&big));
  hash = puratan_document_add_asset (doc, bytes, &error);
  g_assert_no_error (error);
  item->asset = g_strdup (hash);
  puratan_document_add_item (doc, 0, g_steal_pointer (&item), &error);
  g_assert_no_error (error);

  printf ("saving\n");
  fflush (stdout);
  for (guint n = 1;; n++)
    {
      g_autofree char *title = g_strdup_printf ("version %u", n);
      puratan_document_set_title (doc, title);
      if (!puratan_document_save (doc, argv[1], NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("saved %u\n", n);
      fflush (stdout);
    }
}
