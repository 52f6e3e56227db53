-- The log-in throttle also counts failures per client address across e-mails (spraying).
CREATE INDEX login_attempts_by_client ON login_attempts (realm, ip, attempted_at DESC);
