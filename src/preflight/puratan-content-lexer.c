/* puratan-content-lexer.c: tokens of a PDF content stream
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-content-lexer-private.h"

#include <stdlib.h>
#include <string.h>

static inline gboolean
is_space (guchar c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static inline gboolean
is_delim (guchar c)
{
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}

void
puratan_lexer_init (PuratanLexer *lexer, const guchar *data, gsize len)
{
  static const guchar empty[1] = { 0 };

  /* qpdf hands over NULL for an empty stream; NULL + 0 is not valid C. */
  if (data == NULL)
    {
      data = empty;
      len = 0;
    }
  lexer->p = data;
  lexer->end = data + len;
}

static void
skip_space (PuratanLexer *lx)
{
  while (lx->p < lx->end)
    {
      if (is_space (*lx->p))
        lx->p++;
      else if (*lx->p == '%')
        {
          while (lx->p < lx->end && *lx->p != '\n' && *lx->p != '\r')
            lx->p++;
        }
      else
        break;
    }
}

/* Reads a literal string after its '('; returns its length in bytes. */
static gsize
read_literal (PuratanLexer *lx)
{
  gsize bytes = 0;
  int depth = 1;

  while (lx->p < lx->end)
    {
      guchar c = *lx->p++;
      if (c == '\\')
        {
          if (lx->p < lx->end)
            {
              guchar e = *lx->p++;
              if (e >= '0' && e <= '7')
                {
                  for (int i = 0; i < 2 && lx->p < lx->end && *lx->p >= '0' && *lx->p <= '7'; i++)
                    lx->p++;
                }
              else if (e == '\r' || e == '\n')
                continue;
            }
          bytes++;
        }
      else if (c == '(')
        {
          depth++;
          bytes++;
        }
      else if (c == ')')
        {
          if (--depth == 0)
            break;
          bytes++;
        }
      else
        bytes++;
    }
  return bytes;
}

/* Reads a hex string after its '<'; returns its length in bytes. */
static gsize
read_hex (PuratanLexer *lx)
{
  gsize digits = 0;

  while (lx->p < lx->end && *lx->p != '>')
    {
      if (g_ascii_isxdigit (*lx->p))
        digits++;
      lx->p++;
    }
  if (lx->p < lx->end)
    lx->p++;
  return (digits + 1) / 2;
}

static void
read_regular (PuratanLexer *lx, char *out, gboolean decode_hash)
{
  gsize n = 0;

  while (lx->p < lx->end && !is_space (*lx->p) && !is_delim (*lx->p))
    {
      char c = (char) *lx->p++;
      if (decode_hash && c == '#' && lx->end - lx->p >= 2 && g_ascii_isxdigit (lx->p[0]) &&
          g_ascii_isxdigit (lx->p[1]))
        {
          c = (char) (g_ascii_xdigit_value (lx->p[0]) * 16 + g_ascii_xdigit_value (lx->p[1]));
          lx->p += 2;
        }
      if (n + 1 < PURATAN_TOK_TEXT_MAX)
        out[n++] = c;
    }
  out[n] = '\0';
}

/* Skips a dictionary after its '<<', nested dictionaries and strings included. */
static void
skip_dict (PuratanLexer *lx)
{
  int depth = 1;

  while (lx->p < lx->end && depth > 0)
    {
      guchar c = *lx->p;
      if (c == '(')
        {
          lx->p++;
          read_literal (lx);
        }
      else if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<')
        {
          depth++;
          lx->p += 2;
        }
      else if (c == '>' && lx->p + 1 < lx->end && lx->p[1] == '>')
        {
          depth--;
          lx->p += 2;
        }
      else if (c == '<')
        {
          lx->p++;
          read_hex (lx);
        }
      else
        lx->p++;
    }
}

/* Reads an array after its '[', adding up the bytes of its strings. */
static void
read_array (PuratanLexer *lx, PuratanToken *tok)
{
  int depth = 1;

  tok->type = PURATAN_TOK_ARRAY;
  tok->string_bytes = 0;
  while (lx->p < lx->end && depth > 0)
    {
      guchar c = *lx->p;
      if (c == '(')
        {
          lx->p++;
          tok->string_bytes += read_literal (lx);
        }
      else if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<')
        {
          lx->p += 2;
          skip_dict (lx);
        }
      else if (c == '<')
        {
          lx->p++;
          tok->string_bytes += read_hex (lx);
        }
      else if (c == '[')
        {
          depth++;
          lx->p++;
        }
      else if (c == ']')
        {
          depth--;
          lx->p++;
        }
      else
        lx->p++;
    }
}

/**
 * puratan_lexer_next:
 * @lexer: the lexer
 * @token: (out caller-allocates): the next token
 *
 * Reads the next token. Never reads past the end of the data; at the end the token is
 * %PURATAN_TOK_EOF.
 */
void
puratan_lexer_next (PuratanLexer *lx, PuratanToken *tok)
{
  guchar c;

  tok->string_bytes = 0;
  tok->text[0] = '\0';
  skip_space (lx);
  if (lx->p >= lx->end)
    {
      tok->type = PURATAN_TOK_EOF;
      return;
    }

  c = *lx->p;
  if (c == '/')
    {
      lx->p++;
      tok->type = PURATAN_TOK_NAME;
      read_regular (lx, tok->text, TRUE);
    }
  else if (c == '(')
    {
      lx->p++;
      tok->type = PURATAN_TOK_STRING;
      tok->string_bytes = read_literal (lx);
    }
  else if (c == '<' && lx->p + 1 < lx->end && lx->p[1] == '<')
    {
      lx->p += 2;
      tok->type = PURATAN_TOK_DICT;
      skip_dict (lx);
    }
  else if (c == '<')
    {
      lx->p++;
      tok->type = PURATAN_TOK_STRING;
      tok->string_bytes = read_hex (lx);
    }
  else if (c == '[')
    {
      lx->p++;
      read_array (lx, tok);
    }
  else if (is_delim (c))
    {
      lx->p++;
      tok->type = PURATAN_TOK_BAD;
    }
  else if (g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.')
    {
      char *endp;
      read_regular (lx, tok->text, FALSE);
      tok->number = g_ascii_strtod (tok->text, &endp);
      /* Malformed numbers such as "1.2.3" keep the value of their longest valid prefix. */
      tok->type = endp != tok->text ? PURATAN_TOK_NUMBER : PURATAN_TOK_BAD;
    }
  else
    {
      tok->type = PURATAN_TOK_KEYWORD;
      read_regular (lx, tok->text, FALSE);
    }
}

/**
 * puratan_lexer_skip_inline_image:
 * @lexer: a lexer positioned just after the `ID` keyword
 *
 * Skips the binary data of an inline image up to and including its `EI` keyword.
 *
 * Returns: %FALSE when the data ends before an `EI`
 */
gboolean
puratan_lexer_skip_inline_image (PuratanLexer *lx)
{
  const guchar *p = lx->p;

  if (p < lx->end)
    p++; /* the single white-space byte after ID */
  for (; p + 1 < lx->end; p++)
    {
      if (p[0] == 'E' && p[1] == 'I' && is_space (p[-1]) &&
          (p + 2 == lx->end || is_space (p[2]) || is_delim (p[2])))
        {
          lx->p = p + 2;
          return TRUE;
        }
    }
  lx->p = lx->end;
  return FALSE;
}
