-- Every list read in its sort order from an index (PERF-1, PERF-6): each
-- index a list walks ends with the id that breaks ties, so a page of 25 or
-- 50 rows stops after those rows instead of sorting every match. The
-- add-ons of a subscription get a (partner, parent, name, id) index, and the
-- open invoices the lifecycle engine closes a (status, period end, id) one.

-- +goose Up
DROP INDEX idx_invoices_partner_period;
CREATE INDEX idx_invoices_partner_period ON invoices (partner_id, period_start, id);
DROP INDEX idx_invoices_status;
CREATE INDEX idx_invoices_status ON invoices (status, period_end, id);
DROP INDEX idx_invoice_lines_invoice_at;
CREATE INDEX idx_invoice_lines_invoice_at ON invoice_lines (invoice_id, at, id);
DROP INDEX idx_subs_partner_customer;
CREATE INDEX idx_subs_partner_customer ON subscriptions (partner_id, customer_id, offer_name, id);
DROP INDEX idx_software_partner_customer;
CREATE INDEX idx_software_partner_customer ON software_purchases (partner_id, customer_id, purchased_at, id);
DROP INDEX idx_download_links_purchase_issued;
CREATE INDEX idx_download_links_purchase_issued ON download_links (purchase_id, issued_at, id);
DROP INDEX idx_res_partner_customer;
CREATE INDEX idx_res_partner_customer ON reservations (partner_id, customer_id, purchased_at, id);
DROP INDEX idx_orders_partner_customer_at;
CREATE INDEX idx_orders_partner_customer_at ON orders (partner_id, customer_id, created_at, id);
DROP INDEX idx_order_lines_order_id;
CREATE INDEX idx_order_lines_order_id ON order_lines (order_id, id);
DROP INDEX idx_users_partner_email;
CREATE INDEX idx_users_partner_email ON users (partner_id, name, id);
DROP INDEX idx_support_notes_request;
CREATE INDEX idx_support_notes_request ON support_notes (request_id, created_at, id);
DROP INDEX idx_subscriptions_parent_id;
CREATE INDEX idx_subs_partner_parent ON subscriptions (partner_id, parent_id, offer_name, id);
DROP INDEX idx_offers_base_offer_id;
CREATE INDEX idx_offers_base_offer_id ON offers (base_offer_id, name, id);
DROP INDEX idx_support_attachments_request_id;
CREATE INDEX idx_support_attachments_request_id ON support_attachments (request_id, created_at, file_name);

-- +goose Down
DROP INDEX idx_support_attachments_request_id;
CREATE INDEX idx_support_attachments_request_id ON support_attachments (request_id);
DROP INDEX idx_offers_base_offer_id;
CREATE INDEX idx_offers_base_offer_id ON offers (base_offer_id);
DROP INDEX idx_subs_partner_parent;
CREATE INDEX idx_subscriptions_parent_id ON subscriptions (parent_id);
DROP INDEX idx_support_notes_request;
CREATE INDEX idx_support_notes_request ON support_notes (request_id, created_at);
DROP INDEX idx_users_partner_email;
CREATE INDEX idx_users_partner_email ON users (partner_id, name);
DROP INDEX idx_order_lines_order_id;
CREATE INDEX idx_order_lines_order_id ON order_lines (order_id);
DROP INDEX idx_orders_partner_customer_at;
CREATE INDEX idx_orders_partner_customer_at ON orders (partner_id, customer_id, created_at);
DROP INDEX idx_res_partner_customer;
CREATE INDEX idx_res_partner_customer ON reservations (partner_id, customer_id, purchased_at);
DROP INDEX idx_download_links_purchase_issued;
CREATE INDEX idx_download_links_purchase_issued ON download_links (purchase_id, issued_at);
DROP INDEX idx_software_partner_customer;
CREATE INDEX idx_software_partner_customer ON software_purchases (partner_id, customer_id, purchased_at);
DROP INDEX idx_subs_partner_customer;
CREATE INDEX idx_subs_partner_customer ON subscriptions (partner_id, customer_id, offer_name);
DROP INDEX idx_invoice_lines_invoice_at;
CREATE INDEX idx_invoice_lines_invoice_at ON invoice_lines (invoice_id, at);
DROP INDEX idx_invoices_status;
CREATE INDEX idx_invoices_status ON invoices (status);
DROP INDEX idx_invoices_partner_period;
CREATE INDEX idx_invoices_partner_period ON invoices (partner_id, period_start);
