package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/software"
	"portal/internal/support"
	"portal/views/components"
)

// apiKeyChoice is the body of a key request: the keys form's choices.
type apiKeyChoice struct {
	Version  string `json:"version"`
	Language string `json:"language"`
	FileType string `json:"file_type"`
}

// apiSoftwareKeys gets a product key and a download link (SW-2 to SW-4)
// with the page's checks, store operation and activity entry.
func (s *Server) apiSoftwareKeys(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	if p.Status != software.Active {
		return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "sw.error.not_active", cause: software.ErrNotActive}
	}
	var in apiKeyChoice
	if err := readJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	offer, err := s.software.Offer(ctx, p.OfferID)
	if err != nil {
		return err
	}
	errs := components.FieldErrors{}
	sent := map[string]string{"version": in.Version, "language": in.Language, "file_type": in.FileType}
	for _, field := range software.ChoicesFor(offer, p).Bad(in.Version, in.Language, in.FileType) {
		if sent[field] == "" {
			errs.Add(field, "field.required")
		} else {
			errs.Add(field, "sw.error.choice")
		}
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	is, err := s.software.Issue(ctx, mustViewer(c).Partner.ID, actorOf(c), p.ID, software.Choice{Version: in.Version, Language: in.Language, FileType: in.FileType})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]string{"key": is.Key, "download_url": s.absURL("/downloads/" + is.Token),
		"file_name":  support.StripBidi(software.FileName(p.ProductName, in.Version, in.Language, in.FileType)),
		"expires_at": apiTime(is.Link.ExpiresAt)})
}

// apiSoftwareCancelBody confirms a cancellation and names the order.
type apiSoftwareCancelBody struct {
	OrderID string `json:"order_id"`
	Confirm bool   `json:"confirm"`
}

// apiSoftwareCancel cancels a software purchase (SW-5 to SW-7) within the
// rules' window; a purchase the rules refuse is a 403.
func (s *Server) apiSoftwareCancel(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if w := software.CheckCancel(p, s.clock.Now()); !w.Allowed {
		return s.cancelRefused(&software.RefusedError{Reason: w.Refused})
	}
	var in apiSoftwareCancelBody
	if err := readJSON(c, &in); err != nil {
		return err
	}
	orders, err := s.software.CancelOrders(ctx, p)
	if err != nil {
		return err
	}
	errs := components.FieldErrors{}
	switch {
	case in.OrderID == "":
		errs.Add("order_id", "sw.error.order_required")
	case !hasOrderOption(orders, in.OrderID):
		errs.Add("order_id", "sw.error.order_mismatch")
	}
	if !in.Confirm {
		errs.Add("confirm", "sw.error.confirm")
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	_, err = s.software.Cancel(ctx, mustViewer(c).Partner.ID, actorOf(c), p.ID, in.OrderID)
	var refused *software.RefusedError
	switch {
	case errors.As(err, &refused):
		return s.cancelRefused(refused)
	case errors.Is(err, software.ErrOrderMismatch):
		errs.Add("order_id", "sw.error.order_mismatch")
		return apiInvalid(errs)
	case err != nil:
		return err
	}
	p, err = s.purchaseFor(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": p.ID, "status": p.Status, "cancelled_at": apiTimePtr(p.CancelledAt)})
}
