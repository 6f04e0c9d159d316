-- JSON API v1 (API-2, API-3, API-5): personal access tokens (only the
-- SHA-256 of the secret is kept), the first answers of POSTs with an
-- Idempotency-Key, and "via" on activity entries naming the API token.

-- +goose Up
ALTER TABLE activity_entries ADD COLUMN via varchar(160) NOT NULL DEFAULT '';

CREATE TABLE api_tokens (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    name varchar(100) NOT NULL,
    hash varchar(64) NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_used_at timestamptz,
    CONSTRAINT api_tokens_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX idx_api_tokens_hash ON api_tokens (hash);
CREATE INDEX idx_api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE api_idempotent_answers (
    token_id varchar(36) NOT NULL,
    idem_key varchar(200) NOT NULL,
    request varchar(64) NOT NULL,
    status bigint NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT api_idempotent_answers_pkey PRIMARY KEY (token_id, idem_key)
);
CREATE INDEX idx_api_idempotent_answers_created_at ON api_idempotent_answers (created_at);

-- +goose Down
DROP TABLE api_idempotent_answers;
DROP TABLE api_tokens;
ALTER TABLE activity_entries DROP COLUMN via;
