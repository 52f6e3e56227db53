-- Webhook intake: every Stripe event the platform has accepted, by event id, so a repeated
-- delivery is recognised and handled once (Stripe delivers at least once).
CREATE TABLE received_events (
    id          text PRIMARY KEY,
    type        text        NOT NULL,
    account     text,
    received_at timestamptz NOT NULL DEFAULT now()
);
