-- Express dashboard login links (POST /v1/accounts/{account}/login_links): single use, valid for
-- five minutes on the processor clock, like account links. Only a SHA-256 of the token is kept,
-- so the table alone does not open anyone's dashboard.
CREATE TABLE login_links (
    token_sha256 text   PRIMARY KEY,
    account_id   text   NOT NULL REFERENCES accounts (id),
    created      bigint NOT NULL,
    expires_at   bigint NOT NULL,
    used_at      bigint
);
CREATE INDEX login_links_account ON login_links (account_id, expires_at);

-- When each capability was requested through /v1/accounts/{account}/capabilities/{capability}
-- (the capability object's requested_at). The status itself lives in the account document.
CREATE TABLE capability_requests (
    account_id   text   NOT NULL REFERENCES accounts (id),
    name         text   NOT NULL,
    requested_at bigint NOT NULL,
    PRIMARY KEY (account_id, name)
);
