package demo

import (
	"testing"

	"portal/internal/catalog"
)

// I18N-2: every description of the demo catalog exists in French; names
// stay as their publishers write them.
func TestCatalogDescriptionsInFrench_I18N2(t *testing.T) {
	for _, o := range demoOffers() {
		if o.Description == "" {
			continue
		}
		fr := catalog.DescriptionIn("fr", o.Description)
		if fr == o.Description {
			t.Errorf("%s: no French description for %q", o.Name, o.Description)
		}
		if catalog.DescriptionIn("en", o.Description) != o.Description {
			t.Errorf("%s: the English description changed", o.Name)
		}
	}
}
