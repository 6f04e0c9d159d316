-- The catalog's version (CAT-2, PERF-2): a number that every change to the
-- offers raises, in the same transaction, whatever code path writes them.
-- A node keeps the offers in memory and reads this one row per catalog
-- view; when it differs from the version its copy was read at, it reads
-- the offers again.

-- +goose Up
CREATE TABLE `catalog_versions` (
    `id` integer PRIMARY KEY CHECK (`id` = 1),
    `version` integer NOT NULL
);
INSERT INTO catalog_versions (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER `offers_version_insert` AFTER INSERT ON `offers` BEGIN
    UPDATE catalog_versions SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `offers_version_update` AFTER UPDATE ON `offers` BEGIN
    UPDATE catalog_versions SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER `offers_version_delete` AFTER DELETE ON `offers` BEGIN
    UPDATE catalog_versions SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER `offers_version_delete`;
DROP TRIGGER `offers_version_update`;
DROP TRIGGER `offers_version_insert`;
DROP TABLE `catalog_versions`;
