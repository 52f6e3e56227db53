-- The platform's own account is a fully activated Stripe account. Before this version, a change
-- to it through the API (an external account, say) derived its requirements from the rules of
-- connected-account onboarding and switched off its charges and payouts. Put it back as it was made.
UPDATE resources r
SET body = r.body
    || '{"details_submitted": true, "charges_enabled": true, "payouts_enabled": true}'::jsonb
    || jsonb_build_object('requirements', jsonb_build_object(
           'alternatives', '[]'::jsonb, 'current_deadline', NULL, 'currently_due', '[]'::jsonb, 'disabled_reason', NULL,
           'errors', '[]'::jsonb, 'eventually_due', '[]'::jsonb, 'past_due', '[]'::jsonb, 'pending_verification', '[]'::jsonb))
FROM accounts a
WHERE a.id = r.id AND a.platform_id IS NULL AND r.object = 'account';
