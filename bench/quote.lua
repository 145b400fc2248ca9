-- wrk script for bench/server.c: POST /api/v1/quotes with a signed-in account's token.
-- The bench passes the token in PURATAN_BENCH_TOKEN.
wrk.method = "POST"
wrk.body = '{"product":"business-cards","quantity":500,"options":{"stock":"art-350-matt"},"ship_to_state":"27"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PURATAN_BENCH_TOKEN")
