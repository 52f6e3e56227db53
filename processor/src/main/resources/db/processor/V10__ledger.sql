-- The money ledger (DESIGN: "Money is a double-entry ledger"). Every movement of money is one
-- journal entry whose postings sum to zero per currency. Balances are sums of postings, never a
-- running total kept in a row that every payment updates. BalanceTransaction, ApplicationFee,
-- Balance, Refund, Dispute and Payout are views (resources) over it.

CREATE TABLE ledger_entries (
    id         bigserial PRIMARY KEY,
    kind       text   NOT NULL,  -- charge, availability, refund, payout, payout_paid, dispute, ...
    source     text   NOT NULL,  -- the Stripe object that caused it (ch_, re_, fr_, dp_, po_, acct_ for availability)
    created_ms bigint NOT NULL   -- processor clock
);

-- A posting moves amount (signed, minor units) into one ledger account: a Stripe account's bucket
-- (account = acct_..., bucket pending | available), money outside the processor (account 'outside',
-- bucket card_networks | banks), the processor's fee revenue (account 'processor', bucket fees), or
-- a clearing account that holds money in flight (account 'clearing', bucket payouts_in_transit |
-- refunds_in_flight, ref = the payout or refund) and returns to zero when it lands.
CREATE TABLE ledger_postings (
    id                  bigserial PRIMARY KEY,
    entry_id            bigint NOT NULL REFERENCES ledger_entries (id),
    account             text   NOT NULL,
    bucket              text   NOT NULL,
    currency            text   NOT NULL,
    amount              bigint NOT NULL,
    source_type         text,  -- card | bank_account on a Stripe account's buckets (Balance.source_types)
    balance_transaction text,  -- the txn_ a Stripe account's posting belongs to
    ref                 text,  -- the po_/re_ a clearing posting belongs to
    CHECK ((bucket IN ('pending', 'available')) = (balance_transaction IS NOT NULL AND source_type IS NOT NULL)),
    CHECK ((account = 'clearing') = (ref IS NOT NULL))
);
CREATE INDEX ledger_postings_balance ON ledger_postings (account, currency, bucket) INCLUDE (amount, source_type);
CREATE INDEX ledger_postings_entry ON ledger_postings (entry_id);
CREATE INDEX ledger_postings_transaction ON ledger_postings (balance_transaction) WHERE balance_transaction IS NOT NULL;
CREATE INDEX ledger_postings_ref ON ledger_postings (ref) WHERE ref IS NOT NULL;

-- Append-only: a correction is a new entry, never an edit.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused; post a correcting entry instead', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- The working index of BalanceTransactions (the documents themselves are resources): what the
-- availability job releases, what an automatic payout sweeps, what ?payout= lists.
CREATE TABLE ledger_balance_transactions (
    id           text PRIMARY KEY,
    account      text   NOT NULL,
    currency     text   NOT NULL,
    source_type  text   NOT NULL,
    type         text   NOT NULL,
    source       text,
    net          bigint NOT NULL,
    status       text   NOT NULL CHECK (status IN ('pending', 'available')),
    available_on bigint NOT NULL, -- unix seconds
    payout       text,            -- the automatic payout that paid it out (its own payout BT included)
    created      bigint NOT NULL
);
CREATE INDEX ledger_bt_pending ON ledger_balance_transactions (account, available_on) WHERE status = 'pending';
CREATE INDEX ledger_bt_unswept ON ledger_balance_transactions (account, currency) WHERE status = 'available' AND payout IS NULL;
CREATE INDEX ledger_bt_payout ON ledger_balance_transactions (payout) WHERE payout IS NOT NULL;
CREATE INDEX ledger_bt_source ON ledger_balance_transactions (source);
-- A charge is booked once: a second charge or payment transaction for it is refused.
CREATE UNIQUE INDEX ledger_bt_one_per_charge ON ledger_balance_transactions (source) WHERE type IN ('charge', 'payment');

-- The fee model, as data (fact sheet §7.6). The connected account pays on direct charges.
-- A rule prices one payment method in one pricing region for one card origin:
--   fee = round_half_up(amount * percent_bps / 10000) + fixed, capped at cap (when set),
-- where fixed is fixed_minor of fixed_currency, restated in the charge currency through
-- ledger_fee_currency_units. Lookup: (region, method, origin), then (region, method, '*'),
-- then ('*', method, '*').
CREATE TABLE ledger_fee_rules (
    region            text    NOT NULL, -- US | EEA | GB | * (the account's country, through ledger_fee_regions)
    method            text    NOT NULL, -- card | sepa_debit | ideal | bancontact | eps | p24 | sofort | ...
    origin            text    NOT NULL, -- for cards: domestic | eea | gb | us | international; else *
    percent_bps       int     NOT NULL CHECK (percent_bps BETWEEN 0 AND 10000),
    fixed_minor       bigint  NOT NULL CHECK (fixed_minor >= 0),
    fixed_currency    text    NOT NULL,
    cap_minor         bigint  CHECK (cap_minor >= 0),
    dispute_fee_minor bigint  NOT NULL CHECK (dispute_fee_minor >= 0), -- in fixed_currency
    dispute_fee_returned_on_win boolean NOT NULL DEFAULT true, -- Stripe's test mode: a won dispute credits "the amount of the charge and related fees"
    PRIMARY KEY (region, method, origin)
);

-- Which pricing region a country (of an account, or of a card) belongs to.
CREATE TABLE ledger_fee_regions (
    country text PRIMARY KEY,
    region  text NOT NULL
);

-- Fixed fees are quoted in a region's currency; Stripe states them in the charge currency as round
-- amounts. units = minor units of the currency that stand for 100 minor units (one unit) of
-- usd/eur/gbp in a fixed fee. Not an exchange rate: the ledger converts nothing else.
CREATE TABLE ledger_fee_currency_units (
    currency text PRIMARY KEY,
    units    bigint NOT NULL CHECK (units > 0)
);

INSERT INTO ledger_fee_regions (country, region) VALUES
    ('US', 'US'), ('GB', 'GB'),
    ('AT', 'EEA'), ('BE', 'EEA'), ('BG', 'EEA'), ('HR', 'EEA'), ('CY', 'EEA'), ('CZ', 'EEA'), ('DK', 'EEA'),
    ('EE', 'EEA'), ('FI', 'EEA'), ('FR', 'EEA'), ('DE', 'EEA'), ('GR', 'EEA'), ('HU', 'EEA'), ('IE', 'EEA'),
    ('IT', 'EEA'), ('LV', 'EEA'), ('LI', 'EEA'), ('LT', 'EEA'), ('LU', 'EEA'), ('MT', 'EEA'), ('NL', 'EEA'),
    ('NO', 'EEA'), ('PL', 'EEA'), ('PT', 'EEA'), ('RO', 'EEA'), ('SK', 'EEA'), ('SI', 'EEA'), ('ES', 'EEA'),
    ('SE', 'EEA'), ('IS', 'EEA');

INSERT INTO ledger_fee_rules (region, method, origin, percent_bps, fixed_minor, fixed_currency, cap_minor, dispute_fee_minor) VALUES
    -- US: 2.9% + 30¢, international cards +1.5%, dispute $15
    ('US',  'card', 'domestic',      290, 30, 'usd', NULL, 1500),
    ('US',  'card', 'international', 440, 30, 'usd', NULL, 1500),
    ('US',  'us_bank_account', '*',   80,  0, 'usd',  500, 1500),
    -- EEA since April 2023: standard EEA cards 1.5% + €0.25, UK cards 2.5%, international 3.25%, dispute €20
    ('EEA', 'card', 'domestic',      150, 25, 'eur', NULL, 2000),
    ('EEA', 'card', 'gb',            250, 25, 'eur', NULL, 2000),
    ('EEA', 'card', 'international', 325, 25, 'eur', NULL, 2000),
    -- UK account: UK cards 1.5% + 20p, EEA cards 2.5%, international 3.25%
    ('GB',  'card', 'domestic',      150, 20, 'gbp', NULL, 2000),
    ('GB',  'card', 'eea',           250, 20, 'gbp', NULL, 2000),
    ('GB',  'card', 'international', 325, 20, 'gbp', NULL, 2000),
    -- Anywhere else: US-like card pricing
    ('*',   'card', '*',             290, 30, 'usd', NULL, 1500),
    -- European bank methods (third-party figures; fact sheet gap 5)
    ('*',   'sepa_debit', '*',         0, 35, 'eur', NULL, 1500),
    ('*',   'ideal',      '*',         0, 29, 'eur', NULL, 1500),
    ('*',   'bancontact', '*',       140, 25, 'eur', NULL, 1500),
    ('*',   'eps',        '*',       160, 25, 'eur', NULL, 1500),
    ('*',   'p24',        '*',       220, 30, 'eur', NULL, 1500),
    ('*',   'sofort',     '*',       140, 25, 'eur', NULL, 1500),
    -- UK businesses pay 1.5% more on EU bank methods since June 2024
    ('GB',  'sepa_debit', '*',       150, 35, 'eur', NULL, 1500),
    ('GB',  'ideal',      '*',       150, 29, 'eur', NULL, 1500),
    ('GB',  'bancontact', '*',       290, 25, 'eur', NULL, 1500),
    ('GB',  'eps',        '*',       310, 25, 'eur', NULL, 1500),
    ('GB',  'p24',        '*',       370, 30, 'eur', NULL, 1500),
    ('GB',  'sofort',     '*',       290, 25, 'eur', NULL, 1500);

INSERT INTO ledger_fee_currency_units (currency, units) VALUES
    ('usd', 100), ('eur', 100), ('gbp', 100), ('chf', 100), ('cad', 100), ('aud', 100), ('nzd', 100), ('sgd', 100),
    ('bgn', 200), ('pln', 400), ('ron', 450), ('brl', 500), ('aed', 400), ('myr', 450), ('hkd', 800),
    ('sek', 1000), ('nok', 1000), ('dkk', 700), ('mxn', 1700), ('czk', 2300), ('thb', 3500), ('inr', 8000),
    ('huf', 36000), ('isk', 13000), ('jpy', 150), ('krw', 1300), ('clp', 900), ('ugx', 3700), ('vnd', 24000),
    ('bhd', 400), ('jod', 700), ('kwd', 300), ('omr', 400), ('tnd', 3000);
