package cart

import (
	"testing"
	"time"
)

// CAT-7: the checkout key names the cart's state: the same lines give the
// same key, any change gives another, and an empty cart has none.
func TestCheckoutKey_CAT7(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a := Line{Item: Item{ID: "i1", OfferID: "o1", Quantity: 5, Frequency: "monthly", UpdatedAt: at}}
	b := Line{Item: Item{ID: "i2", OfferID: "o2", Quantity: 1, UpdatedAt: at}}
	key := CheckoutKey("p", "c", []Line{a, b})
	if len(key) != 64 || key != CheckoutKey("p", "c", []Line{b, a}) {
		t.Fatalf("key %q is not stable", key)
	}
	changed := func(f func(*Line)) string { x := a; f(&x); return CheckoutKey("p", "c", []Line{x, b}) }
	for name, k := range map[string]string{
		"quantity":  changed(func(l *Line) { l.Quantity = 6 }),
		"frequency": changed(func(l *Line) { l.Frequency = "annual" }),
		"updated":   changed(func(l *Line) { l.UpdatedAt = at.Add(time.Nanosecond) }),
		"line gone": CheckoutKey("p", "c", []Line{a}),
		"customer":  CheckoutKey("p", "c2", []Line{a, b}),
	} {
		if k == key {
			t.Errorf("%s: same key", name)
		}
	}
	if CheckoutKey("p", "c", nil) != "" {
		t.Error("an empty cart has a key")
	}
}
