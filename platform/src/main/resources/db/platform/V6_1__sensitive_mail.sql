-- A message that carries a secret (a password-reset link) keeps a redacted copy beside its body:
-- the operator area shows only the copy, and sending replaces the body with it, so the secret
-- lives in the database only while the message waits to be sent.
ALTER TABLE mail_outbox ADD COLUMN redacted_body text;
