-- Industry benchmarks for the self-check (staff-maintained data, every change kept as a version).
-- Amounts are decimal text (ratios such as 0.0370); the self-check compares against them.
CREATE TABLE benchmarks (
    id                TEXT PRIMARY KEY,
    version           BIGINT NOT NULL,
    industry          TEXT NOT NULL,            -- GB/T 4754-2017 code, e.g. C34
    industry_name_zh  TEXT NOT NULL,
    industry_name_en  TEXT NOT NULL,
    indicator         TEXT NOT NULL,            -- a self-check indicator code
    average           TEXT,
    tolerance         TEXT,                     -- relative, e.g. 0.30 for ±30% around the average
    low               TEXT,
    high              TEXT,
    source            TEXT NOT NULL,
    indicative        BIGINT NOT NULL,          -- 1: indicative only (not an official figure)
    effective_from    TEXT NOT NULL,
    effective_to      TEXT,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL
);
CREATE INDEX benchmarks_by_industry ON benchmarks (industry, indicator);

CREATE TABLE benchmark_versions (
    id          TEXT NOT NULL REFERENCES benchmarks (id),
    version     BIGINT NOT NULL,
    data        TEXT NOT NULL,                  -- JSON of the benchmark as it was
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
