package orders_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"portal/internal/activity"
	"portal/internal/benchdata"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/testkit"
)

// BenchmarkCheckoutCart_PERF7 is the load run's checkout without its web
// requests: a line added to a customer's cart, the cart read, and the cart
// bought (CAT-7), each write in its own transaction. "one at a time" is the
// writer's work for one checkout; "32 at once" runs 32 buyers on distinct
// customers, whose transactions queue for SQLite's writer and commit in
// groups (on PostgreSQL each commits its own).
func BenchmarkCheckoutCart_PERF7(b *testing.B) {
	app := testkit.New(b)
	ctx := context.Background()
	s := store(app)
	carts := &cart.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	o, err := benchdata.RebuyableOffer(ctx, app.DB) // as the load run buys
	if err != nil {
		b.Fatal(err)
	}
	var customers []struct{ ID, Name string }
	if err := app.DB.Raw(`SELECT id, name FROM customers WHERE partner_id = ? ORDER BY id LIMIT 32`, demo.ContosoID).Scan(&customers).Error; err != nil || len(customers) < 32 {
		b.Fatalf("%d customers: %v", len(customers), err)
	}
	who := buyer(perm.GlobalAdmin)
	buy := func(c struct{ ID, Name string }) error {
		t := cart.Target{PartnerID: demo.ContosoID, CustomerID: c.ID, CustomerName: c.Name}
		if _, err := carts.Add(ctx, who.Actor, t, o, 3, catalog.Monthly); err != nil {
			return err
		}
		lines, err := carts.Lines(ctx, demo.ContosoID, c.ID)
		if err != nil {
			return err
		}
		_, err = s.CheckoutCart(ctx, orders.CartCheckout{Buyer: who, CustomerID: c.ID, Key: cart.CheckoutKey(demo.ContosoID, c.ID, lines)})
		return err
	}
	b.Run("one at a time", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if err := buy(customers[i%len(customers)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("32 at once", func(b *testing.B) {
		b.ReportAllocs()
		var bought atomic.Int64
		var wg sync.WaitGroup
		for _, c := range customers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for bought.Add(1) <= int64(b.N) {
					if err := buy(c); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	})
}
