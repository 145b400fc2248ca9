/* puratan-json-strict.c: a lexical pass that holds JSON text to RFC 8259
 *
 * json-glib 1.6 recurses per nesting level and accepts comments, single
 * quotes, hexadecimal and zero-padded numbers, raw control characters and
 * text after the top-level value; it also wraps integers that do not fit 64
 * bits. This pass walks the tokens without recursion and reports the first
 * such problem with its line and column. The grammar itself (where commas
 * and colons may go) is left to json-glib.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-json-private.h"

#include "puratan-error.h"

#include <math.h>

typedef struct
{
  const char *data;
  gsize length;
  gsize pos;
  guint line;
  gsize line_start;
  gboolean strict;
  GError **error;
} Lexer;

static void
advance (Lexer *lx)
{
  if (lx->data[lx->pos] == '\n')
    {
      lx->line++;
      lx->line_start = lx->pos + 1;
    }
  lx->pos++;
}

/* Reports a problem found at byte @at. Returns TRUE when scanning must stop. */
G_GNUC_PRINTF (3, 4)
static gboolean
problem (Lexer *lx, gsize at, const char *format, ...)
{
  g_autofree char *reason = NULL;
  glong column;
  va_list args;

  if (!lx->strict)
    return FALSE;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  column = g_utf8_strlen (lx->data + lx->line_start, (gssize) (at - lx->line_start)) + 1;
  g_set_error (lx->error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
               "Malformed JSON: line %u, column %ld: %s", lx->line, column, reason);
  return TRUE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* Returns TRUE when scanning must stop. */
static gboolean
scan_string (Lexer *lx)
{
  gsize start = lx->pos;

  advance (lx);
  while (lx->pos < lx->length)
    {
      guchar c = (guchar) lx->data[lx->pos];

      if (c == '"')
        {
          advance (lx);
          return FALSE;
        }
      if (c < 0x20)
        {
          if (problem (lx, lx->pos, "control character U+%04X must be escaped inside a string", c))
            return TRUE;
        }
      else if (c == '\\' && lx->pos + 1 < lx->length)
        {
          char e = lx->data[lx->pos + 1];

          if (e == 'u')
            {
              const char *hex = lx->data + lx->pos + 2;

              if (lx->pos + 6 > lx->length || !is_hex (hex[0]) || !is_hex (hex[1]) ||
                  !is_hex (hex[2]) || !is_hex (hex[3]))
                {
                  if (problem (lx, lx->pos, "“\\u” must be followed by four hexadecimal digits"))
                    return TRUE;
                }
              else if (g_str_has_prefix (hex, "0000"))
                {
                  if (problem (lx, lx->pos, "NUL characters (\\u0000) are not allowed in strings"))
                    return TRUE;
                }
            }
          else if (strchr ("\"\\/bfnrt", e) == NULL || e == '\0')
            {
              if (problem (lx, lx->pos, "“\\%c” is not a valid escape sequence", e))
                return TRUE;
            }
          advance (lx);
        }
      advance (lx);
    }
  return problem (lx, start, "the string is not terminated");
}

static gboolean
valid_number_syntax (const char *s, gboolean *is_integer)
{
  gsize i = 0;

  *is_integer = TRUE;
  if (s[i] == '-')
    i++;
  if (s[i] == '0')
    i++;
  else if (s[i] >= '1' && s[i] <= '9')
    while (g_ascii_isdigit (s[i]))
      i++;
  else
    return FALSE;

  if (s[i] == '.')
    {
      *is_integer = FALSE;
      i++;
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      while (g_ascii_isdigit (s[i]))
        i++;
    }
  if (s[i] == 'e' || s[i] == 'E')
    {
      *is_integer = FALSE;
      i++;
      if (s[i] == '+' || s[i] == '-')
        i++;
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      while (g_ascii_isdigit (s[i]))
        i++;
    }
  return s[i] == '\0';
}

static gboolean
scan_number (Lexer *lx)
{
  gsize start = lx->pos;
  g_autofree char *text = NULL;
  gboolean is_integer;

  while (lx->pos < lx->length &&
         (g_ascii_isalnum (lx->data[lx->pos]) || strchr (".+-", lx->data[lx->pos]) != NULL))
    advance (lx);
  text = g_strndup (lx->data + start, lx->pos - start);

  if (!valid_number_syntax (text, &is_integer))
    return problem (lx, start, "“%s” is not a valid JSON number", text);

  if (is_integer)
    {
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL))
        return problem (lx, start, "the integer %s does not fit in 64 bits", text);
    }
  else if (!isfinite (g_ascii_strtod (text, NULL)))
    return problem (lx, start, "the number %s is too large", text);

  return FALSE;
}

static gboolean
scan_word (Lexer *lx)
{
  gsize start = lx->pos;
  gsize len;

  while (lx->pos < lx->length && (g_ascii_isalnum (lx->data[lx->pos]) || lx->data[lx->pos] == '_'))
    advance (lx);
  len = lx->pos - start;

  if ((len == 4 && strncmp (lx->data + start, "true", 4) == 0) ||
      (len == 5 && strncmp (lx->data + start, "false", 5) == 0) ||
      (len == 4 && strncmp (lx->data + start, "null", 4) == 0))
    return FALSE;
  return problem (lx, start, "unexpected word “%.*s”", (int) len, lx->data + start);
}

static gboolean
skip_comment (Lexer *lx)
{
  gsize start = lx->pos;
  gboolean block = lx->pos + 1 < lx->length && lx->data[lx->pos + 1] == '*';

  advance (lx);
  while (lx->pos < lx->length)
    {
      if (!block && lx->data[lx->pos] == '\n')
        break;
      if (block && lx->data[lx->pos] == '/' && lx->data[lx->pos - 1] == '*' && lx->pos > start + 2)
        {
          advance (lx);
          break;
        }
      advance (lx);
    }
  return problem (lx, start, "comments are not allowed in JSON");
}

static gboolean
skip_single_quoted (Lexer *lx)
{
  gsize start = lx->pos;

  advance (lx);
  while (lx->pos < lx->length && lx->data[lx->pos] != '\'')
    advance (lx);
  if (lx->pos < lx->length)
    advance (lx);
  return problem (lx, start, "strings must be in double quotes");
}

static gboolean
scan (const char *data, gsize length, gboolean strict, GError **error)
{
  Lexer lx = { data, length, 0, 1, 0, strict, error };
  guint depth = 0;
  gboolean seen_value = FALSE;

  while (lx.pos < lx.length)
    {
      char c = data[lx.pos];
      gboolean stop = FALSE;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          advance (&lx);
          continue;
        }

      if (depth == 0 && seen_value &&
          problem (&lx, lx.pos, "unexpected text after the end of the JSON value"))
        return FALSE;

      if (c == '{' || c == '[')
        {
          if (++depth > PURATAN_JSON_MAX_DEPTH)
            {
              lx.strict = TRUE;
              problem (&lx, lx.pos, "values are nested more than %d levels deep",
                       PURATAN_JSON_MAX_DEPTH);
              return FALSE;
            }
          advance (&lx);
          continue;
        }

      if (c == '}' || c == ']')
        {
          if (depth > 0)
            depth--;
          advance (&lx);
        }
      else if (c == ',' || c == ':')
        advance (&lx);
      else if (c == '"')
        stop = scan_string (&lx);
      else if (c == '\'')
        stop = skip_single_quoted (&lx);
      else if (c == '/')
        stop = skip_comment (&lx);
      else if (c == '-' || g_ascii_isdigit (c))
        stop = scan_number (&lx);
      else if (g_ascii_isalpha (c))
        stop = scan_word (&lx);
      else
        {
          const char *next = g_utf8_next_char (data + lx.pos);

          stop = problem (&lx, lx.pos, "unexpected character “%.*s”",
                          (int) (next - (data + lx.pos)), data + lx.pos);
          lx.pos = (gsize) (next - data);
        }

      if (stop)
        return FALSE;
      if (depth == 0)
        seen_value = TRUE;
    }
  return TRUE;
}

/* Fails only when the nesting exceeds PURATAN_JSON_MAX_DEPTH. */
gboolean
puratan_json_check_depth (const char *data, gsize length, GError **error)
{
  return scan (data, length, FALSE, error);
}

/* Fails on the first token that RFC 8259 does not allow. */
gboolean
puratan_json_check_strict (const char *data, gsize length, GError **error)
{
  return scan (data, length, TRUE, error);
}
