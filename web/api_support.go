package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/support"
	"portal/views/components"
	supviews "portal/views/support"
)

// apiSupportRequest is a support request (SUP-1).
type apiSupportRequest struct {
	ID           string   `json:"id"`
	Number       string   `json:"number"`
	ProblemType  string   `json:"problem_type"`
	Severity     string   `json:"severity"`
	Title        string   `json:"title"`
	Description  string   `json:"description,omitempty"`
	CustomerID   string   `json:"customer_id"`
	CustomerName string   `json:"customer_name"`
	Status       string   `json:"status"`
	Amount       apiMoney `json:"amount_requested"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
}

func supportRequestOf(r support.Request) apiSupportRequest {
	return apiSupportRequest{ID: r.ID, Number: r.Number, ProblemType: r.ProblemType, Severity: r.Severity, Title: r.Title, Description: r.Description,
		CustomerID: r.CustomerID, CustomerName: r.CustomerName, Status: r.Status, Amount: moneyOf(r.AmountRequested),
		CreatedAt: apiTime(r.CreatedAt), UpdatedAt: apiTime(r.UpdatedAt)}
}

// apiSupportList lists the partner's support requests, newest first, by
// status and severity (SUP-2).
func (s *Server) apiSupportList(c echo.Context) error {
	errs := components.FieldErrors{}
	f := support.Filter{Status: c.QueryParam("status"), Severity: c.QueryParam("severity")}
	if f.Status != "" && !support.Valid(support.Statuses(), f.Status) {
		errs.Add("status", "api.error.bad_choice")
	}
	if f.Severity != "" && !support.Valid(support.Severities(), f.Severity) {
		errs.Add("severity", "api.error.bad_choice")
	}
	var after support.Cursor
	if raw := c.QueryParam("cursor"); raw != "" {
		if after = support.ParseCursor(raw); after.IsZero() {
			errs.Add("cursor", "api.error.bad_cursor")
		}
	}
	limit := apiLimit(c, errs)
	if errs.Any() {
		return apiInvalid(errs)
	}
	page, err := s.support.List(c.Request().Context(), mustViewer(c).Partner.ID, f, after, support.Cursor{}, limit)
	if err != nil {
		return err
	}
	out := make([]apiSupportRequest, 0, len(page.Requests))
	for _, r := range page.Requests {
		out = append(out, supportRequestOf(r))
	}
	next := ""
	if !page.Next.IsZero() {
		next = withQuery("/api/v1/support-requests", url.Values{"status": {f.Status}, "severity": {f.Severity}, "limit": {c.QueryParam("limit")}, "cursor": {page.Next.String()}})
	}
	return c.JSON(http.StatusOK, listOf(out, next))
}

// apiNewSupportRequest is a new request's body: the page's form fields.
type apiNewSupportRequest struct {
	ProblemType   string `json:"problem_type"`
	Severity      string `json:"severity"`
	Title         string `json:"title"`
	Description   string `json:"description"`
	Customer      string `json:"customer"`
	Order         string `json:"order"`
	Reason        string `json:"reason"`
	Amount        string `json:"amount"`
	ContactName   string `json:"contact_name"`
	ContactEmail  string `json:"contact_email"`
	ContactPhone  string `json:"contact_phone"`
	ReservationID string `json:"reservation_id"`
}

// apiSupportCreate opens a support request with the page's checks and
// store operation (SUP-1); attachments are sent through the page.
func (s *Server) apiSupportCreate(c echo.Context) error {
	var in apiNewSupportRequest
	if err := readJSON(c, &in); err != nil {
		return err
	}
	t := strings.TrimSpace
	vals := supviews.Values{ProblemType: t(in.ProblemType), Severity: t(in.Severity), Title: t(in.Title), Description: t(in.Description),
		Customer: t(in.Customer), Order: t(in.Order), Reason: t(in.Reason), Amount: t(in.Amount), ContactName: t(in.ContactName),
		ContactEmail: t(in.ContactEmail), ContactPhone: t(in.ContactPhone), ReservationID: t(in.ReservationID)}
	ctx, partnerID := c.Request().Context(), mustViewer(c).Partner.ID
	errs := components.FieldErrors{}
	n, _, err := s.checkSupportRequest(ctx, partnerID, vals, errs)
	if err != nil {
		return err
	}
	if errs.Any() {
		return apiInvalid(renameFields(errs, map[string]string{"problem": "problem_type", "reservation": "reservation_id"}))
	}
	r, err := s.support.Create(ctx, partnerID, actorOf(c), n, nil)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/support-requests/"+r.ID)
	return c.JSON(http.StatusCreated, supportRequestOf(r))
}

// apiSupportNote is a note's body.
type apiSupportNote struct {
	Body string `json:"body"`
}

// apiSupportNoteAdd adds a note to a request (SUP-2).
func (s *Server) apiSupportNoteAdd(c echo.Context) error {
	ctx, partnerID := c.Request().Context(), mustViewer(c).Partner.ID
	r, err := s.support.Get(ctx, partnerID, c.Param("id"))
	if err != nil {
		return err
	}
	var in apiSupportNote
	if err := readJSON(c, &in); err != nil {
		return err
	}
	body := strings.TrimSpace(in.Body)
	errs := components.FieldErrors{}
	checkText(errs, "body", body, 4000, true)
	if errs.Any() {
		return apiInvalid(errs)
	}
	n, err := s.support.AddNote(ctx, partnerID, actorOf(c), r.ID, body)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"id": n.ID, "author": n.Author, "body": n.Body, "created_at": apiTime(n.CreatedAt)})
}
