-- A storefront visitor's cart: quantities per product, kept with their session (an anonymous
-- session is made on the first storefront page), so they follow the customer from the store page
-- to a product page and back. Gone with the session, or once the customer's order is paid.
CREATE TABLE cart_lines (
    session_token_hash bytea   NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
    store_id           bigint  NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    product_id         bigint  NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity           integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_token_hash, product_id)
);
CREATE INDEX cart_lines_store ON cart_lines (session_token_hash, store_id);

-- A product's picture, uploaded by the merchant and served by the platform at a public address,
-- which is what Stripe's Product.images holds (URLs, fetched by Stripe and shown in Checkout).
CREATE TABLE product_images (
    product_id   bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    content_type text   NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    bytes        bytea  NOT NULL,
    sha256       text   NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
