package orders

import (
	"slices"

	"portal/internal/catalog"
	"portal/internal/perm"
)

// refusal is the *ForbiddenError of an order holding lines the buyer's
// roles may not buy (AUTH-5), or nil. When the roles lack several actions
// it names the one whose roles may buy the whole order (software and
// reservations before online services), so the 403 page sends the buyer
// to someone who can.
func refusal(el catalog.Eligibility, offers map[string]catalog.Offer, lines []RequestLine) error {
	var needed []perm.Action
	var refused []*ForbiddenError
	for _, l := range lines {
		o, ok := offers[l.OfferID]
		if !ok {
			continue // an unknown offer is refused as gone, later
		}
		v := el.Of(o)
		if !slices.Contains(needed, v.Action) {
			needed = append(needed, v.Action)
			if !v.Allowed {
				refused = append(refused, &ForbiddenError{Action: v.Action, OfferName: o.Name})
			}
		}
	}
	if len(refused) == 0 {
		return nil
	}
	for _, fe := range refused {
		if mayDoAll(perm.RolesFor(fe.Action), needed) {
			return fe
		}
	}
	return refused[0]
}

// mayDoAll reports whether each of the roles may do every action.
func mayDoAll(roles []perm.Role, actions []perm.Action) bool {
	for _, r := range roles {
		for _, a := range actions {
			if !(perm.Roles{r}).Can(a) {
				return false
			}
		}
	}
	return true
}
