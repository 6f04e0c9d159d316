package e2e

import (
	"testing"

	"portal/internal/demo"
	"portal/internal/testkit"
)

func TestLook(t *testing.T) {
	app := testkit.New(t)
	b := app.NewBrowser(testkit.BrowserOptions{})
	b.Login("globaladmin@contoso.example")
	b.Open("/customers/" + demo.ID("customer:adatum.com") + "/catalog")
	b.Screenshot("look-catalog")
	b.Open("/customers/" + demo.ID("customer:fourthcoffee.com") + "/catalog?q=defender")
	b.Screenshot("look-catalog2")
	b.Open("/customers/" + demo.ID("customer:librevilletelecom.ga") + "/catalog?tab=reservation")
	b.Screenshot("look-catalog3")
}
