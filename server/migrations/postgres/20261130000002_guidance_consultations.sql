-- Staff accounts and their sessions, guidance articles with every version, consultations with
-- their replies, the audit log, and the search index's generation (so that every process
-- rebuilds its in-memory index when any of them publishes or archives).
CREATE TABLE staff (
    username       TEXT PRIMARY KEY,          -- lower case
    role           TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
    password_hash  TEXT NOT NULL,             -- argon2id PHC string
    created_at     TEXT NOT NULL
);

CREATE TABLE staff_sessions (
    token_sha256   TEXT PRIMARY KEY,
    username       TEXT NOT NULL REFERENCES staff (username),
    created_unix   BIGINT NOT NULL,
    seen_unix      BIGINT NOT NULL
);

CREATE TABLE articles (
    slug               TEXT PRIMARY KEY,
    status             TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
    current_version    BIGINT NOT NULL,       -- the latest version (what staff edit)
    published_version  BIGINT,                -- what the public sees (NULL: nothing public)
    published_at       TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    faq_of             TEXT                   -- the consultation a FAQ was made from
);

CREATE TABLE article_versions (
    slug            TEXT NOT NULL REFERENCES articles (slug),
    version         BIGINT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('interpretation', 'guide', 'faq', 'notice')),
    tax_types       TEXT NOT NULL,            -- JSON array
    title_zh        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    markdown_zh     TEXT NOT NULL,
    markdown_en     TEXT NOT NULL,
    html_zh         TEXT NOT NULL,            -- rendered and sanitized when the version is written
    html_en         TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    effective_to    TEXT,
    refs            TEXT NOT NULL,            -- JSON array of legal references
    change_note     TEXT NOT NULL,
    author          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (slug, version)
);

CREATE TABLE consultations (
    id             TEXT PRIMARY KEY,
    taxpayer_id    TEXT NOT NULL REFERENCES taxpayers (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    tax_type       TEXT NOT NULL,
    filing_id      TEXT REFERENCES filings (id),
    status         TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'answered', 'closed')),
    assignee       TEXT REFERENCES staff (username),
    created_at     TEXT NOT NULL,
    created_us     BIGINT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX consultations_by_taxpayer ON consultations (taxpayer_id, created_us);
CREATE INDEX consultations_by_status ON consultations (status, created_us);

CREATE TABLE consultation_replies (
    consultation_id  TEXT NOT NULL REFERENCES consultations (id),
    seq              BIGINT NOT NULL,
    author           TEXT NOT NULL REFERENCES staff (username),
    body             TEXT NOT NULL,
    at               TEXT NOT NULL,
    PRIMARY KEY (consultation_id, seq)
);

CREATE TABLE audit_log (
    seq        BIGINT NOT NULL,               -- microseconds since the epoch, then a tie-break
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,                 -- staff username
    action     TEXT NOT NULL,
    object     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    address    TEXT NOT NULL
);
CREATE INDEX audit_log_by_seq ON audit_log (seq);

-- What someone typed into a form the server refused (a long article or question must not be
-- lost to a validation error); one per owner and form, replaced by the next refusal.
CREATE TABLE form_stash (
    owner      TEXT NOT NULL,                 -- 'staff:<username>' or 'taxpayer:<id>'
    form       TEXT NOT NULL,                 -- 'article:new', 'article:<slug>', 'consultation'
    data       TEXT NOT NULL,                 -- JSON
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (owner, form)
);

CREATE TABLE search_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  BIGINT NOT NULL
);
INSERT INTO search_generation (id, generation) VALUES (1, 0);

-- The audit log and article versions are append-only.
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'append-only table'; END; $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER article_versions_immutable BEFORE UPDATE OR DELETE ON article_versions
FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
