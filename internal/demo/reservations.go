package demo

import (
	"context"
	"fmt"
	"time"

	"portal/internal/activity"
	"portal/internal/platform/money"
	"portal/internal/reservations"
	"portal/internal/subscriptions"
	"portal/internal/support"
)

type demoReservation struct {
	slug, customer, offer, name string
	quantity, termMonths        int
	price                       money.Cents
	boughtDaysAgo               int
	shared                      bool
	// refundedDaysAgo > 0 makes it a reservation refunded that long ago.
	refundedDaysAgo int
	refund          money.Cents
}

// contosoReservations are Contoso's demo reservations, all for customers in
// markets where reservations are sold: one bought 3 days ago and not used
// yet (full refund), one 40 days ago (prorated less the fee), one near its
// expiry, one large enough for the refund cap to cut it, and one refunded
// earlier that counts toward that customer's cap.
func contosoReservations() []demoReservation {
	return []demoReservation{
		{"adatum-vm-1yr", "adatum.com", "azure-vm-d2s-v5-1yr", "Reserved VM Instance, D2s v5, US East, 1 year", 2, 12, 101_600, 3, true, 0, 0},
		{"contosopharma-sql-1yr", "contosopharma.com", "azure-sql-database-1yr", "SQL Database vCore, General Purpose, US West 2, 1 year", 4, 12, 720_000, 40, false, 0, 0},
		{"northwind-vm-3yr", "northwindtraders.com", "azure-vm-d2s-v5-3yr", "Reserved VM Instance, D2s v5, US Central, 3 years", 10, 36, 900_000, 3*365 - 10, true, 0, 0},
		{"woodgrove-cosmos-1yr", "woodgrovebank.com", "azure-cosmos-db-1yr", "Azure Cosmos DB reserved capacity, 100 RU/s × 500, 1 year", 500, 12, 6_500_000, 20, true, 0, 0},
		{"woodgrove-vm-1yr", "woodgrovebank.com", "azure-vm-d2s-v5-1yr", "Reserved VM Instance, D2s v5, US East 2, 1 year", 24, 12, 1_500_000, 150, true, 100, 1_200_000},
	}
}

func seedReservations(ctx context.Context, sd seeder) error {
	g, now := sd.db, sd.clk.Now()
	var n int64
	if err := g.WithContext(ctx).Model(&reservations.Reservation{}).Where("id = ?", ID("reservation:adatum-vm-1yr")).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	for _, d := range contosoReservations() {
		custID := ID("customer:" + d.customer)
		bought := now.AddDate(0, 0, -d.boughtDaysAgo)
		r := reservations.Reservation{
			ID: ID("reservation:" + d.slug), PartnerID: ContosoID, CustomerID: custID, OfferID: ID("offer:" + d.offer),
			OrderID: ID("order:reservation:" + d.slug), ReservationOrderID: ID("reservation-order:" + d.slug),
			Name: d.name, Quantity: d.quantity, Price: d.price, TermMonths: d.termMonths, PurchasedAt: bought,
			ExpiresAt: bought.AddDate(0, d.termMonths, 0), Scope: reservations.ScopeShared, Status: reservations.Active,
		}
		if !d.shared {
			// Single scope needs one of the customer's active subscriptions;
			// without one (the catalog's purchases not seeded) it stays shared.
			var subID string
			err := g.WithContext(ctx).Model(&subscriptions.Subscription{}).
				Where("partner_id = ? AND customer_id = ? AND status = ?", ContosoID, custID, subscriptions.Active).
				Order("offer_name, id").Limit(1).Pluck("id", &subID).Error
			if err != nil {
				return err
			}
			if subID != "" {
				r.Scope, r.AzureSubscriptionID = reservations.ScopeSingle, subID
			}
		}
		if d.refundedDaysAgo > 0 {
			at := now.AddDate(0, 0, -d.refundedDaysAgo)
			r.Status, r.CancelledAt, r.RefundAmount = reservations.Cancelled, &at, d.refund
		}
		if err := g.WithContext(ctx).Create(&r).Error; err != nil {
			return fmt.Errorf("reservation %s: %w", d.slug, err)
		}
	}
	access := []reservations.Access{
		{ReservationID: ID("reservation:woodgrove-cosmos-1yr"), UserID: ID("user:adminagent@contoso.example"), PartnerID: ContosoID, GrantedBy: "Gloria Admin", GrantedAt: now.AddDate(0, 0, -19)},
		{ReservationID: ID("reservation:woodgrove-cosmos-1yr"), UserID: ID("user:helpdesk@contoso.example"), PartnerID: ContosoID, GrantedBy: "Gloria Admin", GrantedAt: now.AddDate(0, 0, -12)},
		{ReservationID: ID("reservation:contosopharma-sql-1yr"), UserID: ID("user:sales@contoso.example"), PartnerID: ContosoID, GrantedBy: "Adam Agent", GrantedAt: now.AddDate(0, 0, -38)},
	}
	if err := g.WithContext(ctx).Create(&access).Error; err != nil {
		return err
	}
	return seedSupport(ctx, sd)
}

type demoNote struct {
	author     string
	hoursAfter int
	body       string
}

type demoRequest struct {
	slug, problem, severity, status, title, description string
	customer, reason                                    string
	amount                                              money.Cents
	reservation                                         string
	daysAgo                                             int
	notes                                               []demoNote
	file                                                string
}

func contosoRequests() []demoRequest {
	return []demoRequest{
		{slug: "esu-refund", problem: support.ProblemCSPPurchaseRefund, severity: support.Moderate, status: support.Open,
			title: "Refund Windows 7 ESU bought by mistake", customer: "fabriquelumiere.fr", reason: "Bought for the wrong customer",
			amount: 123_456, daysAgo: 2,
			description: "The extended security updates for Windows 7 were bought for Fabrique Lumière instead of Atelier Marchand. Please refund the purchase.",
			notes: []demoNote{
				{"Gloria Admin", 1, "Order confirmation attached."},
				{"Support", 20, "Thank you. We are checking the order with the billing team and will confirm the refund within two business days."},
			},
			file: "order-confirmation.txt"},
		{slug: "teams-sign-in", problem: support.ProblemTechnical, severity: support.Critical, status: support.AttentionNeeded,
			title: "Users cannot sign in to Teams", customer: "bellowscollege.edu", daysAgo: 1,
			description: "Since this morning no student or teacher can sign in to Teams. The error is AADSTS50020.",
			notes: []demoNote{
				{"Hugo Helpdesk", 0, "Checked the service health page: no incident reported."},
				{"Support", 3, "Please send the correlation ID and timestamp of a failed sign-in."},
				{"Hugo Helpdesk", 5, "Correlation ID 4f1c… sent by email to the engineer."},
			}},
		{slug: "duplicate-charge", problem: support.ProblemBilling, severity: support.Moderate, status: support.AttentionNeeded,
			title: "Invoice shows a duplicate charge", customer: "adatum.com", reason: "Duplicate line", amount: 24_000, daysAgo: 6,
			description: "The November invoice lists the Microsoft 365 E3 renewal twice.",
			notes:       []demoNote{{"Support", 30, "Can you confirm the two line IDs? We only see one charge on our side."}}},
		{slug: "sql-scope", problem: support.ProblemReservationManagement, severity: support.Minimal, status: support.Closed,
			title: "Which subscription should the SQL reservation apply to?", customer: "contosopharma.com",
			reservation: "contosopharma-sql-1yr", daysAgo: 35,
			description: "The customer runs SQL Database in two subscriptions. Can the reservation be shared?",
			notes:       []demoNote{{"Support", 6, "Yes: set the scope to Shared on the reservation's Configuration section. Closing this request."}}},
		{slug: "legal-address", problem: support.ProblemAccount, severity: support.Minimal, status: support.Open,
			title: "Update our legal address", daysAgo: 9,
			description: "Our head office moved to 1 Harbour Street. Please update the partner profile's legal address."},
	}
}

func seedSupport(ctx context.Context, sd seeder) error {
	g, now := sd.db, sd.clk.Now()
	perDay := map[string]int{}
	for _, d := range contosoRequests() {
		at := now.AddDate(0, 0, -d.daysAgo).Add(-time.Duration(len(d.slug)) * time.Minute)
		day := at.UTC().Format("060102")
		perDay[day]++
		r := support.Request{
			ID: ID("support:" + d.slug), PartnerID: ContosoID, Number: fmt.Sprintf("SR-%s-%04d", day, perDay[day]),
			ProblemType: d.problem, Severity: d.severity, Title: d.title, Description: d.description, Reason: d.reason,
			AmountRequested: d.amount, ContactName: "Gloria Admin", ContactEmail: "globaladmin@contoso.example",
			ContactPhone: "+1 425 555 0100", Status: d.status, CreatedBy: ID("user:globaladmin@contoso.example"),
			CreatedByName: "Gloria Admin", CreatedAt: at, UpdatedAt: at,
		}
		if d.customer != "" {
			var c struct{ ID, Name, TenantID string }
			err := g.WithContext(ctx).Table("customers").Select("id, name, tenant_id").Where("id = ?", ID("customer:"+d.customer)).Scan(&c).Error
			if err != nil {
				return err
			}
			r.CustomerRef, r.CustomerID, r.CustomerName = c.TenantID, c.ID, c.Name
		}
		if d.reservation != "" {
			r.ReservationID, r.ReservationOrderID = ID("reservation:"+d.reservation), ID("reservation-order:"+d.reservation)
			r.OrderOrSubscriptionID, r.ProblemType, r.IssueType, r.Category = r.ReservationOrderID, support.ProblemReservationManagement, support.IssueBilling, support.CategoryScope
		}
		for i, n := range d.notes {
			r.UpdatedAt = at.Add(time.Duration(n.hoursAfter) * time.Hour)
			note := support.Note{ID: ID(fmt.Sprintf("support-note:%s:%d", d.slug, i)), RequestID: r.ID, Author: n.author, Body: n.body, CreatedAt: r.UpdatedAt}
			if err := g.WithContext(ctx).Create(&note).Error; err != nil {
				return err
			}
		}
		if err := g.WithContext(ctx).Create(&r).Error; err != nil {
			return fmt.Errorf("support request %s: %w", d.slug, err)
		}
		if err := recordRequest(ctx, activity.Recorder{DB: g}, r, at); err != nil {
			return err
		}
		if d.file != "" {
			data := []byte("Order confirmation\nCustomer: " + r.CustomerName + "\nProduct: Windows 7 Extended Security Updates\nAmount: USD 1,234.56\n")
			a := support.Attachment{ID: ID("support-file:" + d.slug), RequestID: r.ID, FileName: d.file, ContentType: "text/plain",
				Size: int64(len(data)), Data: data, CreatedAt: at}
			if err := g.WithContext(ctx).Create(&a).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// recordRequest writes the activity entries the support pages write for a
// seeded request: its creation, and its last status when it is not open.
func recordRequest(ctx context.Context, rec activity.Recorder, r support.Request, at time.Time) error {
	actor := actorNamed("globaladmin@contoso.example")
	err := rec.Record(ctx, at, activity.Change{
		PartnerID: r.PartnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		ResourceType: "support_request", ResourceID: r.ID, Action: "support.request_created",
		Details: r.Number + " " + r.Title,
		After: map[string]any{"number": r.Number, "problem_type": r.ProblemType, "severity": r.Severity,
			"status": support.Open, "reservation_id": r.ReservationID, "attachments": 0},
	})
	if err != nil || r.Status == support.Open {
		return err
	}
	return rec.Record(ctx, r.UpdatedAt, activity.Change{
		PartnerID: r.PartnerID, Actor: actor, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		ResourceType: "support_request", ResourceID: r.ID, Action: "support.status_changed",
		Details: r.Number, Before: map[string]string{"status": support.Open}, After: map[string]string{"status": r.Status},
	})
}
