-- Facts about this installation (schema owner, first start). Later migrations add the
-- domain tables (taxpayers, sessions, drafts, filings, guidance, …).
CREATE TABLE instance (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    created_at  TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
INSERT INTO instance (id) VALUES (1);
