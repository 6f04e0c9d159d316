package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/internal/billing"
	"portal/internal/demo"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

// acceptDialogs accepts the confirmation dialogs of destructive forms
// (data-confirm) while JavaScript runs.
func acceptDialogs(b *webtest.Browser) {
	dialogs := chromedp.Events(b.Ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(b.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// RES-1, RES-2, RES-4, SUP-1, SUP-2, BILL-1: open a reservation from the
// customer's tab, copy its IDs, change its scope, request a refund through
// the wizard (Back keeps values, the quote is shown), see the credit on the
// invoice; then file a support request with an attachment and add a note —
// with JavaScript on and off.
func TestReservationRefundAndSupport_Browser(t *testing.T) {
	t.Parallel()
	for _, noJS := range []bool{false, true} {
		name := "js"
		if noJS {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := webtest.New(t)
			now := app.Clock.Now()
			cust := demo.ID("customer:adatum.com")
			resID := demo.ID("reservation:adatum-vm-1yr")
			sub := subscriptions.Subscription{ID: demo.ID("e2e:sub:adatum"), PartnerID: demo.ContosoID, CustomerID: cust,
				OfferID: demo.ID("offer:azure-plan"), OfferName: "Azure plan", Quantity: 1, Frequency: "monthly", BillingType: "usage",
				Status: subscriptions.Active, TermStart: now, TermEnd: now.AddDate(1, 0, 0), PurchasedAt: now, FirstBillingStart: now}
			if err := app.DB.Create(&sub).Error; err != nil {
				t.Fatal(err)
			}
			b := app.NewBrowser(webtest.BrowserOptions{NoJS: noJS, Height: 1000})
			if !noJS {
				acceptDialogs(b)
			}
			b.Login("globaladmin@contoso.example")

			// The customer's Azure reservations tab links to the reservation.
			b.Open("/customers/" + cust + "/reservations")
			b.ClickAndWait(`#reservations a[href="/reservations/` + resID + `"]`)
			if got := b.Path(); got != "/reservations/"+resID {
				t.Fatalf("on %s", got)
			}
			// Properties: each ID in a field, with a Copy button when JS runs.
			id, err := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS("#reservation-id")))
			b.Must(err)
			if id != resID {
				t.Fatalf("reservation ID field %q", id)
			}
			orderID, err := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS("#reservation-order-id")))
			b.Must(err)
			if orderID != demo.ID("reservation-order:adatum-vm-1yr") {
				t.Fatalf("reservation order ID field %q", orderID)
			}
			if noJS {
				if b.Count(`button[data-copy]:not([hidden])`) != 0 {
					t.Fatal("Copy buttons shown without JavaScript")
				}
			} else {
				b.ClickAndWaitNoLoad(`button[data-copy="reservation-id"]`)
				b.ClickAndWaitNoLoad(`button[data-copy="reservation-order-id"]`)
				_, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](`document.querySelector('button[data-copy="reservation-order-id"]').textContent === 'Copied'`, chromedp.WithPollingTimeout(5*time.Second)))
				b.Must(err)
			}
			b.Screenshot("reservations-reservation-" + name)

			// Configuration: single subscription scope.
			b.ClickAndWaitNoLoad("#scope-single")
			b.Select("#subscription_id", sub.ID)
			b.ClickAndWait("#scope-save")
			if got := b.Text("#scope"); !strings.Contains(got, "Single subscription") || !strings.Contains(got, "Azure plan") {
				t.Fatalf("scope after saving: %q", got)
			}

			// The refund wizard.
			b.ClickAndWait("#request-refund")
			b.Fill("#title", "Refund the D2s v5 reservation")
			b.ClickAndWait("#wizard-next")
			if b.Count("#step-problem") != 1 {
				t.Fatalf("not on the problem step: %s", b.Path())
			}
			b.Fill("#description", "The workload moved to another region.")
			b.ClickAndWait("#wizard-next")
			b.Fill("#contact_name", "Kim Akers")
			b.Fill("#contact_email", "kim@adatum.com")
			b.ClickAndWait("#wizard-back")
			if got, _ := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS("#description"))); got != "The workload moved to another region." {
				t.Fatalf("Back lost the description: %q", got)
			}
			b.ClickAndWait("#wizard-next")
			if got, _ := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS("#contact_name"))); got != "Kim Akers" {
				t.Fatalf("Back lost the contact: %q", got)
			}
			b.ClickAndWait("#wizard-next")
			if got := b.Text("#quote-final"); got != "$1,016.00" {
				t.Fatalf("quote final %q", got)
			}
			if got := b.Text("#quote-fee"); got != "None" {
				t.Fatalf("quote fee %q", got)
			}
			b.Screenshot("reservations-refund-quote-" + name)
			b.ClickAndWait("#wizard-create")
			if got := b.Path(); got != "/reservations/"+resID {
				t.Fatalf("after create on %s", got)
			}
			if !strings.Contains(b.Text("#state-notice"), "$1,016.00") {
				t.Fatalf("state notice %q", b.Text("#state-notice"))
			}
			var line billing.Line
			if err := app.DB.Where("resource_id = ? AND reason = ?", resID, "reservation_refund").Take(&line).Error; err != nil {
				t.Fatalf("no credit on the invoice: %v", err)
			}
			if line.Amount != -101_600 {
				t.Fatalf("credit %d", line.Amount)
			}

			// A support request with an attachment, then a note.
			file := filepath.Join(t.TempDir(), "usage-report.csv")
			b.Must(os.WriteFile(file, []byte("date,utilization\n2026-11-19,81\n"), 0o644))
			b.Open("/support/new?problem=billing&customer=adatum.com&title=Duplicate+reservation+charge")
			b.Fill("#description", "The reservation appears twice on the invoice.")
			b.Fill("#amount", "1,016.00")
			b.Must(chromedp.Do(b.Ctx, chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{file})))
			b.ClickAndWait("#support-create")
			if !strings.HasPrefix(b.Path(), "/support/") || b.Count("#attachments li") != 1 {
				t.Fatalf("after create on %s with %d attachments", b.Path(), b.Count("#attachments li"))
			}
			if !strings.Contains(b.Text("#attachments"), "usage-report.csv") {
				t.Fatal("attachment not listed")
			}
			b.Fill("#body", "Invoice copy sent by email.")
			b.ClickAndWait("#note-add")
			if !strings.Contains(b.Text("#thread"), "Invoice copy sent by email.") {
				t.Fatal("note not in the thread")
			}
			b.Screenshot("reservations-support-detail-" + name)
			b.Open("/support")
			// 5 demo requests, the demo history's refund's, this refund's, the new one.
			if b.Count("#requests tbody tr") != 8 {
				t.Fatalf("list rows %d", b.Count("#requests tbody tr"))
			}
			b.Screenshot("reservations-support-list-" + name)
		})
	}
}
