package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var hexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// OPS-5: every request gets an ID, in its response header and on every log
// line of that request; a proxy's ID is kept only when its form is safe.
func TestRequestID_OPS5(t *testing.T) {
	t.Parallel()
	app, logs := opsApp(t, nil)
	_, _, h := get(app.Server, "/login")
	id := h.Get("X-Request-ID")
	if !hexID.MatchString(id) {
		t.Fatalf("request ID %q", id)
	}
	if _, _, h2 := get(app.Server, "/login"); h2.Get("X-Request-ID") == id {
		t.Fatal("two requests share an ID")
	}
	if !strings.Contains(logs.String(), "request_id="+id) {
		t.Fatalf("no log line names %s:\n%s", id, logs.String())
	}
	if _, _, h := get(app.Server, "/login", "X-Request-ID", "proxy-1234abcd"); h.Get("X-Request-ID") != "proxy-1234abcd" {
		t.Fatalf("safe proxy ID replaced by %q", h.Get("X-Request-ID"))
	}
	for _, bad := range []string{"<script>x</script>", "a b c d e f g h", "short", strings.Repeat("a", 65), "id\" msg=forged"} {
		if _, _, h := get(app.Server, "/login", "X-Request-ID", bad); !hexID.MatchString(h.Get("X-Request-ID")) {
			t.Errorf("unsafe ID %q kept as %q", bad, h.Get("X-Request-ID"))
		}
	}
}

// OPS-5, I18N-2: error pages show the request's ID, in English and French.
func TestErrorPageShowsRequestID_OPS5(t *testing.T) {
	t.Parallel()
	app, _ := opsApp(t, nil)
	for lang, label := range map[string]string{"en": "Request ID:", "fr": "Identifiant de la requête :"} {
		c := app.Client()
		c.Lang = lang
		r := c.Get("/no/such/page").Expect(t, http.StatusNotFound)
		id := r.Header.Get("X-Request-ID")
		if got := r.Text(".request-id"); !strings.Contains(got, label) || r.Text(".request-id code") != id || id == "" {
			t.Errorf("%s: request ID line %q, want %q and %s", lang, got, label, id)
		}
	}
	signedIn := app.SignedIn("globaladmin@contoso.example")
	r := signedIn.Get("/customers/00000000-0000-0000-0000-000000000000").Expect(t, http.StatusNotFound)
	if r.Text(".request-id code") != r.Header.Get("X-Request-ID") {
		t.Errorf("signed-in error page: %q", r.Text(".request-id"))
	}
}
