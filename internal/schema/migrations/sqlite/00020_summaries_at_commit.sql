-- On PostgreSQL the triggers of the summaries that subscriptions and
-- invoices add to run at commit, so a partner's summary row stays locked
-- only while a transaction commits (see the postgres folder's 00020). SQLite writes one transaction at a
-- time: its triggers lock nothing another writer waits for, and stay as
-- they are. The version is kept in step with PostgreSQL's (OPS-2).

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
