-- Nothing to do on SQLite: it has no TRUNCATE, and `DELETE FROM t` fires the DELETE triggers
-- that already refuse it. On PostgreSQL this migration makes filings, filing_events and
-- audit_log refuse TRUNCATE; this file keeps the version list the same.
SELECT 1;
