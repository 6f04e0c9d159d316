package dashboard

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/internal/platform/money"
	"portal/views/ui"
)

// Geometry of the charts, in SVG user units (the SVG scales to its box).
const (
	hbarWidth    = 460
	hbarRow      = 28
	hbarLabelW   = 170
	hbarMaxW     = 236
	vbarWidth    = 576
	vbarHeight   = 250
	vbarTop      = 36 // room for two rows of value labels above the tallest bar
	vbarBottom   = 24
	vbarSlot     = vbarWidth / 12
	vbarBarWidth = 28
	vbarLabelGap = 6  // between a bar's top and its value label's baseline
	vbarStagger  = 14 // how far every other label rises when labels are wide
)

func f(n int) string { return strconv.Itoa(n) }

func maxValue(bars []Bar) int64 {
	var m int64 = 1
	for _, b := range bars {
		m = max(m, b.Value)
	}
	return m
}

func hbarLen(b Bar, maxV int64) int {
	w := int(b.Value * hbarMaxW / maxV)
	if b.Value > 0 && w < 2 {
		w = 2
	}
	return w
}

func hbarHeight(n int) int { return n*hbarRow + 8 }

// shorten cuts a label to n characters with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func maxTotal(ms []MonthBar) money.Cents {
	var m money.Cents = 1
	for _, x := range ms {
		m = max(m, x.Total)
	}
	return m
}

func plotHeight() int { return vbarHeight - vbarTop - vbarBottom }

func vbarLen(m MonthBar, maxT money.Cents) int {
	if m.Total <= 0 {
		return 0
	}
	h := int(int64(m.Total) * int64(plotHeight()) / int64(maxT))
	return max(h, 2)
}

func vbarX(i int) int { return i*vbarSlot + (vbarSlot-vbarBarWidth)/2 }

// compactMoney writes an amount briefly for a bar's label, as the
// language writes money: "$27.4k", "27,4 k$", "$1.2M", "1,2 M$".
func compactMoney(ctx context.Context, c money.Cents) string { return ui.P(ctx).L.CompactMoney(c) }

func monthLabel(ctx context.Context, m MonthBar) string { return ui.P(ctx).L.MonthYear(m.Start) }

// shortMonth is the axis label: the month alone; the card says the years.
func shortMonth(ctx context.Context, m MonthBar) string {
	full := monthLabel(ctx, m)
	if k := strings.LastIndex(full, " "); k > 0 {
		return full[:k]
	}
	return full
}

// textWidth estimates the width of a value label in the chart's 11-px font:
// digits and letters about 6.2 units, punctuation and spaces about 3.5, an
// "M" 9. An estimate that errs wide keeps labels apart.
func textWidth(s string) float64 {
	var w float64
	for _, r := range s {
		switch {
		case r == 'M':
			w += 9
		case unicode.IsDigit(r) || unicode.IsLetter(r) || r == '$':
			w += 6.2
		default:
			w += 3.5
		}
	}
	return w
}

// staggered reports whether the value labels are too wide for their slots
// side by side: then every other label rises by vbarStagger, so neighbours
// never overlap, whatever their heights.
func staggered(ctx context.Context, ms []MonthBar) bool {
	for _, m := range ms {
		if textWidth(compactMoney(ctx, m.Total)) > vbarSlot-4 {
			return true
		}
	}
	return false
}

// valueLabelX centres a value label over its bar, kept inside the chart so
// the first and last labels are never cut.
func valueLabelX(ctx context.Context, i int, m MonthBar) int {
	half := int(textWidth(compactMoney(ctx, m.Total))/2) + 1
	x := vbarX(i) + vbarBarWidth/2
	return min(max(x, half), vbarWidth-half)
}

// valueLabelY is the baseline of a bar's value label.
func valueLabelY(ctx context.Context, i int, m MonthBar, ms []MonthBar) int {
	y := vbarHeight - vbarBottom - vbarLen(m, maxTotal(ms)) - vbarLabelGap
	if i%2 == 1 && staggered(ctx, ms) {
		y -= vbarStagger
	}
	return y
}
