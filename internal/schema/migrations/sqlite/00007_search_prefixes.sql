-- Customer search in the list's order (CUST-1, PERF-2): every prefix, up
-- to 10 letters, of each customer's search terms, keyed with the
-- customer's sort key so one range of the key is a word's customers in
-- name order. WITHOUT ROWID: the key is the table, so segment and country
-- are read from the same row. Existing customers are filled from their
-- terms (substr and length count letters, as the portal does).

-- +goose Up
CREATE TABLE `search_prefixes` (
    `partner_id` text,
    `prefix` text,
    `name_key` text,
    `customer_id` text,
    `segment` text NOT NULL,
    `country` text NOT NULL,
    PRIMARY KEY (`partner_id`,`prefix`,`name_key`,`customer_id`)
) WITHOUT ROWID;

WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10)
INSERT INTO `search_prefixes` (`partner_id`, `prefix`, `name_key`, `customer_id`, `segment`, `country`)
SELECT DISTINCT t.partner_id, substr(t.term, 1, n.k), c.name_key, c.id, c.segment, c.country
FROM search_terms t JOIN customers c ON c.id = t.customer_id AND c.partner_id = t.partner_id CROSS JOIN n
WHERE n.k <= length(t.term);

-- +goose Down
DROP TABLE `search_prefixes`;
