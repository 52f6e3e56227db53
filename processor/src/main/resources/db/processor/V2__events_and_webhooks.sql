-- Events live in resources (object 'event', owned by the account they happened on), so that
-- GET /v1/events lists and pages like every other object.
CREATE INDEX resources_event_type ON resources (owner, (body ->> 'type'), seq DESC) WHERE object = 'event';

-- Webhook endpoints: columns, because every published event is matched against them.
CREATE TABLE webhook_endpoints (
    id             text PRIMARY KEY,
    owner          text    NOT NULL,
    url            text    NOT NULL,
    connect        boolean NOT NULL,
    enabled_events text[]  NOT NULL,
    api_version    text    NOT NULL,
    description    text,
    metadata       jsonb   NOT NULL DEFAULT '{}',
    status         text    NOT NULL CHECK (status IN ('enabled', 'disabled')),
    secret         text    NOT NULL,
    created        bigint  NOT NULL,
    seq            bigserial UNIQUE,
    deleted        boolean NOT NULL DEFAULT false
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner) WHERE NOT deleted;

-- The outbox: one delivery per (event, endpoint), written in the transaction of the change.
-- next_attempt_ms is on the processor clock; a worker claims a due delivery by moving it a lease
-- ahead, so one attempt is made by one worker, and a worker that dies leaves it to be retried.
CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    event_id        text   NOT NULL,
    endpoint_id     text   NOT NULL REFERENCES webhook_endpoints (id),
    status          text   NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        int    NOT NULL DEFAULT 0,
    first_due_ms    bigint NOT NULL,
    next_attempt_ms bigint NOT NULL,
    committed_at_ms bigint NOT NULL,
    delivered_at_ms bigint
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_ms) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
    id            bigserial PRIMARY KEY,
    delivery_id   bigint  NOT NULL REFERENCES webhook_deliveries (id),
    attempted_at  bigint  NOT NULL,
    http_status   int,
    latency_ms    int     NOT NULL,
    response      text,
    error         text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);

-- Due work on the processor clock (expiry, settlement, availability, payouts): a job runs in a
-- transaction that also deletes it, so its effects happen exactly once across instances.
CREATE TABLE jobs (
    id       bigserial PRIMARY KEY,
    kind     text   NOT NULL,
    ref      text   NOT NULL,
    run_at_ms bigint NOT NULL,
    attempts int    NOT NULL DEFAULT 0,
    last_error text,
    UNIQUE (kind, ref)
);
CREATE INDEX jobs_due ON jobs (run_at_ms);
