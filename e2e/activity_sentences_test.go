package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/web/webtest"
)

// internalWords are snake_case keys and event names, which a reader of the
// log must never see.
var internalWords = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b(auth|user|customer|subscription|order)\.[a-z_]+\b`)

// UX-3, UX-2: the activity log reads as sentences in English and in French,
// and at a 390-pixel screen it does not scroll sideways (its table scrolls in
// its own frame). Screenshots of each are saved as artifacts.
func TestActivityLogSentences_Browser_UX3(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		width int
	}{{"desktop", 0}, {"390px", 390}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := webtest.New(t)
			b := app.NewBrowser(webtest.BrowserOptions{Width: tc.width})
			seedActivity(t, app)
			b.Login("globaladmin@contoso.example")
			b.Open("/activity?type=user.roles_changed")
			if text := b.Text("#activity-table"); !strings.Contains(text, "Roles of sales@contoso.example changed") ||
				!strings.Contains(text, "Roles Sales agent → Sales agent, Helpdesk agent") {
				t.Errorf("roles change: %q", text)
			}
			b.Open("/activity")
			text := b.Text("#activity-table")
			if !strings.Contains(text, "Order placed: ") || !strings.Contains(text, "Provisioned ") {
				t.Errorf("no order sentences in the log: %q", text)
			}
			if internalWords.MatchString(text) {
				t.Errorf("internal words in the log: %v", internalWords.FindAllString(text, -1))
			}
			suffix := ""
			if tc.width != 0 {
				suffix = "-390px"
				wide, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
				b.Must(err)
				if wide {
					t.Error("the log scrolls sideways at 390 px")
				}
			}
			b.Screenshot("activity-log-sentences-en" + suffix)
			b.ClickAndWaitNoLoad(".user-menu summary")
			b.Select("#lang-select", "fr")
			b.ClickAndWait(".lang-form button")
			b.Open("/activity?type=customer.created")
			if text := b.Text("#activity-table"); !strings.Contains(text, "Client Fourth Coffee (fourthcoffee.com) créé") {
				t.Errorf("French log: %q", text)
			}
			b.Open("/activity")
			b.Screenshot("activity-log-sentences-fr" + suffix)
		})
	}
}
