/* puratan-catalog-rules.c: reading the rules file and checking constraints
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-private.h"

#include <string.h>

#include "puratan-catalog-read-private.h"
#include "puratan-error.h"
#include "puratan-gstin.h"

static gboolean invalid (GError **error, const char *where, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError **error, const char *where, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s: %s", where, message);
  return FALSE;
}

/**
 * puratan_constraint_free:
 * @constraint: (transfer full): a constraint
 *
 * Frees a constraint.
 */
void
puratan_constraint_free (PuratanConstraint *constraint)
{
  g_clear_pointer (&constraint->when, g_hash_table_unref);
  g_free (constraint->key);
  g_strfreev (constraint->values);
  g_free (constraint->message);
  g_free (constraint);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanConstraint, puratan_constraint_free)

/**
 * puratan_catalog_read_constraint:
 * @object: {"when": {key: value, …}, "require": {"key": …, "one_of"/"not_one_of"/"min"/
 *   "max"/"multiple_of": …}, "message": …}
 * @where: the place named in an error
 * @out: (out) (transfer full): the constraint
 * @error: return location for an error
 *
 * Reads a constraint between options.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_catalog_read_constraint (JsonObject *object,
                                 const char *where,
                                 PuratanConstraint **out,
                                 GError **error)
{
  static const char *const allowed[] = { "when", "require", "message", NULL };
  static const char *const require_members[] = {
    "key", "one_of", "not_one_of", "min", "max", "multiple_of", NULL,
  };
  g_autoptr (PuratanConstraint) c = g_new0 (PuratanConstraint, 1);
  JsonObject *when, *require;
  const char *key, *message;
  g_autoptr (GList) members = NULL;
  g_autofree char *r_where = g_strdup_printf ("%s: “require”", where);
  g_autofree char *w_where = g_strdup_printf ("%s: “when”", where);

  c->when = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!puratan_read_members (object, where, allowed, error) ||
      !puratan_read_object (object, "when", where, TRUE, &when, error) ||
      !puratan_read_object (object, "require", where, FALSE, &require, error) ||
      !puratan_read_string (object, "message", where, &message, error) ||
      !puratan_read_members (require, r_where, require_members, error) ||
      !puratan_read_string (require, "key", r_where, &key, error))
    return FALSE;
  c->key = g_strdup (key);
  c->message = g_strdup (message);
  if (when != NULL)
    members = json_object_get_members (when);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value;

      if (!puratan_read_string (when, l->data, w_where, &value, error))
        return FALSE;
      g_hash_table_insert (c->when, g_strdup (l->data), g_strdup (value));
    }
  if (json_object_has_member (require, "one_of"))
    {
      c->flags |= PURATAN_REQUIRE_ONE_OF;
      if (!puratan_read_strv (require, "one_of", r_where, FALSE, &c->values, error))
        return FALSE;
    }
  if (json_object_has_member (require, "not_one_of"))
    {
      if (c->flags != 0)
        return invalid (error, r_where, "use either “one_of” or “not_one_of”, not both");
      c->flags |= PURATAN_REQUIRE_NOT_ONE_OF;
      if (!puratan_read_strv (require, "not_one_of", r_where, FALSE, &c->values, error))
        return FALSE;
    }
  if (json_object_has_member (require, "min"))
    c->flags |= PURATAN_REQUIRE_MIN;
  if (json_object_has_member (require, "max"))
    c->flags |= PURATAN_REQUIRE_MAX;
  if (json_object_has_member (require, "multiple_of"))
    c->flags |= PURATAN_REQUIRE_MULTIPLE_OF;
  if (!puratan_read_optional_int (require, "min", r_where, 0, G_MAXINT32, 0, &c->min, error) ||
      !puratan_read_optional_int (require, "max", r_where, 0, G_MAXINT32, G_MAXINT32, &c->max,
                                  error) ||
      !puratan_read_optional_int (require, "multiple_of", r_where, 1, G_MAXINT32, 1,
                                  &c->multiple_of, error))
    return FALSE;
  if (c->flags == 0)
    return invalid (error, r_where,
                    "says nothing about “%s”; give one_of, not_one_of, min, max "
                    "or multiple_of",
                    key);
  *out = g_steal_pointer (&c);
  return TRUE;
}

static gboolean
parse_count (const char *text, gint64 *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < 0 || value > G_MAXINT32)
    return FALSE;
  *out = value;
  return TRUE;
}

/**
 * puratan_constraint_check:
 * @constraint: a constraint
 * @options: option key → value (numbers as decimal text), "quantity" included
 * @product_name: the product's name, for the message
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT error
 *
 * Checks one constraint. It applies only when every "when" pair matches.
 *
 * Returns: %TRUE when the options satisfy it or it does not apply
 */
gboolean
puratan_constraint_check (const PuratanConstraint *constraint,
                          GHashTable *options,
                          const char *product_name,
                          GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *actual;
  gboolean ok = TRUE;
  gint64 number = 0;

  g_hash_table_iter_init (&iter, constraint->when);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (options, key), value) != 0)
      return TRUE;

  actual = g_hash_table_lookup (options, constraint->key);
  if (actual == NULL)
    actual = "none";
  if (constraint->flags & PURATAN_REQUIRE_ONE_OF)
    ok &= g_strv_contains ((const char *const *) constraint->values, actual);
  if (constraint->flags & PURATAN_REQUIRE_NOT_ONE_OF)
    ok &= !g_strv_contains ((const char *const *) constraint->values, actual);
  if (constraint->flags & (PURATAN_REQUIRE_MIN | PURATAN_REQUIRE_MAX | PURATAN_REQUIRE_MULTIPLE_OF))
    {
      if (!parse_count (actual, &number))
        ok = FALSE;
      else
        ok &= number >= constraint->min && number <= constraint->max &&
              number % constraint->multiple_of == 0;
    }
  if (!ok)
    return invalid (error, product_name, "%s (%s is %s)", constraint->message, constraint->key,
                    actual);
  return TRUE;
}

static gboolean
read_shop (JsonObject *root, const char *file, PuratanShop *shop, GError **error)
{
  static const char *const allowed[] = {
    "name", "address", "state", "gstin", "phone", "email", "quote_prefix", "quote_validity_days",
    NULL,
  };
  JsonObject *o;
  const char *name, *state, *gstin, *phone, *email, *prefix;
  g_autofree char *where = g_strdup_printf ("%s: “shop”", file);
  g_autoptr (GError) local_error = NULL;

  if (!puratan_read_object (root, "shop", file, FALSE, &o, error) ||
      !puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "name", where, &name, error) ||
      !puratan_read_strv (o, "address", where, FALSE, &shop->address, error) ||
      !puratan_read_string (o, "state", where, &state, error) ||
      !puratan_read_string (o, "gstin", where, &gstin, error) ||
      !puratan_read_string (o, "phone", where, &phone, error) ||
      !puratan_read_string (o, "email", where, &email, error) ||
      !puratan_read_string (o, "quote_prefix", where, &prefix, error) ||
      !puratan_read_int (o, "quote_validity_days", where, 1, 365, &shop->validity_days, error))
    return FALSE;
  if (puratan_gst_state_lookup (state, NULL) == NULL || strlen (state) != 2 ||
      !g_ascii_isdigit (state[0]))
    return invalid (error, where, "field “state” is “%s”, not a two-digit GST state code", state);
  if (!puratan_gstin_validate (gstin, &local_error))
    return invalid (error, where, "field “gstin”: %s", local_error->message);
  if (strncmp (gstin, state, 2) != 0)
    return invalid (error, where, "the GSTIN is registered in state %.2s, not %s", gstin, state);
  shop->name = g_strdup (name);
  shop->state = g_strdup (state);
  shop->gstin = g_strdup (gstin);
  shop->phone = g_strdup (phone);
  shop->email = g_strdup (email);
  shop->quote_prefix = g_strdup (prefix);
  return TRUE;
}

static void
labelled_free (gpointer record)
{
  /* PuratanTaxCategory, PuratanTurnaround and PuratanTier all start with id and label. */
  char **strings = record;

  g_free (strings[0]);
  g_free (strings[1]);
  g_free (record);
}

static void
tax_free (PuratanTaxCategory *tax)
{
  g_free (tax->hsn);
  labelled_free (tax);
}

static void
coupon_free (PuratanCoupon *coupon)
{
  g_free (coupon->code);
  g_free (coupon);
}

static void
rate_free (PuratanRate *rate)
{
  g_free (rate->inr_per_unit_text);
  g_free (rate);
}

static gboolean
read_entries (JsonObject *root,
              const char *member,
              const char *file,
              GPtrArray **out,
              GDestroyNotify free_func,
              gboolean (*read) (JsonObject *o, const char *where, GPtrArray *list, GError **error),
              GError **error)
{
  JsonArray *array;

  *out = g_ptr_array_new_with_free_func (free_func);
  if (!puratan_read_array (root, member, file, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o;
      g_autofree char *where = g_strdup_printf ("%s: %s[%u]", file, member, i);

      if (!puratan_read_element_object (array, i, file, member, &o, error) ||
          !read (o, where, *out, error))
        return FALSE;
    }
  if ((*out)->len == 0)
    return invalid (error, file, "“%s” must list at least one entry", member);
  return TRUE;
}

static gboolean
unique_id (GPtrArray *list, const char *id, const char *where, GError **error)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (*(char **) g_ptr_array_index (list, i), id))
      return invalid (error, where, "the id “%s” is used twice", id);
  return TRUE;
}

static gboolean
read_tax (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = { "id", "label", "hsn", "gst_bp", NULL };
  const char *id, *label, *hsn;
  PuratanTaxCategory *tax;
  gint64 bp;

  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "id", where, &id, error) ||
      !puratan_read_string (o, "label", where, &label, error) ||
      !puratan_read_string (o, "hsn", where, &hsn, error) ||
      !puratan_read_int (o, "gst_bp", where, 0, 4000, &bp, error) ||
      !unique_id (list, id, where, error))
    return FALSE;
  if (bp % 2 != 0)
    return invalid (error, where, "field “gst_bp” must be even so CGST and SGST are equal halves");
  tax = g_new0 (PuratanTaxCategory, 1);
  tax->id = g_strdup (id);
  tax->label = g_strdup (label);
  tax->hsn = g_strdup (hsn);
  tax->gst_bp = bp;
  g_ptr_array_add (list, tax);
  return TRUE;
}

static gboolean
read_turnaround (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = { "id", "label", "working_days", "surcharge_bp", NULL };
  const char *id, *label;
  PuratanTurnaround *t = g_new0 (PuratanTurnaround, 1);

  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "id", where, &id, error) ||
      !puratan_read_string (o, "label", where, &label, error) ||
      !puratan_read_int (o, "working_days", where, 0, 60, &t->working_days, error) ||
      !puratan_read_int (o, "surcharge_bp", where, 0, PURATAN_MAX_SURCHARGE_BP, &t->surcharge_bp,
                         error) ||
      !unique_id (list, id, where, error))
    {
      g_free (t);
      return FALSE;
    }
  t->id = g_strdup (id);
  t->label = g_strdup (label);
  g_ptr_array_add (list, t);
  return TRUE;
}

static gboolean
read_tier (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = { "id", "label", "discount_bp", NULL };
  const char *id, *label;
  PuratanTier *t = g_new0 (PuratanTier, 1);

  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "id", where, &id, error) ||
      !puratan_read_string (o, "label", where, &label, error) ||
      !puratan_read_int (o, "discount_bp", where, 0, 9000, &t->discount_bp, error) ||
      !unique_id (list, id, where, error))
    {
      g_free (t);
      return FALSE;
    }
  t->id = g_strdup (id);
  t->label = g_strdup (label);
  g_ptr_array_add (list, t);
  return TRUE;
}

static gboolean
read_volume (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = { "min_quantity", "discount_bp", NULL };
  PuratanVolumeBreak *b = g_new0 (PuratanVolumeBreak, 1);
  const PuratanVolumeBreak *last = list->len > 0 ? g_ptr_array_index (list, list->len - 1) : NULL;

  g_ptr_array_add (list, b);
  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_int (o, "min_quantity", where, 1, PURATAN_MAX_QUANTITY, &b->min_quantity,
                         error) ||
      !puratan_read_int (o, "discount_bp", where, 0, 9000, &b->discount_bp, error))
    return FALSE;
  if (last != NULL && (b->min_quantity <= last->min_quantity || b->discount_bp < last->discount_bp))
    return invalid (error, where, "volume breaks must rise in quantity and not fall in discount");
  return TRUE;
}

static gboolean
read_coupon (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = {
    "code", "kind", "value", "valid_from", "valid_until", "max_uses", NULL,
  };
  const char *code, *kind;
  PuratanCoupon *c = g_new0 (PuratanCoupon, 1);

  g_ptr_array_add (list, c);
  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "code", where, &code, error) ||
      !puratan_read_string (o, "kind", where, &kind, error) ||
      !puratan_read_date (o, "valid_from", where, &c->valid_from, error) ||
      !puratan_read_date (o, "valid_until", where, &c->valid_until, error) ||
      !puratan_read_int (o, "max_uses", where, 1, G_MAXINT32, &c->max_uses, error))
    return FALSE;
  c->code = g_strdup (code);
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
      return invalid (error, where, "coupon code “%s” must be capital letters and digits", code);
  for (guint i = 0; i + 1 < list->len; i++)
    if (g_ascii_strcasecmp (((PuratanCoupon *) g_ptr_array_index (list, i))->code, code) == 0)
      return invalid (error, where, "coupon code “%s” is listed twice", code);
  if (g_str_equal (kind, "percent"))
    c->percent = TRUE;
  else if (!g_str_equal (kind, "amount"))
    return invalid (error, where, "field “kind” is “%s”; it must be “percent” or “amount”", kind);
  if (!puratan_read_int (o, "value", where, 1, c->percent ? 9000 : PURATAN_MAX_PAISE, &c->value,
                         error))
    return FALSE;
  if (g_date_compare (&c->valid_from, &c->valid_until) > 0)
    return invalid (error, where, "coupon “%s” ends before it starts", code);
  return TRUE;
}

static gboolean
read_rate (JsonObject *o, const char *where, GPtrArray *list, GError **error)
{
  static const char *const allowed[] = { "currency", "inr_per_unit", NULL };
  const char *currency, *text;
  PuratanRate *r = g_new0 (PuratanRate, 1);

  g_ptr_array_add (list, r);
  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "currency", where, &currency, error) ||
      !puratan_read_string (o, "inr_per_unit", where, &text, error))
    return FALSE;
  if (strlen (currency) != 3 || !g_ascii_isupper (currency[0]) || !g_ascii_isupper (currency[1]) ||
      !g_ascii_isupper (currency[2]) || g_str_equal (currency, "INR"))
    return invalid (error, where,
                    "field “currency” is “%s”; give a three-letter ISO 4217 code "
                    "other than INR",
                    currency);
  memcpy (r->currency, currency, 4);
  r->inr_per_unit_text = g_strdup (text);
  if (!puratan_parse_decimal (text, 6, &r->inr_micro_per_unit) || r->inr_micro_per_unit == 0 ||
      r->inr_micro_per_unit > G_GINT64_CONSTANT (100000000000))
    return invalid (error, where,
                    "field “inr_per_unit” is “%s”; write a positive decimal such as "
                    "“84.25”",
                    text);
  return TRUE;
}

/**
 * puratan_catalog_read_rules:
 * @catalog: the catalog being loaded
 * @root: the rules file's top-level object
 * @file: the file's name, for errors
 * @error: return location for an error
 *
 * Reads the shop, GST categories, turnarounds, tiers, volume breaks,
 * coupons, global constraints and the dated currency rates.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_catalog_read_rules (PuratanCatalog *catalog,
                            JsonObject *root,
                            const char *file,
                            GError **error)
{
  static const char *const allowed[] = {
    "version",          "shop",    "tax_categories", "turnarounds",    "tiers",
    "volume_discounts", "coupons", "constraints",    "currency_rates", NULL,
  };
  static const char *const rates_members[] = { "date", "rates", NULL };
  gint64 version;
  JsonObject *rates;
  JsonArray *constraints;
  g_autofree char *r_where = g_strdup_printf ("%s: “currency_rates”", file);

  catalog->constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_constraint_free);
  if (!puratan_read_members (root, file, allowed, error) ||
      !puratan_read_int (root, "version", file, 1, 1, &version, error) ||
      !read_shop (root, file, &catalog->shop, error) ||
      !read_entries (root, "tax_categories", file, &catalog->tax_categories,
                     (GDestroyNotify) tax_free, read_tax, error) ||
      !read_entries (root, "turnarounds", file, &catalog->turnarounds, labelled_free,
                     read_turnaround, error) ||
      !read_entries (root, "tiers", file, &catalog->tiers, labelled_free, read_tier, error) ||
      !read_entries (root, "volume_discounts", file, &catalog->volume_breaks, g_free, read_volume,
                     error) ||
      !read_entries (root, "coupons", file, &catalog->coupons, (GDestroyNotify) coupon_free,
                     read_coupon, error) ||
      !puratan_read_object (root, "currency_rates", file, FALSE, &rates, error) ||
      !puratan_read_members (rates, r_where, rates_members, error) ||
      !puratan_read_date (rates, "date", r_where, &catalog->rates_date, error) ||
      !read_entries (rates, "rates", r_where, &catalog->rates, (GDestroyNotify) rate_free,
                     read_rate, error) ||
      !puratan_read_array (root, "constraints", file, TRUE, &constraints, error))
    return FALSE;
  if (puratan_catalog_find_turnaround (catalog, "standard") == NULL)
    return invalid (error, file, "“turnarounds” must include “standard”, the default");
  if (puratan_catalog_find_tier (catalog, "walk-in") == NULL)
    return invalid (error, file, "“tiers” must include “walk-in”, the default");
  for (guint i = 0; constraints != NULL && i < json_array_get_length (constraints); i++)
    {
      JsonObject *o;
      PuratanConstraint *c;
      g_autofree char *where = g_strdup_printf ("%s: constraints[%u]", file, i);

      if (!puratan_read_element_object (constraints, i, file, "constraints", &o, error) ||
          !puratan_catalog_read_constraint (o, where, &c, error))
        return FALSE;
      g_ptr_array_add (catalog->constraints, c);
    }
  return TRUE;
}
