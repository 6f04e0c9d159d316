package activity_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"portal/internal/platform/csvsafe"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/internal/activity"
)

// LOG-2: the export has the page's filters, every matching entry across
// several batches, newest first, and cells that cannot run as formulas.
func TestExportCSV_LOG2(t *testing.T) {
	g := openDB(t)
	// More entries than one batch, a minute apart, half of them by alice.
	var rows []activity.Entry
	for i := range 2500 {
		actor := bob
		if i%2 == 0 {
			actor = alice
		}
		rows = append(rows, activity.Entry{
			ID: "e" + strings.Repeat("0", 8) + time.Duration(i).String(), PartnerID: partnerA,
			At: t0.Add(time.Duration(i) * time.Minute), ActorID: actor, ActorName: actor,
			Action: activity.ActionSignedIn, CustomerName: "=HYPERLINK(\"http://x\")",
		})
	}
	if err := g.CreateInBatches(rows, 200).Error; err != nil {
		t.Fatal(err)
	}
	record(t, g, partnerB, 1, activity.Change{Actor: activity.Actor{UserID: alice}})

	f := activity.Filter{ActorID: alice, From: t0.Add(10 * time.Minute), To: t0.Add(2410 * time.Minute)}
	header := []string{"At", "Customer", "Customer ID", "Action", "Label", "User", "Type", "ID", "Details", "Before", "After", "Description"}
	var buf bytes.Buffer
	err := activity.Log{DB: g}.Export(context.Background(), &buf, partnerA, f, header, func(a string) string { return "@" + a }, func(e activity.Entry) string { return "said " + e.ID })
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], header) {
		t.Fatalf("header %v", recs[0])
	}
	body := recs[1:]
	if len(body) != 1200 { // minutes 10..2408, even ones
		t.Fatalf("%d rows, want 1200", len(body))
	}
	if body[0][0] != "2026-11-22T01:08:00Z" || body[len(body)-1][0] != "2026-11-20T09:10:00Z" {
		t.Errorf("first %s last %s", body[0][0], body[len(body)-1][0])
	}
	for _, r := range body {
		if r[5] != alice {
			t.Fatalf("row of another user: %v", r)
		}
		if !strings.HasPrefix(r[11], "said e") {
			t.Fatalf("description %q", r[11])
		}
		if r[1] != "'=HYPERLINK(\"http://x\")" || r[4] != "'@auth.signed_in" {
			t.Fatalf("unsafe cells: %q %q", r[1], r[4])
		}
	}
}

// LOG-2: cells a spreadsheet would evaluate are defused; others are kept.
func TestSafeCell_LOG2(t *testing.T) {
	cases := map[string]string{
		"=1+1":          "'=1+1",
		"+33 1 23":      "'+33 1 23",
		"-2":            "'-2",
		"@SUM(A1)":      "'@SUM(A1)",
		"\tx":           "'\tx",
		"\rx":           "'\rx",
		"":              "",
		"Adatum":        "Adatum",
		"a=b":           "a=b",
		"2026-11-20":    "2026-11-20",
		"Café Paulista": "Café Paulista",
	}
	for in, want := range cases {
		if got := csvsafe.Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// LOG-1: before and after are shown as the fields that changed.
func TestChanges_LOG1(t *testing.T) {
	cases := []struct {
		name, before, after string
		want                []activity.FieldChange
	}{
		{"nothing", "", "", nil},
		{"created", "", `{"name":"Adatum","country":"US"}`, []activity.FieldChange{{"country", "", "US"}, {"name", "", "Adatum"}}},
		{"changed", `{"quantity":10,"status":"active"}`, `{"quantity":12,"status":"active"}`, []activity.FieldChange{{"quantity", "10", "12"}}},
		{"removed", `{"roles":["sales_agent","helpdesk_agent"]}`, "", []activity.FieldChange{{"roles", "sales_agent, helpdesk_agent", ""}}},
		{"scalars", `"active"`, `"suspended"`, []activity.FieldChange{{"", "active", "suspended"}}},
		{"not JSON", `on`, `off`, []activity.FieldChange{{"", "on", "off"}}},
		{"big number", `{"cents":12345678901234567}`, `{"cents":1}`, []activity.FieldChange{{"cents", "12345678901234567", "1"}}},
	}
	for _, c := range cases {
		if got := activity.Changes(c.before, c.after); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
