-- The platform Dashboard's Home (issue #16) shows the platform's balance, its application fees of
-- the last 30 days and the gross volume of its connected accounts. Summed from the postings and
-- balance transactions themselves, each figure read 100,000 rows at 100,000 payments (Home: p99
-- 245 ms). These two tables keep those sums instead. Triggers maintain them in the statement that
-- writes (or, when a deleted sandbox is purged, deletes) the rows they sum, so a sum and its rows
-- are always committed together. The postings stay the source of truth: the ledger audit checks
-- both tables against them (LedgerAuditor: balance_sums_equal_postings, daily_volume_equals_transactions).
--
-- Every payment adds to its platform's rows (its application fee), so one row per sum would be a
-- lock that every concurrent payment waits on until its commit. Each sum is kept as up to 16 rows
-- (shard): a writer adds to the shard of its own server process; a reader adds the shards up.

-- An account's balance (Balance, GET /v1/balance): the sum of its postings per currency, bucket
-- and source type, the very grouping Balances read from ledger_postings before.
CREATE TABLE ledger_balance_sums (
    account     text   NOT NULL,
    currency    text   NOT NULL,
    bucket      text   NOT NULL CHECK (bucket IN ('pending', 'available')),
    source_type text   NOT NULL,
    shard       int    NOT NULL,
    amount      bigint NOT NULL,
    PRIMARY KEY (account, currency, bucket, source_type, shard)
);

INSERT INTO ledger_balance_sums (account, currency, bucket, source_type, shard, amount)
SELECT account, currency, bucket, source_type, 0, sum(amount) FROM ledger_postings
WHERE bucket IN ('pending', 'available')
GROUP BY account, currency, bucket, source_type;

-- Rows are added to in key order, so two transactions never wait on each other's rows crosswise.
-- sum() of bigints is numeric; storing it back into bigint fails on overflow rather than wrapping.
CREATE FUNCTION ledger_balance_sums_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_sums AS s (account, currency, bucket, source_type, shard, amount)
    SELECT account, currency, bucket, source_type, pg_backend_pid() % 16, sum(amount) FROM new_postings
    WHERE bucket IN ('pending', 'available')
    GROUP BY account, currency, bucket, source_type
    ORDER BY account, currency, bucket, source_type
    ON CONFLICT (account, currency, bucket, source_type, shard) DO UPDATE SET amount = s.amount + excluded.amount;
    RETURN NULL;
END
$$;

-- Only a deleted sandbox's purge deletes postings (V26_1); a sum goes with the last of its postings.
CREATE FUNCTION ledger_balance_sums_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_sums AS s (account, currency, bucket, source_type, shard, amount)
    SELECT account, currency, bucket, source_type, pg_backend_pid() % 16, -sum(amount) FROM old_postings
    WHERE bucket IN ('pending', 'available')
    GROUP BY account, currency, bucket, source_type
    ORDER BY account, currency, bucket, source_type
    ON CONFLICT (account, currency, bucket, source_type, shard) DO UPDATE SET amount = s.amount + excluded.amount;
    DELETE FROM ledger_balance_sums s
    WHERE s.account IN (SELECT account FROM old_postings WHERE bucket IN ('pending', 'available'))
      AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.account = s.account AND p.currency = s.currency
                        AND p.bucket = s.bucket AND p.source_type = s.source_type);
    RETURN NULL;
END
$$;

CREATE TRIGGER ledger_postings_balance_sums_add AFTER INSERT ON ledger_postings
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_balance_sums_add();
CREATE TRIGGER ledger_postings_balance_sums_remove AFTER DELETE ON ledger_postings
    REFERENCING OLD TABLE AS old_postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_balance_sums_remove();

-- The Home page's charts: per platform and UTC day (of the transaction's created, the sandbox's
-- clock), the amount (gross, before fees) and count of balance transactions by type and currency,
-- of the platform itself (connected = false: its application fees) or of its connected accounts
-- (connected = true: their charges and payments, the gross volume).
CREATE TABLE ledger_daily_volume (
    platform  text    NOT NULL,
    connected boolean NOT NULL,
    type      text    NOT NULL,
    currency  text    NOT NULL,
    day       bigint  NOT NULL, -- days since 1970-01-01 UTC
    shard     int     NOT NULL,
    amount    bigint  NOT NULL,
    count     bigint  NOT NULL,
    PRIMARY KEY (platform, connected, type, currency, day, shard)
);

INSERT INTO ledger_daily_volume (platform, connected, type, currency, day, shard, amount, count)
SELECT coalesce(a.platform_id, a.id), a.platform_id IS NOT NULL, t.type, t.currency, floor(t.created / 86400.0)::bigint, 0,
       sum(coalesce(t.amount, 0)), count(*)
FROM ledger_balance_transactions t JOIN accounts a ON a.id = t.account
GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION ledger_daily_volume_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ledger_daily_volume AS v (platform, connected, type, currency, day, shard, amount, count)
        SELECT coalesce(a.platform_id, a.id), a.platform_id IS NOT NULL, t.type, t.currency, floor(t.created / 86400.0)::bigint,
               pg_backend_pid() % 16, sum(coalesce(t.amount, 0)), count(*)
        FROM new_transactions t JOIN accounts a ON a.id = t.account
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (platform, connected, type, currency, day, shard)
            DO UPDATE SET amount = v.amount + excluded.amount, count = v.count + excluded.count;
    ELSE
        -- a deleted sandbox's purge: its transactions go before its accounts (SandboxPurge)
        INSERT INTO ledger_daily_volume AS v (platform, connected, type, currency, day, shard, amount, count)
        SELECT coalesce(a.platform_id, a.id), a.platform_id IS NOT NULL, t.type, t.currency, floor(t.created / 86400.0)::bigint,
               pg_backend_pid() % 16, -sum(coalesce(t.amount, 0)), -count(*)
        FROM old_transactions t JOIN accounts a ON a.id = t.account
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (platform, connected, type, currency, day, shard)
            DO UPDATE SET amount = v.amount + excluded.amount, count = v.count + excluded.count;
        DELETE FROM ledger_daily_volume v WHERE v.amount = 0 AND v.count = 0
          AND v.platform IN (SELECT coalesce(a.platform_id, a.id) FROM old_transactions t JOIN accounts a ON a.id = t.account);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ledger_balance_transactions_daily_volume_add AFTER INSERT ON ledger_balance_transactions
    REFERENCING NEW TABLE AS new_transactions FOR EACH STATEMENT EXECUTE FUNCTION ledger_daily_volume_change();
CREATE TRIGGER ledger_balance_transactions_daily_volume_remove AFTER DELETE ON ledger_balance_transactions
    REFERENCING OLD TABLE AS old_transactions FOR EACH STATEMENT EXECUTE FUNCTION ledger_daily_volume_change();
