-- How many invoices a partner has in each billing period (BILL-2, UX-4,
-- PERF-6): the invoices list without a customer filter shows its exact
-- total, read from the billed summary's rows (one per partner and period,
-- a few dozen a partner) instead of counting up to a thousand invoices per
-- view. The trigger that keeps each period's total keeps its number of
-- invoices, in the same statements, on the same row it locks already; a
-- row now stays while its period has an invoice, its total zero or not
-- (the billed chart reads a zero total as it read a missing row). A charge
-- on an invoice, which changes its total only, updates its row in one
-- statement.

-- +goose Up
ALTER TABLE billed_summaries ADD COLUMN invoices bigint NOT NULL DEFAULT 0;

DROP VIEW dash_billed_recount;
CREATE VIEW dash_billed_recount AS
SELECT partner_id, period_start, SUM(total) AS total, COUNT(*) AS invoices FROM invoices
GROUP BY partner_id, period_start;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION dash_invoices_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.partner_id = OLD.partner_id AND NEW.period_start = OLD.period_start THEN
        UPDATE billed_summaries SET total = total + NEW.total - OLD.total
        WHERE partner_id = NEW.partner_id AND period_start = NEW.period_start;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE billed_summaries SET total = total - OLD.total, invoices = invoices - 1
        WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO billed_summaries (partner_id, period_start, total, invoices)
        VALUES (NEW.partner_id, NEW.period_start, NEW.total, 1)
        ON CONFLICT (partner_id, period_start) DO UPDATE
        SET total = billed_summaries.total + EXCLUDED.total, invoices = billed_summaries.invoices + 1;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM billed_summaries WHERE partner_id = OLD.partner_id AND period_start = OLD.period_start AND invoices = 0;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

DELETE FROM billed_summaries;
INSERT INTO billed_summaries (partner_id, period_start, total, invoices)
SELECT partner_id, period_start, total, invoices FROM dash_billed_recount;

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION dash_invoices_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
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

DROP VIEW dash_billed_recount;
CREATE VIEW dash_billed_recount AS
SELECT partner_id, period_start, SUM(total) AS total FROM invoices
GROUP BY partner_id, period_start HAVING SUM(total) <> 0;

DELETE FROM billed_summaries WHERE total = 0;
ALTER TABLE billed_summaries DROP COLUMN invoices;
