package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	"portal/views/components"
)

// supportPickerMax is how many customers the support form's picker lists;
// a partner with more gets a search field instead (by domain or tenant ID).
const supportPickerMax = 300

// supportCustomerChoices is the support form's customer picker (SUP-1): no
// customer, then the partner's customers by name with their domain, each
// sent as its tenant ID, read in one query; nil when there are too many to
// list. It works without JavaScript; the server checks the value sent.
func (s *Server) supportCustomerChoices(c echo.Context) ([]components.Option, error) {
	page, err := s.customers.List(c.Request().Context(), mustViewer(c).Partner.ID, customers.ListQuery{Limit: supportPickerMax})
	if err != nil || page.HasMore || len(page.Customers) == 0 {
		return nil, err
	}
	opts := []components.Option{{Value: "", Label: localizerOf(c).T("sup.field.no_customer")}}
	for _, cu := range page.Customers {
		opts = append(opts, components.Option{Value: cu.TenantID, Label: cu.Name + " (" + cu.Domain + ")"})
	}
	return opts, nil
}
