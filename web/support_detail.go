package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/support"
	"portal/views/components"
	supviews "portal/views/support"
)

// supportDetail is a request's page with its thread of notes and its
// attachments (SUP-2).
func (s *Server) supportDetail(c echo.Context) error {
	m, err := s.supportModel(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, supviews.DetailPage(m))
}

// supportModel loads a request, its notes and its files: three queries.
func (s *Server) supportModel(c echo.Context) (supviews.Detail, error) {
	ctx := c.Request().Context()
	r, err := s.support.Get(ctx, mustViewer(c).Partner.ID, c.Param("id"))
	if err != nil {
		return supviews.Detail{}, err
	}
	notes, files, err := s.support.Thread(ctx, r.ID)
	if err != nil {
		return supviews.Detail{}, err
	}
	m := supviews.Detail{
		ID: r.ID, Number: r.Number, Title: r.Title, Description: r.Description, ProblemType: r.ProblemType,
		IssueType: r.IssueType, Category: r.Category, Severity: r.Severity, Status: r.Status, CustomerRef: r.CustomerRef,
		CustomerID: r.CustomerID, CustomerName: r.CustomerName, OrderOrSubscriptionID: r.OrderOrSubscriptionID,
		Reason: r.Reason, AmountRequested: r.AmountRequested, ContactName: r.ContactName, ContactEmail: r.ContactEmail,
		ContactPhone: r.ContactPhone, ReservationID: r.ReservationID, ReservationOrderID: r.ReservationOrderID,
		CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Statuses: support.Statuses(), FormStatus: r.Status,
		NoteErrs: components.FieldErrors{}, StatusErrs: components.FieldErrors{},
	}
	for _, n := range notes {
		m.Notes = append(m.Notes, supviews.Note{Author: n.Author, Body: n.Body, At: n.CreatedAt})
	}
	for _, f := range files {
		m.Files = append(m.Files, supviews.File{ID: f.ID, Name: support.CleanFileName(f.FileName), ContentType: f.ContentType, Size: f.Size})
	}
	return m, nil
}

// supportNote adds a note to a request's thread (SUP-2).
func (s *Server) supportNote(c echo.Context) error {
	m, err := s.supportModel(c)
	if err != nil {
		return err
	}
	body := strings.TrimSpace(c.FormValue("body"))
	errs := components.FieldErrors{}
	checkText(errs, "body", body, 4000, true)
	if errs.Any() {
		m.NoteBody, m.NoteErrs = body, errs
		return s.render(c, http.StatusUnprocessableEntity, supviews.DetailPage(m))
	}
	if _, err := s.support.AddNote(c.Request().Context(), mustViewer(c).Partner.ID, actorOf(c), m.ID, body); err != nil {
		return err
	}
	return s.redirect(c, "/support/"+m.ID+"#notes", "sup.flash.note_added")
}

// supportStatus changes a request's status (SUP-2).
func (s *Server) supportStatus(c echo.Context) error {
	m, err := s.supportModel(c)
	if err != nil {
		return err
	}
	status := c.FormValue("status")
	if !support.Valid(support.Statuses(), status) {
		m.StatusErrs = components.FieldErrors{}
		m.StatusErrs.Add("status", "sup.detail.bad_status")
		return s.render(c, http.StatusUnprocessableEntity, supviews.DetailPage(m))
	}
	if err := s.support.SetStatus(c.Request().Context(), mustViewer(c).Partner.ID, actorOf(c), m.ID, status); err != nil {
		return err
	}
	return s.redirect(c, "/support/"+m.ID, "sup.flash.status_changed")
}

// supportAttachment downloads one file of a request, as an attachment with
// its checked content type.
func (s *Server) supportAttachment(c echo.Context) error {
	a, err := s.support.Attachment(c.Request().Context(), mustViewer(c).Partner.ID, actorOf(c), c.Param("id"), c.Param("attID"))
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": support.CleanFileName(a.FileName)}))
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}
