/* test-sync-upload.c: the attached files the sync engine uploads, and what it keeps of them
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-store.h"

#define SERVER_ORDER "5b0e2a8e-7c1d-4f7e-9a55-0c1f3e2d4b6a"

static PuratanDatabase *
open_fresh (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

/* Answers the outbox entries of @entity @id / @operation as sent. */
static void
answer_sent (PuratanDatabase *database,
             const char *entity,
             const char *id,
             const char *operation,
             const char *log_entity,
             const char *server_id)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = puratan_outbox_pending_keys (database, entity, id, operation, &error);
  PuratanSyncAnswer answer = { (const char *const *) keys, PURATAN_SYNC_OUTCOME_SENT, log_entity,
                               id };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  answer.server_id = server_id;
  answer.status = 201;
  g_assert_true (puratan_sync_record_answer (database, &answer, &error));
  g_assert_no_error (error);
}

/* An attached file waits for its order, then is listed with its order's server id, its
 * content and what the engine kept of its upload, until its entry is answered. */
static void
test_waiting_files (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha Prints");
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GPtrArray) uploads = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autofree char *source = g_build_filename (g_get_user_data_dir (), "art.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *key = NULL;
  PuratanSyncUpload *upload;

  g_assert_true (puratan_customer_insert (database, customer, &error));
  order = puratan_order_create (database, customer->id, NULL, "with art", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (source, "%PDF-1.4 artwork", -1, &error));
  sha256 = puratan_file_store_import (database, source, "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_true (
      puratan_file_store_attach (database, order->id, sha256, "art.pdf", "artwork", &error));
  g_assert_no_error (error);

  /* The file counts among the changes waiting; taking it into the store does not. */
  g_assert_cmpint (puratan_sync_count_files_waiting (database, NULL), ==, 1);
  g_assert_cmpint (puratan_sync_count_waiting (database, NULL), ==, 3);

  uploads = puratan_sync_upload_list_waiting (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uploads->len, ==, 1);
  upload = uploads->pdata[0];
  g_assert_cmpstr (upload->order_id, ==, order->id);
  g_assert_cmpstr (upload->sha256, ==, sha256);
  g_assert_cmpstr (upload->name, ==, "art.pdf");
  g_assert_cmpint (upload->size, ==, strlen ("%PDF-1.4 artwork"));
  g_assert_true (g_file_test (upload->path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (upload->server_order_id);
  g_assert_true (upload->order_waiting);
  g_assert_null (upload->url);
  g_assert_cmpuint (upload->mismatches, ==, 0);
  key = g_strdup (upload->idempotency_key);

  /* The order reaches the server: the file may go. */
  answer_sent (database, "order", order->id, "create", "order", SERVER_ORDER);
  g_clear_pointer (&uploads, g_ptr_array_unref);
  uploads = puratan_sync_upload_list_waiting (database, &error);
  upload = uploads->pdata[0];
  g_assert_cmpstr (upload->server_order_id, ==, SERVER_ORDER);
  g_assert_false (upload->order_waiting);

  /* The upload's address and its damaged chunks are kept. */
  g_assert_true (
      puratan_sync_upload_set_url (database, key, "/api/v1/uploads/" SERVER_ORDER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (puratan_sync_upload_add_mismatch (database, key, &error), ==, 1);
  g_assert_cmpint (puratan_sync_upload_add_mismatch (database, key, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_pointer (&uploads, g_ptr_array_unref);
  uploads = puratan_sync_upload_list_waiting (database, &error);
  upload = uploads->pdata[0];
  g_assert_cmpstr (upload->url, ==, "/api/v1/uploads/" SERVER_ORDER);
  g_assert_cmpuint (upload->mismatches, ==, 2);

  /* The store's own file entry has nothing to send. */
  g_assert_cmpint (puratan_sync_upload_settle_files (database, &error), ==, 1);
  g_assert_cmpint (puratan_sync_upload_settle_files (database, &error), ==, 0);
  g_assert_no_error (error);
  log = puratan_sync_log_list (database, 1, &error);
  g_assert_cmpstr (((PuratanSyncLogEntry *) log->pdata[0])->direction, ==, "local");
  g_assert_cmpstr (((PuratanSyncLogEntry *) log->pdata[0])->entity_id, ==, sha256);

  /* Answered: no longer waiting. */
  answer_sent (database, "order", order->id, "attach_file", "file", NULL);
  g_assert_cmpint (puratan_sync_count_files_waiting (database, NULL), ==, 0);
  g_clear_pointer (&uploads, g_ptr_array_unref);
  uploads = puratan_sync_upload_list_waiting (database, &error);
  g_assert_cmpuint (uploads->len, ==, 0);
}

/* What is not an upload's address, or names no outbox entry, is refused. */
static void
test_bad_input (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *long_url = g_strnfill (600, 'a');
  const char *bad[] = { "http://elsewhere.example/api/v1/uploads/x", "", long_url };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (puratan_sync_upload_set_url (database, "some-outbox-key", bad[i], &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_false (
      puratan_sync_upload_set_url (database, "no-such-outbox-key", "/api/v1/uploads/x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (puratan_sync_upload_add_mismatch (database, "no-such-outbox-key", &error), ==,
                   -1);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/sync-upload/waiting-files", test_waiting_files);
  g_test_add_func ("/store/sync-upload/bad-input", test_bad_input);
  return g_test_run ();
}
