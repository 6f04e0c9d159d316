-- Sign-in that holds against attackers (AUTH-8 … AUTH-11): sessions kept in
-- the database, per-address attempt counts, two-step verification with
-- recovery codes, password reset links, the partner's "require two-step
-- verification" switch. The failure counts change shape (Unix seconds); they
-- are only temporary counts, so the table is made again empty.

-- +goose Up
ALTER TABLE `partners` ADD `require_mfa` numeric NOT NULL DEFAULT false;

DROP TABLE `login_attempts`;
CREATE TABLE `login_attempts` (
    `email` text,
    `failures` integer NOT NULL DEFAULT 0,
    `last_at` integer NOT NULL DEFAULT 0,
    `prev_at` integer NOT NULL DEFAULT 0,
    `locked_until` integer NOT NULL DEFAULT 0,
    PRIMARY KEY (`email`)
);

CREATE TABLE `sign_in_addresses` (
    `address` text,
    `window_minute` integer,
    `attempts` integer NOT NULL DEFAULT 0,
    PRIMARY KEY (`address`, `window_minute`)
);

CREATE TABLE `user_sessions` (
    `id` text,
    `token_hash` text NOT NULL,
    `user_id` text NOT NULL,
    `partner_id` text NOT NULL,
    `stage` text NOT NULL DEFAULT "",
    `code_fails` integer NOT NULL DEFAULT 0,
    `created_at` datetime NOT NULL,
    `last_seen_at` datetime NOT NULL,
    `user_agent` text NOT NULL DEFAULT "",
    `address` text NOT NULL DEFAULT "",
    `ended_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_user_sessions_ended_at` ON `user_sessions`(`ended_at`);
CREATE INDEX `idx_user_sessions_user_id` ON `user_sessions`(`user_id`);
CREATE UNIQUE INDEX `idx_user_sessions_token_hash` ON `user_sessions`(`token_hash`);

CREATE TABLE `user_mfa` (
    `user_id` text,
    `secret` text NOT NULL,
    `enabled_at` datetime,
    `last_step` integer NOT NULL DEFAULT 0,
    `created_at` datetime,
    PRIMARY KEY (`user_id`)
);

CREATE TABLE `user_recovery_codes` (
    `id` text,
    `user_id` text NOT NULL,
    `code_hash` text NOT NULL,
    `used_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_user_recovery_codes_user_id` ON `user_recovery_codes`(`user_id`);

CREATE TABLE `password_resets` (
    `id` text,
    `token_hash` text NOT NULL,
    `user_id` text NOT NULL,
    `partner_id` text NOT NULL,
    `created_by` text NOT NULL,
    `created_at` datetime NOT NULL,
    `expires_at` datetime NOT NULL,
    `used_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_password_resets_user_id` ON `password_resets`(`user_id`);
CREATE UNIQUE INDEX `idx_password_resets_token_hash` ON `password_resets`(`token_hash`);

-- +goose Down
DROP TABLE `password_resets`;
DROP TABLE `user_recovery_codes`;
DROP TABLE `user_mfa`;
DROP TABLE `user_sessions`;
DROP TABLE `sign_in_addresses`;
DROP TABLE `login_attempts`;
CREATE TABLE `login_attempts` (
    `email` text,
    `failures` integer NOT NULL,
    `last_failed_at` datetime,
    `locked_until` datetime,
    PRIMARY KEY (`email`)
);
ALTER TABLE `partners` DROP COLUMN `require_mfa`;
