-- API tokens expire (expires_at, RFC 3339 UTC; NULL only for tokens made before this
-- migration) and carry a scope: 'write' (everything the taxpayer may do) or 'read' (GET only).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write';
