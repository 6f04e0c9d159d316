-- The recent automatic changes' partial index (migration 21) drops the
-- actor from its columns: every row it holds has the same one (none), and
-- PostgreSQL, which leaves out of an index's search a condition the
-- index's own WHERE implies, then read the partner's whole part of the
-- index for each action (a third of a second a statement on the
-- partner-scale data) instead of the action's range in time order.

-- +goose Up
DROP INDEX idx_activity_dash_automatic;
CREATE INDEX idx_activity_dash_automatic ON activity_entries (partner_id, action, at, id) WHERE actor_id = '';

-- +goose Down
DROP INDEX idx_activity_dash_automatic;
CREATE INDEX idx_activity_dash_automatic ON activity_entries (partner_id, actor_id, action, at, id) WHERE actor_id = '';
