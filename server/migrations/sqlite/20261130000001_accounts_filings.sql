-- Accounts, sessions, API tokens, sign-in throttling, drafts and filings.
-- Times are RFC 3339 UTC text for people and integer Unix seconds where the code compares them.
CREATE TABLE taxpayers (
    id             TEXT PRIMARY KEY,          -- normalised 统一社会信用代码 or 居民身份证号码
    kind           TEXT NOT NULL CHECK (kind IN ('uscc', 'resident_id')),
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,             -- argon2id PHC string
    created_at     TEXT NOT NULL
);

CREATE TABLE sessions (
    token_sha256   TEXT PRIMARY KEY,          -- the cookie value is never stored
    taxpayer_id    TEXT NOT NULL REFERENCES taxpayers (id),
    created_unix   BIGINT NOT NULL,
    seen_unix      BIGINT NOT NULL
);
CREATE INDEX sessions_by_taxpayer ON sessions (taxpayer_id);

CREATE TABLE api_tokens (
    id             TEXT PRIMARY KEY,
    taxpayer_id    TEXT NOT NULL REFERENCES taxpayers (id),
    label          TEXT NOT NULL,
    token_sha256   TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    revoked_at     TEXT
);
CREATE INDEX api_tokens_by_taxpayer ON api_tokens (taxpayer_id);

CREATE TABLE sign_in_failures (
    subject        TEXT NOT NULL,             -- 'account:<id>' or 'address:<ip>'
    at_unix        BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at_unix);

CREATE TABLE drafts (
    taxpayer_id    TEXT NOT NULL REFERENCES taxpayers (id),
    kind           TEXT NOT NULL,
    period         TEXT NOT NULL,
    data           TEXT NOT NULL,             -- JSON, possibly incomplete
    supersedes     TEXT,                      -- a correction's filing id
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (taxpayer_id, kind, period)
);

CREATE TABLE filings (
    id                TEXT PRIMARY KEY,
    receipt_number    TEXT NOT NULL UNIQUE,
    taxpayer_id       TEXT NOT NULL REFERENCES taxpayers (id),
    kind              TEXT NOT NULL,
    period            TEXT NOT NULL,
    data              TEXT NOT NULL,          -- canonical JSON of the inputs
    result            TEXT NOT NULL,          -- canonical JSON of the computed result
    explanations      TEXT NOT NULL,          -- JSON array
    amount_due        TEXT NOT NULL,
    refund_due        TEXT NOT NULL,
    payment_deadline  TEXT NOT NULL,
    content_sha256    TEXT NOT NULL,
    engine_version    TEXT NOT NULL,
    submitted_at      TEXT NOT NULL,
    submitted_us      BIGINT NOT NULL,          -- microseconds, orders "newest first"
    supersedes        TEXT UNIQUE REFERENCES filings (id)
);
CREATE INDEX filings_by_taxpayer ON filings (taxpayer_id, submitted_us);
-- One original return per taxpayer, kind and period; corrections supersede it.
CREATE UNIQUE INDEX filings_one_original ON filings (taxpayer_id, kind, period) WHERE supersedes IS NULL;

CREATE TABLE filing_events (
    filing_id      TEXT NOT NULL REFERENCES filings (id),
    seq            BIGINT NOT NULL,
    at             TEXT NOT NULL,
    type           TEXT NOT NULL,
    detail         TEXT NOT NULL,
    PRIMARY KEY (filing_id, seq)
);

CREATE TABLE idempotency_keys (
    taxpayer_id     TEXT NOT NULL REFERENCES taxpayers (id),
    key             TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    filing_id       TEXT NOT NULL,            -- written just before its filing, same transaction
    created_at      TEXT NOT NULL,
    PRIMARY KEY (taxpayer_id, key)
);

-- A filing and its events are never changed: the database refuses it, not only the code.
CREATE TRIGGER filings_immutable BEFORE UPDATE ON filings
BEGIN SELECT RAISE(ABORT, 'filings are immutable'); END;
CREATE TRIGGER filings_undeletable BEFORE DELETE ON filings
BEGIN SELECT RAISE(ABORT, 'filings are immutable'); END;
CREATE TRIGGER filing_events_append_only BEFORE UPDATE ON filing_events
BEGIN SELECT RAISE(ABORT, 'filing events are append-only'); END;
