-- The platform Dashboard's pages (Home, Payments, Connected accounts, the search box) read these
-- through indexes, so each page stays fast with 100,000 payments over 1,000 accounts.

-- Home: gross volume and application fees by day. A balance transaction's amount (its gross, before
-- fees) is kept beside its net, so the sums are read from the index alone, without the documents.
ALTER TABLE ledger_balance_transactions ADD COLUMN amount bigint;
UPDATE ledger_balance_transactions t SET amount = (r.body ->> 'amount')::bigint FROM resources r WHERE r.id = t.id;
CREATE INDEX ledger_bt_volume ON ledger_balance_transactions (account, type, created) INCLUDE (currency, amount);

-- Payments across every account of a platform, newest first, and by status.
CREATE INDEX resources_payment_intents ON resources (seq DESC) WHERE object = 'payment_intent';
CREATE INDEX resources_payment_intents_status ON resources ((body ->> 'status'), seq DESC) WHERE object = 'payment_intent';

-- A payment's timeline: the events its objects produced, by the id of the object they carry.
CREATE INDEX resources_event_object ON resources ((body #>> '{data,object,id}')) WHERE object = 'event';
