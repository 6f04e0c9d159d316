-- The number of a partner's customers (CUST-1, PERF-6): the customer list
-- without a filter shows the exact total, read from the counts summary
-- instead of counting the partner's customers per view. A trigger keeps it
-- in the same transaction as every customer written, whatever code path
-- writes it; the recount view says what it counts.

-- +goose Up
CREATE OR REPLACE VIEW dash_count_recount AS
SELECT partner_id, 'scheduled'::varchar(20) AS kind, COUNT(*) AS n FROM subscriptions
WHERE cancel_at_term_end = true AND status IN ('active', 'trial') AND bought_directly = false
GROUP BY partner_id
UNION ALL
SELECT partner_id, 'support'::varchar(20) AS kind, COUNT(*) AS n FROM support_requests
WHERE status IN ('open', 'attention_needed')
GROUP BY partner_id
UNION ALL
SELECT partner_id, 'customers'::varchar(20) AS kind, COUNT(*) AS n FROM customers
GROUP BY partner_id;

-- +goose StatementBegin
CREATE FUNCTION count_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE count_summaries SET n = n - 1 WHERE partner_id = OLD.partner_id AND kind = 'customers';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO count_summaries (partner_id, kind, n) VALUES (NEW.partner_id, 'customers', 1)
        ON CONFLICT (partner_id, kind) DO UPDATE SET n = count_summaries.n + 1;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER count_customers_insert_delete AFTER INSERT OR DELETE ON customers
FOR EACH ROW EXECUTE FUNCTION count_customers();
CREATE TRIGGER count_customers_update AFTER UPDATE OF partner_id ON customers
FOR EACH ROW EXECUTE FUNCTION count_customers();

INSERT INTO count_summaries (partner_id, kind, n)
SELECT partner_id, 'customers', COUNT(*) FROM customers GROUP BY partner_id;

-- +goose Down
DELETE FROM count_summaries WHERE kind = 'customers';
DROP TRIGGER count_customers_update ON customers;
DROP TRIGGER count_customers_insert_delete ON customers;
DROP FUNCTION count_customers();
DROP VIEW dash_count_recount;
CREATE VIEW dash_count_recount AS
SELECT partner_id, 'scheduled'::varchar(20) AS kind, COUNT(*) AS n FROM subscriptions
WHERE cancel_at_term_end = true AND status IN ('active', 'trial') AND bought_directly = false
GROUP BY partner_id
UNION ALL
SELECT partner_id, 'support'::varchar(20) AS kind, COUNT(*) AS n FROM support_requests
WHERE status IN ('open', 'attention_needed')
GROUP BY partner_id;
