-- An object's history (UX-3): the activity log filtered to one resource (a
-- subscription, software purchase, reservation…), newest first, read from
-- its own index like the log's other filters (PERF-1).

-- +goose Up
CREATE INDEX idx_activity_resource_at_id ON activity_entries (partner_id, resource_id, at, id);

-- +goose Down
DROP INDEX idx_activity_resource_at_id;
