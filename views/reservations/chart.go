package reservations

import (
	"context"
	"strconv"

	"portal/views/ui"
)

// The utilization chart's geometry: 30 bars in a 620×150 box, 100% = 100 px.
const (
	chartLeft   = 40
	chartTop    = 10
	chartHeight = 100
	barStep     = 19
	barWidth    = 14
)

func itoa(n int) string { return strconv.Itoa(n) }

func barX(i int) string { return itoa(chartLeft + i*barStep) }

func barY(pct int) string { return itoa(chartTop + chartHeight - barH(pct)) }

func barH(pct int) int {
	if pct < 1 {
		return 1 // an unused day still shows a hairline at 0%
	}
	return pct
}

func barHeight(pct int) string { return itoa(barH(pct)) }

func gridY(pct int) string { return itoa(chartTop + chartHeight - pct) }

func labelX(i int) string { return itoa(chartLeft + i*barStep + barWidth/2) }

// chartWidth is the x of the plot's right edge.
func chartRight(n int) string { return itoa(chartLeft + n*barStep) }

// pct writes a percentage as the page's language does: "12%" in English,
// "12 %" (a narrow no-break space) in French.
func pct(ctx context.Context, n int) string {
	if ui.Lang(ctx) == "fr" {
		return itoa(n) + "\u202f%"
	}
	return itoa(n) + "%"
}
