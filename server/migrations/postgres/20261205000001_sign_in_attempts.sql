-- A sign-in attempt is counted before its password is checked (so parallel attempts cannot all
-- pass the limit); `attempt` names the rows of one attempt, forgotten again when it succeeds.
ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT;
