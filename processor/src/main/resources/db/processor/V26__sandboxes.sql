-- Sandboxes (issue #17): isolated platforms on demand. A sandbox is a platform account (accounts
-- row with platform_id null) with its own keys, objects, ledger and processor clock; everything
-- else is already scoped by that account. The processor's first platform is the default sandbox.
-- deleted_at set means its keys are gone and its rows are being removed in the background.
CREATE TABLE sandboxes (
    id             text PRIMARY KEY,
    account_id     text    NOT NULL UNIQUE,
    is_default     boolean NOT NULL DEFAULT false,
    name           text    NOT NULL,
    offset_seconds bigint  NOT NULL DEFAULT 0 CHECK (offset_seconds >= 0),
    created        bigint  NOT NULL,
    last_used      bigint  NOT NULL,
    deleted_at     bigint,
    seq            bigserial UNIQUE
);
CREATE UNIQUE INDEX sandboxes_one_default ON sandboxes (is_default) WHERE is_default;
CREATE INDEX sandboxes_deleting ON sandboxes (deleted_at) WHERE deleted_at IS NOT NULL;

-- An existing processor's first platform becomes the default sandbox and keeps its clock offset;
-- on a fresh database the processor makes the row when it makes the platform account.
INSERT INTO sandboxes (id, account_id, is_default, name, offset_seconds, created, last_used)
SELECT 'sbx_' || substr(md5(random()::text || a.id), 1, 24), a.id, true, 'Default sandbox',
       (SELECT offset_seconds FROM clock), a.created, a.created
FROM accounts a WHERE a.platform_id IS NULL ORDER BY a.created, a.id LIMIT 1;
-- Webhook deliveries are timed in real time from now on (a sandbox's advance moves its own pending
-- ones earlier), so pending ones written on the old shared clock are brought back to real time.
UPDATE webhook_deliveries SET next_attempt_ms = next_attempt_ms - (SELECT offset_seconds FROM clock) * 1000,
                              first_due_ms = first_due_ms - (SELECT offset_seconds FROM clock) * 1000
WHERE status = 'pending';
DROP TABLE clock;

-- Due work runs on its sandbox's clock: each job names the sandbox (its platform account id).
ALTER TABLE jobs ADD COLUMN sandbox text;
UPDATE jobs SET sandbox = (SELECT account_id FROM sandboxes WHERE is_default);
DELETE FROM jobs WHERE sandbox IS NULL;
ALTER TABLE jobs ALTER COLUMN sandbox SET NOT NULL;
DROP INDEX jobs_due;
CREATE INDEX jobs_sandbox_due ON jobs (sandbox, run_at_ms, id);
