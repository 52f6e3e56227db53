-- PostgreSQL tries to compress a row once it passes about 2 kB (pglz). A connected account's
-- document (2.2 kB of JSON) and three of a card payment's eleven documents (the charge, and the
-- charge.succeeded and checkout.session.completed events that carry whole objects) pass it, so
-- every create and every pay paid for pglz. Rows now stay as they are up to 8 kB (the page's
-- limit): more disk for those documents (about 2.3 kB instead of 1.3 kB for an account), less
-- CPU on the write path (pgbench, account document inserts at 16 clients: 5,469 and 5,739 a
-- second with compression, 6,239 and 6,022 without, run alternately). Larger rows are still
-- compressed and moved out of line as before; existing rows are kept as they are.
ALTER TABLE resources SET (toast_tuple_target = 8160);
