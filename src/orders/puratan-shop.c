/* puratan-shop.c: the shop's own details, kept in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-payments.h"
#include "puratan-pricing.h"
#include "puratan-shop.h"

/**
 * puratan_shop_settings_free:
 * @settings: (nullable): shop details
 */
void
puratan_shop_settings_free (PuratanShopSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->name);
  g_free (settings->address);
  g_free (settings->gstin);
  g_free (settings->phone);
  g_free (settings->upi_vpa);
  g_free (settings->state);
  g_free (settings);
}

static char *
optional (PuratanDatabase *database, const char *key)
{
  return puratan_settings_get (database, key, NULL);
}

/**
 * puratan_shop_settings_load:
 * @database: an open database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the shop's details, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND when the name, address or GSTIN is not set yet (the message says
 *   how to set them)
 */
PuratanShopSettings *
puratan_shop_settings_load (PuratanDatabase *database, GError **error)
{
  g_autoptr (PuratanShopSettings) settings = g_new0 (PuratanShopSettings, 1);

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  settings->name = optional (database, "shop.name");
  settings->address = optional (database, "shop.address");
  settings->gstin = optional (database, "shop.gstin");
  settings->phone = optional (database, "shop.phone");
  settings->upi_vpa = optional (database, "shop.upi_vpa");
  settings->state = optional (database, "shop.state");
  if (settings->name == NULL || settings->address == NULL || settings->gstin == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "The shop's name, address and GSTIN are not set; set them in the "
                           "studio's Admin view (Shop Details) or with "
                           "“puratan db shop --name … --address … --gstin …”");
      return NULL;
    }
  return g_steal_pointer (&settings);
}

static gboolean
save_one (PuratanDatabase *database, const char *key, const char *value, GError **error)
{
  return value == NULL || puratan_settings_set (database, key, value, error);
}

static gboolean
save_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  const PuratanShopSettings *settings = user_data;

  return save_one (database, "shop.name", settings->name, error) &&
         save_one (database, "shop.address", settings->address, error) &&
         save_one (database, "shop.gstin", settings->gstin, error) &&
         save_one (database, "shop.phone", settings->phone, error) &&
         save_one (database, "shop.upi_vpa", settings->upi_vpa, error) &&
         save_one (database, "shop.state", settings->state, error);
}

/**
 * puratan_shop_settings_save:
 * @database: an open database
 * @settings: the details to change; %NULL fields are left as they are
 * @error: return location for a #GError
 *
 * Saves the given details together. A GSTIN must be well-formed, a state must be a GST state
 * code and agree with the GSTIN's first two digits, and a UPI address must look like name@bank
 * (%PURATAN_ERROR_INVALID_INPUT).
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_shop_settings_save (PuratanDatabase *database,
                            const PuratanShopSettings *settings,
                            GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (settings->gstin != NULL && !puratan_gstin_validate (settings->gstin, error))
    return FALSE;
  if (settings->state != NULL)
    {
      const char *state_name = NULL;

      if (strlen (settings->state) != 2 || !g_ascii_isdigit (settings->state[0]) ||
          puratan_gst_state_lookup (settings->state, &state_name) == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "“%s” is not a GST state code", settings->state);
          return FALSE;
        }
      if (settings->gstin != NULL && strncmp (settings->gstin, settings->state, 2) != 0)
        {
          const char *gstin_state = NULL;
          g_autofree char *code = g_strndup (settings->gstin, 2);

          puratan_gst_state_lookup (code, &gstin_state);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "The GSTIN %s is registered in %s (%s), not in %s (%s)", settings->gstin,
                       gstin_state != NULL ? gstin_state : "an unknown state", code, state_name,
                       settings->state);
          return FALSE;
        }
    }
  if (settings->upi_vpa != NULL)
    {
      g_autofree char *probe = puratan_upi_uri (settings->upi_vpa, "x", 1, "x", error);
      if (probe == NULL)
        return FALSE;
    }
  return puratan_database_run_in_transaction (database, save_in_transaction, (gpointer) settings,
                                              error);
}

/**
 * puratan_shop_settings_as_shop:
 * @settings: loaded shop details
 *
 * Returns: a #PuratanSeller pointing into @settings, valid while @settings lives
 */
PuratanSeller
puratan_shop_settings_as_shop (const PuratanShopSettings *settings)
{
  return (PuratanSeller){ settings->name, settings->address, settings->gstin, settings->phone };
}

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX, so a worker may read through it. */
static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanShopSettings *settings = puratan_shop_settings_load (source, &error);

  if (settings != NULL)
    g_task_return_pointer (task, settings, (GDestroyNotify) puratan_shop_settings_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_shop_settings_load_async:
 * @database: an open database
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Reads the shop's settings as puratan_shop_settings_load() does, on a worker thread.
 */
void
puratan_shop_settings_load_async (PuratanDatabase *database,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_DATABASE (database));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_shop_settings_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * puratan_shop_settings_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND when none were saved yet)
 */
PuratanShopSettings *
puratan_shop_settings_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
