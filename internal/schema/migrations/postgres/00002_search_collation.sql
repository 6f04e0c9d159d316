-- The customer list sorts by name_key and the search reads term ranges
-- (term >= word AND term < word || U+FFFF): both must compare by code
-- point, as SQLite does, whatever the database's locale. Under a
-- linguistic collation (en_US…) the order and the ranges would differ from
-- SQLite's, and U+FFFF may not sort last. The indexes are rebuilt.

-- +goose Up
ALTER TABLE customers ALTER COLUMN name_key TYPE varchar(200) COLLATE "C";
ALTER TABLE search_terms ALTER COLUMN term TYPE varchar(253) COLLATE "C";

-- +goose Down
ALTER TABLE search_terms ALTER COLUMN term TYPE varchar(253) COLLATE "default";
ALTER TABLE customers ALTER COLUMN name_key TYPE varchar(200) COLLATE "default";
