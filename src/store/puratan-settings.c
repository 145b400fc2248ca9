/* puratan-settings.c: shop-wide settings kept in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-settings.h"
#include "puratan-store-private.h"

/**
 * puratan_settings_get:
 * @database: an open database
 * @key: the setting, e.g. "shop.gstin"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with %PURATAN_ERROR_NOT_FOUND when
 *   the setting was never set
 */
char *
puratan_settings_get (PuratanDatabase *database, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = puratan_store_prepare (database, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return puratan_store_column_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The setting “%s” is not set", key);
  else
    puratan_store_fail (database, "read the settings", error);
  return NULL;
}

typedef struct
{
  const char *key;
  const char *value;
} Setting;

static gboolean
set_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Setting *setting = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                                " updated_at = excluded.updated_at",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, setting->key);
  puratan_store_bind_text (stmt, 2, setting->value);
  puratan_store_bind_text (stmt, 3, now);
  return puratan_store_step_done (database, stmt, "save the setting", error);
}

/**
 * puratan_settings_set:
 * @database: an open database
 * @key: the setting, 1 to 128 characters
 * @value: its new value, UTF-8 text of at most 4000 characters
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_settings_set (PuratanDatabase *database, const char *key, const char *value, GError **error)
{
  Setting setting = { key, value };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_store_check_text ("setting name", key, TRUE, 128, error) ||
      !puratan_store_check_text ("setting value", value, FALSE, 4000, error))
    return FALSE;
  if (value == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A setting needs a value");
      return FALSE;
    }
  return puratan_database_run_in_transaction (database, set_in_transaction, &setting, error);
}
