package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/internal/support"
	"portal/web/webtest"
)

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")

type upload struct {
	name string
	data []byte
}

// postMultipart sends the new-request form as a browser does, with files.
func postMultipart(t *testing.T, c *webtest.Client, fields url.Values, files []upload) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", c.CSRF())
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for _, f := range files {
		fw, err := w.CreateFormFile("files", f.name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(f.data)
	}
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "http://portal.test/support", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func requestForm(extra url.Values) url.Values {
	f := url.Values{
		"problem": {"csp_purchase_refund"}, "severity": {"moderate"}, "title": {"Refund an order"},
		"description": {"Bought for the wrong customer."}, "customer": {"adatum.com"}, "order": {"ORD-1"},
		"reason": {"Wrong customer"}, "amount": {"1,234.56"}, "contact_name": {"Adam Agent"},
		"contact_email": {"adminagent@contoso.example"}, "contact_phone": {"+1 425 555 0101"},
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

func supportCounts(t *testing.T, app *webtest.App) (requests, files int64) {
	t.Helper()
	return countRows(t, app, &support.Request{}, "1 = 1"), countRows(t, app, &support.Attachment{}, "1 = 1")
}

// SUP-1: the form is prefilled from the query (the software ESU link).
func TestSupportNewPrefill_SUP1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	tenant := demo.ID("tenant:fabriquelumiere.fr")
	page := app.SignedIn("helpdesk@contoso.example").Get("/support/new?problem=csp_purchase_refund&customer="+tenant+"&order=ORD-9&title=Cancel+ESU").Expect(t, http.StatusOK)
	if v, _ := page.Doc.Find("#problem option[selected]").Attr("value"); v != "csp_purchase_refund" {
		t.Errorf("problem %q", v)
	}
	if v, _ := page.Doc.Find("#customer option[selected]").Attr("value"); v != tenant {
		t.Errorf("customer %q, want %q", v, tenant)
	}
	for id, want := range map[string]string{"#order": "ORD-9", "#title": "Cancel ESU", "#contact_email": "helpdesk@contoso.example"} {
		if v, _ := page.Doc.Find(id).Attr("value"); v != want {
			t.Errorf("%s = %q, want %q", id, v, want)
		}
	}
	if !strings.Contains(page.Text("#files-help"), "pdf, png, jpg, txt, csv, log, zip") {
		t.Errorf("allowed types not listed: %q", page.Text("#files-help"))
	}
	if page.Text("#problem option[value=csp_purchase_refund]") != "CSP purchase/refund on behalf of customers" {
		t.Error("problem type label")
	}
}

// SUP-1, LOG-1: a request with an attachment: the customer resolved from its
// domain, the amount read, the file stored and downloadable, the activity
// entry written.
func TestSupportCreate_SUP1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	r := postMultipart(t, c, requestForm(nil), []upload{{"screen.png", pngBytes}, {"usage.csv", []byte("day,use\n1,80\n")}}).Expect(t, http.StatusSeeOther)
	var req support.Request
	if err := app.DB.Where("title = ?", "Refund an order").Take(&req).Error; err != nil {
		t.Fatal(err)
	}
	if r.Location != "/support/"+req.ID {
		t.Fatalf("location %q", r.Location)
	}
	if req.CustomerID != demo.ID("customer:adatum.com") || req.CustomerName != "Adatum Corporation" || req.AmountRequested != 123_456 ||
		req.Status != support.Open || req.Severity != "moderate" || req.CreatedBy != demo.ID("user:helpdesk@contoso.example") {
		t.Fatalf("request %+v", req)
	}
	if !regexp.MustCompile(`^SR-\d{6}-\d{4}$`).MatchString(req.Number) {
		t.Fatalf("number %q", req.Number)
	}
	if activityCount(t, app, "support.request_created", req.ID) != 1 {
		t.Fatal("no activity entry")
	}
	page := c.Get(r.Location).Expect(t, http.StatusOK)
	if page.Count("#attachments li") != 2 || page.Text("#request-number") != req.Number {
		t.Fatal("detail page lacks the attachments or number")
	}
	href, _ := page.Doc.Find(`#attachments a:contains("screen.png")`).Attr("href")
	dl := c.Get(href).Expect(t, http.StatusOK)
	if dl.Header.Get("Content-Type") != "image/png" || dl.Body != string(pngBytes) || !strings.Contains(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %s %q", dl.Header.Get("Content-Type"), dl.Header.Get("Content-Disposition"))
	}
	// A tenant ID resolves too; no customer at all is fine.
	postMultipart(t, c, requestForm(url.Values{"customer": {demo.ID("tenant:woodgrovebank.com")}, "title": {"By tenant"}}), nil).Expect(t, http.StatusSeeOther)
	postMultipart(t, c, requestForm(url.Values{"customer": {""}, "title": {"No customer"}, "amount": {""}}), nil).Expect(t, http.StatusSeeOther)
	if countRows(t, app, &support.Request{}, "title = ? AND customer_name = ?", "By tenant", "Woodgrove Bank") != 1 {
		t.Fatal("tenant ID not resolved")
	}
}

// SUP-1: bad input is a 422 with the field explained and nothing saved:
// unknown customer (or another partner's), bad amount, bad attachments
// (too big, wrong type, content not matching, too many).
func TestSupportCreateRefusals_SUP1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	big := bytes.Repeat([]byte("a"), support.MaxFileSize+1)
	six := make([]upload, 6)
	for i := range six {
		six[i] = upload{fmt.Sprintf("n%d.txt", i), []byte("note")}
	}
	cases := []struct {
		name  string
		form  url.Values
		files []upload
		field string
		says  string
	}{
		{"unknown customer", requestForm(url.Values{"customer": {"nobody.example"}}), nil, "customer", "No customer"},
		{"another partner's customer", requestForm(url.Values{"customer": {"blueyonderairlines.com"}}), nil, "customer", "No customer"},
		{"bad amount", requestForm(url.Values{"amount": {"12,34,5"}}), nil, "amount", "dollars and cents"},
		{"missing title", requestForm(url.Values{"title": {""}}), nil, "title", "required"},
		{"bad problem", requestForm(url.Values{"problem": {"gossip"}}), nil, "problem", "Choose"},
		{"too big", requestForm(nil), []upload{{"big.txt", big}}, "files", "larger than 5 MB"},
		{"wrong type", requestForm(nil), []upload{{"tool.exe", []byte("MZ\x90\x00")}}, "files", "not an allowed type"},
		{"content mismatch", requestForm(nil), []upload{{"photo.png", []byte("just text")}}, "files", "does not match"},
		{"empty file", requestForm(nil), []upload{{"empty.txt", nil}}, "files", "is empty"},
		{"too many", requestForm(nil), six, "files", "at most 5 files"},
		{"good file, bad field", requestForm(url.Values{"contact_email": {"nope"}}), []upload{{"ok.txt", []byte("fine")}}, "files", "choose your files again"},
	}
	reqs, files := supportCounts(t, app)
	for _, tc := range cases {
		r := postMultipart(t, c, tc.form, tc.files).Expect(t, http.StatusUnprocessableEntity)
		if msg := r.Text("#" + tc.field + "-error"); !strings.Contains(msg, tc.says) {
			t.Errorf("%s: %s error %q, want %q", tc.name, tc.field, msg, tc.says)
		}
		if v, _ := r.Doc.Find("#description").Html(); tc.field != "description" && !strings.Contains(v, "Bought for the wrong customer.") {
			t.Errorf("%s: the form lost the description", tc.name)
		}
		if n, f := supportCounts(t, app); n != reqs || f != files {
			t.Fatalf("%s: saved something (%d requests, %d files)", tc.name, n, f)
		}
	}
}

// SUP-1: a body larger than the limit gets a clear 413 page before anything
// is read, and nothing is saved.
func TestSupportBodyLimit_SUP1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	reqs, files := supportCounts(t, app)
	req := httptest.NewRequest(http.MethodPost, "http://portal.test/support", strings.NewReader("x"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	req.Header.Set("X-CSRF-Token", c.CSRF())
	req.ContentLength = support.MaxBody + 1
	r := c.Do(req).Expect(t, http.StatusRequestEntityTooLarge)
	if !strings.Contains(r.Body, "at most 5 files of 5 MB") {
		t.Fatal("413 page does not say the limits")
	}
	// A body that lies about its length is cut off at the limit.
	body := bytes.Repeat([]byte("y"), support.MaxBody+10)
	req = httptest.NewRequest(http.MethodPost, "http://portal.test/support", bytes.NewReader(body))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	req.Header.Set("X-CSRF-Token", c.CSRF())
	req.ContentLength = -1
	if got := c.Do(req); got.Status != http.StatusRequestEntityTooLarge && got.Status != http.StatusUnprocessableEntity {
		t.Fatalf("oversized chunked body: status %d", got.Status)
	}
	if n, f := supportCounts(t, app); n != reqs || f != files {
		t.Fatal("saved something")
	}
}

// SUP-2: the list filters by status and severity, in keyset pages.
func TestSupportList_SUP2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	all := c.Get("/support").Expect(t, http.StatusOK)
	// Five seeded requests, and the one the demo history's reservation
	// refund opened and closed (DEMO-1).
	if all.Count("#requests tbody tr") != 6 {
		t.Fatalf("demo requests listed: %d", all.Count("#requests tbody tr"))
	}
	closed := c.Get("/support?status=closed")
	if closed.Count("#requests tbody tr") != 2 || !strings.Contains(closed.Text("#requests"), "Closed") {
		t.Fatal("status filter")
	}
	crit := c.Get("/support?severity=critical&status=attention_needed")
	if crit.Count("#requests tbody tr") != 1 || !strings.Contains(crit.Text("#requests"), "Teams") {
		t.Fatal("severity filter")
	}
	c.Get("/support?status=bogus&severity=%ff&after=garbage").Expect(t, http.StatusOK)
	// 30 more requests: 36 in all, 25 on the first page.
	store := support.Store{DB: app.DB, Clock: app.Clock}
	for i := range 30 {
		app.Clock.Advance(time.Minute)
		_, err := store.Create(context.Background(), demo.ContosoID, testActor(), support.NewRequest{ProblemType: "billing", Severity: "minimal",
			Title: fmt.Sprintf("Bulk %02d", i), ContactName: "A", ContactEmail: "a@b.example"}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	first := c.Get("/support").Expect(t, http.StatusOK)
	if first.Count("#requests tbody tr") != 25 || first.Count(`a[rel=prev]`) != 0 {
		t.Fatal("first page")
	}
	next, _ := first.Doc.Find(`a[rel=next]`).Attr("href")
	second := c.Get(next).Expect(t, http.StatusOK)
	if second.Count("#requests tbody tr") != 11 || second.Count(`a[rel=next]`) != 0 {
		t.Fatalf("second page rows %d", second.Count("#requests tbody tr"))
	}
	prev, _ := second.Doc.Find(`a[rel=prev]`).Attr("href")
	back := c.Get(prev).Expect(t, http.StatusOK)
	if back.Count("#requests tbody tr") != 25 || back.Text("#requests tbody tr td.mono") != first.Text("#requests tbody tr td.mono") {
		t.Fatal("previous page is not the first page")
	}
	// Fabrikam sees none of them.
	if app.SignedIn("globaladmin@fabrikam.example").Get("/support").Count("#requests tbody tr") != 0 {
		t.Fatal("another partner's requests listed (AUTH-1)")
	}
}

// SUP-2, LOG-1: notes and status changes on a request; bad input is a 422.
func TestSupportNotesAndStatus_SUP2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	id := demo.ID("support:legal-address")
	c.Post("/support/"+id+"/notes", url.Values{"body": {"  "}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post("/support/"+id+"/notes", url.Values{"body": {"Sent the new address proof."}}).Expect(t, http.StatusSeeOther)
	page := c.Get("/support/" + id)
	if page.Count("#thread .note") != 1 || !strings.Contains(page.Text("#thread"), "Sent the new address proof.") || !strings.Contains(page.Text("#thread"), "Adam Agent") {
		t.Fatal("note not in the thread")
	}
	c.Post("/support/"+id+"/status", url.Values{"status": {"solved"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post("/support/"+id+"/status", url.Values{"status": {"closed"}}).Expect(t, http.StatusSeeOther)
	var r support.Request
	app.DB.Where("id = ?", id).Take(&r)
	if r.Status != support.Closed {
		t.Fatalf("status %s", r.Status)
	}
	if activityCount(t, app, "support.note_added", id) != 1 || activityCount(t, app, "support.status_changed", id) != 1 {
		t.Fatal("activity entries")
	}
	// An attachment is only reachable through its own request (AUTH-1).
	c.Get("/support/"+id+"/attachments/"+demo.ID("support-file:esu-refund")).Expect(t, http.StatusNotFound)
	app.SignedIn("globaladmin@fabrikam.example").Get("/support/"+demo.ID("support:esu-refund")+"/attachments/"+demo.ID("support-file:esu-refund")).Expect(t, http.StatusNotFound)
}

// DASH-1: open requests for the home page: needing attention first, then
// by severity; closed ones left out.
func TestOpenRequests_DASH1_SUP2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	got, err := (&support.Store{DB: app.DB}).OpenRequests(context.Background(), demo.ContosoID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, r := range got {
		titles = append(titles, r.Status+":"+r.Severity)
	}
	want := "attention_needed:critical attention_needed:moderate open:moderate open:minimal"
	if strings.Join(titles, " ") != want {
		t.Fatalf("got %v, want %s", titles, want)
	}
}

func testActor() activity.Actor {
	return activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "Gloria Admin"}
}
