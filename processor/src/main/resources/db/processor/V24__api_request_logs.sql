-- Developers → Logs in the platform's Dashboard: one row per API request a platform's key made,
-- written off the request's path by a batching writer (logs.RequestLog). Parameters are kept
-- with secrets and card numbers redacted; the response body is kept as answered, cut to a bound.
-- Bounded by count and by age: the writer deletes the oldest rows past either bound.
CREATE TABLE api_request_logs (
    id              bigserial PRIMARY KEY,
    platform_id     text    NOT NULL,
    account_id      text    NOT NULL,
    request_id      text    NOT NULL,
    method          text    NOT NULL,
    path            text    NOT NULL,
    status          int     NOT NULL,
    stripe_account  text,
    idempotency_key text,
    duration_ms     int     NOT NULL,
    created_ms      bigint  NOT NULL,
    params          text    NOT NULL,
    response        text    NOT NULL
);
CREATE INDEX api_request_logs_platform ON api_request_logs (platform_id, id DESC);
CREATE INDEX api_request_logs_request ON api_request_logs (request_id);
CREATE INDEX api_request_logs_age ON api_request_logs (created_ms);
