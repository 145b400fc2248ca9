/* puratan-pdf-writer.c: PDF objects, streams and their serialisation
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <zlib.h>

#include "puratan-pdf-private.h"

/**
 * puratan_pdf_alloc:
 * @pdf: the writer
 *
 * Returns: a new object number; its object must be written before the file is finished
 */
guint
puratan_pdf_alloc (PuratanPdf *pdf)
{
  gsize unset = 0;

  g_array_append_val (pdf->offsets, unset);
  return pdf->offsets->len - 1;
}

void
puratan_pdf_begin (PuratanPdf *pdf, guint number)
{
  g_assert (number > 0 && number < pdf->offsets->len);
  g_array_index (pdf->offsets, gsize, number) = pdf->out->len;
  g_string_append_printf (pdf->out, "%u 0 obj\n", number);
}

void
puratan_pdf_end (PuratanPdf *pdf)
{
  g_string_append (pdf->out, "\nendobj\n");
}

void
puratan_pdf_object (PuratanPdf *pdf, guint number, const char *format, ...)
{
  va_list args;

  puratan_pdf_begin (pdf, number);
  va_start (args, format);
  g_string_append_vprintf (pdf->out, format, args);
  va_end (args);
  puratan_pdf_end (pdf);
}

/* zlib at its default level; deterministic for the same input. */
gboolean
puratan_pdf_deflate (const guint8 *data, gsize length, GByteArray *out)
{
  uLongf size = compressBound (length);

  g_byte_array_set_size (out, size);
  if (compress2 (out->data, &size, data, length, Z_DEFAULT_COMPRESSION) != Z_OK)
    return FALSE;
  g_byte_array_set_size (out, size);
  return TRUE;
}

/**
 * puratan_pdf_stream:
 * @pdf: the writer
 * @number: the object number
 * @dictionary: (nullable): extra dictionary entries ("/Type /XObject …")
 * @data: stream bytes
 * @length: their length
 * @compress: Flate-compress the bytes
 *
 * Writes a stream object, adding /Length and, when compressing, /Filter.
 */
void
puratan_pdf_stream (PuratanPdf *pdf,
                    guint number,
                    const char *dictionary,
                    const guint8 *data,
                    gsize length,
                    gboolean compress)
{
  g_autoptr (GByteArray) packed = g_byte_array_new ();

  if (compress && puratan_pdf_deflate (data, length, packed))
    {
      data = packed->data;
      length = packed->len;
    }
  else
    compress = FALSE;
  puratan_pdf_begin (pdf, number);
  g_string_append_printf (pdf->out, "<< %s%s/Length %" G_GSIZE_FORMAT " >>\nstream\n",
                          dictionary != NULL ? dictionary : "",
                          compress ? " /Filter /FlateDecode " : " ", length);
  g_string_append_len (pdf->out, (const char *) data, length);
  g_string_append (pdf->out, "\nendstream");
  puratan_pdf_end (pdf);
}

/**
 * puratan_pdf_num:
 * @s: where to append
 * @value: a finite number
 *
 * Appends a PDF number with at most 4 decimals and no trailing zeros, independent of the
 * locale: 1 → "1", 0.5 → "0.5", 1/3 → "0.3333".
 */
void
puratan_pdf_num (GString *s, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  if (!isfinite (value))
    value = 0;
  value = round (value * 10000.0) / 10000.0;
  if (value == 0)
    value = 0; /* no "-0" */
  g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '.')
    buffer[--len] = '\0';
  g_string_append (s, buffer);
}

/**
 * puratan_pdf_ops:
 * @s: where to append
 * @values: (array length=n): operands
 * @n: how many
 * @op: the operator
 *
 * Appends "v1 v2 … op" and a newline.
 */
void
puratan_pdf_ops (GString *s, const double *values, int n, const char *op)
{
  for (int i = 0; i < n; i++)
    {
      puratan_pdf_num (s, values[i]);
      g_string_append_c (s, ' ');
    }
  g_string_append_printf (s, "%s\n", op);
}

/**
 * puratan_pdf_string:
 * @s: where to append
 * @utf8: text
 *
 * Appends a PDF text string: plain ASCII as a literal string, anything else as UTF-16BE
 * with a byte order mark, in hex.
 */
void
puratan_pdf_string (GString *s, const char *utf8)
{
  gboolean ascii = TRUE;

  for (const char *p = utf8; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || (guchar) *p < 0x20)
      ascii = FALSE;
  if (ascii)
    {
      g_string_append_c (s, '(');
      for (const char *p = utf8; *p != '\0'; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, ')');
      return;
    }
  {
    glong n = 0;
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
    g_string_append (s, "<FEFF");
    for (glong i = 0; utf16 != NULL && i < n; i++)
      g_string_append_printf (s, "%04X", utf16[i]);
    g_string_append_c (s, '>');
  }
}

/**
 * puratan_pdf_name:
 * @s: where to append
 * @name: UTF-8 name such as a spot ink name
 *
 * Appends a PDF name object, escaping spaces, delimiters and non-ASCII bytes as #XX.
 */
void
puratan_pdf_name (GString *s, const char *name)
{
  g_string_append_c (s, '/');
  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    {
      if (*p < 0x21 || *p > 0x7e || strchr ("#()<>[]{}/%", *p) != NULL)
        g_string_append_printf (s, "#%02X", *p);
      else
        g_string_append_c (s, (char) *p);
    }
}
