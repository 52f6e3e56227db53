-- As V27_3 for the objects: the request log keeps what an API call answered, and a connected
-- account's answer (2.2 kB) put its row past the 2 kB at which PostgreSQL runs pglz, on the two
-- cores every request shares. Its insert took 0.053 ms a row against 0.024 for a product's
-- (pg_stat_statements, 16 clients creating accounts, then products). Rows up to 8 kB now stay as
-- they are; the log is bounded by count and age, so the disk it takes stays bounded too.
ALTER TABLE api_request_logs SET (toast_tuple_target = 8160);
