package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/software"
	"portal/internal/support"
	"portal/views/components"
	swviews "portal/views/software"
)

// softwareKeys answers "Get keys and downloads" (SW-2, SW-3, SW-4): it checks
// the choice against the offer's lists (422 otherwise), records the key
// access, issues a fresh link, and shows both on the purchase's page.
func (s *Server) softwareKeys(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	if p.Status != software.Active {
		return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "sw.error.not_active", cause: software.ErrNotActive}
	}
	ctx := c.Request().Context()
	offer, err := s.software.Offer(ctx, p.OfferID)
	if err != nil {
		return err
	}
	f := keyForm{
		Version:  queryText(c.FormValue("version"), 60),
		Language: queryText(c.FormValue("language"), 40),
		FileType: queryText(c.FormValue("file_type"), 60),
		Errors:   components.FieldErrors{},
	}
	for _, field := range software.ChoicesFor(offer, p).Bad(f.Version, f.Language, f.FileType) {
		if c.FormValue(field) == "" {
			f.Errors.Add(field, "field.required")
		} else {
			f.Errors.Add(field, "sw.error.choice")
		}
	}
	if f.Errors.Any() {
		return s.renderSoftware(c, http.StatusUnprocessableEntity, p, f)
	}
	is, err := s.software.Issue(ctx, mustViewer(c).Partner.ID, actorOf(c), p.ID,
		software.Choice{Version: f.Version, Language: f.Language, FileType: f.FileType})
	if err != nil {
		return err
	}
	view := swviews.Issued{
		Key: is.Key, URL: s.absURL("/downloads/" + is.Token),
		FileName: support.StripBidi(software.FileName(p.ProductName, f.Version, f.Language, f.FileType)),
		Version:  f.Version, Language: f.Language, FileType: f.FileType, ExpiresAt: is.Link.ExpiresAt,
	}
	if err := s.stashIssued(c, view, p.ID); err != nil {
		return err
	}
	return s.redirect(c, "/software/"+p.ID+"#issued", "sw.flash.issued")
}
