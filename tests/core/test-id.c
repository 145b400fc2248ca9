/* test-id.c: UUIDs, record ids and secure random bytes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#include <string.h>

static void
assert_canonical_v4 (const char *id)
{
  g_assert_cmpuint (strlen (id), ==, PURATAN_UUID_STRING_LENGTH);
  for (gsize i = 0; i < PURATAN_UUID_STRING_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        g_assert_cmpint (id[i], ==, '-');
      else
        g_assert_true (g_ascii_isdigit (id[i]) || (id[i] >= 'a' && id[i] <= 'f'));
    }
  g_assert_cmpint (id[14], ==, '4');
  g_assert_nonnull (strchr ("89ab", id[19]));
}

static void
test_generate (void)
{
  PuratanUuid uuid, back;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_uuid_generate (&uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (puratan_uuid_get_version (&uuid), ==, 4);
  g_assert_cmpuint (uuid.bytes[8] & 0xc0, ==, 0x80);

  text = puratan_uuid_to_string (&uuid);
  assert_canonical_v4 (text);
  g_assert_true (puratan_uuid_parse (text, &back, &error));
  g_assert_true (puratan_uuid_equal (&uuid, &back));
  g_assert_true (puratan_id_validate (text, &error));
  g_assert_no_error (error);
}

static void
test_unique (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr (GError) error = NULL;
      char *id = puratan_id_new (&error);

      g_assert_no_error (error);
      assert_canonical_v4 (id);
      g_assert_true (g_hash_table_add (seen, id));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
}

static void
test_parse (void)
{
  PuratanUuid uuid;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_uuid_parse ("3F2504E0-4F89-11D3-9A0C-0305E82C3301", &uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (puratan_uuid_get_version (&uuid), ==, 1);
  g_assert_cmpuint (uuid.bytes[0], ==, 0x3f);
  g_assert_cmpuint (uuid.bytes[15], ==, 0x01);
  text = puratan_uuid_to_string (&uuid);
  g_assert_cmpstr (text, ==, "3f2504e0-4f89-11d3-9a0c-0305e82c3301");

  /* A valid UUID but not a record id: wrong version or case. */
  g_assert_false (puratan_id_validate ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_id_validate ("3F2504E0-4F89-41D3-9A0C-0305E82C3301", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_id_validate ("3f2504e0-4f89-41d3-0a0c-0305e82c3301", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (puratan_id_validate ("3f2504e0-4f89-41d3-9a0c-0305e82c3301", &error));
  g_assert_no_error (error);
}

static void
test_malformed (void)
{
  static const char *const bad[] = {
    "",
    "3f2504e0",
    "3f2504e0-4f89-41d3-9a0c-0305e82c330",
    "3f2504e0-4f89-41d3-9a0c-0305e82c33011",
    "3f2504e04f8941d39a0c0305e82c3301",
    "{3f2504e0-4f89-41d3-9a0c-0305e82c3301}",
    "urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301",
    " 3f2504e0-4f89-41d3-9a0c-0305e82c3301",
    "3f2504e0-4f89-41d3-9a0c-0305e82c330g",
    "3f2504e0_4f89-41d3-9a0c-0305e82c3301",
    "3f2504e0-4f8-941d3-9a0c-0305e82c3301",
    "3f2504e0-4f89-41d3-9a0c-0305e82c33\xc3\xa9",
    "+f2504e0-4f89-41d3-9a0c-0305e82c3301",
  };
  PuratanUuid uuid = { { 0 } };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (puratan_uuid_parse (bad[i], &uuid, &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      g_assert_false (puratan_id_validate (bad[i], &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (uuid.bytes[0], ==, 0);
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (puratan_uuid_parse (NULL, NULL, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  }
}

static void
test_random_bytes (void)
{
  guint8 a[4096], b[4096];
  guint counts[256] = { 0 };
  g_autoptr (GError) error = NULL;

  memset (a, 0, sizeof a);
  memset (b, 0, sizeof b);
  g_assert_true (puratan_random_bytes (a, sizeof a, &error));
  g_assert_true (puratan_random_bytes (b, sizeof b, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
  g_assert_true (puratan_random_bytes (NULL, 0, &error));

  /* 4096 bytes cover most of the 256 values; a stuck source would not. */
  for (gsize i = 0; i < sizeof a; i++)
    counts[a[i]]++;
  {
    guint distinct = 0;

    for (guint v = 0; v < 256; v++)
      distinct += counts[v] > 0;
    g_assert_cmpuint (distinct, >, 200);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/id/generate", test_generate);
  g_test_add_func ("/core/id/unique", test_unique);
  g_test_add_func ("/core/id/parse", test_parse);
  g_test_add_func ("/core/id/malformed", test_malformed);
  g_test_add_func ("/core/id/random-bytes", test_random_bytes);

  return g_test_run ();
}
