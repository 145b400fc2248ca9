/* puratan-server-api-private.h: helpers shared by the back office's business routes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-orders.h"
#include "puratan-pricing.h"
#include "puratan-server-private.h"

G_BEGIN_DECLS

/* The longest Idempotency-Key taken (the store holds up to 255 bytes). */
#define PURATAN_SERVER_MAX_IDEMPOTENCY_KEY 255

/**
 * PuratanIdempotentWork:
 * @database: the database, inside the transaction that also stores the answer
 * @data: the route's parsed request
 * @answer: (out caller-allocates): the status, JSON body and `Location` to give, now and
 *   for every retry with the same key
 * @error: return location for a #GError: a client error (4xx) is stored as the answer, a
 *   server error is not
 *
 * The work of a request sent with an `Idempotency-Key`.
 */
typedef gboolean (*PuratanIdempotentWork) (PuratanDatabase *database,
                                           gpointer data,
                                           PuratanStoredAnswer *answer,
                                           GError **error);

void puratan_server_run_idempotent (PuratanServer *self,
                                    SoupServerMessage *msg,
                                    PuratanIdempotentWork work,
                                    gpointer data);
gboolean puratan_server_early_route (PuratanServer *self,
                                     SoupServerMessage *msg,
                                     const char *raw_path,
                                     gboolean *refused);
void puratan_server_idempotency_request_done (PuratanServer *self, SoupServerMessage *msg);
char *puratan_server_idempotency_key (SoupServerMessage *msg, gboolean *present);
gboolean puratan_server_idempotency_key_valid (const char *key);
gboolean puratan_server_run_idempotent_item (PuratanServer *self,
                                             const PuratanPrincipal *principal,
                                             const char *key,
                                             const char *hash,
                                             PuratanIdempotentWork work,
                                             gpointer data,
                                             PuratanStoredAnswer *answer,
                                             gboolean *replayed,
                                             GError **error);
char *puratan_server_problem_text (guint status, const char *code, const char *detail);

void puratan_server_respond_text (SoupServerMessage *msg,
                                  guint status,
                                  const char *content_type,
                                  const char *text);
void puratan_server_respond_api_error (SoupServerMessage *msg, const GError *error);
guint puratan_server_api_error_status (const GError *error, const char **code);
GHashTable *puratan_server_parse_query (SoupServerMessage *msg, const char *const *allowed);
gboolean puratan_server_is_uuid (const char *text);
void puratan_server_add_money (JsonBuilder *builder, const char *name, gint64 minor);
void puratan_server_add_order (JsonBuilder *builder, const PuratanOrder *order, gboolean lines);
void puratan_server_add_payment (JsonBuilder *builder, const PuratanPayment *payment);
char *
puratan_server_customer_of (PuratanServer *self, const PuratanPrincipal *principal, GError **error);
PuratanOrder *
puratan_server_visible_order (PuratanServer *self, SoupServerMessage *msg, GHashTable *params);
void puratan_server_set_etag (SoupServerMessage *msg, const PuratanOrder *order);
PuratanCatalog *puratan_server_get_catalog (PuratanServer *self, GError **error);
void puratan_server_publish_order (PuratanServer *self, const PuratanOrder *order);

/* A new order read from its body by puratan_server_order_create_parse(): strings borrowed
 * from the body, @lines (PuratanOrderLine, priced by the server) owned by the caller. */
typedef struct
{
  PuratanServer *self;
  const PuratanPrincipal *principal;
  const char *customer_id;
  const char *customer_name;
  const char *due_date;
  const char *notes;
  GPtrArray *lines;
} PuratanOrderCreate;

gboolean puratan_server_order_create_parse (PuratanServer *self,
                                            const PuratanPrincipal *principal,
                                            JsonObject *body,
                                            PuratanOrderCreate *create,
                                            GError **error);
gboolean puratan_server_order_create_work (PuratanDatabase *database,
                                           gpointer data,
                                           PuratanStoredAnswer *answer,
                                           GError **error);

/* A payment read from its body by puratan_server_payment_parse(), for
 * puratan_server_payment_work(). */
typedef struct
{
  const PuratanPrincipal *principal;
  PuratanPayment *attempt;
} PuratanPaymentTake;

gboolean puratan_server_payment_parse (const PuratanPrincipal *principal,
                                       const PuratanOrder *order,
                                       JsonObject *body,
                                       const char *idempotency_key,
                                       PuratanPaymentTake *take,
                                       GError **error);
gboolean puratan_server_payment_work (PuratanDatabase *database,
                                      gpointer data,
                                      PuratanStoredAnswer *answer,
                                      GError **error);
char *puratan_server_idempotency_hash (const char *method,
                                       const char *path,
                                       const void *body,
                                       gsize length);
PuratanOrder *puratan_server_order_for (PuratanServer *self,
                                        const PuratanPrincipal *principal,
                                        const char *id,
                                        GError **error);

void puratan_server_add_catalog_routes (PuratanServer *self);
void puratan_server_add_order_routes (PuratanServer *self);
void puratan_server_add_payment_routes (PuratanServer *self);
void puratan_server_add_change_routes (PuratanServer *self);
void puratan_server_add_openapi_route (PuratanServer *self);
void puratan_server_add_sync_batch_route (PuratanServer *self);

G_END_DECLS
