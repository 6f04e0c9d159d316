package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/software"
	"portal/views/components"
	swviews "portal/views/software"
)

// linksShown is how many of a purchase's latest download links its page lists.
const linksShown = 10

// issuedSession is the session key holding the key and link just issued, so
// the page after the redirect can show them once (the token is never stored
// in the database).
const issuedSession = "sw_issued"

// purchaseFor loads the purchase named by :id, scoped to the signed-in
// user's partner: another partner's is a 404 (AUTH-1).
func (s *Server) purchaseFor(c echo.Context) (software.Purchase, error) {
	return s.software.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// keyForm is what the keys form sent, with its problems.
type keyForm struct {
	Version, Language, FileType string
	Errors                      components.FieldErrors
}

// softwareDetail shows a purchase's page (SW-2 to SW-7).
func (s *Server) softwareDetail(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	return s.renderSoftware(c, http.StatusOK, p, keyForm{})
}

// renderSoftware draws a purchase's page; the keys panel only for users who
// may get keys (SW-2), with the key and link just issued, if any.
func (s *Server) renderSoftware(c echo.Context, status int, p software.Purchase, f keyForm) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customers.Get(ctx, v.Partner.ID, p.CustomerID)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	d := swviews.Detail{
		ID: p.ID, CustomerID: cust.ID, CustomerName: cust.Name, Product: p.ProductName, Kind: p.Kind,
		Status: p.Status, OrderID: p.OrderID, Quantity: p.Quantity, Price: p.Price,
		PurchasedAt: p.PurchasedAt, TermEnd: p.TermEnd, CancelledAt: p.CancelledAt,
		Window: windowOf(p, now),
	}
	if v.Roles.Can(perm.SoftwareKeys) {
		offer, err := s.software.Offer(ctx, p.OfferID)
		if err != nil {
			return err
		}
		ch := software.ChoicesFor(offer, p)
		k := &swviews.Keys{
			Versions: ch.Versions, Languages: ch.Languages, FileTypes: ch.FileTypes,
			Version: f.Version, Language: f.Language, FileType: f.FileType,
			Errors: f.Errors, Max: software.MaxDownloads,
		}
		if k.Errors == nil {
			k.Errors = components.FieldErrors{}
		}
		if p.Status == software.Active {
			k.Issued = s.takeIssued(c, p.ID)
			if k.Issued != nil {
				// The form keeps the choice the key and link were issued for.
				k.Version, k.Language, k.FileType = k.Issued.Version, k.Issued.Language, k.Issued.FileType
			}
		}
		links, err := s.software.Links(ctx, p.ID, linksShown)
		if err != nil {
			return err
		}
		for _, l := range links {
			k.Links = append(k.Links, swviews.Link{
				IssuedAt: l.IssuedAt, ExpiresAt: l.ExpiresAt, Version: l.Version, Language: l.Language,
				FileType: l.FileType, Downloads: l.Downloads, State: software.LinkState(l, now),
			})
		}
		d.Keys = k
	}
	if d.History, err = s.resourceHistory(c, p.ID); err != nil {
		return err
	}
	return s.render(c, status, swviews.Page(d))
}

// windowOf is the cancellation window as the pages show it.
func windowOf(p software.Purchase, now time.Time) swviews.Window {
	w := software.CheckCancel(p, now)
	return swviews.Window{
		Allowed: w.Allowed, Refused: w.Refused, Day: w.Day, DaysLeft: w.DaysLeft, LastDay: w.LastDay,
		Credit: software.CancellationCredit(p, now),
	}
}

// stashIssued keeps what was just issued in the session for the next page.
func (s *Server) stashIssued(c echo.Context, is swviews.Issued, purchaseID string) error {
	b, err := json.Marshal(struct {
		PurchaseID string
		swviews.Issued
	}{purchaseID, is})
	if err != nil {
		return err
	}
	sess := s.session(c)
	sess.raw.Values[issuedSession] = string(b)
	return s.saveSession(c, sess)
}

// takeIssued returns, once, what was just issued for the purchase.
func (s *Server) takeIssued(c echo.Context, purchaseID string) *swviews.Issued {
	sess := s.session(c)
	raw, ok := sess.raw.Values[issuedSession].(string)
	if !ok {
		return nil
	}
	var v struct {
		PurchaseID string
		swviews.Issued
	}
	if json.Unmarshal([]byte(raw), &v) != nil || v.PurchaseID != purchaseID {
		return nil
	}
	delete(sess.raw.Values, issuedSession)
	if err := s.saveSession(c, sess); err != nil {
		return nil
	}
	return &v.Issued
}
