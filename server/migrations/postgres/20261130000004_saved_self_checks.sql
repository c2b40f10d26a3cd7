-- Self-checks a signed-in taxpayer saved: what was typed and what the indicators said then.
CREATE TABLE saved_self_checks (
    id           TEXT PRIMARY KEY,
    taxpayer_id  TEXT NOT NULL,
    label        TEXT NOT NULL,
    industry     TEXT NOT NULL,
    request      TEXT NOT NULL,   -- JSON: {"industry","current","base"} as sent
    result       TEXT NOT NULL,   -- JSON: {"indicators": [...]} (language-neutral codes and values)
    flagged      BIGINT NOT NULL, -- indicators with status attention or high
    created_at   TEXT NOT NULL,
    created_us   BIGINT NOT NULL
);
CREATE INDEX saved_self_checks_by_taxpayer ON saved_self_checks (taxpayer_id, created_us);
