-- The steps an onboarding session showed on its first page, so its step list keeps the ones
-- already done (they stop being due as the holder answers them) until the last page.
ALTER TABLE onboarding_sessions ADD COLUMN steps text[] NOT NULL DEFAULT '{}';
