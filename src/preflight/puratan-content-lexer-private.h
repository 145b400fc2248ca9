/* puratan-content-lexer-private.h: tokens of a PDF content stream
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * qpdf decodes the streams; its C API has no content tokenizer, so this small lexer
 * splits the decoded bytes into the lexical tokens of ISO 32000-1 §7.2 and §8.9.7.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PURATAN_TOK_EOF,
  PURATAN_TOK_NUMBER,
  PURATAN_TOK_NAME,
  PURATAN_TOK_STRING,
  PURATAN_TOK_ARRAY, /* a whole array; only its string bytes and numbers are kept */
  PURATAN_TOK_DICT,  /* a whole dictionary, skipped */
  PURATAN_TOK_KEYWORD,
  PURATAN_TOK_BAD, /* a byte that cannot start a token; skipped */
} PuratanTokType;

#define PURATAN_TOK_TEXT_MAX 128

typedef struct
{
  PuratanTokType type;
  double number;
  gsize string_bytes;              /* bytes in a string, or in all strings of an array */
  char text[PURATAN_TOK_TEXT_MAX]; /* name (decoded, without '/') or keyword */
} PuratanToken;

typedef struct
{
  const guchar *p;
  const guchar *end;
} PuratanLexer;

void puratan_lexer_init (PuratanLexer *lexer, const guchar *data, gsize len);
void puratan_lexer_next (PuratanLexer *lexer, PuratanToken *token);
gboolean puratan_lexer_skip_inline_image (PuratanLexer *lexer);

G_END_DECLS
