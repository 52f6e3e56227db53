-- Refunds and disputes of a paid storefront order, as Stripe reports them on the store's connected
-- account (charge.refunded, charge.refund.updated, charge.dispute.*). The order keeps the charge's
-- cumulative amount_refunded as Stripe last reported it: it goes down again when a refund fails.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'awaiting_payment', 'paid', 'payment_failed', 'expired', 'partially_refunded', 'refunded'));
ALTER TABLE orders
    ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded BETWEEN 0 AND amount_total),
    ADD COLUMN dispute_id      text,
    ADD COLUMN dispute_status  text,
    ADD COLUMN dispute_amount  bigint,
    ADD COLUMN dispute_reason  text;
-- what refund and dispute events find an order by
CREATE INDEX orders_payment_intent ON orders (payment_intent_id) WHERE payment_intent_id IS NOT NULL;

-- Each refund Stripe reported for an order, as last read back. mailed_at is set once, in the
-- transaction that queues the customer's e-mail, so a replayed event never sends a second one.
CREATE TABLE order_refunds (
    refund_id  text        PRIMARY KEY,
    order_id   bigint      NOT NULL REFERENCES orders ON DELETE CASCADE,
    amount     bigint      NOT NULL CHECK (amount > 0),
    currency   text        NOT NULL,
    status     text        NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    mailed_at  timestamptz
);
CREATE INDEX order_refunds_order ON order_refunds (order_id, created_at);
