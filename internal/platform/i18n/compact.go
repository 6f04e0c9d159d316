package i18n

import (
	"strconv"

	"portal/internal/platform/money"
)

// CompactMoney writes an amount briefly, in whole dollars with one decimal
// of thousands or millions, as a chart's label: "$950", "$27.4k", "$412k",
// "$1.2M" in English; "950 $", "27,4 k$", "412 k$", "1,2 M$" in French,
// grouped and with the decimal comma as French writes them (I18N-2).
func (l *Localizer) CompactMoney(c money.Cents) string {
	neg := c < 0
	if neg {
		c = -c
	}
	dollars := (int64(c) + 50) / 100
	var num, unit string
	switch {
	case dollars >= 999_500:
		num, unit = l.tenths(dollars, 1_000_000), "M"
	case dollars >= 100_000:
		num, unit = l.Number((dollars+500)/1000), "k"
	case dollars >= 1000:
		num, unit = l.tenths(dollars, 1000), "k"
	default:
		num = l.Number(dollars)
	}
	var s string
	if l.Lang == "fr" {
		s = num + "\u00a0" + unit + "$"
	} else {
		s = "$" + num + unit
	}
	if neg {
		return "-" + s
	}
	return s
}

// tenths writes v in units rounded to one decimal, without a trailing ",0".
func (l *Localizer) tenths(v, unit int64) string {
	t := (v*10 + unit/2) / unit
	whole := l.Number(t / 10)
	if t%10 == 0 {
		return whole
	}
	sep := "."
	if l.Lang == "fr" {
		sep = ","
	}
	return whole + sep + strconv.FormatInt(t%10, 10)
}
