package demo

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/orders"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
)

// demoSub is one subscription of the demo, in the states a demo needs to
// show (CUST-4, SUB-4, SUB-6, SUB-7, CAT-10, CAT-12).
type demoSub struct {
	slug, domain, offer, name string
	frequency, billingType    string
	quantity                  int
	price                     money.Cents
	purchasedAgo              time.Duration
	direct                    bool
	parent                    string // slug of the parent subscription (add-on)
	status                    string
	trialIn                   time.Duration // trial end from now
	paidOffer                 string        // Microsoft trial's paid offer slug
	suspendedAgo              time.Duration
	cancelAtEnd               bool
}

const demoDay = 24 * time.Hour

// contosoSubscriptions are the subscriptions seeded directly, beside the
// catalog's demo purchases.
func contosoSubscriptions() []demoSub {
	const m, a, lic, use = subscriptions.Monthly, subscriptions.Annual, subscriptions.License, subscriptions.Usage
	const act = subscriptions.Active
	return []demoSub{
		{slug: "adatum-m365-e3", domain: "adatum.com", offer: "m365-e3", name: "Microsoft 365 E3", frequency: m, billingType: lic,
			quantity: 120, price: 3600, purchasedAgo: 396 * demoDay, status: act},
		{slug: "adatum-teams-phone", domain: "adatum.com", offer: "teams-phone-system", name: "Microsoft Teams Phone Standard", frequency: m, billingType: lic,
			quantity: 40, price: 800, purchasedAgo: 150 * demoDay, parent: "adatum-m365-e3", status: act},
		{slug: "adatum-direct-business-basic", domain: "adatum.com", offer: "m365-business-basic", name: "Microsoft 365 Business Basic", frequency: m, billingType: lic,
			quantity: 10, price: 600, purchasedAgo: 200 * demoDay, direct: true, status: act},
		{slug: "alpine-business-standard", domain: "alpineskihouse.com", offer: "m365-business-standard", name: "Microsoft 365 Business Standard", frequency: m, billingType: lic,
			quantity: 25, price: 1250, purchasedAgo: 20 * time.Hour, status: act},
		{slug: "northwind-business-basic", domain: "northwindtraders.com", offer: "m365-business-basic", name: "Microsoft 365 Business Basic", frequency: m, billingType: lic,
			quantity: 50, price: 600, purchasedAgo: 990 * demoDay, status: subscriptions.Suspended, suspendedAgo: 82 * demoDay},
		{slug: "contosopharma-backup", domain: "contosopharma.com", offer: "contoso-backup-saas", name: "Contoso Cloud Backup", frequency: m, billingType: lic,
			quantity: 50, price: 400, purchasedAgo: 25 * demoDay, status: subscriptions.Trial, trialIn: 5 * demoDay},
		{slug: "relecloud-e3-trial", domain: "relecloud.com", offer: "m365-e3-trial", name: "Microsoft 365 E3 Trial", frequency: m, billingType: lic,
			quantity: 25, price: 0, purchasedAgo: 18 * demoDay, status: subscriptions.Trial, trialIn: 12 * demoDay, paidOffer: "m365-e3"},
		{slug: "woodgrove-m365-e5", domain: "woodgrovebank.com", offer: "m365-e5", name: "Microsoft 365 E5", frequency: a, billingType: lic,
			quantity: 40, price: 68400, purchasedAgo: 300 * demoDay, status: act, cancelAtEnd: true},
		{slug: "humongous-azure-plan", domain: "humongousinsurance.com", offer: "azure-plan", name: "Azure plan", frequency: m, billingType: use,
			quantity: 1, price: 0, purchasedAgo: 300 * demoDay, status: act},
		{slug: "tailspin-business-standard", domain: "tailspintoys.com", offer: "m365-business-standard", name: "Microsoft 365 Business Standard", frequency: m, billingType: lic,
			quantity: 60, price: 1250, purchasedAgo: 245 * demoDay, status: act},
		{slug: "tailspin-defender", domain: "tailspintoys.com", offer: "defender-office-365-p1", name: "Microsoft Defender for Office 365 (Plan 1)", frequency: m, billingType: lic,
			quantity: 60, price: 200, purchasedAgo: 245 * demoDay, parent: "tailspin-business-standard", status: act},
		{slug: "lamna-m365-e3-annual", domain: "lamnahealthcare.com", offer: "m365-e3", name: "Microsoft 365 E3", frequency: a, billingType: lic,
			quantity: 20, price: 43200, purchasedAgo: 13*demoDay + 14*time.Hour, status: act},
		{slug: "fourthcoffee-direct-business-standard", domain: "fourthcoffee.com", offer: "m365-business-standard", name: "Microsoft 365 Business Standard", frequency: m, billingType: lic,
			quantity: 8, price: 1250, purchasedAgo: 40 * demoDay, direct: true, status: act},
		{slug: "litware-direct-m365-e3", domain: "litwareinc.com", offer: "m365-e3", name: "Microsoft 365 E3", frequency: a, billingType: lic,
			quantity: 30, price: 43200, purchasedAgo: 170 * demoDay, direct: true, status: act},
	}
}

// seedSubscriptions writes the demo subscriptions, their orders, and the
// invoice lines of their past terms (so the billed-amount chart has a
// history). It skips when the first one exists.
func seedSubscriptions(ctx context.Context, sd seeder) error {
	g := sd.db
	list := contosoSubscriptions()
	var first subscriptions.Subscription
	err := g.WithContext(ctx).Where("id = ?", ID("subscription:"+list[0].slug)).Take(&first).Error
	if err == nil {
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	now := sd.clk.Now()
	// Names and prices follow the demo catalog, so these subscriptions read
	// like the ones bought through it.
	var offers []catalog.Offer
	if err := g.WithContext(ctx).Find(&offers).Error; err != nil {
		return err
	}
	byID := map[string]catalog.Offer{}
	for _, o := range offers {
		byID[o.ID] = o
	}
	return g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		ledger := billing.Ledger{DB: tx}
		made := map[string]subscriptions.Subscription{}
		for _, d := range list {
			if o, ok := byID[ID("offer:"+d.offer)]; ok {
				d.name = o.Name
				if d.price > 0 {
					d.price = o.PriceFor(d.frequency)
				}
			}
			s, terms := demoSubscription(d, now, made[d.parent])
			made[d.slug] = s
			if err := tx.Create(&s).Error; err != nil {
				return err
			}
			if s.OrderID != "" {
				if err := createDemoOrder(ctx, tx, s, d, terms); err != nil {
					return err
				}
			}
			for i, term := range terms {
				reason := subscriptions.ReasonRenewal
				if i == 0 {
					reason = "purchase"
				}
				_, err := ledger.Post(ctx, billing.Entry{
					PartnerID: s.PartnerID, CustomerID: s.CustomerID, At: term.TermStart, Reason: reason,
					Description: s.OfferName, OrderID: s.OrderID, ResourceType: subscriptions.ResourceType,
					ResourceID: s.ID, Quantity: s.Quantity, Amount: subscriptions.TermCharge(term),
				})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// demoSubscription builds d's record as of now (parent is its subscription
// when d is an add-on), and each term it has been charged for (the record
// with that term), first the purchase's. Terms follow the billing rule: a
// monthly subscription's first term ends with its purchase's calendar month,
// later ones are whole calendar months; annual terms last a year.
func demoSubscription(d demoSub, now time.Time, parent subscriptions.Subscription) (subscriptions.Subscription, []subscriptions.Subscription) {
	purchased := now.Add(-d.purchasedAgo).Truncate(time.Minute)
	if d.parent != "" {
		// An add-on bought with its subscription's terms: it was bought at
		// the start of one of them, and renews with it.
		start, end := parent.PurchasedAt, subscriptions.FirstTermEnd(parent.PurchasedAt, parent.Frequency)
		for !end.After(purchased) {
			start, end = subscriptions.NextTerm(end, parent.Frequency)
		}
		purchased = start
	}
	s := subscriptions.Subscription{
		ID: ID("subscription:" + d.slug), PartnerID: ContosoID, CustomerID: ID("customer:" + d.domain),
		OfferID: ID("offer:" + d.offer), OfferName: d.name, Quantity: d.quantity, Frequency: d.frequency,
		BillingType: d.billingType, UnitPrice: d.price, Status: d.status, AutoRenew: !d.cancelAtEnd,
		PurchasedAt: purchased, FirstBillingStart: purchased, CancelAtTermEnd: d.cancelAtEnd,
		BoughtDirectly: d.direct, CreatedAt: purchased,
	}
	if !d.direct {
		s.OrderID = ID("order:" + d.slug)
	}
	if d.parent != "" {
		s.ParentID = ID("subscription:" + d.parent)
	}
	if d.status == subscriptions.Trial {
		end := now.Add(d.trialIn).Truncate(time.Minute)
		s.TrialEnd, s.TermStart, s.TermEnd, s.FirstBillingStart = &end, purchased, end, end
		if d.paidOffer != "" {
			s.PaidOfferID = ID("offer:" + d.paidOffer)
		} else {
			// A partner SaaS trial's term starts when the trial ends (CAT-10).
			s.TermStart, s.TermEnd = end, subscriptions.FirstTermEnd(end, d.frequency)
		}
		return s, nil
	}
	// Terms follow each other from the purchase until the one running at
	// the time the record stops (now, or the suspension).
	until := now
	if d.suspendedAgo > 0 {
		until = now.Add(-d.suspendedAgo)
	}
	var terms []subscriptions.Subscription
	s.TermStart, s.TermEnd = purchased, subscriptions.FirstTermEnd(purchased, d.frequency)
	for {
		terms = append(terms, s)
		if s.TermEnd.After(until) {
			break
		}
		s.TermStart, s.TermEnd = subscriptions.NextTerm(s.TermEnd, d.frequency)
	}
	if d.suspendedAgo > 0 {
		at := until.Truncate(time.Minute)
		// The demo customer opened their account when they first bought: a
		// retention of 90 days (SUB-4), so the data is deleted in 8 days.
		end := subscriptions.RetentionEnd(at, purchased, purchased)
		s.SuspendedAt, s.RetentionEnd = &at, &end
	}
	if d.direct || d.billingType == subscriptions.Usage || d.price == 0 {
		terms = nil // not billed by this partner, or billed on usage
	}
	return s, terms
}

// createDemoOrder writes the order that bought s: its amount is the first
// term's charge (nothing for a trial or a subscription not billed).
func createDemoOrder(ctx context.Context, tx *gorm.DB, s subscriptions.Subscription, d demoSub, terms []subscriptions.Subscription) error {
	var amount money.Cents
	if len(terms) > 0 {
		amount = subscriptions.TermCharge(terms[0])
	}
	actor := actorNamed("sales@contoso.example")
	o := orders.Order{
		ID: s.OrderID, PartnerID: s.PartnerID, CustomerID: s.CustomerID, UserID: actor.UserID,
		UserName: actor.Name, CheckoutKey: "demo:" + d.slug, Total: amount, CreatedAt: s.PurchasedAt,
	}
	line := orders.Line{
		ID: ID("order-line:" + d.slug), OrderID: o.ID, OfferID: s.OfferID, OfferName: s.OfferName, Quantity: s.Quantity,
		Frequency: s.Frequency, UnitPrice: s.UnitPrice, Amount: amount, ResourceType: subscriptions.ResourceType, ResourceID: s.ID,
	}
	return createOrder(ctx, tx, actor, o, line)
}

// createOrder writes a seeded order, its line and the activity entries the
// checkout writes for it (CAT-7, LOG-1), at the order's time.
func createOrder(ctx context.Context, tx *gorm.DB, actor activity.Actor, o orders.Order, line orders.Line) error {
	if err := tx.Create(&o).Error; err != nil {
		return err
	}
	if err := tx.Create(&line).Error; err != nil {
		return err
	}
	var name string
	if err := tx.Table("customers").Where("id = ?", o.CustomerID).Select("name").Scan(&name).Error; err != nil {
		return err
	}
	return orders.RecordPlaced(ctx, activity.Recorder{DB: tx}, o.CreatedAt, actor, name, o, []orders.Line{line})
}
