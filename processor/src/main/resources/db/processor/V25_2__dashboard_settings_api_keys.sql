-- Dashboard → Developers → API keys: a rolled key keeps working until expires_at_ms (wall-clock
-- Unix milliseconds; null: never expires), as Stripe's "roll key" lets the old one live for a
-- chosen while. Keys are found by their owner for the Dashboard's list.
ALTER TABLE api_keys ADD COLUMN expires_at_ms bigint;
CREATE INDEX api_keys_account ON api_keys (account_id, kind, created DESC);
