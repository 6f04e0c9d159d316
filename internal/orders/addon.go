package orders

import (
	"gorm.io/gorm"

	"portal/internal/catalog"
	"portal/internal/subscriptions"
)

// baseInOrder is the subscription an add-on attaches to when its base offer
// is bought in the same order (a line placed before it): that one, not
// another the customer already has (SUB-3); "" when none.
func baseInOrder(placed []Line, o catalog.Offer) string {
	if !o.AddOn() {
		return ""
	}
	for _, l := range placed {
		if l.OfferID == o.BaseOfferID && l.ResourceType == ResourceSubscription {
			return l.ResourceID
		}
	}
	return ""
}

// addOnFrequency is the billing frequency an add-on line is bought with
// (SUB-3): its base's, whether the base is bought in the same order (a line
// placed before it) or is the customer's subscription parentID; asked
// otherwise when neither is known.
func addOnFrequency(tx *gorm.DB, placed []Line, o catalog.Offer, parentID, asked string) (string, error) {
	for _, l := range placed {
		if l.OfferID == o.BaseOfferID && l.ResourceID == parentID && l.Frequency != "" {
			return l.Frequency, nil
		}
	}
	if parentID == "" {
		return asked, nil
	}
	var freq []string
	if err := tx.Model(&subscriptions.Subscription{}).Where("id = ?", parentID).Limit(1).Pluck("frequency", &freq).Error; err != nil {
		return "", err
	}
	if len(freq) == 0 || freq[0] == "" {
		return asked, nil
	}
	return freq[0], nil
}
