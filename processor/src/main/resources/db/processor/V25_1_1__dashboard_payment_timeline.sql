-- A payment's page in the platform Dashboard reads the charges of one PaymentIntent and the refunds
-- and disputes of one charge; these find them directly, however many an account holds.
CREATE INDEX resources_charges_by_intent ON resources (owner, (body ->> 'payment_intent')) WHERE object = 'charge';
CREATE INDEX resources_refunds_disputes_by_charge ON resources (owner, object, (body ->> 'charge')) WHERE object IN ('refund', 'dispute');
