package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/internal/demo"
	"portal/internal/platform/settings"
	"portal/web/webtest"
)

// OPS-3, LIFE-3: a move stored by another node (here: straight in the
// database) shows at this node's very next request, not after a poll.
func TestDemoClockMoveSeenAtNextRequest_OPS3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	c.Get("/").Expect(t, http.StatusOK)
	if _, err := (settings.Store{DB: app.DB}).Add(t.Context(), demo.ClockSetting, 40); err != nil {
		t.Fatal(err)
	}
	page := c.Get("/").Expect(t, http.StatusOK)
	want := app.Clock.Now().AddDate(0, 0, 40).Format("Jan 2, 2006")
	if got := page.Text("#demo-date"); !strings.Contains(got, want) {
		t.Fatalf("demo date %q, want %s", got, want)
	}
}
