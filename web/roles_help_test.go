package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/web/webtest"
)

// AUTH-5 (issue item 15): each role the user form offers says what it may
// do, in its own words: no two roles share a description, in either language.
func TestRoleDescriptionsAreDistinct_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, lang := range []string{"en", "fr"} {
		c := app.SignedIn(contosoAdmin)
		c.Lang = lang
		r := c.Get("/users/new").Expect(t, http.StatusOK)
		seen := map[string]string{}
		r.Doc.Find(".role-choice").Each(func(_ int, s *goquery.Selection) {
			name := strings.TrimSpace(s.Find(".role-name").Text())
			help := strings.TrimSpace(s.Find(".help").Text())
			if other, dup := seen[help]; dup || len(help) < 20 {
				t.Errorf("%s: %s is described as %q (like %q)", lang, name, help, other)
			}
			seen[help] = name
		})
		if len(seen) != 9 {
			t.Errorf("%s: %d role descriptions, want 9", lang, len(seen))
		}
	}
}
