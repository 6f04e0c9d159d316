package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/views/components"
)

// apiCart is a customer's cart: its lines and the checkout key of this
// state of it (CAT-7), which a checkout may send to buy exactly this.
type apiCart struct {
	CustomerID  string        `json:"customer_id"`
	Items       []apiCartItem `json:"data"`
	CheckoutKey string        `json:"checkout_key"`
	Next        *string       `json:"next"`
}

// apiCartItem is one line of a cart.
type apiCartItem struct {
	ID        string   `json:"id"`
	OfferID   string   `json:"offer_id"`
	OfferName string   `json:"offer_name"`
	Quantity  int      `json:"quantity"`
	Frequency string   `json:"frequency"`
	UnitPrice apiMoney `json:"unit_price"`
}

// apiNewCartItem is the body of an added line: the page's form fields.
type apiNewCartItem struct {
	OfferID   string `json:"offer_id"`
	Quantity  *int   `json:"quantity"`
	Frequency string `json:"frequency"`
}

// apiCartOf answers the customer's cart as it is now.
func (s *Server) apiCartOf(c echo.Context, cust customers.Customer, status int) error {
	lines, err := s.carts.Lines(c.Request().Context(), cust.PartnerID, cust.ID)
	if err != nil {
		return err
	}
	out := apiCart{CustomerID: cust.ID, Items: []apiCartItem{}, CheckoutKey: cart.CheckoutKey(cust.PartnerID, cust.ID, lines)}
	for _, l := range lines {
		out.Items = append(out.Items, apiCartItem{ID: l.ID, OfferID: l.OfferID, OfferName: l.Offer.Name, Quantity: l.Quantity,
			Frequency: l.Frequency, UnitPrice: moneyOf(l.Offer.PriceFor(l.Frequency))})
	}
	return c.JSON(status, out)
}

// apiCartItems lists the customer's cart (CAT-6).
func (s *Server) apiCartItems(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.apiCartOf(c, cust, http.StatusOK)
}

// apiCartAdd adds an offer to the cart (CAT-5) with the page's checks: the
// offer's availability from catalog.Store.Eligibility (CAT-3) and its count
// and frequency from catalog.CheckLine; the same store operation and
// activity entry as the page.
func (s *Server) apiCartAdd(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	var in apiNewCartItem
	if err := readJSON(c, &in); err != nil {
		return err
	}
	errs := components.FieldErrors{}
	if strings.TrimSpace(in.OfferID) == "" {
		errs.Add("offer_id", "field.required")
		return apiInvalid(errs)
	}
	o, err := s.catalog.Get(ctx, v.Partner.ID, strings.TrimSpace(in.OfferID))
	if err != nil {
		errs.Add("offer_id", "api.error.unknown_offer")
		return apiInvalid(errs)
	}
	el, err := s.catalog.Eligibility(ctx, catalog.Shopper{PartnerID: v.Partner.ID, CustomerID: cust.ID, Roles: v.Roles, Customer: &cust}, []catalog.Offer{o})
	if err != nil {
		return err
	}
	verdict := el.Of(o)
	switch {
	case !verdict.Allowed:
		return forbidden(verdict.Action)
	case verdict.Hidden:
		errs.Add("offer_id", "api.error.unknown_offer")
		return apiInvalid(errs)
	case !verdict.Addable:
		errs.Add("offer_id", verdict.Reason, verdict.ReasonArgs...)
		return apiInvalid(errs)
	}
	quantity := ""
	if in.Quantity != nil {
		quantity = strconv.Itoa(*in.Quantity)
	}
	qty, freq := validateLine(errs, o, quantity, in.Frequency)
	if errs.Any() {
		return apiInvalid(errs)
	}
	if _, err := s.carts.Add(ctx, actorOf(c), cart.Target{PartnerID: v.Partner.ID, CustomerID: cust.ID, CustomerName: cust.Name}, o, qty, freq); err != nil {
		return err
	}
	return s.apiCartOf(c, cust, http.StatusCreated)
}
