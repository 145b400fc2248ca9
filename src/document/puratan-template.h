/* puratan-template.h: the shop's product templates
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-document.h"

G_BEGIN_DECLS

/**
 * PuratanTemplateInfo:
 * @name: the name used on the command line ("business-card")
 * @title: the design title shown to people
 * @path: the template file
 * @product: (nullable): the catalog product the template is made for ("business-cards"),
 *   for grouping templates by product
 */
typedef struct
{
  char *name;
  char *title;
  char *path;
  char *product;
} PuratanTemplateInfo;

void puratan_template_info_free (PuratanTemplateInfo *info);

char *puratan_template_default_dir (void);
GPtrArray *puratan_template_list (const char *dir, GError **error);
PuratanDocument *puratan_template_instantiate (const char *dir, const char *name, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanTemplateInfo, puratan_template_info_free)

G_END_DECLS
