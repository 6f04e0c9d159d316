-- Four indexes on subscriptions hold only the rows their lists can read:
-- the trials' ends (the home page's trials ending, the lifecycle's trials
-- due) and the suspended subscriptions' retention ends (the home page's
-- deletions coming, the lifecycle's deletions due). Every statement that
-- reads them compares that time, which no NULL passes, so the rows without
-- one (most subscriptions: every one bought without a trial and never
-- suspended) are left out, and a purchase no longer writes these four.
-- The recent automatic changes' index on the activity log holds only the
-- entries without a user (the lifecycle's, a download link's), the only
-- ones its statement reads: an entry a user made, three in a checkout, no
-- longer writes it.

-- +goose Up
DROP INDEX idx_subs_dash_trial;
DROP INDEX idx_subs_dash_retention;
DROP INDEX idx_subs_due_trial;
DROP INDEX idx_subs_due_retention;
DROP INDEX idx_activity_dash_automatic;
CREATE INDEX idx_subs_dash_trial ON subscriptions (partner_id, status, bought_directly, trial_end, id) WHERE trial_end IS NOT NULL;
CREATE INDEX idx_subs_dash_retention ON subscriptions (partner_id, status, bought_directly, retention_end, id) WHERE retention_end IS NOT NULL;
CREATE INDEX idx_subs_due_trial ON subscriptions (status, bought_directly, parent_id, trial_end, id) WHERE trial_end IS NOT NULL;
CREATE INDEX idx_subs_due_retention ON subscriptions (status, bought_directly, parent_id, retention_end, id) WHERE retention_end IS NOT NULL;
CREATE INDEX idx_activity_dash_automatic ON activity_entries (partner_id, actor_id, action, at, id) WHERE actor_id = '';

-- +goose Down
DROP INDEX idx_subs_dash_trial;
DROP INDEX idx_subs_dash_retention;
DROP INDEX idx_subs_due_trial;
DROP INDEX idx_subs_due_retention;
DROP INDEX idx_activity_dash_automatic;
CREATE INDEX idx_subs_dash_trial ON subscriptions (partner_id, status, bought_directly, trial_end, id);
CREATE INDEX idx_subs_dash_retention ON subscriptions (partner_id, status, bought_directly, retention_end, id);
CREATE INDEX idx_subs_due_trial ON subscriptions (status, bought_directly, parent_id, trial_end, id);
CREATE INDEX idx_subs_due_retention ON subscriptions (status, bought_directly, parent_id, retention_end, id);
CREATE INDEX idx_activity_dash_automatic ON activity_entries (partner_id, actor_id, action, at, id);
