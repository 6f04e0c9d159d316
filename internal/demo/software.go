package demo

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/orders"
	"portal/internal/platform/money"
	"portal/internal/software"
)

// demoSoftware is one seeded software purchase and the offer it refers to.
type demoSoftware struct {
	slug      string // the purchase's and its order's fixed-ID name
	offer     string // the catalog slug: demo.ID("offer:<slug>")
	customer  string // the customer's domain
	daysAgo   int
	quantity  int
	unitPrice money.Cents
	// Fallbacks when the catalog has no such offer.
	name, kind, product string
	termMonths          int
}

// contosoSoftware is what the demo shows (SW-1 to SW-7), beside the
// software the catalog's demo purchases bought today: a Windows Server bought
// 10 days ago (inside the 60-day window), a 3-year SQL Server bought 90 days
// ago (window passed), and the three exceptions of SW-6. Prices, names,
// kinds, families and terms are the catalog offer's; the values here are
// only fallbacks when the catalog has no such offer, and match it.
func contosoSoftware() []demoSoftware {
	return []demoSoftware{
		{"software:adatum-windows-server", "windows-server-2022-standard", "adatum.com", 10, 2, 1_069_00,
			"Windows Server 2022 Standard - 16 core license", catalog.SoftwarePerpetual, "windows_server", 0},
		{"software:adatum-sql-server-3yr", "sql-server-2022-standard-3yr", "adatum.com", 90, 4, 4_338_00,
			"SQL Server 2022 Standard - 2 core, 3 year subscription", catalog.SoftwareSubscription, "sql_server", 36},
		{"software:adatum-windows-7-esu", "windows-7-esu", "adatum.com", 20, 25, 200_00,
			"Windows 7 Extended Security Updates", catalog.SoftwareSubscription, catalog.ProductWindows7ESU, 12},
		{"software:adatum-suse", "suse-linux-enterprise-server", "adatum.com", 5, 3, 2_160_00,
			"SUSE Linux Enterprise Server, Priority support, 1-2 sockets", catalog.SoftwareSubscription, catalog.ProductSUSE, 36},
		{"software:adatum-red-hat", "red-hat-enterprise-linux", "adatum.com", 30, 2, 799_00,
			"Red Hat Enterprise Linux Server, Standard, 1-2 sockets", catalog.SoftwareSubscription, catalog.ProductRedHat, 12},
		{"software:fabriquelumiere-windows-server", "windows-server-2022-standard", "fabriquelumiere.fr", 3, 1, 1_069_00,
			"Windows Server 2022 Standard - 16 core license", catalog.SoftwarePerpetual, "windows_server", 0},
	}
}

// seedSoftware writes Contoso's demo software purchases with their orders
// (fixed IDs; skipped when the first is there). The purchases' names, unit
// prices, kinds, families and terms come from the catalog's offers when it
// has them, so an order and its purchase show the offer's real price.
func seedSoftware(ctx context.Context, sd seeder) error {
	g := sd.db.WithContext(ctx)
	list := contosoSoftware()
	var n int64
	if err := g.Model(&software.Purchase{}).Where("id = ?", ID(list[0].slug)).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	now := sd.clk.Now().UTC()
	return g.Transaction(func(tx *gorm.DB) error {
		for _, d := range list {
			name, kind, product, term, unit := d.name, d.kind, d.product, d.termMonths, d.unitPrice
			var o catalog.Offer
			err := tx.Where("id = ?", ID("offer:"+d.offer)).Take(&o).Error
			switch {
			case err == nil:
				name = o.Name
				if o.SoftwareKind != "" {
					kind = o.SoftwareKind
				}
				if o.Product != "" {
					product = o.Product
				}
				if o.TermMonths > 0 {
					term = o.TermMonths
				}
				if o.TermPrice > 0 {
					unit = o.TermPrice
				}
			case !errors.Is(err, gorm.ErrRecordNotFound):
				return err
			}
			at := now.AddDate(0, 0, -d.daysAgo)
			total := unit * money.Cents(d.quantity)
			p := software.Purchase{
				ID: ID(d.slug), PartnerID: ContosoID, CustomerID: ID("customer:" + d.customer),
				OfferID: ID("offer:" + d.offer), OrderID: ID("order:" + d.slug), ProductName: name,
				Kind: kind, Product: product, Quantity: d.quantity, Price: total, PurchasedAt: at,
				Status: software.Active,
			}
			if kind == catalog.SoftwareSubscription {
				end := at.AddDate(0, term, 0)
				p.TermEnd = &end
			}
			actor := actorNamed("adminagent@contoso.example")
			order := orders.Order{
				ID: p.OrderID, PartnerID: ContosoID, CustomerID: p.CustomerID, UserID: actor.UserID, UserName: actor.Name,
				CheckoutKey: "demo:" + d.slug, Total: total, CreatedAt: at,
			}
			line := orders.Line{
				ID: ID("order-line:" + d.slug), OrderID: order.ID, OfferID: p.OfferID, OfferName: name,
				Quantity: d.quantity, UnitPrice: unit, Amount: total, ResourceType: "software", ResourceID: p.ID,
			}
			if err := tx.Create(&p).Error; err != nil {
				return err
			}
			if err := createOrder(ctx, tx, actor, order, line); err != nil {
				return err
			}
			// Billed in full on the day, like a purchase at the checkout.
			_, err = billing.Ledger{DB: tx}.Post(ctx, billing.Entry{
				PartnerID: ContosoID, CustomerID: p.CustomerID, At: at, Reason: "purchase", Description: name,
				OrderID: order.ID, ResourceType: "software", ResourceID: p.ID, Quantity: d.quantity, Amount: total,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
