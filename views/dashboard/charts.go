package dashboard

import (
	"context"
	"strconv"
	"strings"
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
	vbarWidth    = 456
	vbarHeight   = 230
	vbarTop      = 22
	vbarBottom   = 24
	vbarSlot     = vbarWidth / 12
	vbarBarWidth = 24
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

// compactMoney writes an amount briefly for a bar's label: "$27.4k",
// "27,4k $US", "$950", "$412k".
func compactMoney(ctx context.Context, c money.Cents) string {
	dollars := int64(c) / 100
	fr := ui.Lang(ctx) == "fr"
	var s string
	switch {
	case dollars >= 1_000_000:
		s = oneDecimal(dollars, 1_000_000, fr) + "M"
	case dollars >= 100_000:
		s = strconv.FormatInt((dollars+500)/1000, 10) + "k"
	case dollars >= 1000:
		s = oneDecimal(dollars, 1000, fr) + "k"
	default:
		s = ui.Number(ctx, dollars)
	}
	if fr {
		return strings.TrimSpace(s) + "\u00a0$US"
	}
	return "$" + s
}

func oneDecimal(v, unit int64, fr bool) string {
	tenths := (v*10 + unit/2) / unit
	sep := "."
	if fr {
		sep = ","
	}
	if tenths%10 == 0 {
		return strconv.FormatInt(tenths/10, 10)
	}
	return strconv.FormatInt(tenths/10, 10) + sep + strconv.FormatInt(tenths%10, 10)
}

func monthLabel(ctx context.Context, m MonthBar) string { return ui.P(ctx).L.MonthYear(m.Start) }

// shortMonth is the axis label: the month alone; the card says the years.
func shortMonth(ctx context.Context, m MonthBar) string {
	full := monthLabel(ctx, m)
	if k := strings.LastIndex(full, " "); k > 0 {
		return full[:k]
	}
	return full
}
