-- The lifecycle engine (LIFE-1) takes what fell due in batches, parents
-- before add-ons, earliest first. The (status, time) indexes of 00001 gave
-- it every due subscription, each read from its row and sorted, for each
-- batch: at a month's end, when every monthly subscription renews at the
-- same midnight, each batch of 200 sorted half a million rows. These
-- indexes hold the batch's order after its equalities (status, bought
-- directly, parent or add-on), so a batch reads its own rows only.

-- +goose Up
DROP INDEX idx_subs_status_term;
DROP INDEX idx_subs_status_trial;
DROP INDEX idx_subs_status_retention;
CREATE INDEX idx_subs_due_term ON subscriptions (status, bought_directly, parent_id, term_end, id);
CREATE INDEX idx_subs_due_trial ON subscriptions (status, bought_directly, parent_id, trial_end, id);
CREATE INDEX idx_subs_due_retention ON subscriptions (status, bought_directly, parent_id, retention_end, id);

-- +goose Down
DROP INDEX idx_subs_due_term;
DROP INDEX idx_subs_due_trial;
DROP INDEX idx_subs_due_retention;
CREATE INDEX idx_subs_status_term ON subscriptions (status, term_end);
CREATE INDEX idx_subs_status_trial ON subscriptions (status, trial_end);
CREATE INDEX idx_subs_status_retention ON subscriptions (status, retention_end);
