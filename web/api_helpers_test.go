package web_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/apitokens"
	"portal/internal/auth"
	"portal/web/webtest"
)

// apiToken makes a token for the user of email, valid 90 days, as the
// account page does, and returns its secret.
func apiToken(t *testing.T, app *webtest.App, email, name string) string {
	t.Helper()
	var u auth.User
	if err := app.DB.Where("email = ?", email).First(&u).Error; err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	store := &apitokens.Store{DB: app.DB, Clock: app.Clock}
	_, secret, err := store.Create(context.Background(), u, name, app.Clock.Now().Add(90*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// apiFor is an API client with a fresh token of the user of email.
func apiFor(t *testing.T, app *webtest.App, email string) *webtest.APIClient {
	t.Helper()
	return app.API(apiToken(t, app, email, "script of "+email))
}

// want fails the test unless the answer has status.
func want(t *testing.T, r *webtest.APIResponse, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
}

// fieldsOf lists the bad fields of a 422 problem document.
func fieldsOf(r *webtest.APIResponse) map[string]string {
	out := map[string]string{}
	list, _ := r.JSON["errors"].([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		f, _ := m["field"].(string)
		msg, _ := m["message"].(string)
		out[f] = msg
	}
	return out
}
