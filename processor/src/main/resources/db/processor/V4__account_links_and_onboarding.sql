-- Account links (fact sheet §4.1): single use, five minutes. The token is the link's secret.
CREATE TABLE account_links (
    token       text PRIMARY KEY,
    account_id  text    NOT NULL REFERENCES accounts (id),
    platform_id text    NOT NULL REFERENCES accounts (id),
    type        text    NOT NULL,
    collect     text    NOT NULL,
    refresh_url text    NOT NULL,
    return_url  text    NOT NULL,
    created     bigint  NOT NULL,
    expires_at  bigint  NOT NULL,
    used_at     bigint
);
CREATE INDEX account_links_account ON account_links (account_id);

-- Once a link exists, Stripe collects identity details from the holder: the platform's prefill ends.
ALTER TABLE accounts ADD COLUMN onboarding_started boolean NOT NULL DEFAULT false;

-- A hosted onboarding visit, bound to the browser by a cookie, opened by exactly one link.
CREATE TABLE onboarding_sessions (
    id             text PRIMARY KEY,
    account_id     text    NOT NULL REFERENCES accounts (id),
    platform_id    text    NOT NULL REFERENCES accounts (id),
    link_token     text    NOT NULL REFERENCES account_links (token),
    csrf           text    NOT NULL,
    phone_verified boolean NOT NULL DEFAULT false,
    created        bigint  NOT NULL,
    expires_at     bigint  NOT NULL
);

-- File contents (branding icons and logos); the file objects themselves are resources.
CREATE TABLE file_contents (
    id      text PRIMARY KEY,
    mime    text  NOT NULL,
    content bytea NOT NULL
);

-- Values Stripe never shows back (tax ids, id numbers, SSN digits): kept apart from the account
-- document, which only says that they were provided; read for test-mode verification.
ALTER TABLE accounts ADD COLUMN sensitive jsonb NOT NULL DEFAULT '{}';
