/* puratan-migration.c: forward-only schema migrations
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-migration-private.h"
#include "puratan-store-private.h"

/* The released schema steps, oldest first. Append only. */
static const PuratanMigration builtin_migrations[] = {
  {
      1,
      "shop settings",
      "CREATE TABLE settings ("
      "  key TEXT PRIMARY KEY NOT NULL CHECK (length (key) BETWEEN 1 AND 128),"
      "  value TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
      ") STRICT;"
      "INSERT INTO settings (key, value)"
      "  VALUES ('created_at', strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'));",
  },
  {
      2,
      "customers",
      "CREATE TABLE customers ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  name TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 200),"
      "  phone TEXT CHECK (phone IS NULL OR length (phone) BETWEEN 3 AND 32),"
      "  email TEXT CHECK (email IS NULL OR (length (email) <= 254 AND instr (email, '@') > 1)),"
      "  gstin TEXT CHECK (gstin IS NULL OR length (gstin) = 15),"
      "  state_code TEXT CHECK (state_code IS NULL OR length (state_code) = 2),"
      "  store_credit_paise INTEGER NOT NULL DEFAULT 0 CHECK (store_credit_paise >= 0),"
      "  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
      "  created_at TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL"
      ") STRICT;"
      "CREATE INDEX customers_name ON customers (name COLLATE NOCASE);"
      "CREATE INDEX customers_phone ON customers (phone);"
      "CREATE UNIQUE INDEX customers_gstin ON customers (gstin) WHERE gstin IS NOT NULL;",
  },
  {
      3,
      "orders and their lines",
      "CREATE TABLE orders ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  number INTEGER NOT NULL UNIQUE CHECK (number >= 1),"
      "  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,"
      "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'placed',"
      "    'awaiting_files', 'preflight', 'preflight_ok', 'needs_fix', 'proof_sent',"
      "    'proof_approved', 'changes_requested', 'in_production', 'ready', 'delivered',"
      "    'closed', 'on_hold', 'cancelled')),"
      "  resume_status TEXT CHECK ((status = 'on_hold') = (resume_status IS NOT NULL)),"
      "  delivery TEXT CHECK (delivery IS NULL OR delivery IN ('picked_up', 'shipped')),"
      "  credit_approved INTEGER NOT NULL DEFAULT 0 CHECK (credit_approved IN (0, 1)),"
      "  due_date TEXT CHECK (due_date IS NULL OR date (due_date) = due_date),"
      "  notes TEXT NOT NULL DEFAULT '' CHECK (length (notes) <= 4000),"
      "  currency TEXT NOT NULL DEFAULT 'INR' CHECK (currency = 'INR'),"
      "  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
      "  created_at TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL"
      ") STRICT;"
      "CREATE INDEX orders_customer ON orders (customer_id);"
      "CREATE INDEX orders_status_due ON orders (status, due_date);"
      "CREATE TABLE order_lines ("
      "  id INTEGER PRIMARY KEY,"
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
      "  position INTEGER NOT NULL CHECK (position >= 1),"
      "  product TEXT NOT NULL CHECK (length (product) BETWEEN 1 AND 200),"
      "  description TEXT NOT NULL DEFAULT '' CHECK (length (description) <= 2000),"
      "  hsn_sac TEXT NOT NULL CHECK (length (hsn_sac) BETWEEN 4 AND 8"
      "    AND hsn_sac NOT GLOB '*[^0-9]*'),"
      "  quantity INTEGER NOT NULL CHECK (quantity >= 1),"
      "  unit_price_paise INTEGER NOT NULL CHECK (unit_price_paise >= 0),"
      "  line_total_paise INTEGER NOT NULL CHECK (line_total_paise >= 0),"
      "  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),"
      "  tax_paise INTEGER NOT NULL CHECK (tax_paise >= 0),"
      "  snapshot TEXT NOT NULL CHECK (json_valid (snapshot) AND json_type (snapshot) = 'object'),"
      "  UNIQUE (order_id, position)"
      ") STRICT;"
      /* The price is frozen once the order leaves draft. */
      "CREATE TRIGGER order_lines_frozen_insert BEFORE INSERT ON order_lines"
      "  WHEN (SELECT status FROM orders WHERE id = NEW.order_id) IS NOT 'draft'"
      "  BEGIN SELECT RAISE (ABORT, 'order lines are frozen once the order is placed'); END;"
      "CREATE TRIGGER order_lines_frozen_update BEFORE UPDATE ON order_lines"
      "  WHEN (SELECT status FROM orders WHERE id = OLD.order_id) IS NOT 'draft'"
      "  BEGIN SELECT RAISE (ABORT, 'order lines are frozen once the order is placed'); END;"
      "CREATE TRIGGER order_lines_frozen_delete BEFORE DELETE ON order_lines"
      "  WHEN (SELECT status FROM orders WHERE id = OLD.order_id) IS NOT 'draft'"
      "  BEGIN SELECT RAISE (ABORT, 'order lines are frozen once the order is placed'); END;",
  },
  {
      4,
      "payments and refunds",
      "CREATE TABLE payments ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  idempotency_key TEXT NOT NULL UNIQUE CHECK (length (idempotency_key) BETWEEN 8 AND 128),"
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,"
      "  kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),"
      "  method TEXT NOT NULL CHECK (method IN ('cash', 'upi', 'card', 'store_credit')),"
      "  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),"
      "  tendered_paise INTEGER CHECK (tendered_paise IS NULL"
      "    OR (method = 'cash' AND kind = 'payment' AND tendered_paise >= amount_paise)),"
      "  reference TEXT CHECK (reference IS NULL OR length (reference) BETWEEN 1 AND 64),"
      "  recorded_by TEXT NOT NULL CHECK (length (recorded_by) BETWEEN 1 AND 128),"
      "  business_date TEXT NOT NULL CHECK (date (business_date) = business_date),"
      "  created_at TEXT NOT NULL,"
      "  CHECK (method NOT IN ('upi', 'card') OR kind = 'refund' OR reference IS NOT NULL)"
      ") STRICT;"
      "CREATE INDEX payments_order ON payments (order_id);"
      "CREATE INDEX payments_day ON payments (business_date, method);"
      /* Defence in depth behind the repository's own check: never refund more than was paid. */
      "CREATE TRIGGER payments_refund_limit BEFORE INSERT ON payments"
      "  WHEN NEW.kind = 'refund' AND NEW.amount_paise >"
      "    (SELECT coalesce (sum (CASE kind WHEN 'payment' THEN amount_paise"
      "       ELSE -amount_paise END), 0) FROM payments WHERE order_id = NEW.order_id)"
      "  BEGIN SELECT RAISE (ABORT, 'a refund cannot exceed what was paid'); END;"
      "CREATE TRIGGER payments_immutable BEFORE UPDATE ON payments"
      "  BEGIN SELECT RAISE (ABORT, 'payments are never edited; record a refund'); END;"
      "CREATE TRIGGER payments_undeletable BEFORE DELETE ON payments"
      "  BEGIN SELECT RAISE (ABORT, 'payments are never deleted; record a refund'); END;",
  },
  {
      5,
      "content-addressed files",
      "CREATE TABLE files ("
      "  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64"
      "    AND sha256 NOT GLOB '*[^0-9a-f]*'),"
      "  size INTEGER NOT NULL CHECK (size >= 0),"
      "  media_type TEXT NOT NULL CHECK (length (media_type) BETWEEN 3 AND 127),"
      "  created_at TEXT NOT NULL"
      ") STRICT;"
      "CREATE TABLE order_files ("
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
      "  sha256 TEXT NOT NULL REFERENCES files (sha256) ON DELETE RESTRICT,"
      "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 255),"
      "  role TEXT NOT NULL CHECK (role IN ('artwork', 'proof', 'other')),"
      "  attached_at TEXT NOT NULL,"
      "  PRIMARY KEY (order_id, sha256, role)"
      ") STRICT;",
  },
  {
      6,
      "audit log and outbox",
      "CREATE TABLE audit_log ("
      "  id INTEGER PRIMARY KEY,"
      "  at TEXT NOT NULL,"
      "  actor TEXT NOT NULL CHECK (length (actor) BETWEEN 1 AND 128),"
      "  role TEXT NOT NULL CHECK (role IN ('customer', 'counter', 'designer', 'production',"
      "    'admin', 'system')),"
      "  entity TEXT NOT NULL CHECK (entity IN ('customer', 'order', 'payment', 'file')),"
      "  entity_id TEXT NOT NULL,"
      "  action TEXT NOT NULL CHECK (length (action) BETWEEN 1 AND 64),"
      "  from_state TEXT,"
      "  to_state TEXT,"
      "  reason TEXT NOT NULL DEFAULT '' CHECK (length (reason) <= 2000)"
      ") STRICT;"
      "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);"
      "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log"
      "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
      "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log"
      "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
      "CREATE TABLE outbox ("
      "  id INTEGER PRIMARY KEY,"
      "  idempotency_key TEXT NOT NULL UNIQUE CHECK (length (idempotency_key) BETWEEN 8 AND 128),"
      "  entity TEXT NOT NULL CHECK (entity IN ('customer', 'order', 'payment', 'file')),"
      "  entity_id TEXT NOT NULL,"
      "  operation TEXT NOT NULL CHECK (length (operation) BETWEEN 1 AND 64),"
      "  payload TEXT NOT NULL CHECK (json_valid (payload) AND json_type (payload) = 'object'),"
      "  created_at TEXT NOT NULL,"
      "  pushed_at TEXT"
      ") STRICT;"
      "CREATE INDEX outbox_pending ON outbox (id) WHERE pushed_at IS NULL;",
  },
  {
      7,
      "accounts, sign-in sessions, TOTP and sign-in failures",
      /* Accounts of the server. Emails are stored lower-case; passwords only as argon2id. */
      "CREATE TABLE accounts ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  email TEXT NOT NULL UNIQUE CHECK (length (email) BETWEEN 3 AND 254"
      "    AND instr (email, '@') > 1 AND email = lower (email)),"
      "  password_hash TEXT NOT NULL CHECK (substr (password_hash, 1, 10) = '$argon2id$'),"
      "  role TEXT NOT NULL CHECK (role IN ('customer', 'counter', 'designer', 'production',"
      "    'admin')),"
      "  created_at TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL"
      ") STRICT;"
      /* One TOTP secret per account: pending until a first code confirms it. last_step is the
       * time step of the last code accepted, so no code is accepted twice. */
      "CREATE TABLE account_totp ("
      "  account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
      "  secret BLOB NOT NULL CHECK (length (secret) BETWEEN 16 AND 64),"
      "  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),"
      "  last_step INTEGER NOT NULL DEFAULT -1,"
      "  created_at TEXT NOT NULL"
      ") STRICT;"
      /* A session is a family of refresh tokens; each rotation adds one and marks the old one
       * rotated. Times are Unix seconds. Tokens are stored only as their SHA-256. */
      "CREATE TABLE auth_sessions ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
      "  second_factor INTEGER NOT NULL CHECK (second_factor IN (0, 1)),"
      "  created_at INTEGER NOT NULL,"
      "  revoked_at INTEGER,"
      "  revoked_reason TEXT CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)"
      "    AND (revoked_reason IS NULL OR revoked_reason IN ('logout', 'reuse')))"
      ") STRICT;"
      "CREATE INDEX auth_sessions_account ON auth_sessions (account_id);"
      "CREATE TABLE refresh_tokens ("
      "  hash TEXT PRIMARY KEY NOT NULL CHECK (length (hash) = 64"
      "    AND hash NOT GLOB '*[^0-9a-f]*'),"
      "  session_id TEXT NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,"
      "  issued_at INTEGER NOT NULL,"
      "  expires_at INTEGER NOT NULL CHECK (expires_at > issued_at),"
      "  rotated_at INTEGER"
      ") STRICT;"
      "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);"
      /* Failed sign-ins per account ('account:EMAIL') and per client ('client:ADDRESS'). */
      "CREATE TABLE login_failures ("
      "  key TEXT PRIMARY KEY NOT NULL CHECK (length (key) BETWEEN 3 AND 300),"
      "  failures INTEGER NOT NULL CHECK (failures >= 1),"
      "  last_failure_at INTEGER NOT NULL"
      ") STRICT;",
  },
  {
      8,
      "change feed, idempotency keys and the customer record of an account",
      /* One row per change to an order, a payment or an order's files, written by triggers in
       * the transaction of the change itself, so the feed never misses or invents one. seq is
       * AUTOINCREMENT: never reused, and since SQLite has one writer at a time, seq order is
       * commit order. data is the whole record after the change (or its key when removed), so
       * applying the rows in seq order from any point converges on the same state. */
      "CREATE TABLE changes ("
      "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
      "  entity TEXT NOT NULL CHECK (entity IN ('order', 'payment', 'file')),"
      "  entity_id TEXT NOT NULL,"
      "  operation TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),"
      "  customer_id TEXT NOT NULL,"
      "  data TEXT NOT NULL CHECK (json_valid (data)),"
      "  at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
      ") STRICT;"
      "CREATE INDEX changes_customer ON changes (customer_id, seq);"
      "CREATE TRIGGER changes_order_insert AFTER INSERT ON orders BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'order', NEW.id, 'upsert', NEW.customer_id, " PURATAN_CHANGE_ORDER_JSON
      "    FROM orders o WHERE o.id = NEW.id; END;"
      "CREATE TRIGGER changes_order_update AFTER UPDATE ON orders BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'order', NEW.id, 'upsert', NEW.customer_id, " PURATAN_CHANGE_ORDER_JSON
      "    FROM orders o WHERE o.id = NEW.id; END;"
      "CREATE TRIGGER changes_order_line_insert AFTER INSERT ON order_lines BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'order', o.id, 'upsert', o.customer_id, " PURATAN_CHANGE_ORDER_JSON
      "    FROM orders o WHERE o.id = NEW.order_id; END;"
      "CREATE TRIGGER changes_payment_insert AFTER INSERT ON payments BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'payment', NEW.id, 'upsert', o.customer_id, json_object ('id', NEW.id,"
      "      'order_id', NEW.order_id, 'kind', NEW.kind, 'method', NEW.method,"
      "      'amount', json_object ('amount_minor', NEW.amount_paise, 'currency', o.currency),"
      "      'reference', NEW.reference, 'business_date', NEW.business_date,"
      "      'created_at', NEW.created_at)"
      "    FROM orders o WHERE o.id = NEW.order_id; END;"
      "CREATE TRIGGER changes_file_insert AFTER INSERT ON order_files BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'file', NEW.order_id || ':' || NEW.sha256 || ':' || NEW.role, 'upsert',"
      "      o.customer_id, json_object ('order_id', NEW.order_id, 'sha256', NEW.sha256,"
      "      'name', NEW.name, 'role', NEW.role, 'attached_at', NEW.attached_at)"
      "    FROM orders o WHERE o.id = NEW.order_id; END;"
      "CREATE TRIGGER changes_file_delete AFTER DELETE ON order_files BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'file', OLD.order_id || ':' || OLD.sha256 || ':' || OLD.role, 'delete',"
      "      o.customer_id, json_object ('order_id', OLD.order_id, 'sha256', OLD.sha256,"
      "      'role', OLD.role)"
      "    FROM orders o WHERE o.id = OLD.order_id; END;"
      /* The IETF Idempotency-Key draft: a key is the sender's (per account); request_hash is
       * the SHA-256 of the method, path and body it first came with; a 'running' key's work has
       * not committed, a 'done' key holds the answer given, to be given again. */
      "CREATE TABLE idempotency_keys ("
      "  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
      "  key TEXT NOT NULL CHECK (length (key) BETWEEN 1 AND 255),"
      "  request_hash TEXT NOT NULL CHECK (length (request_hash) = 64"
      "    AND request_hash NOT GLOB '*[^0-9a-f]*'),"
      "  state TEXT NOT NULL CHECK (state IN ('running', 'done')),"
      "  status INTEGER CHECK ((state = 'done') = (status IS NOT NULL)),"
      "  response TEXT,"
      "  location TEXT,"
      "  created_at TEXT NOT NULL,"
      "  PRIMARY KEY (account_id, key)"
      ") STRICT;"
      /* A customer's account is tied to one customer record, made with its first order. */
      "CREATE TABLE account_customers ("
      "  account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
      "  customer_id TEXT NOT NULL UNIQUE REFERENCES customers (id) ON DELETE RESTRICT"
      ") STRICT;",
  },
  {
      9,
      "resumable uploads and online payments",
      /* A tus upload: its owner, the order its file goes to, the announced length and the
       * bytes stored so far; sha256 names the stored file once complete. */
      "CREATE TABLE uploads ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
      "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 255),"
      "  length INTEGER NOT NULL CHECK (length >= 0),"
      "  received INTEGER NOT NULL CHECK (received BETWEEN 0 AND length),"
      "  sha256 TEXT REFERENCES files (sha256) ON DELETE RESTRICT,"
      "  preflight_id TEXT CHECK (preflight_id IS NULL OR length (preflight_id) <= 64),"
      "  preflight_error TEXT,"
      "  created_at TEXT NOT NULL,"
      "  CHECK (sha256 IS NULL OR received = length)"
      ") STRICT;"
      "CREATE INDEX uploads_order ON uploads (order_id);"
      /* A payment taken through an online provider: the provider's intent, asked for once
       * under idempotency_key; payment_id names the recorded payment once the provider
       * says it succeeded, so a repeated notice records nothing more. */
      "CREATE TABLE online_payments ("
      "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),"
      "  idempotency_key TEXT NOT NULL UNIQUE CHECK (length (idempotency_key) BETWEEN 8 AND 128),"
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,"
      "  provider TEXT NOT NULL CHECK (provider IN ('stripe')),"
      "  intent_id TEXT NOT NULL UNIQUE CHECK (length (intent_id) BETWEEN 1 AND 255),"
      "  client_secret TEXT CHECK (client_secret IS NULL OR length (client_secret) <= 255),"
      "  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),"
      "  status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),"
      "  payment_id TEXT UNIQUE REFERENCES payments (id) ON DELETE RESTRICT,"
      "  requested_by TEXT NOT NULL CHECK (length (requested_by) BETWEEN 1 AND 128),"
      "  created_at TEXT NOT NULL,"
      "  CHECK ((status = 'paid') = (payment_id IS NOT NULL))"
      ") STRICT;"
      "CREATE INDEX online_payments_order ON online_payments (order_id);",
  },
  {
      10,
      "sync: links to the server's records, the feed cursor, conflicts and the sync log",
      /* How the server answered an outbox entry: sent (applied), refused (a 4xx that is not a
       * conflict), conflict (a 412, kept in sync_conflicts) or local (nothing to send, such as
       * a customer, whom the server makes with the first order). pushed_at is then set too. */
      "ALTER TABLE outbox ADD COLUMN outcome TEXT CHECK (outcome IS NULL"
      "  OR outcome IN ('sent', 'refused', 'conflict', 'local'));"
      /* A local record and the server's record it became (or came from); server_version is
       * the version of the server's record last seen, the If-Match of the next edit; data is
       * the server's record as last seen. */
      "CREATE TABLE sync_links ("
      "  entity TEXT NOT NULL CHECK (entity IN ('customer', 'order', 'payment')),"
      "  local_id TEXT NOT NULL CHECK (length (local_id) BETWEEN 1 AND 128),"
      "  server_id TEXT NOT NULL CHECK (length (server_id) BETWEEN 1 AND 128),"
      "  server_version INTEGER NOT NULL DEFAULT 0 CHECK (server_version >= 0),"
      "  data TEXT CHECK (data IS NULL OR json_valid (data)),"
      "  PRIMARY KEY (entity, local_id),"
      "  UNIQUE (entity, server_id)"
      ") STRICT;"
      /* The change feed's cursor: one row, written in the transaction of each batch. */
      "CREATE TABLE sync_cursor ("
      "  id INTEGER PRIMARY KEY CHECK (id = 1),"
      "  cursor TEXT NOT NULL CHECK (length (cursor) BETWEEN 1 AND 64),"
      "  updated_at TEXT NOT NULL"
      ") STRICT;"
      /* An edit the server refused with 412: both versions, until a person chooses. */
      "CREATE TABLE sync_conflicts ("
      "  id INTEGER PRIMARY KEY,"
      "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
      "  server_id TEXT NOT NULL,"
      "  idempotency_key TEXT NOT NULL,"
      "  mine TEXT NOT NULL CHECK (json_valid (mine) AND json_type (mine) = 'object'),"
      "  theirs TEXT NOT NULL CHECK (json_valid (theirs) AND json_type (theirs) = 'object'),"
      "  server_version INTEGER NOT NULL CHECK (server_version >= 1),"
      "  created_at TEXT NOT NULL,"
      "  resolved_at TEXT,"
      "  resolution TEXT CHECK ((resolved_at IS NULL) = (resolution IS NULL)"
      "    AND (resolution IS NULL OR resolution IN ('mine', 'theirs')))"
      ") STRICT;"
      "CREATE INDEX sync_conflicts_open ON sync_conflicts (id) WHERE resolved_at IS NULL;"
      /* What was sent, received and refused, with the server's problem detail. */
      "CREATE TABLE sync_log ("
      "  id INTEGER PRIMARY KEY,"
      "  at TEXT NOT NULL,"
      "  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received', 'refused',"
      "    'conflict', 'local')),"
      "  entity TEXT NOT NULL CHECK (length (entity) BETWEEN 1 AND 32),"
      "  entity_id TEXT NOT NULL CHECK (length (entity_id) <= 128),"
      "  status INTEGER NOT NULL DEFAULT 0,"
      "  detail TEXT NOT NULL DEFAULT '' CHECK (length (detail) <= 2000)"
      ") STRICT;",
  },
  {
      11,
      "sync: resumable uploads of attached files",
      /* The tus upload of an attach_file outbox entry: the server's address of it once
       * created (the upload resumes there after a restart), and the chunks the server found
       * damaged (460), so a file that never arrives whole is refused instead of retried
       * forever. */
      "CREATE TABLE sync_uploads ("
      "  idempotency_key TEXT PRIMARY KEY NOT NULL"
      "    REFERENCES outbox (idempotency_key) ON DELETE CASCADE,"
      "  url TEXT CHECK (url IS NULL OR length (url) BETWEEN 1 AND 512),"
      "  mismatches INTEGER NOT NULL DEFAULT 0 CHECK (mismatches >= 0),"
      "  updated_at TEXT NOT NULL"
      ") STRICT;",
  },
  {
      12,
      "refresh tokens: each one's successor, for a retried refresh",
      /* The token a refresh issued in exchange for this one. While it was never used, the
       * same refresh may be retried for a short while (its answer was lost): the unused
       * successor is spent and a new one issued (puratan_auth_session_rotate()). */
      "ALTER TABLE refresh_tokens ADD COLUMN successor TEXT CHECK (successor IS NULL"
      "  OR (length (successor) = 64 AND successor NOT GLOB '*[^0-9a-f]*'));",
  },
  {
      13,
      "change feed: an order's row names the order, whose record is read with the feed",
      /* A change to an order wrote the whole order into its row, again for every statement
       * of the change (a synced order writes about five rows), and readers only ever applied
       * the last. The row now marks the change's place in commit order; the feed reads the
       * order as it is when the feed is read (puratan_change_list()), as it already read its
       * lines. Orders are never deleted, and their customer never changes, so every order row
       * still finds its order and its reader. Payments and files keep their records in their
       * rows: they are written once. */
      "DROP TRIGGER changes_order_insert;"
      "DROP TRIGGER changes_order_update;"
      "DROP TRIGGER changes_order_line_insert;"
      "CREATE TRIGGER changes_order_insert AFTER INSERT ON orders BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    VALUES ('order', NEW.id, 'upsert', NEW.customer_id, 'null'); END;"
      "CREATE TRIGGER changes_order_update AFTER UPDATE ON orders BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    VALUES ('order', NEW.id, 'upsert', NEW.customer_id, 'null'); END;"
      "CREATE TRIGGER changes_order_line_insert AFTER INSERT ON order_lines BEGIN"
      "  INSERT INTO changes (entity, entity_id, operation, customer_id, data)"
      "    SELECT 'order', o.id, 'upsert', o.customer_id, 'null'"
      "    FROM orders o WHERE o.id = NEW.order_id; END;"
      "UPDATE changes SET data = 'null' WHERE entity = 'order';",
  },
};

/**
 * puratan_migrations_builtin:
 * @n_migrations: (out): number of steps returned
 *
 * Returns: (transfer none): the project's schema steps, oldest first
 */
const PuratanMigration *
puratan_migrations_builtin (gsize *n_migrations)
{
  g_return_val_if_fail (n_migrations != NULL, NULL);

  *n_migrations = G_N_ELEMENTS (builtin_migrations);
  return builtin_migrations;
}

static gboolean
read_user_version (sqlite3 *db, const char *path, int *version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "Cannot read the schema version of “%s”: %s", path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
exec_sql (sqlite3 *db, const char *sql, char **message)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) == SQLITE_OK)
    return TRUE;
  *message = g_strdup (errmsg != NULL ? errmsg : sqlite3_errmsg (db));
  sqlite3_free (errmsg);
  return FALSE;
}

/* Runs one step and its version bump in a single transaction: the database is left either
 * fully at the old version or fully at the new one. */
static gboolean
apply_one (sqlite3 *db, const char *path, const PuratanMigration *step, GError **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);
  g_autofree char *message = NULL;

  if (!exec_sql (db, "BEGIN IMMEDIATE", &message))
    goto fail;
  if (!exec_sql (db, step->sql, &message) || !exec_sql (db, bump, &message) ||
      !exec_sql (db, "COMMIT", &message))
    {
      g_autofree char *ignored = NULL;
      exec_sql (db, "ROLLBACK", &ignored);
      goto fail;
    }
  return TRUE;

fail:
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
               "Upgrading “%s” to schema version %d (%s) failed: %s", path, step->version,
               step->summary, message);
  return FALSE;
}

/**
 * puratan_migrations_apply:
 * @db: an open connection
 * @path: the file's path, for messages
 * @migrations: (array length=n_migrations): steps, oldest first, numbered 1…n_migrations
 * @n_migrations: number of steps
 * @error: return location for a #GError
 *
 * Brings @db forward to the last step. A database written by a newer version of Puratan
 * Studio (a schema version past the last step) is refused with
 * %PURATAN_ERROR_UNSUPPORTED_VERSION and left untouched.
 *
 * Returns: %TRUE when the database is at the last step
 */
gboolean
puratan_migrations_apply (sqlite3 *db,
                          const char *path,
                          const PuratanMigration *migrations,
                          gsize n_migrations,
                          GError **error)
{
  int version = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_user_version (db, path, &version, error))
    return FALSE;

  if (version < 0 || (gsize) version > n_migrations)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "“%s” has schema version %d, but this version of Puratan Studio knows "
                   "versions up to %" G_GSIZE_FORMAT "; update Puratan Studio to open it",
                   path, version, n_migrations);
      return FALSE;
    }

  for (gsize i = (gsize) version; i < n_migrations; i++)
    {
      g_assert (migrations[i].version == (int) i + 1);
      if (!apply_one (db, path, &migrations[i], error))
        return FALSE;
    }
  return TRUE;
}
