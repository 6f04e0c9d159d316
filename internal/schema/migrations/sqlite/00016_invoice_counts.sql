-- How many invoices a partner has in each billing period (BILL-2, UX-4,
-- PERF-6): the invoices list without a customer filter shows its exact
-- total, read from the billed summary's rows (one per partner and period,
-- a few dozen a partner) instead of counting up to a thousand invoices per
-- view. The triggers that keep each period's total keep its number of
-- invoices, in the same statements; a row now stays while its period has
-- an invoice, its total zero or not (the billed chart reads a zero total
-- as it read a missing row). A charge on an invoice, which changes its
-- total only, updates its row in one statement.

-- +goose Up
ALTER TABLE `billed_summaries` ADD COLUMN `invoices` integer NOT NULL DEFAULT 0;

DROP VIEW `dash_billed_recount`;
CREATE VIEW `dash_billed_recount` AS
SELECT partner_id, period_start, SUM(total) AS total, COUNT(*) AS invoices FROM invoices
GROUP BY partner_id, period_start;

DROP TRIGGER `dash_invoices_insert`;
DROP TRIGGER `dash_invoices_delete`;
DROP TRIGGER `dash_invoices_update`;

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_insert` AFTER INSERT ON `invoices` BEGIN
    INSERT INTO billed_summaries (partner_id, period_start, total, invoices)
    VALUES (NEW.partner_id, NEW.period_start, NEW.total, 1)
    ON CONFLICT (partner_id, period_start) DO UPDATE SET total = total + excluded.total, invoices = invoices + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_delete` AFTER DELETE ON `invoices` BEGIN
    UPDATE billed_summaries SET total = total - OLD.total, invoices = invoices - 1
    WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND invoices = 0;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_charge` AFTER UPDATE OF total ON `invoices`
WHEN NEW.partner_id = OLD.partner_id AND NEW.period_start = OLD.period_start BEGIN
    UPDATE billed_summaries SET total = total + NEW.total - OLD.total
    WHERE partner_id = NEW.partner_id AND period_start = NEW.period_start;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `dash_invoices_update` AFTER UPDATE OF partner_id, period_start, total ON `invoices`
WHEN NEW.partner_id <> OLD.partner_id OR NEW.period_start <> OLD.period_start BEGIN
    UPDATE billed_summaries SET total = total - OLD.total, invoices = invoices - 1
    WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    INSERT INTO billed_summaries (partner_id, period_start, total, invoices)
    VALUES (NEW.partner_id, NEW.period_start, NEW.total, 1)
    ON CONFLICT (partner_id, period_start) DO UPDATE SET total = total + excluded.total, invoices = invoices + 1;
    DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND invoices = 0;
END;
-- +goose StatementEnd

DELETE FROM billed_summaries;
INSERT INTO billed_summaries (partner_id, period_start, total, invoices)
SELECT partner_id, period_start, total, invoices FROM dash_billed_recount;

-- +goose Down
DROP TRIGGER `dash_invoices_update`;
DROP TRIGGER `dash_invoices_charge`;
DROP TRIGGER `dash_invoices_delete`;
DROP TRIGGER `dash_invoices_insert`;

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

DROP VIEW `dash_billed_recount`;
CREATE VIEW `dash_billed_recount` AS
SELECT partner_id, period_start, SUM(total) AS total FROM invoices
GROUP BY partner_id, period_start HAVING SUM(total) <> 0;

DELETE FROM billed_summaries WHERE total = 0;
ALTER TABLE `billed_summaries` DROP COLUMN `invoices`;
