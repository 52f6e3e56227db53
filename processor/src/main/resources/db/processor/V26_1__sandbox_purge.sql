-- A deleted sandbox's rows are removed in the background (SandboxCleanup), its ledger included:
-- whole entries at a time, so every entry left still balances and the auditor's checks over the
-- whole processor hold. The ledger stays append-only for everything else: only a transaction that
-- says it is purging a deleted sandbox (SET LOCAL comptoir.purge_sandbox = 'on') may delete.
CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('comptoir.purge_sandbox', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the ledger is append-only: % on % refused; post a correcting entry instead', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
