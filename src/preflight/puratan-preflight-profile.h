/* puratan-preflight-profile.h: what a PDF is checked against
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The profile a job is checked against when no product specification applies: GWG 2022
 * SheetCMYK, the shop's sheet-fed offset press (see puratan_preflight_profile_for_job()). */
#define PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE "gwg-sheetcmyk"

/**
 * PuratanPreflightSeverity:
 * @PURATAN_PREFLIGHT_SEVERITY_OFF: the check does not run
 * @PURATAN_PREFLIGHT_SEVERITY_INFO: worth knowing; does not stop printing
 * @PURATAN_PREFLIGHT_SEVERITY_WARNING: may print badly; a person should look
 * @PURATAN_PREFLIGHT_SEVERITY_ERROR: will print wrongly; the file must be fixed
 */
typedef enum
{
  PURATAN_PREFLIGHT_SEVERITY_OFF,
  PURATAN_PREFLIGHT_SEVERITY_INFO,
  PURATAN_PREFLIGHT_SEVERITY_WARNING,
  PURATAN_PREFLIGHT_SEVERITY_ERROR,
} PuratanPreflightSeverity;

const char *puratan_preflight_severity_to_string (PuratanPreflightSeverity severity);

typedef struct _PuratanPreflightProfile PuratanPreflightProfile;

const char *const *puratan_preflight_check_ids (void);
char **puratan_preflight_profile_list_builtin (void);
char **puratan_preflight_product_list (void);

PuratanPreflightProfile *puratan_preflight_profile_load_builtin (const char *id, GError **error);
PuratanPreflightProfile *puratan_preflight_profile_load_file (const char *path, GError **error);
PuratanPreflightProfile *puratan_preflight_profile_load_data (const char *data,
                                                              gssize length,
                                                              const char *source,
                                                              GError **error);
PuratanPreflightProfile *puratan_preflight_profile_lookup (const char *name_or_path,
                                                           GError **error);
PuratanPreflightProfile *puratan_preflight_profile_for_product (const char *product_id,
                                                                const char *profile_name_or_path,
                                                                GError **error);
PuratanPreflightProfile *puratan_preflight_profile_for_product_size (
    const char *product_id, const char *size_id, const char *profile_name_or_path, GError **error);
PuratanPreflightProfile *
puratan_preflight_profile_for_job (const char *product_id, const char *size_id, GError **error);

PuratanPreflightProfile *puratan_preflight_profile_ref (PuratanPreflightProfile *profile);
void puratan_preflight_profile_unref (PuratanPreflightProfile *profile);

const char *puratan_preflight_profile_get_id (PuratanPreflightProfile *profile);
const char *puratan_preflight_profile_get_name (PuratanPreflightProfile *profile);
const char *puratan_preflight_profile_get_press_condition (PuratanPreflightProfile *profile);
const char *puratan_preflight_profile_get_product_id (PuratanPreflightProfile *profile);
PuratanPreflightSeverity puratan_preflight_profile_get_severity (PuratanPreflightProfile *profile,
                                                                 const char *check_id);
double puratan_preflight_profile_get_number (PuratanPreflightProfile *profile,
                                             const char *check_id,
                                             const char *key,
                                             double fallback);
gboolean puratan_preflight_profile_get_bool (PuratanPreflightProfile *profile,
                                             const char *check_id,
                                             const char *key,
                                             gboolean fallback);
gboolean puratan_preflight_profile_accepts (PuratanPreflightProfile *profile,
                                            const char *check_id,
                                            const char *key,
                                            const char *value);
gboolean puratan_preflight_profile_get_trim (PuratanPreflightProfile *profile,
                                             double *width_mm,
                                             double *height_mm);
guint puratan_preflight_profile_get_n_sizes (PuratanPreflightProfile *profile);
gboolean puratan_preflight_profile_get_size (PuratanPreflightProfile *profile,
                                             guint index,
                                             const char **id,
                                             double *width_mm,
                                             double *height_mm);
const char *puratan_preflight_profile_get_press (PuratanPreflightProfile *profile);
gboolean puratan_preflight_profile_is_technical_spot (PuratanPreflightProfile *profile,
                                                      const char *name);
double puratan_preflight_profile_get_bleed (PuratanPreflightProfile *profile);
void puratan_preflight_profile_get_page_rule (PuratanPreflightProfile *profile,
                                              guint *min,
                                              guint *max,
                                              guint *multiple_of);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPreflightProfile, puratan_preflight_profile_unref)

G_END_DECLS
