package money

import "testing"

func TestMulDivRoundsHalfAwayFromZero(t *testing.T) {
	cases := []struct {
		a        Cents
		num, den int64
		want     Cents
	}{
		{100, 1, 3, 33},
		{200, 1, 3, 67},
		{5, 1, 2, 3},
		{-5, 1, 2, -3},
		{1000, 12, 100, 120},
		{999, 12, 100, 120},
		{0, 5, 7, 0},
	}
	for _, c := range cases {
		if got := MulDiv(c.a, c.num, c.den); got != c.want {
			t.Errorf("MulDiv(%d,%d,%d)=%d want %d", c.a, c.num, c.den, got, c.want)
		}
	}
}

func TestProrateClamps(t *testing.T) {
	cases := []struct {
		amount      Cents
		left, total int
		want        Cents
	}{
		{3000, 15, 30, 1500},
		{3000, 30, 30, 3000},
		{3000, 31, 30, 3000},
		{3000, 0, 30, 0},
		{3000, -2, 30, 0},
		{3000, 10, 0, 0},
		{1000, 1, 365, 3},
	}
	for _, c := range cases {
		if got := Prorate(c.amount, c.left, c.total); got != c.want {
			t.Errorf("Prorate(%d,%d,%d)=%d want %d", c.amount, c.left, c.total, got, c.want)
		}
	}
}
