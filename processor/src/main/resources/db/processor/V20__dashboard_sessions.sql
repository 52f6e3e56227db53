-- An Express dashboard visit, opened by one login link and bound to the browser by a cookie.
-- The session belongs to one connected account: every page and form acts on that account only.
CREATE TABLE dashboard_sessions (
    id         text PRIMARY KEY,
    account_id text   NOT NULL REFERENCES accounts (id),
    csrf       text   NOT NULL,
    created    bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX dashboard_sessions_account ON dashboard_sessions (account_id);
