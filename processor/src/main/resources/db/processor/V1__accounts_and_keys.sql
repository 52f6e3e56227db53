-- Every Stripe object the processor stores is a JSON document owned by exactly one account.
-- Lookups always name the owner, so one account can never read another's objects (DESIGN: tenancy).
-- seq orders lists newest first and makes cursors stable within one second.
CREATE TABLE resources (
    id      text PRIMARY KEY,
    owner   text   NOT NULL,
    object  text   NOT NULL,
    seq     bigserial UNIQUE,
    created bigint NOT NULL,
    body    jsonb  NOT NULL
);
CREATE INDEX resources_owner_object_seq ON resources (owner, object, seq DESC);

-- Stripe accounts: the platform's own (platform_id null) and its connected accounts.
CREATE TABLE accounts (
    id          text PRIMARY KEY,
    platform_id text REFERENCES accounts (id),
    deleted     boolean NOT NULL DEFAULT false,
    created     bigint NOT NULL
);
CREATE INDEX accounts_platform ON accounts (platform_id);

CREATE TABLE api_keys (
    secret     text PRIMARY KEY,
    account_id text    NOT NULL REFERENCES accounts (id),
    kind       text    NOT NULL CHECK (kind IN ('secret', 'publishable')),
    created    bigint  NOT NULL
);

-- The processor clock: real time plus a test offset, shared by every instance on this database.
CREATE TABLE clock (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    offset_seconds bigint NOT NULL DEFAULT 0
);
INSERT INTO clock DEFAULT VALUES;

-- Idempotency-Key replays (fact sheet §1.5): the first response to a POST, kept 24 hours and
-- written in the same transaction as the request's own writes.
CREATE TABLE idempotency_keys (
    scope        text   NOT NULL,
    key          text   NOT NULL,
    request_hash text   NOT NULL,
    status       int    NOT NULL,
    body         text   NOT NULL,
    created      bigint NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created);
