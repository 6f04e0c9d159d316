package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/platform/db"
	"portal/web/webtest"
)

// CUST-1, PERF-2: a search for a word common enough to be read from its
// prefix rows in name order pages through /customers?q= with Next and
// Previous cursors: every match once, in name order, the filters applied,
// the count right.
func TestCustomerSearchPages_CUST1_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	store := &customers.Store{DB: app.DB}
	// 400 customers whose names and domains give "quillon" 1,600 terms, past
	// the bound under which a word's customers are sorted in memory.
	var want, wantEdu []string
	err := db.Tx(t.Context(), app.DB, func(ctx context.Context, _ *gorm.DB) error {
		for i := range 400 {
			name := fmt.Sprintf("Quillon %03d %s", (i*7919)%400, []string{"Services", "Bäckerei", "Labs"}[i%3])
			seg := customers.Segments()[i%4]
			if err := store.Import(ctx, customers.Customer{
				ID: uuid.NewString(), PartnerID: demo.ContosoID, Name: name, Domain: fmt.Sprintf("quillon%03d.example", i),
				TenantID: uuid.NewString(), Country: "US", Segment: seg, Relationship: customers.RelationshipNone,
				OpenedAt: app.Clock.Now(), CreatedAt: app.Clock.Now(),
			}); err != nil {
				return err
			}
			want = append(want, name)
			if seg == customers.Education {
				wantEdu = append(wantEdu, name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	byKey := func(a, b string) int { return strings.Compare(customers.Fold(a), customers.Fold(b)) }
	slices.SortFunc(want, byKey)
	slices.SortFunc(wantEdu, byKey)
	c := app.SignedIn("sales@contoso.example")
	for _, tc := range []struct {
		path, count string
		want        []string
	}{
		{"/customers?q=Quillon", "400 customers", want},
		{"/customers?q=quil&segment=education", fmt.Sprintf("%d customers", len(wantEdu)), wantEdu},
	} {
		var got []string
		var secondPage string
		for href := tc.path; href != ""; {
			r := c.Get(href).Expect(t, http.StatusOK)
			if got := r.Text("#result-count"); got != tc.count {
				t.Fatalf("%s: count %q, want %q", href, got, tc.count)
			}
			r.Doc.Find("#customer-table tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
				got = append(got, s.Text())
			})
			href, _ = r.Doc.Find(`a[rel="next"]`).Attr("href")
			if secondPage == "" {
				secondPage = href
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Fatalf("%s: pages give %d names, want %d in name order", tc.path, len(got), len(tc.want))
		}
		// Previous from the second page is the first page again.
		r := c.Get(secondPage).Expect(t, http.StatusOK)
		prev, _ := r.Doc.Find(`a[rel="prev"]`).Attr("href")
		if !strings.Contains(prev, "before=") {
			t.Fatalf("%s: previous link %q", tc.path, prev)
		}
		r = c.Get(prev).Expect(t, http.StatusOK)
		var first []string
		r.Doc.Find("#customer-table tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
			first = append(first, s.Text())
		})
		if !slices.Equal(first, tc.want[:min(25, len(tc.want))]) {
			t.Fatalf("%s: the previous page is not the first page: %q", tc.path, first)
		}
		// The export applies the same search, every match once, in order.
		r = c.Get(strings.Replace(tc.path, "/customers?", "/customers.csv?", 1)).Expect(t, http.StatusOK)
		rows, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, row := range rows[1:] {
			names = append(names, row[0])
		}
		if !slices.Equal(names, tc.want) {
			t.Fatalf("%s: the export holds %d names, want %d in name order", tc.path, len(names), len(tc.want))
		}
	}
}

// CUST-1, PERF-6: the customer list without a filter gives the partner's
// exact number of customers, past the cap that bounds a filtered count,
// from the counts summary its trigger keeps; a filter still says "1,000+".
func TestCustomerTotalIsExact_CUST1_PERF6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	store := &customers.Store{DB: app.DB}
	const added = 1000
	err := db.Tx(t.Context(), app.DB, func(ctx context.Context, _ *gorm.DB) error {
		for i := range added {
			if err := store.Import(ctx, customers.Customer{
				ID: uuid.NewString(), PartnerID: demo.ContosoID, Name: fmt.Sprintf("Tallis %04d", i), Domain: fmt.Sprintf("tallis%04d.example", i),
				TenantID: uuid.NewString(), Country: "FR", Segment: customers.Commercial, Relationship: customers.RelationshipNone,
				OpenedAt: app.Clock.Now(), CreatedAt: app.Clock.Now(),
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := app.DB.Model(&customers.Customer{}).Where("partner_id = ?", demo.ContosoID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n <= added {
		t.Fatalf("%d customers, want more than the %d added", n, added)
	}
	c := app.SignedIn(contosoAdmin)
	r := c.Get("/customers").Expect(t, http.StatusOK)
	if _, _, total, capped := countOf(t, r, "/customers"); total != int(n) || capped {
		t.Errorf("/customers: says %d (capped %v), want exactly %d", total, capped, n)
	}
	r = c.Get("/customers?segment=commercial").Expect(t, http.StatusOK)
	if _, _, total, capped := countOf(t, r, "/customers?segment=commercial"); total != 1000 || !capped {
		t.Errorf("/customers?segment=commercial: says %d (capped %v), want 1,000+", total, capped)
	}
}
