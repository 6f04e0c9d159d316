-- PostgreSQL's migration 00002 makes the customer list's sort key and the
-- search terms compare by code point. SQLite's default collation (BINARY)
-- already does: nothing to change, the version is kept in step.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
