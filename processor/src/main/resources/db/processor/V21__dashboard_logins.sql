-- The Dashboard login of a Standard account's holder: the e-mail and password they chose during
-- hosted onboarding (on Stripe, the login to dashboard.stripe.com). One per account; an e-mail
-- signs in to one account only, so it is unique, kept lower-cased. Only an Argon2id hash of the
-- password is kept (a PHC string carrying its own salt and cost).
CREATE TABLE dashboard_logins (
    account_id    text PRIMARY KEY REFERENCES accounts (id),
    email         text   NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash text   NOT NULL,
    created       bigint NOT NULL
);

-- Failed sign-ins at /dashboard/login, by e-mail as typed (lower-cased), on the processor clock:
-- after a few within a window further attempts for that e-mail are refused for a while. Rows
-- older than the window are of no further use and are deleted as new failures come in.
CREATE TABLE dashboard_sign_in_failures (
    email     text   NOT NULL,
    failed_at bigint NOT NULL
);
CREATE INDEX dashboard_sign_in_failures_email ON dashboard_sign_in_failures (email, failed_at);
CREATE INDEX dashboard_sign_in_failures_age ON dashboard_sign_in_failures (failed_at);
