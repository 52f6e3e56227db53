-- A customer's order on a storefront. It is written before the Checkout Session is created on the
-- store's connected account, so the session can name it (client_reference_id, metadata[order]),
-- and it moves only on what Stripe reports (webhooks, or reconciliation reading the session), never
-- on the browser's return. Amounts are minor units of currency.
CREATE TABLE orders (
    id                            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- what the customer's order page is reached by: unguessable, never the id
    public_id                     text        NOT NULL UNIQUE,
    store_id                      bigint      NOT NULL REFERENCES stores,
    merchant_id                   bigint      NOT NULL REFERENCES merchants,
    -- the connected account the session is created on; events for the order must come from it
    account_id                    text        NOT NULL,
    -- the storefront form's one-time token: the same form posted twice is the same order
    form_token                    text,
    status                        text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'awaiting_payment', 'paid', 'payment_failed', 'expired')),
    currency                      text        NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    amount_total                  bigint      NOT NULL CHECK (amount_total BETWEEN 1 AND 99999999),
    application_fee_amount        bigint      NOT NULL CHECK (application_fee_amount BETWEEN 0 AND amount_total),
    -- the fee rule the application fee was computed with, kept for the record
    fee_percent_bps               int         NOT NULL,
    fee_fixed_amount              bigint      NOT NULL,
    checkout_session_id           text UNIQUE,
    checkout_url                  text,
    checkout_error                text,
    customer_email                text,
    payment_intent_id             text,
    -- what Stripe reported, and what disagreed with the order's own numbers, if anything
    stripe_amount_total           bigint,
    stripe_currency               text,
    stripe_application_fee_amount bigint,
    discrepancy                   text,
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    paid_at                       timestamptz,
    UNIQUE (store_id, form_token)
);
CREATE INDEX orders_store_newest ON orders (store_id, created_at DESC, id DESC);
-- what reconciliation looks at: orders still waiting to hear from Stripe
CREATE INDEX orders_unsettled ON orders (created_at) WHERE status IN ('pending', 'awaiting_payment') AND checkout_session_id IS NOT NULL;

-- One line per product: the price as it was charged, whatever the product costs later.
CREATE TABLE order_lines (
    order_id        bigint NOT NULL REFERENCES orders ON DELETE CASCADE,
    line_number     int    NOT NULL,
    product_id      bigint NOT NULL REFERENCES products,
    product_name    text   NOT NULL,
    stripe_price_id text   NOT NULL,
    unit_amount     bigint NOT NULL CHECK (unit_amount BETWEEN 0 AND 99999999),
    quantity        int    NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    amount          bigint NOT NULL CHECK (amount = unit_amount * quantity),
    currency        text   NOT NULL,
    PRIMARY KEY (order_id, line_number)
);

-- Every status change with what caused it: a webhook event id, or reconciliation.
CREATE TABLE order_transitions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint      NOT NULL REFERENCES orders ON DELETE CASCADE,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    source      text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_transitions_order ON order_transitions (order_id, id);

INSERT INTO scheduled_jobs (name) VALUES ('reconcile_orders');
