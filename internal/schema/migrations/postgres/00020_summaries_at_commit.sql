-- The triggers of the summaries that subscriptions and invoices add to
-- (00006, 00016: licenses by offer, scheduled cancellations, billed by
-- period) add to their rows at commit instead of at each change (PERF-6,
-- PERF-7). A summary row is one per partner and offer, period or kind, so
-- every change of a partner that adds to it waits for the last one's
-- commit: taken at the change, the row stayed locked for the rest of its
-- transaction, and a checkout (its subscription first, then the order, its
-- lines, the invoice, the activity entries and the cart) held its
-- partner's licenses row over about ten statements, one round trip each,
-- while the partner's other checkouts queued behind it. Deferred, each
-- trigger adds the same amounts from the same rows, in the order of the
-- changes, when the transaction commits: the row is locked only from then
-- on. No transaction reads a summary after changing it, and a failure at
-- commit rolls the whole transaction back as before. The customers' and
-- support requests' counts stay immediate: their transactions are a few
-- statements, and a transaction with pending deferred events on a table
-- cannot alter it (a load that rebuilds the table's indexes). For the
-- same reason a later migration that changes subscriptions or invoices,
-- then alters them, runs SET CONSTRAINTS ALL IMMEDIATE in between. SQLite
-- writes one transaction at a time and defers nothing.

-- +goose Up
DROP TRIGGER dash_subscriptions_insert_delete ON subscriptions;
DROP TRIGGER dash_subscriptions_update ON subscriptions;
DROP TRIGGER dash_invoices_insert_delete ON invoices;
DROP TRIGGER dash_invoices_update ON invoices;

CREATE CONSTRAINT TRIGGER dash_subscriptions_insert_delete AFTER INSERT OR DELETE ON subscriptions
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();
CREATE CONSTRAINT TRIGGER dash_subscriptions_update
AFTER UPDATE OF partner_id, offer_name, quantity, status, bought_directly, billing_type, cancel_at_term_end ON subscriptions
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();
CREATE CONSTRAINT TRIGGER dash_invoices_insert_delete AFTER INSERT OR DELETE ON invoices
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();
CREATE CONSTRAINT TRIGGER dash_invoices_update AFTER UPDATE OF partner_id, period_start, total ON invoices
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();

-- +goose Down
DROP TRIGGER dash_subscriptions_insert_delete ON subscriptions;
DROP TRIGGER dash_subscriptions_update ON subscriptions;
DROP TRIGGER dash_invoices_insert_delete ON invoices;
DROP TRIGGER dash_invoices_update ON invoices;

CREATE TRIGGER dash_subscriptions_insert_delete AFTER INSERT OR DELETE ON subscriptions
FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();
CREATE TRIGGER dash_subscriptions_update
AFTER UPDATE OF partner_id, offer_name, quantity, status, bought_directly, billing_type, cancel_at_term_end ON subscriptions
FOR EACH ROW EXECUTE FUNCTION dash_subscriptions_summaries();
CREATE TRIGGER dash_invoices_insert_delete AFTER INSERT OR DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();
CREATE TRIGGER dash_invoices_update AFTER UPDATE OF partner_id, period_start, total ON invoices
FOR EACH ROW EXECUTE FUNCTION dash_invoices_summaries();
