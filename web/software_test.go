package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/money"
	"portal/internal/software"
	"portal/web/webtest"
)

var (
	swWindowsServer = demo.ID("software:adatum-windows-server")
	swSQL3yr        = demo.ID("software:adatum-sql-server-3yr")
	swESU           = demo.ID("software:adatum-windows-7-esu")
	swSUSE          = demo.ID("software:adatum-suse")
	swRedHat        = demo.ID("software:adatum-red-hat")
	adatum          = demo.ID("customer:adatum.com")
)

const adminAgent = "adminagent@contoso.example"

var keyFormat = regexp.MustCompile(`^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$`)

// purchaseOffer is the catalog offer a purchase was bought from.
func purchaseOffer(t *testing.T, app *webtest.App, id string) catalog.Offer {
	t.Helper()
	var o catalog.Offer
	if err := app.DB.Where("id = ?", loadPurchase(t, app, id).OfferID).Take(&o).Error; err != nil {
		t.Fatalf("offer of purchase %s: %v", id, err)
	}
	return o
}

// offerChoice is a valid keys form for a purchase: the first version,
// language and file type its catalog offer lists. It is a new map each time:
// Client.Post adds its CSRF token to the form it is given.
func offerChoice(t *testing.T, app *webtest.App, id string) url.Values {
	t.Helper()
	o := purchaseOffer(t, app, id)
	v, l, f := catalog.List(o.Versions), catalog.List(o.Languages), catalog.List(o.FileTypes)
	if len(v) == 0 || len(l) == 0 || len(f) == 0 {
		t.Fatalf("offer %s lists no versions, languages or file types: %+v", o.ID, o)
	}
	return url.Values{"version": {v[0]}, "language": {l[0]}, "file_type": {f[0]}}
}

// getKeys asks for keys and a link as an admin agent, with the offer's first
// choices, and returns the key and the link's path (/downloads/<token>)
// shown after the redirect.
func getKeys(t *testing.T, app *webtest.App, c *webtest.Client, id string) (key, linkPath string) {
	t.Helper()
	r := c.Post("/software/"+id+"/keys", offerChoice(t, app, id)).Expect(t, http.StatusSeeOther)
	if r.Location != "/software/"+id+"#issued" {
		t.Fatalf("redirect to %q", r.Location)
	}
	page := c.Get("/software/"+id).Expect(t, http.StatusOK)
	key, _ = page.Doc.Find("#activation-key").Attr("value")
	link, _ := page.Doc.Find("#download-link").Attr("value")
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/downloads/") {
		t.Fatalf("download link %q", link)
	}
	return key, u.Path
}

func countActivity(t *testing.T, app *webtest.App, action, resourceID string) int64 {
	t.Helper()
	var n int64
	if err := app.DB.Model(&activity.Entry{}).Where("action = ? AND resource_id = ?", action, resourceID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func loadPurchase(t *testing.T, app *webtest.App, id string) software.Purchase {
	t.Helper()
	var p software.Purchase
	if err := app.DB.Where("id = ?", id).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

// SW-1: the Software tab lists the customer's purchases with kind, order,
// date and status, each linked to its page.
func TestSoftwareTab_SW1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	r := app.SignedIn("helpdesk@contoso.example").Get("/customers/"+adatum+"/software").Expect(t, http.StatusOK)
	// Every purchase of the customer, the software seed's and the catalog's
	// demo checkout's, is listed once.
	var ids []string
	if err := app.DB.Model(&software.Purchase{}).Where("partner_id = ? AND customer_id = ?", demo.ContosoID, adatum).Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	if len(ids) < 5 {
		t.Fatalf("%d demo purchases for Adatum, want at least the 5 of SW-1 to SW-6", len(ids))
	}
	if n := r.Count("#software-list tbody tr"); n != len(ids) {
		t.Fatalf("%d rows, want %d", n, len(ids))
	}
	for _, id := range ids {
		if n := r.Count(`#software-list tr[data-id="` + id + `"]`); n != 1 {
			t.Errorf("purchase %s listed %d times", id, n)
		}
	}
	row := r.Doc.Find(`#software-list tr[data-id="` + swWindowsServer + `"]`)
	if href, _ := row.Find("a.sw-product").Attr("href"); href != "/software/"+swWindowsServer {
		t.Fatalf("product link %q", href)
	}
	if href, _ := row.Find(`a[href^="/orders/"]`).Attr("href"); href != "/orders/"+demo.ID("order:software:adatum-windows-server") {
		t.Fatalf("order link %q", href)
	}
	for _, want := range []string{loadPurchase(t, app, swWindowsServer).ProductName, "Perpetual", "Active"} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("row %q lacks %q", row.Text(), want)
		}
	}
	none := app.SignedIn(adminAgent).Get("/customers/"+demo.ID("customer:relecloud.com")+"/software").Expect(t, http.StatusOK)
	if none.Count(".empty") != 1 {
		t.Fatal("no empty state for a customer without software")
	}
}

// SW-2, AUTH-5: only admin agents see and may use the key and cancel
// actions; every other role gets 403 and changes nothing.
func TestSoftwareActionsPerRole_SW2_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for role, email := range roleUsers() {
		t.Run(string(role), func(t *testing.T) {
			c := app.SignedIn(email)
			admin := role == perm.AdminAgent
			page := c.Get("/software/" + swWindowsServer)
			if perm.Roles([]perm.Role{role}).Can(perm.ViewCustomers) {
				page.Expect(t, http.StatusOK)
				if got := page.Count("#keys-form") + page.Count("#cancel-purchase"); (got == 2) != admin || (got == 0) == admin {
					t.Fatalf("key form and cancel button shown %d times; admin agent %v", got, admin)
				}
			} else {
				page.Expect(t, http.StatusForbidden)
			}
			keys := c.Post("/software/"+swWindowsServer+"/keys", offerChoice(t, app, swWindowsServer))
			form := c.Get("/software/" + swWindowsServer + "/cancel")
			if admin {
				keys.Expect(t, http.StatusSeeOther)
				form.Expect(t, http.StatusOK)
				return
			}
			keys.Expect(t, http.StatusForbidden)
			form.Expect(t, http.StatusForbidden)
			c.Post("/software/"+swWindowsServer+"/cancel", url.Values{"order_id": {demo.ID("order:software:adatum-windows-server")}, "confirm": {"yes"}}).Expect(t, http.StatusForbidden)
			if p := loadPurchase(t, app, swWindowsServer); p.Status != software.Active {
				t.Fatalf("status %q after a refused cancellation", p.Status)
			}
		})
	}
	var links int64
	app.DB.Model(&software.DownloadLink{}).Count(&links)
	if links != 1 {
		t.Fatalf("%d links issued, want 1 (the admin agent's)", links)
	}
}

// SW-2, SW-3, SW-4: an admin agent gets the activation key and a fresh
// link; anyone holding the link downloads the file without signing in; both
// are in the activity log; only the token's hash is stored.
func TestKeysAndDownload_SW2_SW3_SW4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(adminAgent)
	// The form offers exactly the offer's lists.
	offer := purchaseOffer(t, app, swWindowsServer)
	form := c.Get("/software/"+swWindowsServer).Expect(t, http.StatusOK)
	for sel, list := range map[string]string{"#version": offer.Versions, "#language": offer.Languages, "#file_type": offer.FileTypes} {
		want := catalog.List(list)
		if n := form.Count(sel + " option"); n != len(want) {
			t.Errorf("%s offers %d options, want %d (%q)", sel, n, len(want), list)
		}
		for _, v := range want {
			if form.Count(sel+` option[value="`+v+`"]`) != 1 {
				t.Errorf("%s lacks %q", sel, v)
			}
		}
	}
	choice := offerChoice(t, app, swWindowsServer)
	key, linkPath := getKeys(t, app, c, swWindowsServer)
	if !keyFormat.MatchString(key) {
		t.Fatalf("key %q", key)
	}
	// The key is shown once per access: reloading hides it again.
	if c.Get("/software/"+swWindowsServer).Count("#activation-key") != 0 {
		t.Fatal("key shown again without a new access")
	}
	key2, linkPath2 := getKeys(t, app, c, swWindowsServer)
	if key2 != key || linkPath2 == linkPath {
		t.Fatalf("second request: key %q (want the same), link %q (want a new one)", key2, linkPath2)
	}
	token := strings.TrimPrefix(linkPath, "/downloads/")
	var link software.DownloadLink
	if err := app.DB.Where("token_hash = ?", software.HashToken(token)).Take(&link).Error; err != nil {
		t.Fatalf("link stored by hash: %v", err)
	}
	if !link.ExpiresAt.Equal(link.IssuedAt.Add(14*24*time.Hour)) || link.Version != choice.Get("version") ||
		link.Language != choice.Get("language") || link.FileType != choice.Get("file_type") {
		t.Fatalf("link %+v", link)
	}
	var leaked int64
	app.DB.Model(&software.DownloadLink{}).Where("token_hash = ?", token).Count(&leaked)
	if leaked != 0 {
		t.Fatal("token stored in clear")
	}

	r := app.Client().Get(linkPath).Expect(t, http.StatusOK)
	// The file is named after the product and the choice (SW-3).
	p := loadPurchase(t, app, swWindowsServer)
	file := software.FileName(p.ProductName, link.Version, link.Language, link.FileType)
	if !strings.HasPrefix(file, "windows-server-2022-standard") || !strings.Contains(file, "_"+link.Version+"_") {
		t.Fatalf("file name %q", file)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != "attachment; filename="+file {
		t.Fatalf("Content-Disposition %q, want file %q", cd, file)
	}
	if len(r.Body) != software.FileSize || !strings.HasPrefix(r.Body, "PARTNER-CENTER-DEMO-IMAGE") {
		t.Fatalf("body %d bytes", len(r.Body))
	}
	if countActivity(t, app, "software.key_accessed", swWindowsServer) != 2 || countActivity(t, app, "software.downloaded", swWindowsServer) != 1 {
		t.Fatal("activity entries missing")
	}
	var dl activity.Entry
	app.DB.Where("action = ?", "software.downloaded").Take(&dl)
	if dl.ActorName != activity.Anonymous.Name || dl.CustomerName != "Adatum Corporation" || !strings.Contains(dl.Details, "Windows Server") {
		t.Fatalf("download entry %+v", dl)
	}
	var ka activity.Entry
	app.DB.Where("action = ?", "software.key_accessed").Take(&ka)
	if ka.ActorID != demo.ID("user:"+adminAgent) || ka.CustomerID != adatum {
		t.Fatalf("key entry %+v", ka)
	}
	// The page lists the links with their use.
	if n := c.Get("/software/" + swWindowsServer).Count("#links tbody tr"); n != 2 {
		t.Fatalf("%d links listed", n)
	}
}

// SW-2: a version, language or file type the offer does not list is a 422
// with the form, and nothing is issued.
func TestKeysValidation_SW2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(adminAgent)
	if strings.Contains(","+purchaseOffer(t, app, swWindowsServer).Versions+",", ",1999,") {
		t.Fatal("the offer lists version 1999")
	}
	language := offerChoice(t, app, swWindowsServer).Get("language")
	r := c.Post("/software/"+swWindowsServer+"/keys", url.Values{"version": {"1999"}, "language": {language}, "file_type": {""}}).Expect(t, http.StatusUnprocessableEntity)
	if r.Count("#version-error") != 1 || r.Count("#file_type-error") != 1 || r.Count("#language-error") != 0 {
		t.Fatalf("field errors: %s", r.Text("#keys"))
	}
	var n int64
	app.DB.Model(&software.DownloadLink{}).Count(&n)
	if n != 0 || countActivity(t, app, "software.key_accessed", swWindowsServer) != 0 {
		t.Fatal("something was issued")
	}
}

// SW-2: the choices come from the offer's lists when the catalog has it.
func TestKeysChoicesFromOffer_SW2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	p := loadPurchase(t, app, swWindowsServer)
	offer := catalog.Offer{ID: p.OfferID, Tab: catalog.TabSoftware, Name: p.ProductName, Publisher: catalog.PublisherMicrosoft,
		BillingType: catalog.BillingLicense, Category: catalog.CategoryEnterprise, Frequencies: "annual",
		SoftwareKind: catalog.SoftwarePerpetual, Versions: "2022,2019", Languages: "en-us,fr-fr", FileTypes: "x64,arm64"}
	app.DB.Where("id = ?", offer.ID).Delete(&catalog.Offer{})
	if err := app.DB.Create(&offer).Error; err != nil {
		t.Fatal(err)
	}
	c := app.SignedIn(adminAgent)
	if n := c.Get("/software/" + swWindowsServer).Count("#file_type option"); n != 2 {
		t.Fatalf("%d file types", n)
	}
	c.Post("/software/"+swWindowsServer+"/keys", url.Values{"version": {"2019"}, "language": {"fr-fr"}, "file_type": {"arm64"}}).Expect(t, http.StatusSeeOther)
	c.Post("/software/"+swWindowsServer+"/keys", url.Values{"version": {"2019"}, "language": {"de-de"}, "file_type": {"arm64"}}).Expect(t, http.StatusUnprocessableEntity)
}

// SW-3: a link answers until exactly 14 days after it was issued; from then
// on 410 with a page that says why and how to get a new one. A made-up token
// is a 404. The download page needs no sign-in.
func TestDownloadLinkExpiry_SW3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	_, linkPath := getKeys(t, app, app.SignedIn(adminAgent), swWindowsServer)
	anon := app.Client()
	app.Clock.Advance(14*24*time.Hour - time.Second)
	anon.Get(linkPath).Expect(t, http.StatusOK)
	app.Clock.Advance(time.Second) // exactly 14 days
	r := anon.Get(linkPath).Expect(t, http.StatusGone)
	if r.Doc.Find(".sw-gone").AttrOr("data-reason", "") != "expired" || !strings.Contains(r.Text("#gone-how"), "Get keys and downloads") {
		t.Fatalf("410 page: %s", r.Text("main"))
	}
	anon.Get("/downloads/made-up-token").Expect(t, http.StatusNotFound)
	anon.Get("/downloads/"+strings.Repeat("x", 500)).Expect(t, http.StatusNotFound)
	// A fresh link works again for 14 days (SW-3).
	_, fresh := getKeys(t, app, app.SignedIn(adminAgent), swWindowsServer)
	anon.Get(fresh).Expect(t, http.StatusOK)
	if countActivity(t, app, "software.downloaded", swWindowsServer) != 2 {
		t.Fatal("downloads not logged once each")
	}
}

// SW-3: the 50th download works, the 51st is a 410.
func TestDownloadLinkUsedUp_SW3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	_, linkPath := getKeys(t, app, app.SignedIn(adminAgent), swWindowsServer)
	hash := software.HashToken(strings.TrimPrefix(linkPath, "/downloads/"))
	app.DB.Model(&software.DownloadLink{}).Where("token_hash = ?", hash).Update("downloads", 49)
	anon := app.Client()
	anon.Get(linkPath).Expect(t, http.StatusOK)
	r := anon.Get(linkPath).Expect(t, http.StatusGone)
	if r.Doc.Find(".sw-gone").AttrOr("data-reason", "") != "used_up" {
		t.Fatalf("410 page: %s", r.Text("main"))
	}
	var l software.DownloadLink
	app.DB.Where("token_hash = ?", hash).Take(&l)
	if l.Downloads != 50 {
		t.Fatalf("downloads %d", l.Downloads)
	}
}

// SW-3: 100 parallel downloads on a link with 10 left: exactly 10 succeed.
func TestDownloadConcurrency_SW3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	_, linkPath := getKeys(t, app, app.SignedIn(adminAgent), swWindowsServer)
	hash := software.HashToken(strings.TrimPrefix(linkPath, "/downloads/"))
	app.DB.Model(&software.DownloadLink{}).Where("token_hash = ?", hash).Update("downloads", 40)
	ts := app.HTTPServer()
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Get(ts.URL + linkPath)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			mu.Lock()
			codes[res.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[http.StatusOK] != 10 || codes[http.StatusGone] != 90 {
		t.Fatalf("status counts %v, want 10×200 and 90×410", codes)
	}
	var l software.DownloadLink
	app.DB.Where("token_hash = ?", hash).Take(&l)
	if l.Downloads != 50 || countActivity(t, app, "software.downloaded", swWindowsServer) != 10 {
		t.Fatalf("downloads %d", l.Downloads)
	}
}

// SW-5, SW-7: cancelling a perpetual purchase inside its window: the dialog
// asks for the order and the confirmation (422 otherwise, nothing changed),
// then the purchase is cancelled, its links answer 410, its key is gone, and
// 100% of its price is credited on the open invoice.
func TestCancelPerpetual_SW5_SW7(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(adminAgent)
	_, linkPath := getKeys(t, app, c, swWindowsServer)
	order := demo.ID("order:software:adatum-windows-server")

	dlg := c.Get("/software/"+swWindowsServer+"/cancel").Expect(t, http.StatusOK)
	if got := dlg.Text("#days-left"); got != "50 days left to cancel" {
		t.Fatalf("days left %q", got)
	}
	if dlg.Count(`#order_id option[value="`+order+`"]`) != 1 || !strings.Contains(dlg.Text("#notice-credit"), "$2,138.00") {
		t.Fatalf("dialog: %s", dlg.Text("#cancel-form"))
	}

	bad := []url.Values{
		{"order_id": {order}}, // box not ticked
		{"confirm": {"yes"}},  // no order
		{"order_id": {demo.ID("order:other")}, "confirm": {"yes"}}, // not an order of this purchase
	}
	for _, form := range bad {
		r := c.Post("/software/"+swWindowsServer+"/cancel", form).Expect(t, http.StatusUnprocessableEntity)
		if r.Count(".field-error") == 0 || r.Count("#cancel-form") != 1 {
			t.Fatalf("422 without the form's errors for %v", form)
		}
	}
	if loadPurchase(t, app, swWindowsServer).Status != software.Active {
		t.Fatal("changed by an invalid form")
	}

	app.Clock.Advance(2 * time.Hour)
	c.Post("/software/"+swWindowsServer+"/cancel", url.Values{"order_id": {order}, "confirm": {"yes"}}).Expect(t, http.StatusSeeOther)
	p := loadPurchase(t, app, swWindowsServer)
	if p.Status != software.Cancelled || p.CancelledAt == nil || !p.CancelledAt.Equal(app.Clock.Now()) {
		t.Fatalf("purchase %+v", p)
	}
	var lines []billing.Line
	app.DB.Where("resource_id = ? AND kind = ?", swWindowsServer, billing.Credit).Find(&lines)
	if len(lines) != 1 || lines[0].Amount != -money.Cents(2_138_00) || lines[0].Reason != "software_cancellation" || lines[0].Kind != billing.Credit || lines[0].OrderID != order {
		t.Fatalf("invoice lines %+v", lines)
	}
	if countActivity(t, app, "software.cancelled", swWindowsServer) != 1 {
		t.Fatal("no activity entry")
	}
	r := app.Client().Get(linkPath).Expect(t, http.StatusGone)
	if r.Doc.Find(".sw-gone").AttrOr("data-reason", "") != "revoked" {
		t.Fatalf("410 page: %s", r.Text("main"))
	}
	page := c.Get("/software/"+swWindowsServer).Expect(t, http.StatusOK)
	if page.Count("#keys-form") != 0 || page.Count("#activation-key") != 0 || page.Count("#cancel-purchase") != 0 || page.Count("#cancelled-note") != 1 {
		t.Fatal("cancelled purchase still offers keys or cancellation")
	}
	if !strings.Contains(c.Get("/customers/"+adatum+"/software").Doc.Find(`tr[data-id="`+swWindowsServer+`"]`).Text(), "Cancelled") {
		t.Fatal("tab does not list it as cancelled")
	}
	c.Post("/software/"+swWindowsServer+"/keys", offerChoice(t, app, swWindowsServer)).Expect(t, http.StatusForbidden)
	// A second cancellation is refused and credits nothing more.
	c.Post("/software/"+swWindowsServer+"/cancel", url.Values{"order_id": {order}, "confirm": {"yes"}}).Expect(t, http.StatusForbidden)
	var n int64
	app.DB.Model(&billing.Line{}).Where("resource_id = ? AND kind = ?", swWindowsServer, billing.Credit).Count(&n)
	if n != 1 {
		t.Fatalf("%d credit lines", n)
	}
}

// addPurchase creates a purchase and its order for Adatum, bought at.
func addPurchase(t *testing.T, app *webtest.App, slug, kind, product string, price money.Cents, at time.Time, termMonths int) software.Purchase {
	t.Helper()
	p := software.Purchase{
		ID: demo.ID("test-software:" + slug), PartnerID: demo.ContosoID, CustomerID: adatum,
		OfferID: demo.ID("offer:" + slug), OrderID: demo.ID("test-order:" + slug), ProductName: "Test " + slug,
		Kind: kind, Product: product, Quantity: 1, Price: price, PurchasedAt: at, Status: software.Active,
	}
	if termMonths > 0 {
		end := at.AddDate(0, termMonths, 0)
		p.TermEnd = &end
	}
	o := orders.Order{ID: p.OrderID, PartnerID: demo.ContosoID, CustomerID: adatum, UserID: "u", UserName: "u",
		CheckoutKey: "test:" + slug, Total: price, CreatedAt: at}
	l := orders.Line{ID: demo.ID("test-line:" + slug), OrderID: o.ID, OfferID: p.OfferID, OfferName: p.ProductName,
		Quantity: 1, UnitPrice: price, Amount: price, ResourceType: "software", ResourceID: p.ID}
	for _, rec := range []any{&o, &l, &p} {
		if err := app.DB.Create(rec).Error; err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// SW-7: a 3-year software subscription cancelled on day 30 is credited for
// the 1,066 days left of its 1,096: 1,080,000 × 1066 / 1096 → 1,050,438 cents.
func TestCancelSubscriptionProratedCredit_SW7(t *testing.T) {
	t.Parallel()
	app := webtest.New(t) // now: 2026-11-20 09:00 UTC
	p := addPurchase(t, app, "sql-3yr", catalog.SoftwareSubscription, "sql_server", 10_800_00,
		time.Date(2026, 10, 21, 15, 0, 0, 0, time.UTC), 36)
	c := app.SignedIn(adminAgent)
	if got := c.Get("/software/" + p.ID + "/cancel").Text("#notice-credit"); !strings.Contains(got, "$10,504.38") {
		t.Fatalf("notice %q", got)
	}
	c.Post("/software/"+p.ID+"/cancel", url.Values{"order_id": {p.OrderID}, "confirm": {"yes"}}).Expect(t, http.StatusSeeOther)
	var line billing.Line
	if err := app.DB.Where("resource_id = ?", p.ID).Take(&line).Error; err != nil {
		t.Fatal(err)
	}
	if line.Amount != -1_050_438 {
		t.Fatalf("credit %d, want -1050438", line.Amount)
	}
}

// SW-5: day 60 after the purchase date is the last day to cancel; day 61 is
// refused with 403 and nothing changes.
func TestCancelWindowDay60Day61_SW5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	now := app.Clock.Now()
	day60 := addPurchase(t, app, "day60", catalog.SoftwarePerpetual, "windows_server", 500_00, now.AddDate(0, 0, -60).Add(8*time.Hour), 0)
	day61 := addPurchase(t, app, "day61", catalog.SoftwarePerpetual, "windows_server", 500_00, now.AddDate(0, 0, -61), 0)
	c := app.SignedIn(adminAgent)

	dlg := c.Get("/software/"+day60.ID+"/cancel").Expect(t, http.StatusOK)
	if !strings.Contains(dlg.Text("#window-state"), "last day") || dlg.Count("#cancel-form") != 1 {
		t.Fatalf("day 60: %s", dlg.Text(".sw-dialog"))
	}
	c.Post("/software/"+day60.ID+"/cancel", url.Values{"order_id": {day60.OrderID}, "confirm": {"yes"}}).Expect(t, http.StatusSeeOther)

	dlg = c.Get("/software/"+day61.ID+"/cancel").Expect(t, http.StatusOK)
	if dlg.Count("#cancel-form") != 0 || !strings.Contains(dlg.Text("#refused"), "window closed") {
		t.Fatalf("day 61: %s", dlg.Text(".sw-dialog"))
	}
	c.Post("/software/"+day61.ID+"/cancel", url.Values{"order_id": {day61.OrderID}, "confirm": {"yes"}}).Expect(t, http.StatusForbidden)
	assertUnchanged(t, app, day61.ID)
}

// assertUnchanged checks a refused cancellation left no trace.
func assertUnchanged(t *testing.T, app *webtest.App, id string) {
	t.Helper()
	if p := loadPurchase(t, app, id); p.Status != software.Active || p.CancelledAt != nil {
		t.Fatalf("purchase changed: %+v", p)
	}
	// The purchase's own charge is there since it was bought; no credit.
	var n int64
	app.DB.Model(&billing.Line{}).Where("resource_id = ? AND kind = ?", id, billing.Credit).Count(&n)
	if n != 0 || countActivity(t, app, "software.cancelled", id) != 0 {
		t.Fatal("credit or activity written for a refused cancellation")
	}
}

// SW-6: Windows 7 ESU links to a prefilled support request; SUSE and Red
// Hat cannot be cancelled; a window that has passed (SW-5) cannot either.
// Forged POSTs for them are 403 and change nothing.
func TestCancelExceptions_SW6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(adminAgent)
	esu := loadPurchase(t, app, swESU)
	dlg := c.Get("/software/"+swESU+"/cancel").Expect(t, http.StatusOK)
	href, _ := dlg.Doc.Find("#support-request").Attr("href")
	u, err := url.Parse(href)
	if err != nil || u.Path != "/support/new" {
		t.Fatalf("support link %q", href)
	}
	q := u.Query()
	if q.Get("problem") != "csp_purchase_refund" || q.Get("customer") != demo.ID("tenant:adatum.com") || q.Get("order") != esu.OrderID || !strings.Contains(q.Get("title"), esu.ProductName) {
		t.Fatalf("support link query %v", q)
	}
	if dlg.Count("#cancel-form") != 0 {
		t.Fatal("ESU offers the cancel form")
	}
	for _, id := range []string{swSUSE, swRedHat} {
		d := c.Get("/software/"+id+"/cancel").Expect(t, http.StatusOK)
		if !strings.Contains(d.Text("#refused"), "cannot be cancelled or exchanged") || d.Count("#cancel-form") != 0 {
			t.Fatalf("%s: %s", id, d.Text(".sw-dialog"))
		}
	}
	if !strings.Contains(c.Get("/software/"+swSQL3yr+"/cancel").Text("#refused"), "window closed") {
		t.Fatal("SQL Server bought 90 days ago: window not shown as passed")
	}
	for _, id := range []string{swESU, swSUSE, swRedHat, swSQL3yr} {
		p := loadPurchase(t, app, id)
		c.Post("/software/"+id+"/cancel", url.Values{"order_id": {p.OrderID}, "confirm": {"yes"}}).Expect(t, http.StatusForbidden)
		assertUnchanged(t, app, id)
	}
}

// AUTH-1: another partner's admin agent gets 404 for every software action;
// the download link itself is public.
func TestSoftwareOtherPartner_AUTH1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	_, linkPath := getKeys(t, app, app.SignedIn(adminAgent), swWindowsServer)
	hash, _ := bcrypt.GenerateFromPassword([]byte(demo.Password), bcrypt.MinCost)
	u := auth.User{ID: demo.ID("user:agent@fabrikam.example"), PartnerID: demo.FabrikamID, Email: "agent@fabrikam.example",
		Name: "Fabrikam Agent", PasswordHash: string(hash), RoleNames: string(perm.AdminAgent), CreatedAt: app.Clock.Now()}
	if err := app.DB.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	f := app.SignedIn(u.Email)
	f.Get("/software/"+swWindowsServer).Expect(t, http.StatusNotFound)
	f.Get("/software/"+swWindowsServer+"/cancel").Expect(t, http.StatusNotFound)
	f.Post("/software/"+swWindowsServer+"/keys", offerChoice(t, app, swWindowsServer)).Expect(t, http.StatusNotFound)
	f.Post("/software/"+swWindowsServer+"/cancel", url.Values{"order_id": {demo.ID("order:software:adatum-windows-server")}, "confirm": {"yes"}}).Expect(t, http.StatusNotFound)
	f.Get("/software/not-a-uuid").Expect(t, http.StatusNotFound)
	assertUnchanged(t, app, swWindowsServer)
	f.Get(linkPath).Expect(t, http.StatusOK)
}

// PERF-1, SW-1: the Software tab and a purchase's page cost the same number
// of queries whatever the number of purchases and links.
func TestSoftwareQueriesDoNotGrowWithRows_PERF1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(adminAgent)
	var mu sync.Mutex
	queries := 0
	count := func(*gorm.DB) { mu.Lock(); queries++; mu.Unlock() }
	if err := app.DB.Callback().Query().After("gorm:query").Register("sw_count_query", count); err != nil {
		t.Fatal(err)
	}
	if err := app.DB.Callback().Row().After("gorm:row").Register("sw_count_row", count); err != nil {
		t.Fatal(err)
	}
	measure := func(path string) int {
		mu.Lock()
		queries = 0
		mu.Unlock()
		c.Get(path).Expect(t, http.StatusOK)
		mu.Lock()
		defer mu.Unlock()
		return queries
	}
	tab := "/customers/" + adatum + "/software"
	page := "/software/" + swWindowsServer
	getKeys(t, app, c, swWindowsServer)
	beforeTab, beforePage := measure(tab), measure(page)
	for i := 0; i < 30; i++ {
		addPurchase(t, app, "perf-"+strings.Repeat("x", i+1), catalog.SoftwarePerpetual, "windows_server", 100_00, app.Clock.Now(), 0)
		getKeys(t, app, c, swWindowsServer)
	}
	if afterTab, afterPage := measure(tab), measure(page); afterTab != beforeTab || afterPage != beforePage {
		t.Fatalf("queries grew: tab %d → %d, page %d → %d", beforeTab, afterTab, beforePage, afterPage)
	}
	t.Logf("queries: tab %d, page %d", beforeTab, beforePage)
}

// I18N-1: every software page reads well in both languages: no raw message
// key and no formatting mistake.
func TestSoftwarePagesInBothLanguages_I18N1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, lang := range []string{"en", "fr"} {
		c := app.SignedIn(adminAgent)
		c.Lang = lang
		_, linkPath := getKeys(t, app, c, swWindowsServer)
		c.Post("/software/"+swWindowsServer+"/keys", offerChoice(t, app, swWindowsServer)).Expect(t, http.StatusSeeOther)
		pages := []*webtest.Response{
			c.Get("/customers/" + adatum + "/software"),
			c.Get("/software/" + swWindowsServer),
			c.Post("/software/"+swWindowsServer+"/cancel", url.Values{}),
		}
		for _, id := range []string{swWindowsServer, swSQL3yr, swESU, swSUSE, swRedHat} {
			pages = append(pages, c.Get("/software/"+id), c.Get("/software/"+id+"/cancel"))
		}
		anon := app.Client()
		anon.Lang = lang
		pages = append(pages, anon.Get("/downloads/"+strings.Repeat("a", 43)))
		c.Post("/software/"+swWindowsServer+"/cancel", url.Values{"order_id": {demo.ID("order:software:adatum-windows-server")}, "confirm": {"yes"}}).Expect(t, http.StatusSeeOther)
		pages = append(pages, anon.Get(linkPath), c.Get("/software/"+swWindowsServer))
		for i, r := range pages {
			if strings.Contains(r.Body, "%!") || regexp.MustCompile(`>\s*sw\.[a-z_.]+\s*<`).MatchString(r.Body) {
				t.Errorf("%s page %d (status %d) has a raw key or a formatting mistake", lang, i, r.Status)
			}
		}
		if lang == "fr" && !strings.Contains(pages[1].Body, "Obtenir les clés et les téléchargements") {
			t.Error("French page not in French")
		}
		// Put the purchase back for the next language.
		app.DB.Model(&software.Purchase{}).Where("id = ?", swWindowsServer).Updates(map[string]any{"status": software.Active, "cancelled_at": nil})
	}
}
