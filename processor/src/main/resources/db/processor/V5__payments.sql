-- What a test payment method does when charged (a known test card number, or a bank account's
-- IBAN): kept apart from the PaymentMethod object, which never shows it. Arbitrary card numbers are
-- not kept; only the country their behaviour depends on.
CREATE TABLE payment_method_instruments (
    id         text PRIMARY KEY,
    instrument text NOT NULL
);

-- Links that the processor's hosted pages act on: 3-D Secure challenges and bank redirects for a
-- PaymentIntent, and checkout sessions' form tokens. Never rendered.
CREATE TABLE payment_actions (
    token          text PRIMARY KEY,
    account_id     text   NOT NULL,
    platform_id    text   NOT NULL,
    payment_intent text   NOT NULL,
    kind           text   NOT NULL,
    return_url     text,
    created        bigint NOT NULL,
    used_at        bigint
);
CREATE INDEX payment_actions_intent ON payment_actions (payment_intent);

CREATE TABLE checkout_session_private (
    id          text PRIMARY KEY,
    account_id  text NOT NULL,
    platform_id text NOT NULL,
    form_token  text NOT NULL,
    payment_intent text
);
CREATE INDEX checkout_session_private_intent ON checkout_session_private (payment_intent);

ALTER TABLE checkout_session_private ADD COLUMN line_items jsonb NOT NULL DEFAULT '[]';
ALTER TABLE checkout_session_private ADD COLUMN payment_intent_data jsonb NOT NULL DEFAULT '{}';
