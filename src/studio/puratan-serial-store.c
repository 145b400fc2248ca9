/* puratan-serial-store.c: the studio's keyring, one call at a time
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The studio reaches the keyring from several threads: the sync engine's worker reads the
 * tokens at each cycle, a sign-in saves them, a sign-out forgets them, and the start reads
 * the role. Interleaved, a read could find an item the keyring was deleting (libsecret then
 * fails inside its own callbacks). This store lets one call through at a time.
 */
#include "config.h"

#include "puratan-serial-store.h"

struct _PuratanSerialStore
{
  GObject parent_instance;

  PuratanSyncCredentialStore *inner;
  GMutex lock;
};

static void puratan_serial_store_iface_init (PuratanSyncCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PuratanSerialStore,
                               puratan_serial_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PURATAN_TYPE_SYNC_CREDENTIAL_STORE,
                                                      puratan_serial_store_iface_init))

static PuratanSyncTokens *
serial_load (PuratanSyncCredentialStore *store,
             const char *server_url,
             GCancellable *cancellable,
             GError **error)
{
  PuratanSerialStore *self = PURATAN_SERIAL_STORE (store);
  PuratanSyncTokens *tokens;

  g_mutex_lock (&self->lock);
  tokens = puratan_sync_credential_store_load (self->inner, server_url, cancellable, error);
  g_mutex_unlock (&self->lock);
  return tokens;
}

static gboolean
serial_save (PuratanSyncCredentialStore *store,
             const char *server_url,
             const PuratanSyncTokens *tokens,
             GCancellable *cancellable,
             GError **error)
{
  PuratanSerialStore *self = PURATAN_SERIAL_STORE (store);
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = puratan_sync_credential_store_save (self->inner, server_url, tokens, cancellable, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static gboolean
serial_clear (PuratanSyncCredentialStore *store,
              const char *server_url,
              GCancellable *cancellable,
              GError **error)
{
  PuratanSerialStore *self = PURATAN_SERIAL_STORE (store);
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = puratan_sync_credential_store_clear (self->inner, server_url, cancellable, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
puratan_serial_store_iface_init (PuratanSyncCredentialStoreInterface *iface)
{
  iface->load = serial_load;
  iface->save = serial_save;
  iface->clear = serial_clear;
}

static void
puratan_serial_store_finalize (GObject *object)
{
  PuratanSerialStore *self = PURATAN_SERIAL_STORE (object);

  g_clear_object (&self->inner);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (puratan_serial_store_parent_class)->finalize (object);
}

static void
puratan_serial_store_class_init (PuratanSerialStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_serial_store_finalize;
}

static void
puratan_serial_store_init (PuratanSerialStore *self)
{
  g_mutex_init (&self->lock);
}

/**
 * puratan_serial_store_new:
 * @inner: the store that keeps the tokens (the keyring)
 *
 * Returns: (transfer full): a store that passes each call to @inner, one call at a time
 *   across threads
 */
PuratanSyncCredentialStore *
puratan_serial_store_new (PuratanSyncCredentialStore *inner)
{
  PuratanSerialStore *self;

  g_return_val_if_fail (PURATAN_IS_SYNC_CREDENTIAL_STORE (inner), NULL);

  self = g_object_new (PURATAN_TYPE_SERIAL_STORE, NULL);
  self->inner = g_object_ref (inner);
  return PURATAN_SYNC_CREDENTIAL_STORE (self);
}
