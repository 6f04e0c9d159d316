// Package money holds amounts in integer minor units (cents) and the one
// rounding rule the portal uses.
package money

// Cents is an amount in US cents. Amounts are never floats.
type Cents int64

// MulDiv returns a*num/den rounded half away from zero: the portal's single
// rounding rule for proration, percentages and fees. den must be positive.
func MulDiv(a Cents, num, den int64) Cents {
	if den <= 0 {
		panic("money: MulDiv with non-positive denominator")
	}
	p := int64(a) * num
	q, r := p/den, p%den
	if r < 0 {
		r = -r
	}
	if 2*r >= den {
		if p < 0 {
			q--
		} else {
			q++
		}
	}
	return Cents(q)
}

// Prorate returns the part of amount that covers daysLeft out of daysTotal,
// rounded with MulDiv. Out-of-range day counts are clamped.
func Prorate(amount Cents, daysLeft, daysTotal int) Cents {
	if daysTotal <= 0 || daysLeft <= 0 {
		return 0
	}
	if daysLeft > daysTotal {
		daysLeft = daysTotal
	}
	return MulDiv(amount, int64(daysLeft), int64(daysTotal))
}

// Percent returns pct percent of amount, rounded with MulDiv.
func Percent(amount Cents, pct int64) Cents { return MulDiv(amount, pct, 100) }
