-- The schema of the releases before versioned migrations, as GORM's
-- AutoMigrate made it from the models. A database made by such a release
-- has these tables without goose's version table: Migrate marks this
-- migration applied there instead of running it (OPS-2).

-- +goose Up
CREATE TABLE settings (
    key varchar(64) NOT NULL,
    value varchar(4000) NOT NULL,
    CONSTRAINT settings_pkey PRIMARY KEY (key)
);

CREATE TABLE partners (
    id varchar(36) NOT NULL,
    name varchar(200) NOT NULL,
    created_at timestamptz,
    CONSTRAINT partners_pkey PRIMARY KEY (id)
);

CREATE TABLE users (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    email varchar(254) NOT NULL,
    name varchar(200) NOT NULL,
    password_hash varchar(100) NOT NULL,
    roles varchar(400) NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    language varchar(5) DEFAULT '' NOT NULL,
    created_at timestamptz,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_users_partner_email ON users (partner_id, name);
CREATE UNIQUE INDEX idx_users_email ON users (email);

CREATE TABLE login_attempts (
    email varchar(254) NOT NULL,
    failures bigint NOT NULL,
    last_failed_at timestamptz,
    locked_until timestamptz,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (email)
);

CREATE TABLE activity_entries (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    at timestamptz NOT NULL,
    actor_id varchar(36) DEFAULT '' NOT NULL,
    actor_name varchar(254) NOT NULL,
    customer_id varchar(36) DEFAULT '' NOT NULL,
    customer_name varchar(200) DEFAULT '' NOT NULL,
    resource_type varchar(40) DEFAULT '' NOT NULL,
    resource_id varchar(64) DEFAULT '' NOT NULL,
    action varchar(60) NOT NULL,
    details varchar(2000) DEFAULT '' NOT NULL,
    before varchar(4000) DEFAULT '' NOT NULL,
    after varchar(4000) DEFAULT '' NOT NULL,
    CONSTRAINT activity_entries_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_activity_action_at_id ON activity_entries (partner_id, action, at, id);
CREATE INDEX idx_activity_actor_at_id ON activity_entries (partner_id, actor_id, at, id);
CREATE INDEX idx_activity_at_id ON activity_entries (partner_id, at, id);
CREATE INDEX idx_activity_customer_at_id ON activity_entries (partner_id, customer_id, at, id);

CREATE TABLE customers (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    name varchar(200) NOT NULL,
    name_key varchar(200) NOT NULL,
    domain varchar(253) NOT NULL,
    tenant_id varchar(36) NOT NULL,
    country varchar(2) NOT NULL,
    segment varchar(20) NOT NULL,
    contact_name varchar(200) NOT NULL,
    contact_email varchar(254) NOT NULL,
    contact_phone varchar(40) NOT NULL,
    opened_at timestamptz NOT NULL,
    relationship varchar(10) DEFAULT 'none' NOT NULL,
    created_at timestamptz,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_customers_partner_country_name ON customers (partner_id, country, name_key, id);
CREATE INDEX idx_customers_partner_name ON customers (partner_id, name_key, id);
CREATE INDEX idx_customers_partner_segment_country_name ON customers (partner_id, segment, country, name_key, id);
CREATE INDEX idx_customers_partner_segment_name ON customers (partner_id, segment, name_key, id);
CREATE UNIQUE INDEX idx_customers_partner_domain ON customers (partner_id, domain);
CREATE UNIQUE INDEX idx_customers_tenant_id ON customers (tenant_id);

CREATE TABLE search_terms (
    partner_id varchar(36) NOT NULL,
    term varchar(253) NOT NULL,
    customer_id varchar(36) NOT NULL,
    CONSTRAINT search_terms_pkey PRIMARY KEY (partner_id, term, customer_id)
);
CREATE INDEX idx_search_terms_customer ON search_terms (customer_id, term);
CREATE INDEX idx_search_terms_lookup ON search_terms (partner_id, term);

CREATE TABLE invitations (
    token varchar(64) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    created_by varchar(36) NOT NULL,
    created_at timestamptz,
    accepted_at timestamptz,
    CONSTRAINT invitations_pkey PRIMARY KEY (token)
);
CREATE INDEX idx_invitations_customer_id ON invitations (customer_id);

CREATE TABLE offers (
    id varchar(36) NOT NULL,
    tab varchar(12) NOT NULL,
    name varchar(200) NOT NULL,
    description varchar(1000) DEFAULT '' NOT NULL,
    publisher varchar(12) NOT NULL,
    publisher_name varchar(120) DEFAULT '' NOT NULL,
    billing_type varchar(8) NOT NULL,
    category varchar(16) NOT NULL,
    frequencies varchar(20) NOT NULL,
    monthly_price bigint DEFAULT 0 NOT NULL,
    annual_price bigint DEFAULT 0 NOT NULL,
    term_price bigint DEFAULT 0 NOT NULL,
    min_quantity bigint DEFAULT 1 NOT NULL,
    max_quantity bigint DEFAULT 300 NOT NULL,
    segments varchar(80) DEFAULT '' NOT NULL,
    countries varchar(400) DEFAULT '' NOT NULL,
    one_per_customer boolean DEFAULT false NOT NULL,
    exclusive_partner_id varchar(36) DEFAULT '' NOT NULL,
    not_in_program boolean DEFAULT false NOT NULL,
    trial_days bigint DEFAULT 0 NOT NULL,
    setup_url varchar(300) DEFAULT '' NOT NULL,
    base_offer_id varchar(36) DEFAULT '' NOT NULL,
    paid_offer_id varchar(36) DEFAULT '' NOT NULL,
    trial_licenses bigint DEFAULT 0 NOT NULL,
    term_months bigint DEFAULT 0 NOT NULL,
    software_kind varchar(12) DEFAULT '' NOT NULL,
    product varchar(40) DEFAULT '' NOT NULL,
    versions varchar(200) DEFAULT '' NOT NULL,
    languages varchar(200) DEFAULT '' NOT NULL,
    file_types varchar(200) DEFAULT '' NOT NULL,
    reservation_type varchar(12) DEFAULT '' NOT NULL,
    region varchar(40) DEFAULT '' NOT NULL,
    CONSTRAINT offers_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_offers_base_offer_id ON offers (base_offer_id);
CREATE INDEX idx_offers_tab_filters ON offers (tab, publisher, billing_type, category);
CREATE INDEX idx_offers_tab_name ON offers (tab, name);

CREATE TABLE cart_items (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    offer_id varchar(36) NOT NULL,
    quantity bigint NOT NULL,
    frequency varchar(10) DEFAULT '' NOT NULL,
    added_by varchar(36) NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT cart_items_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_cart_items_cart ON cart_items (partner_id, customer_id, created_at);
CREATE UNIQUE INDEX idx_cart_items_offer ON cart_items (partner_id, customer_id, offer_id);

CREATE TABLE orders (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    user_name varchar(254) NOT NULL,
    checkout_key varchar(64) NOT NULL,
    total bigint NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_orders_partner_customer_at ON orders (partner_id, customer_id, created_at);
CREATE UNIQUE INDEX idx_orders_checkout_key ON orders (checkout_key);

CREATE TABLE order_lines (
    id varchar(36) NOT NULL,
    order_id varchar(36) NOT NULL,
    offer_id varchar(36) NOT NULL,
    offer_name varchar(200) NOT NULL,
    quantity bigint NOT NULL,
    frequency varchar(10) DEFAULT '' NOT NULL,
    unit_price bigint NOT NULL,
    amount bigint NOT NULL,
    resource_type varchar(20) NOT NULL,
    resource_id varchar(36) NOT NULL,
    CONSTRAINT order_lines_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_order_lines_order_id ON order_lines (order_id);

CREATE TABLE subscriptions (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    offer_id varchar(36) NOT NULL,
    offer_name varchar(200) NOT NULL,
    order_id varchar(36) DEFAULT '' NOT NULL,
    quantity bigint NOT NULL,
    frequency varchar(10) NOT NULL,
    billing_type varchar(8) NOT NULL,
    unit_price bigint NOT NULL,
    status varchar(10) NOT NULL,
    term_start timestamptz NOT NULL,
    term_end timestamptz NOT NULL,
    auto_renew boolean NOT NULL,
    trial_end timestamptz,
    paid_offer_id varchar(36) DEFAULT '' NOT NULL,
    purchased_at timestamptz NOT NULL,
    first_billing_start timestamptz NOT NULL,
    suspended_at timestamptz,
    retention_end timestamptz,
    cancel_at_term_end boolean DEFAULT false NOT NULL,
    cancelled_at timestamptz,
    bought_directly boolean DEFAULT false NOT NULL,
    parent_id varchar(36) DEFAULT '' NOT NULL,
    created_at timestamptz,
    CONSTRAINT subscriptions_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_subs_partner_customer ON subscriptions (partner_id, customer_id, offer_name);
CREATE INDEX idx_subs_partner_scheduled ON subscriptions (partner_id, cancel_at_term_end, term_end);
CREATE INDEX idx_subs_partner_status_term ON subscriptions (partner_id, status, term_end);
CREATE INDEX idx_subs_purchased ON subscriptions (purchased_at);
CREATE INDEX idx_subs_status_retention ON subscriptions (status, retention_end);
CREATE INDEX idx_subs_status_term ON subscriptions (status, term_end);
CREATE INDEX idx_subs_status_trial ON subscriptions (status, trial_end);
CREATE INDEX idx_subscriptions_parent_id ON subscriptions (parent_id);

CREATE TABLE software_purchases (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    offer_id varchar(36) NOT NULL,
    order_id varchar(36) NOT NULL,
    product_name varchar(200) NOT NULL,
    kind varchar(12) NOT NULL,
    product varchar(40) NOT NULL,
    quantity bigint NOT NULL,
    price bigint NOT NULL,
    purchased_at timestamptz NOT NULL,
    term_end timestamptz,
    status varchar(10) NOT NULL,
    cancelled_at timestamptz,
    CONSTRAINT software_purchases_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_software_partner_customer ON software_purchases (partner_id, customer_id, purchased_at);

CREATE TABLE download_links (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    purchase_id varchar(36) NOT NULL,
    token_hash varchar(64) NOT NULL,
    version varchar(60) NOT NULL,
    language varchar(40) NOT NULL,
    file_type varchar(60) NOT NULL,
    issued_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    downloads bigint DEFAULT 0 NOT NULL,
    revoked boolean DEFAULT false NOT NULL,
    CONSTRAINT download_links_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_download_links_purchase_issued ON download_links (purchase_id, issued_at);
CREATE UNIQUE INDEX idx_download_links_token_hash ON download_links (token_hash);

CREATE TABLE reservations (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    offer_id varchar(36) NOT NULL,
    order_id varchar(36) NOT NULL,
    reservation_order_id varchar(36) NOT NULL,
    name varchar(200) NOT NULL,
    quantity bigint NOT NULL,
    price bigint NOT NULL,
    term_months bigint NOT NULL,
    purchased_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    scope varchar(8) NOT NULL,
    azure_subscription_id varchar(36) DEFAULT '' NOT NULL,
    status varchar(10) NOT NULL,
    cancelled_at timestamptz,
    refund_amount bigint DEFAULT 0 NOT NULL,
    exchanged_for_id varchar(36) DEFAULT '' NOT NULL,
    exchanged_from_id varchar(36) DEFAULT '' NOT NULL,
    CONSTRAINT reservations_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_res_partner_customer ON reservations (partner_id, customer_id, purchased_at);

CREATE TABLE invoices (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    period_start timestamptz NOT NULL,
    period_end timestamptz NOT NULL,
    status varchar(8) NOT NULL,
    total bigint DEFAULT 0 NOT NULL,
    issued_at timestamptz,
    CONSTRAINT invoices_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_invoices_partner_period ON invoices (partner_id, period_start);
CREATE INDEX idx_invoices_status ON invoices (status);
CREATE UNIQUE INDEX idx_invoices_customer_period ON invoices (partner_id, customer_id, period_start);

CREATE TABLE invoice_lines (
    id varchar(36) NOT NULL,
    invoice_id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    customer_id varchar(36) NOT NULL,
    at timestamptz NOT NULL,
    kind varchar(8) NOT NULL,
    reason varchar(30) NOT NULL,
    description varchar(300) NOT NULL,
    order_id varchar(36) DEFAULT '' NOT NULL,
    resource_type varchar(20) DEFAULT '' NOT NULL,
    resource_id varchar(36) DEFAULT '' NOT NULL,
    quantity bigint DEFAULT 0 NOT NULL,
    amount bigint NOT NULL,
    CONSTRAINT invoice_lines_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_invoice_lines_invoice_at ON invoice_lines (invoice_id, at);

CREATE TABLE reservation_access (
    reservation_id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    granted_by varchar(254) NOT NULL,
    granted_at timestamptz NOT NULL,
    CONSTRAINT reservation_access_pkey PRIMARY KEY (reservation_id, user_id)
);
CREATE INDEX idx_reservation_access_partner_id ON reservation_access (partner_id);

CREATE TABLE reservation_drafts (
    user_id varchar(36) NOT NULL,
    reservation_id varchar(36) NOT NULL,
    kind varchar(8) NOT NULL,
    partner_id varchar(36) NOT NULL,
    title varchar(200) DEFAULT '' NOT NULL,
    issue_type varchar(30) DEFAULT '' NOT NULL,
    problem_type varchar(40) DEFAULT '' NOT NULL,
    category varchar(40) DEFAULT '' NOT NULL,
    severity varchar(10) DEFAULT '' NOT NULL,
    description varchar(4000) DEFAULT '' NOT NULL,
    new_offer_id varchar(36) DEFAULT '' NOT NULL,
    new_quantity bigint DEFAULT 0 NOT NULL,
    contact_name varchar(200) DEFAULT '' NOT NULL,
    contact_email varchar(254) DEFAULT '' NOT NULL,
    contact_phone varchar(40) DEFAULT '' NOT NULL,
    updated_at timestamptz,
    CONSTRAINT reservation_drafts_pkey PRIMARY KEY (user_id, reservation_id, kind)
);

CREATE TABLE support_requests (
    id varchar(36) NOT NULL,
    partner_id varchar(36) NOT NULL,
    number varchar(20) NOT NULL,
    problem_type varchar(40) NOT NULL,
    issue_type varchar(30) DEFAULT '' NOT NULL,
    category varchar(40) DEFAULT '' NOT NULL,
    severity varchar(10) NOT NULL,
    title varchar(200) NOT NULL,
    description varchar(4000) DEFAULT '' NOT NULL,
    customer_ref varchar(253) DEFAULT '' NOT NULL,
    customer_id varchar(36) DEFAULT '' NOT NULL,
    customer_name varchar(200) DEFAULT '' NOT NULL,
    order_or_subscription_id varchar(64) DEFAULT '' NOT NULL,
    reason varchar(500) DEFAULT '' NOT NULL,
    amount_requested bigint DEFAULT 0 NOT NULL,
    contact_name varchar(200) NOT NULL,
    contact_email varchar(254) NOT NULL,
    contact_phone varchar(40) DEFAULT '' NOT NULL,
    status varchar(20) NOT NULL,
    reservation_id varchar(36) DEFAULT '' NOT NULL,
    reservation_order_id varchar(36) DEFAULT '' NOT NULL,
    created_by varchar(36) NOT NULL,
    created_by_name varchar(200) DEFAULT '' NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz,
    CONSTRAINT support_requests_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_support_partner_created ON support_requests (partner_id, created_at, id);
CREATE INDEX idx_support_partner_reservation ON support_requests (partner_id, reservation_id, created_at);
CREATE INDEX idx_support_partner_severity_created ON support_requests (partner_id, severity, created_at, id);
CREATE INDEX idx_support_partner_status_created ON support_requests (partner_id, status, created_at, id);
CREATE UNIQUE INDEX idx_support_partner_number ON support_requests (partner_id, number);

CREATE TABLE support_notes (
    id varchar(36) NOT NULL,
    request_id varchar(36) NOT NULL,
    author varchar(200) NOT NULL,
    author_id varchar(36) DEFAULT '' NOT NULL,
    body varchar(4000) NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT support_notes_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_support_notes_request ON support_notes (request_id, created_at);

CREATE TABLE support_attachments (
    id varchar(36) NOT NULL,
    request_id varchar(36) NOT NULL,
    file_name varchar(200) NOT NULL,
    content_type varchar(60) NOT NULL,
    size bigint NOT NULL,
    data bytea NOT NULL,
    created_at timestamptz,
    CONSTRAINT support_attachments_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_support_attachments_request_id ON support_attachments (request_id);

-- +goose Down
DROP TABLE support_attachments;
DROP TABLE support_notes;
DROP TABLE support_requests;
DROP TABLE reservation_drafts;
DROP TABLE reservation_access;
DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP TABLE reservations;
DROP TABLE download_links;
DROP TABLE software_purchases;
DROP TABLE subscriptions;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE cart_items;
DROP TABLE offers;
DROP TABLE invitations;
DROP TABLE search_terms;
DROP TABLE customers;
DROP TABLE activity_entries;
DROP TABLE login_attempts;
DROP TABLE users;
DROP TABLE partners;
DROP TABLE settings;
