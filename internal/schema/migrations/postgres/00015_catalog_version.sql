-- The catalog's version (CAT-2, PERF-2): a number that every change to the
-- offers raises, in the same transaction, whatever code path writes them.
-- A node keeps the offers in memory and reads this one row per catalog
-- view; when it differs from the version its copy was read at, it reads
-- the offers again.

-- +goose Up
CREATE TABLE catalog_versions (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO catalog_versions (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION offers_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_versions SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER offers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offers
FOR EACH STATEMENT EXECUTE FUNCTION offers_version();

-- +goose Down
DROP TRIGGER offers_version ON offers;
DROP FUNCTION offers_version();
DROP TABLE catalog_versions;
