-- Sign-in that holds against attackers (AUTH-8 … AUTH-11): sessions kept in
-- the database, per-address attempt counts, two-step verification with
-- recovery codes, password reset links, the partner's "require two-step
-- verification" switch. The failure counts change shape (Unix seconds); they
-- are only temporary counts, so the table is made again empty.

-- +goose Up
ALTER TABLE partners ADD require_mfa boolean NOT NULL DEFAULT false;

DROP TABLE login_attempts;
CREATE TABLE login_attempts (
    email varchar(254) NOT NULL,
    failures bigint NOT NULL DEFAULT 0,
    last_at bigint NOT NULL DEFAULT 0,
    prev_at bigint NOT NULL DEFAULT 0,
    locked_until bigint NOT NULL DEFAULT 0,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (email)
);

CREATE TABLE sign_in_addresses (
    address varchar(64) NOT NULL,
    window_minute bigint NOT NULL,
    attempts bigint NOT NULL DEFAULT 0,
    CONSTRAINT sign_in_addresses_pkey PRIMARY KEY (address, window_minute)
);

CREATE TABLE user_sessions (
    id varchar(36) NOT NULL,
    token_hash varchar(64) NOT NULL,
    user_id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    stage varchar(10) NOT NULL DEFAULT '',
    code_fails bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    user_agent varchar(300) NOT NULL DEFAULT '',
    address varchar(64) NOT NULL DEFAULT '',
    ended_at timestamptz,
    CONSTRAINT user_sessions_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_user_sessions_ended_at ON user_sessions (ended_at);
CREATE INDEX idx_user_sessions_user_id ON user_sessions (user_id);
CREATE UNIQUE INDEX idx_user_sessions_token_hash ON user_sessions (token_hash);

CREATE TABLE user_mfa (
    user_id varchar(36) NOT NULL,
    secret varchar(64) NOT NULL,
    enabled_at timestamptz,
    last_step bigint NOT NULL DEFAULT 0,
    created_at timestamptz,
    CONSTRAINT user_mfa_pkey PRIMARY KEY (user_id)
);

CREATE TABLE user_recovery_codes (
    id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    code_hash varchar(64) NOT NULL,
    used_at timestamptz,
    CONSTRAINT user_recovery_codes_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_user_recovery_codes_user_id ON user_recovery_codes (user_id);

CREATE TABLE password_resets (
    id varchar(36) NOT NULL,
    token_hash varchar(64) NOT NULL,
    user_id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    created_by varchar(36) NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT password_resets_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_password_resets_user_id ON password_resets (user_id);
CREATE UNIQUE INDEX idx_password_resets_token_hash ON password_resets (token_hash);

-- +goose Down
DROP TABLE password_resets;
DROP TABLE user_recovery_codes;
DROP TABLE user_mfa;
DROP TABLE user_sessions;
DROP TABLE sign_in_addresses;
DROP TABLE login_attempts;
CREATE TABLE login_attempts (
    email varchar(254) NOT NULL,
    failures bigint NOT NULL,
    last_failed_at timestamptz,
    locked_until timestamptz,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (email)
);
ALTER TABLE partners DROP COLUMN require_mfa;
