-- Products live on the connected account as Stripe Products; this is the platform's copy and the
-- record of what still has to reach Stripe. revision counts edits; synced_revision is the last
-- one Stripe has.
CREATE TABLE products (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id          bigint      NOT NULL REFERENCES stores ON DELETE CASCADE,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 250),
    description       text        NOT NULL DEFAULT '',
    image_url         text,
    active            boolean     NOT NULL DEFAULT true,
    stripe_product_id text UNIQUE,
    revision          int         NOT NULL DEFAULT 1,
    synced_revision   int         NOT NULL DEFAULT 0,
    sync_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_store ON products (store_id, id);

-- Stripe Prices are immutable: a new amount is a new price, and the old one is archived.
CREATE TABLE product_prices (
    product_id      bigint      NOT NULL REFERENCES products ON DELETE CASCADE,
    number          int         NOT NULL,
    unit_amount     bigint      NOT NULL CHECK (unit_amount BETWEEN 0 AND 99999999),
    currency        text        NOT NULL,
    stripe_price_id text UNIQUE,
    archived        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, number)
);

-- A merchant's own platform fee in one currency, set by an operator; the default schedule applies otherwise.
CREATE TABLE fee_overrides (
    store_id           bigint      NOT NULL REFERENCES stores ON DELETE CASCADE,
    currency           text        NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    percent_bps        int         NOT NULL CHECK (percent_bps BETWEEN 0 AND 10000),
    fixed_amount       bigint      NOT NULL CHECK (fixed_amount BETWEEN 0 AND 99999999),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         bigint REFERENCES operators,
    PRIMARY KEY (store_id, currency)
);
