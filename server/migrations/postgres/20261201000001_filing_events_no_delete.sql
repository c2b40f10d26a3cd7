-- Nothing to do on PostgreSQL: filing_events_append_only (20261130000001) already refuses
-- UPDATE and DELETE. This file keeps the version list the same as SQLite's, where this
-- migration adds the missing DELETE trigger on filing_events.
SELECT 1;
