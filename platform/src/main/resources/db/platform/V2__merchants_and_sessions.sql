-- One random key per installation, mixed into Idempotency-Keys sent to Stripe, so that a platform
-- database started afresh against an old Stripe account never replays another installation's keys.
CREATE TABLE installation (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    idempotency_key text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '')
);
INSERT INTO installation DEFAULT VALUES;

CREATE TABLE merchants (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash       text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX merchants_email ON merchants (lower(email));

CREATE TABLE operators (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX operators_email ON operators (lower(email));

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is kept here.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    merchant_id  bigint REFERENCES merchants ON DELETE CASCADE,
    operator_id  bigint REFERENCES operators ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    CHECK (merchant_id IS NULL OR operator_id IS NULL)
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_merchant ON sessions (merchant_id) WHERE merchant_id IS NOT NULL;

-- Every log-in attempt, to throttle guessing per e-mail and client address.
CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    realm        text        NOT NULL CHECK (realm IN ('merchant', 'operator')),
    email        text        NOT NULL,
    ip           text        NOT NULL,
    succeeded    boolean     NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_recent ON login_attempts (realm, email, ip, attempted_at DESC);
CREATE INDEX login_attempts_age ON login_attempts (attempted_at);

-- Password reset links: single use, short-lived, stored as hashes of the e-mailed token.
CREATE TABLE password_resets (
    token_hash  bytea PRIMARY KEY,
    merchant_id bigint      NOT NULL REFERENCES merchants ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_resets_merchant ON password_resets (merchant_id, created_at DESC);

-- E-mail goes out through this outbox, written in the same transaction as what caused it.
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
