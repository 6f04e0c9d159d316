package web

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
)

// apiEntry is one activity entry (LOG-1).
type apiEntry struct {
	ID           string          `json:"id"`
	At           string          `json:"at"`
	Action       string          `json:"action"`
	UserID       string          `json:"user_id"`
	User         string          `json:"user"`
	APIToken     *string         `json:"api_token"`
	CustomerID   string          `json:"customer_id"`
	CustomerName string          `json:"customer_name"`
	ResourceType string          `json:"resource_type"`
	ResourceID   string          `json:"resource_id"`
	Details      string          `json:"details"`
	Before       json.RawMessage `json:"before"`
	After        json.RawMessage `json:"after"`
}

// rawOrNull is a stored JSON value, or null.
func rawOrNull(s string) json.RawMessage {
	if s == "" || !json.Valid([]byte(s)) {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

// apiActivity lists the activity log with the page's filters and checks
// (LOG-2: from, to, type, customer, user), newest first, with a cursor.
func (s *Server) apiActivity(c echo.Context) error {
	q, err := s.readActivityQuery(c)
	if err != nil {
		return err
	}
	cur, cerr := activity.ParseCursor(queryText(c.QueryParam("cursor"), 300))
	if cerr != nil || cur.Before {
		q.errs.Add("cursor", "api.error.bad_cursor")
	}
	limit := apiLimit(c, q.errs)
	if q.errs.Any() {
		return apiInvalid(q.errs)
	}
	page, err := s.activityLogStore.List(c.Request().Context(), mustViewer(c).Partner.ID, q.filter, cur, limit)
	if err != nil {
		return err
	}
	out := make([]apiEntry, 0, len(page.Entries))
	for _, e := range page.Entries {
		a := apiEntry{ID: e.ID, At: apiTime(e.At), Action: e.Action, UserID: e.ActorID, User: e.ActorName, CustomerID: e.CustomerID,
			CustomerName: e.CustomerName, ResourceType: e.ResourceType, ResourceID: e.ResourceID, Details: e.Details,
			Before: rawOrNull(e.Before), After: rawOrNull(e.After)}
		if name, ok := activity.APIToken(e.Via); ok {
			a.APIToken = &name
		}
		out = append(out, a)
	}
	next := ""
	if page.Next != "" {
		v := q.values()
		v.Set("cursor", page.Next)
		if c.QueryParam("limit") != "" {
			v.Set("limit", c.QueryParam("limit"))
		}
		next = withQuery("/api/v1/activity", v)
	}
	return c.JSON(http.StatusOK, listOf(out, next))
}
