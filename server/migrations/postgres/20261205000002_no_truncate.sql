-- The records that must never be lost refuse TRUNCATE as they refuse DELETE (row triggers do
-- not fire on TRUNCATE): filings, their events and the audit log.
CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% cannot be truncated: its rows are permanent records', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER filings_no_truncate BEFORE TRUNCATE ON filings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER filing_events_no_truncate BEFORE TRUNCATE ON filing_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
