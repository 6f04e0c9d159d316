package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/orders"
	cartviews "portal/views/cart"
	"portal/views/components"
)

// cartPage is the cart review (CAT-6): each line with its price per period,
// what the purchase charges today, the totals and the tax wording.
func (s *Server) cartPage(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	p, err := s.cartView(c, cust, nil)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, cartviews.Cart(p))
}

// cartProblem is a cart page shown again with a problem: a change of count
// sent back, or a purchase refused for one line.
type cartProblem struct {
	itemID      string
	quantity    string
	errs        components.FieldErrors
	lineReason  string
	lineArgs    []any
	problem     string
	problemArgs []any
}

// cartView loads the cart and prices it; each line is also checked against
// the offer's availability now and the user's roles, so the review shows
// what a purchase would refuse.
func (s *Server) cartView(c echo.Context, cust customers.Customer, pr *cartProblem) (cartviews.Page, error) {
	ctx := c.Request().Context()
	v := mustViewer(c)
	lines, err := s.carts.Lines(ctx, v.Partner.ID, cust.ID)
	if err != nil {
		return cartviews.Page{}, err
	}
	offers := make([]catalog.Offer, 0, len(lines))
	for _, l := range lines {
		offers = append(offers, l.Offer)
	}
	el, err := s.catalog.Eligibility(ctx, catalog.Shopper{PartnerID: v.Partner.ID, CustomerID: cust.ID, Roles: v.Roles, Customer: &cust}, offers)
	if err != nil {
		return cartviews.Page{}, err
	}
	now := s.clock.Now()
	p := cartviews.Page{CustomerID: cust.ID, CustomerName: cust.Name, TaxIncluded: catalog.PricesIncludeTax(cust.Country),
		CheckoutKey: cart.CheckoutKey(v.Partner.ID, cust.ID, lines)}
	for _, l := range lines {
		o := l.Offer
		row := cartviews.Line{ItemID: l.ID, Name: o.Name, PublisherName: o.PublisherName, Frequency: l.Frequency,
			Upfront: o.Upfront(), Perpetual: o.Upfront() && o.TermMonths == 0, TermMonths: o.TermMonths,
			UnitPrice: o.PriceFor(l.Frequency), Quantity: l.Quantity, Min: o.MinQuantity, Max: o.MaxQuantity,
			FixedCount: o.MicrosoftTrial(), Usage: o.BillingType == catalog.BillingUsage,
			QuantityInput: strconv.Itoa(l.Quantity), Errors: components.FieldErrors{}}
		if o.PartnerSaaS() {
			row.TrialDays = o.TrialDays
		}
		row.PeriodTotal = row.UnitPrice * moneyCount(l.Quantity)
		row.DueToday = orders.Charge(o, l.Frequency, l.Quantity, now)
		p.DueToday += row.DueToday
		switch {
		case o.Upfront() || o.MicrosoftTrial():
		case l.Frequency == catalog.Annual:
			p.AnnualTotal += row.PeriodTotal
		default:
			p.MonthlyTotal += row.PeriodTotal
		}
		verdict := el.Of(o)
		if verdict.Hidden {
			row.Problem = orders.ReasonGone
		} else if !verdict.Addable {
			row.Problem, row.ProblemArgs = verdict.Reason, verdict.ReasonArgs
		}
		if !verdict.Allowed {
			row.RoleBlocked, p.RoleBlocked = true, true
		}
		if pr != nil && pr.itemID == l.ID {
			if pr.errs != nil {
				row.QuantityInput, row.Errors = pr.quantity, pr.errs
			}
			if pr.lineReason != "" {
				row.Problem, row.ProblemArgs = pr.lineReason, pr.lineArgs
			}
		}
		p.Lines = append(p.Lines, row)
	}
	if pr != nil {
		p.Problem, p.ProblemArgs = pr.problem, pr.problemArgs
	}
	return p, nil
}

// cartAgain shows the cart again with a problem and status.
func (s *Server) cartAgain(c echo.Context, cust customers.Customer, status int, pr *cartProblem) error {
	p, err := s.cartView(c, cust, pr)
	if err != nil {
		return err
	}
	return s.render(c, status, cartviews.Cart(p))
}
