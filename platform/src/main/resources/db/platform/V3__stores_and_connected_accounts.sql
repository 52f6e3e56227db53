-- A merchant's store. account_id is the connected account, saved before the merchant is sent
-- anywhere, so a retried sign-up or onboarding start never makes a second account.
CREATE TABLE stores (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id        bigint      NOT NULL UNIQUE REFERENCES merchants ON DELETE CASCADE,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    slug               text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
    country            text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    currency           text        NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    brand_color        text        NOT NULL CHECK (brand_color ~ '^#[0-9a-f]{6}$'),
    logo               bytea,
    logo_type          text,
    logo_sha256        text,
    account_id         text UNIQUE,
    -- what Stripe last accepted as the account's branding, and why the last push failed, if it did
    logo_file_id       text,
    logo_file_sha256   text,
    branding_pushed_at timestamptz,
    branding_error     text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((logo IS NULL) = (logo_type IS NULL))
);

-- The connected account as Stripe last described it (retrieve, account.updated, reconciliation).
CREATE TABLE connected_accounts (
    account_id           text PRIMARY KEY,
    store_id             bigint      NOT NULL UNIQUE REFERENCES stores ON DELETE CASCADE,
    type                 text,
    details_submitted    boolean     NOT NULL,
    charges_enabled      boolean     NOT NULL,
    payouts_enabled      boolean     NOT NULL,
    currently_due        text[]      NOT NULL,
    past_due             text[]      NOT NULL,
    eventually_due       text[]      NOT NULL,
    pending_verification text[]      NOT NULL,
    errors               jsonb       NOT NULL DEFAULT '[]',
    current_deadline     timestamptz,
    disabled_reason      text,
    deauthorized         boolean     NOT NULL DEFAULT false,
    refreshed_at         timestamptz NOT NULL,
    refreshed_by         text        NOT NULL
);

-- Webhook endpoints this platform registered on the Stripe API itself (the embedded processor),
-- kept so that a restart reuses them instead of adding new ones.
CREATE TABLE registered_webhook_endpoints (
    purpose     text PRIMARY KEY CHECK (purpose IN ('platform', 'connect')),
    endpoint_id text        NOT NULL,
    secret      text        NOT NULL,
    url         text        NOT NULL,
    api_base    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Periodic jobs shared by every instance: whoever moves last_started_at forward runs the job.
CREATE TABLE scheduled_jobs (
    name            text PRIMARY KEY,
    last_started_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO scheduled_jobs (name) VALUES ('reconcile_accounts'), ('maintenance');
