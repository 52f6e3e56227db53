-- Settings → Logs in the platform's Dashboard: how much the request log keeps, once set there.
-- One row for the whole processor database, as the log is pruned as one table; without it the
-- retention the processor was started with applies. Every instance's writer reads it as it prunes.
CREATE TABLE request_log_retention (
    singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    max_requests     int    NOT NULL CHECK (max_requests >= 1),
    max_age_seconds  bigint NOT NULL CHECK (max_age_seconds >= 1)
);
