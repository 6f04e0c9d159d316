-- Dashboard summaries (PERF-6): the home page's licenses chart, billed
-- chart and counts read these small tables instead of summing every
-- subscription and invoice per view. Triggers keep them current in the
-- same transaction as every write to subscriptions, invoices and support
-- requests, whatever code path makes it. The dash_*_recount views are the
-- one definition of what each summary counts: the backfill below, the
-- rebuild after a bulk load (dashboard.RebuildSummaries) and the tests
-- read them. Indexes serve the home page's dated lists in their order.

-- +goose Up
CREATE TABLE `license_summaries` (
    `partner_id` text,
    `offer_name` text,
    `licenses` integer NOT NULL DEFAULT 0,
    PRIMARY KEY (`partner_id`, `offer_name`)
);

CREATE TABLE `billed_summaries` (
    `partner_id` text,
    `period_start` datetime,
    `total` integer NOT NULL DEFAULT 0,
    PRIMARY KEY (`partner_id`, `period_start`)
);

CREATE TABLE `count_summaries` (
    `partner_id` text,
    `kind` text,
    `n` integer NOT NULL DEFAULT 0,
    PRIMARY KEY (`partner_id`, `kind`)
);

CREATE VIEW `dash_license_recount` AS
SELECT partner_id, offer_name, SUM(quantity) AS licenses FROM subscriptions
WHERE status IN ('active', 'trial') AND bought_directly = false AND billing_type = 'license'
GROUP BY partner_id, offer_name HAVING SUM(quantity) <> 0;

CREATE VIEW `dash_billed_recount` AS
SELECT partner_id, period_start, SUM(total) AS total FROM invoices
GROUP BY partner_id, period_start HAVING SUM(total) <> 0;

CREATE VIEW `dash_count_recount` AS
SELECT partner_id, 'scheduled' AS kind, COUNT(*) AS n FROM subscriptions
WHERE cancel_at_term_end = true AND status IN ('active', 'trial') AND bought_directly = false
GROUP BY partner_id
UNION ALL
SELECT partner_id, 'support' AS kind, COUNT(*) AS n FROM support_requests
WHERE status IN ('open', 'attention_needed')
GROUP BY partner_id;

-- +goose StatementBegin
CREATE TRIGGER `dash_subscriptions_insert` AFTER INSERT ON `subscriptions` BEGIN
    INSERT INTO license_summaries (partner_id, offer_name, licenses)
    SELECT NEW.partner_id, NEW.offer_name, NEW.quantity
    WHERE NEW.status IN ('active', 'trial') AND NEW.bought_directly = false AND NEW.billing_type = 'license'
    ON CONFLICT (partner_id, offer_name) DO UPDATE SET licenses = licenses + excluded.licenses;
    INSERT INTO count_summaries (partner_id, kind, n)
    SELECT NEW.partner_id, 'scheduled', 1
    WHERE NEW.cancel_at_term_end = true AND NEW.status IN ('active', 'trial') AND NEW.bought_directly = false
    ON CONFLICT (partner_id, kind) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_subscriptions_delete` AFTER DELETE ON `subscriptions` BEGIN
    UPDATE license_summaries SET licenses = licenses - OLD.quantity
    WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name
      AND OLD.status IN ('active', 'trial') AND OLD.bought_directly = false AND OLD.billing_type = 'license';
    DELETE FROM license_summaries WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name AND licenses = 0;
    UPDATE count_summaries SET n = n - 1
    WHERE partner_id = OLD.partner_id AND kind = 'scheduled'
      AND OLD.cancel_at_term_end = true AND OLD.status IN ('active', 'trial') AND OLD.bought_directly = false;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_subscriptions_update` AFTER UPDATE OF partner_id, offer_name, quantity, status, bought_directly, billing_type, cancel_at_term_end ON `subscriptions` BEGIN
    UPDATE license_summaries SET licenses = licenses - OLD.quantity
    WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name
      AND OLD.status IN ('active', 'trial') AND OLD.bought_directly = false AND OLD.billing_type = 'license';
    INSERT INTO license_summaries (partner_id, offer_name, licenses)
    SELECT NEW.partner_id, NEW.offer_name, NEW.quantity
    WHERE NEW.status IN ('active', 'trial') AND NEW.bought_directly = false AND NEW.billing_type = 'license'
    ON CONFLICT (partner_id, offer_name) DO UPDATE SET licenses = licenses + excluded.licenses;
    DELETE FROM license_summaries WHERE partner_id = OLD.partner_id AND offer_name = OLD.offer_name AND licenses = 0;
    UPDATE count_summaries SET n = n - 1
    WHERE partner_id = OLD.partner_id AND kind = 'scheduled'
      AND OLD.cancel_at_term_end = true AND OLD.status IN ('active', 'trial') AND OLD.bought_directly = false;
    INSERT INTO count_summaries (partner_id, kind, n)
    SELECT NEW.partner_id, 'scheduled', 1
    WHERE NEW.cancel_at_term_end = true AND NEW.status IN ('active', 'trial') AND NEW.bought_directly = false
    ON CONFLICT (partner_id, kind) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_insert` AFTER INSERT ON `invoices` WHEN NEW.total <> 0 BEGIN
    INSERT INTO billed_summaries (partner_id, period_start, total)
    VALUES (NEW.partner_id, NEW.period_start, NEW.total)
    ON CONFLICT (partner_id, period_start) DO UPDATE SET total = total + excluded.total;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_delete` AFTER DELETE ON `invoices` WHEN OLD.total <> 0 BEGIN
    UPDATE billed_summaries SET total = total - OLD.total
    WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND total = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_update` AFTER UPDATE OF partner_id, period_start, total ON `invoices` BEGIN
    UPDATE billed_summaries SET total = total - OLD.total
    WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    INSERT INTO billed_summaries (partner_id, period_start, total)
    SELECT NEW.partner_id, NEW.period_start, NEW.total WHERE NEW.total <> 0
    ON CONFLICT (partner_id, period_start) DO UPDATE SET total = total + excluded.total;
    DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND total = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_support_insert` AFTER INSERT ON `support_requests`
WHEN NEW.status IN ('open', 'attention_needed') BEGIN
    INSERT INTO count_summaries (partner_id, kind, n) VALUES (NEW.partner_id, 'support', 1)
    ON CONFLICT (partner_id, kind) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_support_delete` AFTER DELETE ON `support_requests`
WHEN OLD.status IN ('open', 'attention_needed') BEGIN
    UPDATE count_summaries SET n = n - 1 WHERE partner_id = OLD.partner_id AND kind = 'support';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_support_update` AFTER UPDATE OF partner_id, status ON `support_requests` BEGIN
    UPDATE count_summaries SET n = n - 1
    WHERE partner_id = OLD.partner_id AND kind = 'support' AND OLD.status IN ('open', 'attention_needed');
    INSERT INTO count_summaries (partner_id, kind, n)
    SELECT NEW.partner_id, 'support', 1 WHERE NEW.status IN ('open', 'attention_needed')
    ON CONFLICT (partner_id, kind) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

INSERT INTO license_summaries (partner_id, offer_name, licenses) SELECT partner_id, offer_name, licenses FROM dash_license_recount;
INSERT INTO billed_summaries (partner_id, period_start, total) SELECT partner_id, period_start, total FROM dash_billed_recount;
INSERT INTO count_summaries (partner_id, kind, n) SELECT partner_id, kind, n FROM dash_count_recount;

-- The home page's dated lists, each read in its order (DASH-1); the
-- columns they filter on are in the index, so their capped counts read the
-- index alone.
CREATE INDEX `idx_subs_dash_retention` ON `subscriptions`(`partner_id`,`status`,`bought_directly`,`retention_end`,`id`);
CREATE INDEX `idx_subs_dash_trial` ON `subscriptions`(`partner_id`,`status`,`bought_directly`,`trial_end`,`id`);
CREATE INDEX `idx_subs_dash_purchased` ON `subscriptions`(`partner_id`,`frequency`,`billing_type`,`cancel_at_term_end`,`bought_directly`,`purchased_at`,`id`,`status`);
CREATE INDEX `idx_subs_dash_scheduled` ON `subscriptions`(`partner_id`,`cancel_at_term_end`,`term_end`,`id`);
-- The recent automatic changes: the system's entries of one action, newest
-- first, without walking its renewals.
CREATE INDEX `idx_activity_dash_automatic` ON `activity_entries`(`partner_id`,`actor_id`,`action`,`at`,`id`);

-- +goose Down
DROP INDEX `idx_activity_dash_automatic`;
DROP INDEX `idx_subs_dash_scheduled`;
DROP INDEX `idx_subs_dash_purchased`;
DROP INDEX `idx_subs_dash_trial`;
DROP INDEX `idx_subs_dash_retention`;
DROP TRIGGER `dash_support_update`;
DROP TRIGGER `dash_support_delete`;
DROP TRIGGER `dash_support_insert`;
DROP TRIGGER `dash_invoices_update`;
DROP TRIGGER `dash_invoices_delete`;
DROP TRIGGER `dash_invoices_insert`;
DROP TRIGGER `dash_subscriptions_update`;
DROP TRIGGER `dash_subscriptions_delete`;
DROP TRIGGER `dash_subscriptions_insert`;
DROP VIEW `dash_count_recount`;
DROP VIEW `dash_billed_recount`;
DROP VIEW `dash_license_recount`;
DROP TABLE `count_summaries`;
DROP TABLE `billed_summaries`;
DROP TABLE `license_summaries`;
