-- Two-step sign-in (TOTP, RFC 6238) for taxpayers and staff, its one-time recovery codes, and
-- what a session list shows about each session (the browser and the address it started from).
CREATE TABLE second_factors (
    realm        TEXT NOT NULL CHECK (realm IN ('taxpayer', 'staff')),
    holder       TEXT NOT NULL,             -- taxpayer id or staff username
    secret       TEXT NOT NULL,             -- base32 TOTP key
    confirmed    BIGINT NOT NULL DEFAULT 0, -- 1 once a code from the app was accepted
    last_step    BIGINT NOT NULL DEFAULT 0, -- the last 30-second step used: a code works once
    created_at   TEXT NOT NULL,
    PRIMARY KEY (realm, holder)
);

CREATE TABLE recovery_codes (
    realm        TEXT NOT NULL,
    holder       TEXT NOT NULL,
    code_sha256  TEXT NOT NULL,
    used_at      TEXT,
    PRIMARY KEY (realm, holder, code_sha256)
);

-- New recovery codes wait here to be shown once, to the session that made them.
CREATE TABLE recovery_codes_to_show (
    session_sha256  TEXT PRIMARY KEY,
    codes           TEXT NOT NULL,
    created_unix    BIGINT NOT NULL
);

ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE staff_sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE staff_sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
