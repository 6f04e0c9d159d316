-- What a customer owns of the offers a catalog page or a checkout asks
-- about (CAT-8, catalog.OwnedFor) is read by its offers: the customer's
-- subscriptions of those offers, a few, where the (partner, customer,
-- offer name) index gave all of them (211 for the partner-scale data's
-- biggest customer, for 29 that matched), each read from its row. The index
-- on the purchase time alone goes: no statement reads subscriptions by it,
-- and every purchase wrote it. A subscription's status is not in the new
-- index, so suspending, reactivating or cancelling does not write it.

-- +goose Up
DROP INDEX idx_subs_purchased;
CREATE INDEX idx_subs_partner_customer_offer ON subscriptions (partner_id, customer_id, offer_id, id);

-- +goose Down
DROP INDEX idx_subs_partner_customer_offer;
CREATE INDEX idx_subs_purchased ON subscriptions (purchased_at);
