-- Two indexes on subscriptions that no statement reads are dropped:
-- (partner, status, term end), from the first release, and the home page's
-- (partner, flag, term end, id) of 00006, whose list reads the partial
-- index of the open scheduled cancellations since 00013. Every
-- subscription written updated both, and a renewal, which moves the term's
-- end, rewrote an entry in each.

-- +goose Up
DROP INDEX idx_subs_partner_status_term;
DROP INDEX idx_subs_dash_scheduled;

-- +goose Down
CREATE INDEX idx_subs_partner_status_term ON subscriptions (partner_id, status, term_end);
CREATE INDEX idx_subs_dash_scheduled ON subscriptions (partner_id, cancel_at_term_end, term_end, id);
