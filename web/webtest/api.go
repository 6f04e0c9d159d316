package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"portal/web/openapi"
)

// APIClient calls the JSON API with a bearer token and checks every answer
// against the OpenAPI document (API-4): an answer the document does not
// describe fails the test, so no API test can forget the check.
type APIClient struct {
	app   *App
	Token string
	// Header is sent with every call (Idempotency-Key, Accept-Language…).
	Header http.Header
}

// APIResponse is one API answer, its body read and decoded.
type APIResponse struct {
	Status int
	Header http.Header
	Body   []byte
	// JSON is the decoded body (nil when empty).
	JSON map[string]any
}

// API returns a client that calls with token ("" for none).
func (a *App) API(token string) *APIClient {
	return &APIClient{app: a, Token: token, Header: http.Header{}}
}

var contract struct {
	once   sync.Once
	router routers.Router
	err    error
}

// contractRouter loads the document once per test binary.
func contractRouter() (routers.Router, error) {
	contract.once.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(openapi.Document())
		if err != nil {
			contract.err = err
			return
		}
		if err := doc.Validate(loader.Context); err != nil {
			contract.err = err
			return
		}
		// The document's server is relative ("/"); the router matches the
		// paths on any host.
		doc.Servers = nil
		contract.router, contract.err = legacy.NewRouter(doc)
	})
	return contract.router, contract.err
}

// Do sends a call with a JSON body (nil for none).
func (c *APIClient) Do(method, path string, body any) *APIResponse {
	t := c.app.T
	t.Helper()
	var raw []byte
	if body != nil {
		switch b := body.(type) {
		case string:
			raw = []byte(b)
		default:
			var err error
			if raw, err = json.Marshal(body); err != nil {
				t.Fatal(err)
			}
		}
	}
	req := httptest.NewRequest(method, "http://portal.test"+path, bytes.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	rec := httptest.NewRecorder()
	c.app.Server.ServeHTTP(rec, req)
	res := rec.Result()
	out := &APIResponse{Status: res.StatusCode, Header: res.Header}
	out.Body, _ = io.ReadAll(res.Body)
	if len(out.Body) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		_ = json.Unmarshal(out.Body, &out.JSON)
	}
	CheckContract(t, method, path, raw, out)
	return out
}

// Get, Post and Patch are Do with a method.
func (c *APIClient) Get(path string) *APIResponse {
	c.app.T.Helper()
	return c.Do(http.MethodGet, path, nil)
}

// Post sends body as JSON.
func (c *APIClient) Post(path string, body any) *APIResponse {
	c.app.T.Helper()
	return c.Do(http.MethodPost, path, body)
}

// Patch sends body as JSON.
func (c *APIClient) Patch(path string, body any) *APIResponse {
	c.app.T.Helper()
	return c.Do(http.MethodPatch, path, body)
}

// CheckContract fails the test unless the answer is one the OpenAPI
// document describes for that call (API-4).
func CheckContract(t testing.TB, method, path string, body []byte, res *APIResponse) {
	t.Helper()
	router, err := contractRouter()
	if err != nil {
		t.Fatalf("OpenAPI document: %v", err)
	}
	req := httptest.NewRequest(method, "http://portal.test"+path, bytes.NewReader(body))
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: not in the OpenAPI document: %v", method, path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: res.Status, Header: res.Header, Body: io.NopCloser(bytes.NewReader(res.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s → %d does not match the OpenAPI document: %v\nbody: %.500s", method, path, res.Status, err, res.Body)
	}
}
