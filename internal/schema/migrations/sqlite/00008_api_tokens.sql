-- JSON API v1 (API-2, API-3, API-5): personal access tokens (only the
-- SHA-256 of the secret is kept), the first answers of POSTs with an
-- Idempotency-Key, and "via" on activity entries naming the API token.

-- +goose Up
ALTER TABLE `activity_entries` ADD `via` text NOT NULL DEFAULT "";

CREATE TABLE `api_tokens` (
    `id` text,
    `partner_id` text NOT NULL,
    `user_id` text NOT NULL,
    `name` text NOT NULL,
    `hash` text NOT NULL,
    `created_at` datetime NOT NULL,
    `expires_at` datetime NOT NULL,
    `revoked_at` datetime,
    `last_used_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE UNIQUE INDEX `idx_api_tokens_hash` ON `api_tokens`(`hash`);
CREATE INDEX `idx_api_tokens_user_id` ON `api_tokens`(`user_id`);

CREATE TABLE `api_idempotent_answers` (
    `token_id` text,
    `idem_key` text,
    `request` text NOT NULL,
    `status` integer NOT NULL,
    `body` text NOT NULL,
    `created_at` datetime NOT NULL,
    PRIMARY KEY (`token_id`, `idem_key`)
);
CREATE INDEX `idx_api_idempotent_answers_created_at` ON `api_idempotent_answers`(`created_at`);

-- +goose Down
DROP TABLE `api_idempotent_answers`;
DROP TABLE `api_tokens`;
ALTER TABLE `activity_entries` DROP COLUMN `via`;
