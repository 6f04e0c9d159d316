package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiOrder is an order: its lines and the records they became (CAT-7).
type apiOrder struct {
	ID         string         `json:"id"`
	CustomerID string         `json:"customer_id"`
	PlacedAt   string         `json:"placed_at"`
	PlacedBy   string         `json:"placed_by"`
	Total      apiMoney       `json:"total"`
	Lines      []apiOrderLine `json:"lines"`
}

// apiOrderLine is one line of an order.
type apiOrderLine struct {
	OfferID      string   `json:"offer_id"`
	OfferName    string   `json:"offer_name"`
	Quantity     int      `json:"quantity"`
	Frequency    string   `json:"frequency"`
	UnitPrice    apiMoney `json:"unit_price"`
	Amount       apiMoney `json:"amount"`
	ResourceType string   `json:"resource_type"`
	ResourceID   string   `json:"resource_id"`
}

// apiOrderGet is one order; another partner's is a 404 (AUTH-1).
func (s *Server) apiOrderGet(c echo.Context) error {
	return s.apiOrderAnswer(c, c.Param("id"), http.StatusOK)
}

// apiOrderAnswer answers the order id with status.
func (s *Server) apiOrderAnswer(c echo.Context, id string, status int) error {
	o, lines, err := s.orders.Get(c.Request().Context(), mustViewer(c).Partner.ID, id)
	if err != nil {
		return err
	}
	out := apiOrder{ID: o.ID, CustomerID: o.CustomerID, PlacedAt: apiTime(o.CreatedAt), PlacedBy: o.UserName, Total: moneyOf(o.Total), Lines: []apiOrderLine{}}
	for _, l := range lines {
		out.Lines = append(out.Lines, apiOrderLine{OfferID: l.OfferID, OfferName: l.OfferName, Quantity: l.Quantity, Frequency: l.Frequency,
			UnitPrice: moneyOf(l.UnitPrice), Amount: moneyOf(l.Amount), ResourceType: l.ResourceType, ResourceID: l.ResourceID})
	}
	if status == http.StatusCreated {
		c.Response().Header().Set("Location", "/api/v1/orders/"+o.ID)
	}
	return c.JSON(status, out)
}
