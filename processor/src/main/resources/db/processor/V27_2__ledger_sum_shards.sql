-- The kept sums of V27_1 are sharded so that concurrent payments do not queue on one row: a
-- writer adds to the row of its shard and holds that row's lock until it commits. The shard was
-- pg_backend_pid() % 16, and sixteen pooled connections have sixteen pids that rarely fall on
-- sixteen different shards (on average ten): the others shared a shard, so a payment waited for
-- another's commit, fsync included, before its own ledger statement could finish. Under 16
-- concurrent pays on one account, that upsert took 0.15 ms in one run and 0.9-1.4 ms in the next,
-- as the pids fell (pg_stat_statements, bench checkout-pay).
--
-- Now each server process claims a shard of its own, the first of 32 whose session-level advisory
-- lock it can take, and keeps it for the life of its connection (the lock goes with the
-- connection). Only when all 32 are claimed does a process fall back to pid % 32.
CREATE FUNCTION ledger_sum_shard() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    claimed text := current_setting('comptoir.ledger_sum_shard', true);
BEGIN
    IF claimed IS NOT NULL AND claimed <> '' THEN
        RETURN claimed::int;
    END IF;
    -- A session's advisory locks are re-entrant: after a rolled-back transaction has undone the
    -- setting below, the loop takes the same shard again (or a lower one that has been freed).
    FOR shard IN 0..31 LOOP
        IF pg_try_advisory_lock(hashtext('comptoir.ledger_sum_shard'), shard) THEN
            PERFORM set_config('comptoir.ledger_sum_shard', shard::text, false);
            RETURN shard;
        END IF;
    END LOOP;
    RETURN pg_backend_pid() % 32;
END
$$;

CREATE OR REPLACE FUNCTION ledger_balance_sums_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_sums AS s (account, currency, bucket, source_type, shard, amount)
    SELECT account, currency, bucket, source_type, ledger_sum_shard(), sum(amount) FROM new_postings
    WHERE bucket IN ('pending', 'available')
    GROUP BY account, currency, bucket, source_type
    ORDER BY account, currency, bucket, source_type
    ON CONFLICT (account, currency, bucket, source_type, shard) DO UPDATE SET amount = s.amount + excluded.amount;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ledger_balance_sums_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_balance_sums AS s (account, currency, bucket, source_type, shard, amount)
    SELECT account, currency, bucket, source_type, ledger_sum_shard(), -sum(amount) FROM old_postings
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

CREATE OR REPLACE FUNCTION ledger_daily_volume_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ledger_daily_volume AS v (platform, connected, type, currency, day, shard, amount, count)
        SELECT coalesce(a.platform_id, a.id), a.platform_id IS NOT NULL, t.type, t.currency, floor(t.created / 86400.0)::bigint,
               ledger_sum_shard(), sum(coalesce(t.amount, 0)), count(*)
        FROM new_transactions t JOIN accounts a ON a.id = t.account
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (platform, connected, type, currency, day, shard)
            DO UPDATE SET amount = v.amount + excluded.amount, count = v.count + excluded.count;
    ELSE
        -- a deleted sandbox's purge: its transactions go before its accounts (SandboxPurge)
        INSERT INTO ledger_daily_volume AS v (platform, connected, type, currency, day, shard, amount, count)
        SELECT coalesce(a.platform_id, a.id), a.platform_id IS NOT NULL, t.type, t.currency, floor(t.created / 86400.0)::bigint,
               ledger_sum_shard(), -sum(coalesce(t.amount, 0)), -count(*)
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
