package orders

import (
	"context"
	"strings"
	"time"

	"portal/internal/activity"
)

// RecordPlaced writes the activity entries of a placed order (CAT-7,
// LOG-1): one per line, naming the record it became, then the order's.
func RecordPlaced(ctx context.Context, rec activity.Recorder, at time.Time, actor activity.Actor, customerName string, order Order, lines []Line) error {
	names := make([]string, 0, len(lines))
	for _, l := range lines {
		names = append(names, l.OfferName)
		if err := rec.Record(ctx, at, activity.Change{
			PartnerID: order.PartnerID, Actor: actor, CustomerID: order.CustomerID, CustomerName: customerName,
			ResourceType: l.ResourceType, ResourceID: l.ResourceID, Action: "order.item_provisioned",
			Details: l.OfferName,
			After:   map[string]any{"order_id": order.ID, "offer": l.OfferName, "quantity": l.Quantity, "frequency": l.Frequency, "amount": l.Amount},
		}); err != nil {
			return err
		}
	}
	return rec.Record(ctx, at, activity.Change{
		PartnerID: order.PartnerID, Actor: actor, CustomerID: order.CustomerID, CustomerName: customerName,
		ResourceType: "order", ResourceID: order.ID, Action: "order.placed",
		Details: strings.Join(names, ", "),
		After:   map[string]any{"order_id": order.ID, "lines": len(lines), "total": order.Total},
	})
}
