package dashboard

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
	"portal/views/ui"
)

// DASH-2, I18N-2 (issue 13 item 3): when one month dwarfs the others, the
// billed chart still reads in both languages: every amount in the user's
// compact money ("1,2 M$"), every label inside the chart, no two labels of
// neighbouring bars overlapping, and the month names under the axis.
func TestBilledChartLabelsNeverOverlap_DASH2_I18N2(t *testing.T) {
	totals := []money.Cents{520_000, 3_300_000, 1_250_000, 870_000, 2_740_000, 640_000, 1_990_000, 3_310_000, 990_000, 1_420_000, 2_050_000, 120_000_000}
	var months []MonthBar
	for i, c := range totals {
		months = append(months, MonthBar{Start: time.Date(2025, time.Month(12+i), 1, 0, 0, 0, 0, time.UTC), Total: c})
	}
	b := i18n.MustLoad()
	for _, c := range []struct{ lang, biggest, other string }{
		{"en", "$1.2M", "$27.4k"},
		{"fr", "1,2\u00a0M$", "27,4\u00a0k$"},
	} {
		ctx := ui.With(context.Background(), &ui.Page{L: b.For(c.lang)})
		var html bytes.Buffer
		if err := BilledChart(months).Render(ctx, &html); err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(&html)
		if err != nil {
			t.Fatal(err)
		}
		type box struct{ left, right, top, bottom float64 }
		var boxes []box
		var texts []string
		doc.Find("text.bar-value").Each(func(_ int, s *goquery.Selection) {
			x, _ := strconv.ParseFloat(s.AttrOr("x", ""), 64)
			y, _ := strconv.ParseFloat(s.AttrOr("y", ""), 64)
			w := textWidth(s.Text())
			boxes = append(boxes, box{x - w/2, x + w/2, y - 11, y + 3})
			texts = append(texts, s.Text())
		})
		if len(boxes) != 12 || texts[11] != c.biggest || texts[4] != c.other {
			t.Fatalf("%s: labels %q", c.lang, texts)
		}
		for i, bx := range boxes {
			if bx.left < 0 || bx.right > vbarWidth || bx.top < 0 {
				t.Errorf("%s: label %q is cut: %+v", c.lang, texts[i], bx)
			}
			if i > 0 {
				p := boxes[i-1]
				if bx.left < p.right && p.left < bx.right && bx.top < p.bottom && p.top < bx.bottom {
					t.Errorf("%s: labels %q and %q overlap", c.lang, texts[i-1], texts[i])
				}
			}
		}
		if n := doc.Find("text.bar-label").Length(); n != 12 {
			t.Errorf("%s: %d month labels", c.lang, n)
		}
		doc.Find("text.bar-label").Each(func(_ int, s *goquery.Selection) {
			if y, _ := strconv.ParseFloat(s.AttrOr("y", ""), 64); y+3 > vbarHeight {
				t.Errorf("%s: month label %q is cut at the bottom", c.lang, s.Text())
			}
		})
	}
}
