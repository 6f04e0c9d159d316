package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/views/components"
)

// problem is an RFC 9457 problem document (API-3), with the portal's own
// members: the roles that may act on a 403, each bad field on a 422.
type problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Roles  []string       `json:"roles,omitempty"`
	Errors []problemField `json:"errors,omitempty"`
}

// problemField is one bad field of a request and what is wrong with it.
type problemField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// apiError is an API answer that is not a page's error: a status, the
// message keys and arguments, and the bad fields.
type apiError struct {
	status     int
	titleKey   string
	detailKey  string
	detailArgs []any
	fields     components.FieldErrors
}

func (e *apiError) Error() string { return http.StatusText(e.status) + ": " + e.detailKey }

// apiInvalid is the 422 of a request with bad fields, each named with the
// page's message for it.
func apiInvalid(fields components.FieldErrors) error {
	return &apiError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", detailKey: "error.422.body", fields: fields}
}

// apiRefused is an answer with one message, the same the page shows.
func apiRefused(status int, detailKey string, args ...any) error {
	title := "error.422.title"
	if status == http.StatusTooManyRequests {
		title = "api.error.429.title"
	}
	return &apiError{status: status, titleKey: title, detailKey: detailKey, detailArgs: args}
}

// isAPI reports whether a request is a call to the JSON API.
func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// writeProblem answers an API call's error as application/problem+json,
// with the messages the pages show for the same error.
func (s *Server) writeProblem(c echo.Context, err error) {
	status := statusOf(err)
	l := localizerOf(c)
	p := problem{Type: "about:blank", Status: status}
	var ae *apiError
	if errors.As(err, &ae) {
		p.Status = ae.status
		p.Title, p.Detail = l.T(ae.titleKey), l.T(ae.detailKey, ae.detailArgs...)
		for field, fe := range ae.fields {
			p.Errors = append(p.Errors, problemField{Field: field, Message: l.T(fe.Key, fe.Args...)})
		}
		sort.Slice(p.Errors, func(i, j int) bool { return p.Errors[i].Field < p.Errors[j].Field })
	} else {
		titleKey, bodyKey, roles := pageKeys(err, status)
		p.Title, p.Detail, p.Roles = l.T(titleKey), l.T(bodyKey), rolesOf(roles)
	}
	if p.Status >= 500 {
		s.log.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", redactPath(c.Request().URL.Path), "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	body, _ := json.Marshal(p)
	if werr := c.Blob(p.Status, "application/problem+json", body); werr != nil {
		s.log.ErrorContext(c.Request().Context(), "write problem", "err", werr)
	}
}

// rolesOf lists roles by name, for documents.
func rolesOf(rs []perm.Role) []string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r))
	}
	return out
}
