-- Dashboard summaries (PERF-6): the home page's licenses chart, billed
-- chart and counts read these small tables instead of summing every
-- subscription and invoice per view. Triggers keep them current in the
-- same transaction as every write to subscriptions, invoices and support
-- requests, whatever code path makes it. The dash_*_recount views are the
-- one definition of what each summary counts: the backfill below, the
-- rebuild after a bulk load (dashboard.RebuildSummaries) and the tests
-- read them. Indexes serve the home page's dated lists in their order.

-- +goose Up
CREATE TABLE license_summaries (
    partner_id varchar(36) NOT NULL,
    offer_name varchar(200) NOT NULL,
    licenses bigint NOT NULL DEFAULT 0,
    CONSTRAINT license_summaries_pkey PRIMARY KEY (partner_id, offer_name)
);

CREATE TABLE billed_summaries (
    partner_id varchar(36) NOT NULL,
    period_start timestamptz NOT NULL,
    total bigint NOT NULL DEFAULT 0,
    CONSTRAINT billed_summaries_pkey PRIMARY KEY (partner_id, period_start)
);

CREATE TABLE count_summaries (
    partner_id varchar(36) NOT NULL,
    kind varchar(20) NOT NULL,
    n bigint NOT NULL DEFAULT 0,
    CONSTRAINT count_summaries_pkey PRIMARY KEY (partner_id, kind)
);

CREATE VIEW dash_license_recount AS
SELECT partner_id, offer_name, SUM(quantity) AS licenses FROM subscriptions
WHERE status IN ('active', 'trial') AND bought_directly = false AND billing_type = 'license'
GROUP BY partner_id, offer_name HAVING SUM(quantity) <> 0;

CREATE VIEW dash_billed_recount AS
SELECT partner_id, period_start, SUM(total) AS total FROM invoices
GROUP BY partner_id, period_start HAVING SUM(total) <> 0;

CREATE VIEW dash_count_recount AS
SELECT partner_id, 'scheduled'::varchar(20) AS kind, COUNT(*) AS n FROM subscriptions
WHERE cancel_at_term_end = true AND status IN ('active', 'trial') AND bought_directly = false
GROUP BY partner_id
UNION ALL
SELECT partner_id, 'support'::varchar(20) AS kind, COUNT(*) AS n FROM support_requests
WHERE status IN ('open', 'attention_needed')
GROUP BY partner_id;

-- +goose StatementBegin
CREATE FUNCTION dash_subscriptions_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.status IN ('active', 'trial') AND NOT OLD.bought_directly AND OLD.billing_type = 'license' THEN
            UPDATE license_summaries SET licenses = licenses - OLD.quantity
            WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name;
        END IF;
        IF OLD.cancel_at_term_end AND OLD.status IN ('active', 'trial') AND NOT OLD.bought_directly THEN
            UPDATE count_summaries SET n = n - 1 WHERE partner_id = OLD.partner_id AND kind = 'scheduled';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.status IN ('active', 'trial') AND NOT NEW.bought_directly AND NEW.billing_type = 'license' THEN
            INSERT INTO license_summaries (partner_id, offer_name, licenses)
            VALUES (NEW.partner_id, NEW.offer_name, NEW.quantity)
            ON CONFLICT (partner_id, offer_name) DO UPDATE SET licenses = license_summaries.licenses + EXCLUDED.licenses;
        END IF;
        IF NEW.cancel_at_term_end AND NEW.status IN ('active', 'trial') AND NOT NEW.bought_directly THEN
            INSERT INTO count_summaries (partner_id, kind, n) VALUES (NEW.partner_id, 'scheduled', 1)
            ON CONFLICT (partner_id, kind) DO UPDATE SET n = count_summaries.n + 1;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM license_summaries WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name AND licenses = 0;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER dash_subscriptions_insert_delete AFTER INSERT OR DELETE ON subscriptions
FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();
CREATE TRIGGER dash_subscriptions_update
AFTER UPDATE OF partner_id, offer_name, quantity, status, bought_directly, billing_type, cancel_at_term_end ON subscriptions
FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();

-- +goose StatementBegin
CREATE FUNCTION dash_invoices_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.total <> 0 THEN
        UPDATE billed_summaries SET total = total - OLD.total
        WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.total <> 0 THEN
        INSERT INTO billed_summaries (partner_id, period_start, total)
        VALUES (NEW.partner_id, NEW.period_start, NEW.total)
        ON CONFLICT (partner_id, period_start) DO UPDATE SET total = billed_summaries.total + EXCLUDED.total;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND total = 0;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER dash_invoices_insert_delete AFTER INSERT OR DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();
CREATE TRIGGER dash_invoices_update AFTER UPDATE OF partner_id, period_start, total ON invoices
FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();

-- +goose StatementBegin
CREATE FUNCTION dash_support_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('open', 'attention_needed') THEN
        UPDATE count_summaries SET n = n - 1 WHERE partner_id = OLD.partner_id AND kind = 'support';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('open', 'attention_needed') THEN
        INSERT INTO count_summaries (partner_id, kind, n) VALUES (NEW.partner_id, 'support', 1)
        ON CONFLICT (partner_id, kind) DO UPDATE SET n = count_summaries.n + 1;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER dash_support_insert_delete AFTER INSERT OR DELETE ON support_requests
FOR EACH ROW EXECUTE FUNCTION dash_support_summaries();
CREATE TRIGGER dash_support_update AFTER UPDATE OF partner_id, status ON support_requests
FOR EACH ROW EXECUTE FUNCTION dash_support_summaries();

INSERT INTO license_summaries (partner_id, offer_name, licenses) SELECT partner_id, offer_name, licenses FROM dash_license_recount;
INSERT INTO billed_summaries (partner_id, period_start, total) SELECT partner_id, period_start, total FROM dash_billed_recount;
INSERT INTO count_summaries (partner_id, kind, n) SELECT partner_id, kind, n FROM dash_count_recount;

-- The home page's dated lists, each read in its order (DASH-1); the
-- columns they filter on are in the index, so their capped counts read the
-- index alone.
CREATE INDEX idx_subs_dash_retention ON subscriptions (partner_id, status, bought_directly, retention_end, id);
CREATE INDEX idx_subs_dash_trial ON subscriptions (partner_id, status, bought_directly, trial_end, id);
CREATE INDEX idx_subs_dash_purchased ON subscriptions (partner_id, frequency, billing_type, cancel_at_term_end, bought_directly, purchased_at, id, status);
CREATE INDEX idx_subs_dash_scheduled ON subscriptions (partner_id, cancel_at_term_end, term_end, id);
-- The recent automatic changes: the system's entries of one action, newest
-- first, without walking its renewals.
CREATE INDEX idx_activity_dash_automatic ON activity_entries (partner_id, actor_id, action, at, id);

-- +goose Down
DROP INDEX idx_activity_dash_automatic;
DROP INDEX idx_subs_dash_scheduled;
DROP INDEX idx_subs_dash_purchased;
DROP INDEX idx_subs_dash_trial;
DROP INDEX idx_subs_dash_retention;
DROP TRIGGER dash_support_update ON support_requests;
DROP TRIGGER dash_support_insert_delete ON support_requests;
DROP FUNCTION dash_support_summaries();
DROP TRIGGER dash_invoices_update ON invoices;
DROP TRIGGER dash_invoices_insert_delete ON invoices;
DROP FUNCTION dash_invoices_summaries();
DROP TRIGGER dash_subscriptions_update ON subscriptions;
DROP TRIGGER dash_subscriptions_insert_delete ON subscriptions;
DROP FUNCTION dash_subscriptions_summaries();
DROP VIEW dash_count_recount;
DROP VIEW dash_billed_recount;
DROP VIEW dash_license_recount;
DROP TABLE count_summaries;
DROP TABLE billed_summaries;
DROP TABLE license_summaries;
