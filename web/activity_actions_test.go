package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/web/webtest"
)

// typeOptions returns the values and labels of the type filter's choices.
func typeOptions(r *webtest.Response) (values, labels []string) {
	r.Doc.Find("#type option").Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		values = append(values, v)
		labels = append(labels, strings.TrimSpace(s.Text()))
	})
	return values, labels
}

// selectedTypes returns the values of the type filter's selected choices.
func selectedTypes(r *webtest.Response) (values []string) {
	r.Doc.Find("#type option[selected]").Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		values = append(values, v)
	})
	return values
}

// LOG-2, PERF-2: the type filter's choices are kept per language once
// built, and still sorted as a reader expects in each language (accents
// folded: "Échec" among the E's), the page's type alone selected; an
// action only one link names is offered, and selected, on that page and not
// on the next one.
func TestActivityTypeChoices_LOG2_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	fold := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "â", "a", "ç", "c", "ô", "o", "î", "i", "û", "u", "ù", "u")
	for _, lang := range []string{"fr", "en", "fr"} {
		c := app.SignedIn("globaladmin@contoso.example")
		c.Lang = lang
		values, labels := typeOptions(c.Get("/activity").Expect(t, http.StatusOK))
		if len(values) < 5 || values[0] != "" {
			t.Fatalf("%s: choices %q", lang, values)
		}
		for i := 2; i < len(labels); i++ {
			a, b := fold.Replace(strings.ToLower(labels[i-1])), fold.Replace(strings.ToLower(labels[i]))
			if a > b {
				t.Errorf("%s: %q before %q", lang, labels[i-1], labels[i])
			}
		}
		if lang == "fr" && !strings.Contains(strings.Join(labels, "|"), "Connexion") {
			t.Errorf("French labels %q", labels)
		}
		page := c.Get("/activity?type=zz.only_here").Expect(t, http.StatusOK)
		values, _ = typeOptions(page)
		if !strings.Contains(strings.Join(values, "|"), "zz.only_here") {
			t.Errorf("%s: the linked action is not offered", lang)
		}
		if got := selectedTypes(page); len(got) != 1 || got[0] != "zz.only_here" {
			t.Errorf("%s: selected %q, want the linked action", lang, got)
		}
		for _, want := range []string{"", values[len(values)-1], values[1]} {
			if got := selectedTypes(c.Get("/activity?type="+want).Expect(t, http.StatusOK)); len(got) != 1 || got[0] != want {
				t.Errorf("%s: ?type=%s selected %q", lang, want, got)
			}
		}
		values, _ = typeOptions(c.Get("/activity").Expect(t, http.StatusOK))
		if strings.Contains(strings.Join(values, "|"), "zz.only_here") {
			t.Errorf("%s: the linked action stays offered on the next page", lang)
		}
	}
}
