package reservations

import (
	"testing"
	"time"
)

// RES-2: the quote is cheap enough to compute on every page view.
func BenchmarkRefundQuote(b *testing.B) {
	r := oneYear()
	now := bought.Add(40 * 24 * time.Hour)
	for b.Loop() {
		_ = RefundQuote(r, now, Used(r, now), 1_200_000)
	}
}

// RES-1: the 30-day utilization series of the reservation page.
func BenchmarkUtilization30(b *testing.B) {
	r := oneYear()
	now := bought.Add(40 * 24 * time.Hour)
	for b.Loop() {
		_ = Utilization(r, now, 30)
	}
}
