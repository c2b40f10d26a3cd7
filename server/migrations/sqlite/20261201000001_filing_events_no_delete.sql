-- Filing events are append-only: deleting one is refused as well as changing one. PostgreSQL's
-- filing_events_append_only fires BEFORE UPDATE OR DELETE; SQLite only had the UPDATE half
-- (tests/migration_parity.rs now compares the triggers of both migration sets).
CREATE TRIGGER filing_events_undeletable BEFORE DELETE ON filing_events
BEGIN SELECT RAISE(ABORT, 'filing events are append-only'); END;
