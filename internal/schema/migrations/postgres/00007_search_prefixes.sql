-- Customer search in the list's order (CUST-1, PERF-2): every prefix, up
-- to 10 letters, of each customer's search terms, keyed with the
-- customer's sort key so one range of the key is a word's customers in
-- name order; segment and country ride in the key's index (INCLUDE) so a
-- filtered search reads no other row. name_key compares by code point, as
-- customers.name_key does (00002). Existing customers are filled from
-- their terms (substr and length count letters, as the portal does).

-- +goose Up
CREATE TABLE search_prefixes (
    partner_id varchar(36) NOT NULL,
    prefix varchar(10) COLLATE "C" NOT NULL,
    name_key varchar(200) COLLATE "C" NOT NULL,
    customer_id varchar(36) NOT NULL,
    segment varchar(20) NOT NULL,
    country varchar(2) NOT NULL,
    CONSTRAINT search_prefixes_pkey PRIMARY KEY (partner_id, prefix, name_key, customer_id) INCLUDE (segment, country)
);

WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10)
INSERT INTO search_prefixes (partner_id, prefix, name_key, customer_id, segment, country)
SELECT DISTINCT t.partner_id, substr(t.term, 1, n.k), c.name_key, c.id, c.segment, c.country
FROM search_terms t JOIN customers c ON c.id = t.customer_id AND c.partner_id = t.partner_id CROSS JOIN n
WHERE n.k <= length(t.term);

-- +goose Down
DROP TABLE search_prefixes;
