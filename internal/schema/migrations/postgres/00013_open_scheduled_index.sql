-- The home page's scheduled cancellations (DASH-1, PERF-6) are the open
-- subscriptions (active or trial) whose cancellation is scheduled. A
-- cancellation carried out keeps its flag, so the (partner, flag, term
-- end, id) index of 00006 also holds every subscription already cancelled
-- that way, at the head of the list's order: after a month's end the list
-- read thousands of them, each from its row, before its first open one.
-- This partial index holds the open ones only, in the list's order.

-- +goose Up
CREATE INDEX idx_subs_dash_scheduled_open ON subscriptions (partner_id, bought_directly, term_end, id)
WHERE cancel_at_term_end AND status IN ('active', 'trial');

-- +goose Down
DROP INDEX idx_subs_dash_scheduled_open;
