-- The scheduled-cancellations index of the first release is dropped: the
-- home page's (partner, flag, term end, id) index (00006) serves every
-- reader of it, and each subscription written paid for both.

-- +goose Up
DROP INDEX `idx_subs_partner_scheduled`;

-- +goose Down
CREATE INDEX `idx_subs_partner_scheduled` ON `subscriptions`(`partner_id`,`cancel_at_term_end`,`term_end`);
