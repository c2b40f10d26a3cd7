-- Admins can disable a staff account: it can no longer sign in and its sessions end.
ALTER TABLE staff ADD COLUMN disabled_at TEXT;
