-- The schema of the releases before versioned migrations, as GORM's
-- AutoMigrate made it from the models. A database made by such a release
-- has these tables without goose's version table: Migrate marks this
-- migration applied there instead of running it (OPS-2).

-- +goose Up
CREATE TABLE `settings` (
    `key` text,
    `value` text NOT NULL,
    PRIMARY KEY (`key`)
);

CREATE TABLE `partners` (
    `id` text,
    `name` text NOT NULL,
    `created_at` datetime,
    PRIMARY KEY (`id`)
);

CREATE TABLE `users` (
    `id` text,
    `partner_id` text NOT NULL,
    `email` text NOT NULL,
    `name` text NOT NULL,
    `password_hash` text NOT NULL,
    `roles` text NOT NULL,
    `disabled` numeric NOT NULL DEFAULT false,
    `language` text NOT NULL DEFAULT "",
    `created_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_users_partner_email` ON `users`(`partner_id`,`name`);
CREATE UNIQUE INDEX `idx_users_email` ON `users`(`email`);

CREATE TABLE `login_attempts` (
    `email` text,
    `failures` integer NOT NULL,
    `last_failed_at` datetime,
    `locked_until` datetime,
    PRIMARY KEY (`email`)
);

CREATE TABLE `activity_entries` (
    `id` text,
    `partner_id` text NOT NULL,
    `at` datetime NOT NULL,
    `actor_id` text NOT NULL DEFAULT "",
    `actor_name` text NOT NULL,
    `customer_id` text NOT NULL DEFAULT "",
    `customer_name` text NOT NULL DEFAULT "",
    `resource_type` text NOT NULL DEFAULT "",
    `resource_id` text NOT NULL DEFAULT "",
    `action` text NOT NULL,
    `details` text NOT NULL DEFAULT "",
    `before` text NOT NULL DEFAULT "",
    `after` text NOT NULL DEFAULT "",
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_activity_action_at_id` ON `activity_entries`(`partner_id`,`action`,`at`,`id`);
CREATE INDEX `idx_activity_actor_at_id` ON `activity_entries`(`partner_id`,`actor_id`,`at`,`id`);
CREATE INDEX `idx_activity_at_id` ON `activity_entries`(`partner_id`,`at`,`id`);
CREATE INDEX `idx_activity_customer_at_id` ON `activity_entries`(`partner_id`,`customer_id`,`at`,`id`);

CREATE TABLE `customers` (
    `id` text,
    `partner_id` text NOT NULL,
    `name` text NOT NULL,
    `name_key` text NOT NULL,
    `domain` text NOT NULL,
    `tenant_id` text NOT NULL,
    `country` text NOT NULL,
    `segment` text NOT NULL,
    `contact_name` text NOT NULL,
    `contact_email` text NOT NULL,
    `contact_phone` text NOT NULL,
    `opened_at` datetime NOT NULL,
    `relationship` text NOT NULL DEFAULT "none",
    `created_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_customers_partner_country_name` ON `customers`(`partner_id`,`country`,`name_key`,`id`);
CREATE INDEX `idx_customers_partner_name` ON `customers`(`partner_id`,`name_key`,`id`);
CREATE INDEX `idx_customers_partner_segment_country_name` ON `customers`(`partner_id`,`segment`,`country`,`name_key`,`id`);
CREATE INDEX `idx_customers_partner_segment_name` ON `customers`(`partner_id`,`segment`,`name_key`,`id`);
CREATE UNIQUE INDEX `idx_customers_partner_domain` ON `customers`(`partner_id`,`domain`);
CREATE UNIQUE INDEX `idx_customers_tenant_id` ON `customers`(`tenant_id`);

CREATE TABLE `search_terms` (
    `partner_id` text,
    `term` text,
    `customer_id` text,
    PRIMARY KEY (`partner_id`,`term`,`customer_id`)
);
CREATE INDEX `idx_search_terms_customer` ON `search_terms`(`customer_id`,`term`);
CREATE INDEX `idx_search_terms_lookup` ON `search_terms`(`partner_id`,`term`);

CREATE TABLE `invitations` (
    `token` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `created_by` text NOT NULL,
    `created_at` datetime,
    `accepted_at` datetime,
    PRIMARY KEY (`token`)
);
CREATE INDEX `idx_invitations_customer_id` ON `invitations`(`customer_id`);

CREATE TABLE `offers` (
    `id` text,
    `tab` text NOT NULL,
    `name` text NOT NULL,
    `description` text NOT NULL DEFAULT "",
    `publisher` text NOT NULL,
    `publisher_name` text NOT NULL DEFAULT "",
    `billing_type` text NOT NULL,
    `category` text NOT NULL,
    `frequencies` text NOT NULL,
    `monthly_price` integer NOT NULL DEFAULT 0,
    `annual_price` integer NOT NULL DEFAULT 0,
    `term_price` integer NOT NULL DEFAULT 0,
    `min_quantity` integer NOT NULL DEFAULT 1,
    `max_quantity` integer NOT NULL DEFAULT 300,
    `segments` text NOT NULL DEFAULT "",
    `countries` text NOT NULL DEFAULT "",
    `one_per_customer` numeric NOT NULL DEFAULT false,
    `exclusive_partner_id` text NOT NULL DEFAULT "",
    `not_in_program` numeric NOT NULL DEFAULT false,
    `trial_days` integer NOT NULL DEFAULT 0,
    `setup_url` text NOT NULL DEFAULT "",
    `base_offer_id` text NOT NULL DEFAULT "",
    `paid_offer_id` text NOT NULL DEFAULT "",
    `trial_licenses` integer NOT NULL DEFAULT 0,
    `term_months` integer NOT NULL DEFAULT 0,
    `software_kind` text NOT NULL DEFAULT "",
    `product` text NOT NULL DEFAULT "",
    `versions` text NOT NULL DEFAULT "",
    `languages` text NOT NULL DEFAULT "",
    `file_types` text NOT NULL DEFAULT "",
    `reservation_type` text NOT NULL DEFAULT "",
    `region` text NOT NULL DEFAULT "",
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_offers_base_offer_id` ON `offers`(`base_offer_id`);
CREATE INDEX `idx_offers_tab_filters` ON `offers`(`tab`,`publisher`,`billing_type`,`category`);
CREATE INDEX `idx_offers_tab_name` ON `offers`(`tab`,`name`);

CREATE TABLE `cart_items` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `offer_id` text NOT NULL,
    `quantity` integer NOT NULL,
    `frequency` text NOT NULL DEFAULT "",
    `added_by` text NOT NULL,
    `created_at` datetime NOT NULL,
    `updated_at` datetime NOT NULL,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_cart_items_cart` ON `cart_items`(`partner_id`,`customer_id`,`created_at`);
CREATE UNIQUE INDEX `idx_cart_items_offer` ON `cart_items`(`partner_id`,`customer_id`,`offer_id`);

CREATE TABLE `orders` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `user_id` text NOT NULL,
    `user_name` text NOT NULL,
    `checkout_key` text NOT NULL,
    `total` integer NOT NULL,
    `created_at` datetime NOT NULL,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_orders_partner_customer_at` ON `orders`(`partner_id`,`customer_id`,`created_at`);
CREATE UNIQUE INDEX `idx_orders_checkout_key` ON `orders`(`checkout_key`);

CREATE TABLE `order_lines` (
    `id` text,
    `order_id` text NOT NULL,
    `offer_id` text NOT NULL,
    `offer_name` text NOT NULL,
    `quantity` integer NOT NULL,
    `frequency` text NOT NULL DEFAULT "",
    `unit_price` integer NOT NULL,
    `amount` integer NOT NULL,
    `resource_type` text NOT NULL,
    `resource_id` text NOT NULL,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_order_lines_order_id` ON `order_lines`(`order_id`);

CREATE TABLE `subscriptions` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `offer_id` text NOT NULL,
    `offer_name` text NOT NULL,
    `order_id` text NOT NULL DEFAULT "",
    `quantity` integer NOT NULL,
    `frequency` text NOT NULL,
    `billing_type` text NOT NULL,
    `unit_price` integer NOT NULL,
    `status` text NOT NULL,
    `term_start` datetime NOT NULL,
    `term_end` datetime NOT NULL,
    `auto_renew` numeric NOT NULL,
    `trial_end` datetime,
    `paid_offer_id` text NOT NULL DEFAULT "",
    `purchased_at` datetime NOT NULL,
    `first_billing_start` datetime NOT NULL,
    `suspended_at` datetime,
    `retention_end` datetime,
    `cancel_at_term_end` numeric NOT NULL DEFAULT false,
    `cancelled_at` datetime,
    `bought_directly` numeric NOT NULL DEFAULT false,
    `parent_id` text NOT NULL DEFAULT "",
    `created_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_subs_partner_customer` ON `subscriptions`(`partner_id`,`customer_id`,`offer_name`);
CREATE INDEX `idx_subs_partner_scheduled` ON `subscriptions`(`partner_id`,`cancel_at_term_end`,`term_end`);
CREATE INDEX `idx_subs_partner_status_term` ON `subscriptions`(`partner_id`,`status`,`term_end`);
CREATE INDEX `idx_subs_purchased` ON `subscriptions`(`purchased_at`);
CREATE INDEX `idx_subs_status_retention` ON `subscriptions`(`status`,`retention_end`);
CREATE INDEX `idx_subs_status_term` ON `subscriptions`(`status`,`term_end`);
CREATE INDEX `idx_subs_status_trial` ON `subscriptions`(`status`,`trial_end`);
CREATE INDEX `idx_subscriptions_parent_id` ON `subscriptions`(`parent_id`);

CREATE TABLE `software_purchases` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `offer_id` text NOT NULL,
    `order_id` text NOT NULL,
    `product_name` text NOT NULL,
    `kind` text NOT NULL,
    `product` text NOT NULL,
    `quantity` integer NOT NULL,
    `price` integer NOT NULL,
    `purchased_at` datetime NOT NULL,
    `term_end` datetime,
    `status` text NOT NULL,
    `cancelled_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_software_partner_customer` ON `software_purchases`(`partner_id`,`customer_id`,`purchased_at`);

CREATE TABLE `download_links` (
    `id` text,
    `partner_id` text NOT NULL,
    `purchase_id` text NOT NULL,
    `token_hash` text NOT NULL,
    `version` text NOT NULL,
    `language` text NOT NULL,
    `file_type` text NOT NULL,
    `issued_at` datetime NOT NULL,
    `expires_at` datetime NOT NULL,
    `downloads` integer NOT NULL DEFAULT 0,
    `revoked` numeric NOT NULL DEFAULT false,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_download_links_purchase_issued` ON `download_links`(`purchase_id`,`issued_at`);
CREATE UNIQUE INDEX `idx_download_links_token_hash` ON `download_links`(`token_hash`);

CREATE TABLE `reservations` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `offer_id` text NOT NULL,
    `order_id` text NOT NULL,
    `reservation_order_id` text NOT NULL,
    `name` text NOT NULL,
    `quantity` integer NOT NULL,
    `price` integer NOT NULL,
    `term_months` integer NOT NULL,
    `purchased_at` datetime NOT NULL,
    `expires_at` datetime NOT NULL,
    `scope` text NOT NULL,
    `azure_subscription_id` text NOT NULL DEFAULT "",
    `status` text NOT NULL,
    `cancelled_at` datetime,
    `refund_amount` integer NOT NULL DEFAULT 0,
    `exchanged_for_id` text NOT NULL DEFAULT "",
    `exchanged_from_id` text NOT NULL DEFAULT "",
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_res_partner_customer` ON `reservations`(`partner_id`,`customer_id`,`purchased_at`);

CREATE TABLE `invoices` (
    `id` text,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `period_start` datetime NOT NULL,
    `period_end` datetime NOT NULL,
    `status` text NOT NULL,
    `total` integer NOT NULL DEFAULT 0,
    `issued_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_invoices_partner_period` ON `invoices`(`partner_id`,`period_start`);
CREATE INDEX `idx_invoices_status` ON `invoices`(`status`);
CREATE UNIQUE INDEX `idx_invoices_customer_period` ON `invoices`(`partner_id`,`customer_id`,`period_start`);

CREATE TABLE `invoice_lines` (
    `id` text,
    `invoice_id` text NOT NULL,
    `partner_id` text NOT NULL,
    `customer_id` text NOT NULL,
    `at` datetime NOT NULL,
    `kind` text NOT NULL,
    `reason` text NOT NULL,
    `description` text NOT NULL,
    `order_id` text NOT NULL DEFAULT "",
    `resource_type` text NOT NULL DEFAULT "",
    `resource_id` text NOT NULL DEFAULT "",
    `quantity` integer NOT NULL DEFAULT 0,
    `amount` integer NOT NULL,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_invoice_lines_invoice_at` ON `invoice_lines`(`invoice_id`,`at`);

CREATE TABLE `reservation_access` (
    `reservation_id` text,
    `user_id` text,
    `partner_id` text NOT NULL,
    `granted_by` text NOT NULL,
    `granted_at` datetime NOT NULL,
    PRIMARY KEY (`reservation_id`,`user_id`)
);
CREATE INDEX `idx_reservation_access_partner_id` ON `reservation_access`(`partner_id`);

CREATE TABLE `reservation_drafts` (
    `user_id` text,
    `reservation_id` text,
    `kind` text,
    `partner_id` text NOT NULL,
    `title` text NOT NULL DEFAULT "",
    `issue_type` text NOT NULL DEFAULT "",
    `problem_type` text NOT NULL DEFAULT "",
    `category` text NOT NULL DEFAULT "",
    `severity` text NOT NULL DEFAULT "",
    `description` text NOT NULL DEFAULT "",
    `new_offer_id` text NOT NULL DEFAULT "",
    `new_quantity` integer NOT NULL DEFAULT 0,
    `contact_name` text NOT NULL DEFAULT "",
    `contact_email` text NOT NULL DEFAULT "",
    `contact_phone` text NOT NULL DEFAULT "",
    `updated_at` datetime,
    PRIMARY KEY (`user_id`,`reservation_id`,`kind`)
);

CREATE TABLE `support_requests` (
    `id` text,
    `partner_id` text NOT NULL,
    `number` text NOT NULL,
    `problem_type` text NOT NULL,
    `issue_type` text NOT NULL DEFAULT "",
    `category` text NOT NULL DEFAULT "",
    `severity` text NOT NULL,
    `title` text NOT NULL,
    `description` text NOT NULL DEFAULT "",
    `customer_ref` text NOT NULL DEFAULT "",
    `customer_id` text NOT NULL DEFAULT "",
    `customer_name` text NOT NULL DEFAULT "",
    `order_or_subscription_id` text NOT NULL DEFAULT "",
    `reason` text NOT NULL DEFAULT "",
    `amount_requested` integer NOT NULL DEFAULT 0,
    `contact_name` text NOT NULL,
    `contact_email` text NOT NULL,
    `contact_phone` text NOT NULL DEFAULT "",
    `status` text NOT NULL,
    `reservation_id` text NOT NULL DEFAULT "",
    `reservation_order_id` text NOT NULL DEFAULT "",
    `created_by` text NOT NULL,
    `created_by_name` text NOT NULL DEFAULT "",
    `created_at` datetime NOT NULL,
    `updated_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_support_partner_created` ON `support_requests`(`partner_id`,`created_at`,`id`);
CREATE INDEX `idx_support_partner_reservation` ON `support_requests`(`partner_id`,`reservation_id`,`created_at`);
CREATE INDEX `idx_support_partner_severity_created` ON `support_requests`(`partner_id`,`severity`,`created_at`,`id`);
CREATE INDEX `idx_support_partner_status_created` ON `support_requests`(`partner_id`,`status`,`created_at`,`id`);
CREATE UNIQUE INDEX `idx_support_partner_number` ON `support_requests`(`partner_id`,`number`);

CREATE TABLE `support_notes` (
    `id` text,
    `request_id` text NOT NULL,
    `author` text NOT NULL,
    `author_id` text NOT NULL DEFAULT "",
    `body` text NOT NULL,
    `created_at` datetime NOT NULL,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_support_notes_request` ON `support_notes`(`request_id`,`created_at`);

CREATE TABLE `support_attachments` (
    `id` text,
    `request_id` text NOT NULL,
    `file_name` text NOT NULL,
    `content_type` text NOT NULL,
    `size` integer NOT NULL,
    `data` blob NOT NULL,
    `created_at` datetime,
    PRIMARY KEY (`id`)
);
CREATE INDEX `idx_support_attachments_request_id` ON `support_attachments`(`request_id`);

-- +goose Down
DROP TABLE `support_attachments`;
DROP TABLE `support_notes`;
DROP TABLE `support_requests`;
DROP TABLE `reservation_drafts`;
DROP TABLE `reservation_access`;
DROP TABLE `invoice_lines`;
DROP TABLE `invoices`;
DROP TABLE `reservations`;
DROP TABLE `download_links`;
DROP TABLE `software_purchases`;
DROP TABLE `subscriptions`;
DROP TABLE `order_lines`;
DROP TABLE `orders`;
DROP TABLE `cart_items`;
DROP TABLE `offers`;
DROP TABLE `invitations`;
DROP TABLE `search_terms`;
DROP TABLE `customers`;
DROP TABLE `activity_entries`;
DROP TABLE `login_attempts`;
DROP TABLE `users`;
DROP TABLE `partners`;
DROP TABLE `settings`;
