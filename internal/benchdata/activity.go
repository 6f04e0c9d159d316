package benchdata

import (
	"encoding/json"
	"strings"
	"time"

	"portal/internal/activity"
)

// actions are the activity log's actions, weighted by how often a real
// reseller's staff and the lifecycle engine make them.
var actions = []weighted{
	{"auth.signed_in", 200}, {"subscription.quantity_changed", 150}, {"order.placed", 100},
	{"order.item_provisioned", 100}, {"subscription.renewed", 120}, {"subscription.auto_renew_changed", 60},
	{"subscription.suspended", 30}, {"subscription.reactivated", 25}, {"subscription.cancelled", 25},
	{"subscription.cancellation_scheduled", 20}, {"customer.created", 30}, {"lifecycle.invoice_issued", 60},
	{"support.request_created", 20}, {"support.note_added", 30}, {"software.key_accessed", 10},
	{"auth.sign_in_failed", 10}, {"subscription.trial_converted", 10},
}

// activity writes the log over two years in time order, spread across the
// users, the customers and the actions.
func (gn *gen) activity() error {
	n := gn.o.Activity
	r := gn.r
	step := float64(gn.now.Sub(gn.from)) / float64(max(n, 1))
	for i := range n {
		at := gn.from.Add(time.Duration(float64(i)*step + r.Float64()*step))
		action := pick(r, actions)
		if action == "" {
			action = "subscription.quantity_changed"
		}
		var actorID, actorName = "", activity.System.Name
		if !strings.HasPrefix(action, "lifecycle.") && action != "subscription.renewed" {
			u := gn.users[r.IntN(len(gn.users))]
			actorID, actorName = u.ID, u.Name
		}
		var c custRef
		if action != "auth.signed_in" && action != "auth.sign_in_failed" && len(gn.custNames) > 0 {
			c = gn.custNames[r.IntN(len(gn.custNames))]
		}
		resType, resID, details, before, after := "", "", "", "", ""
		if strings.HasPrefix(action, "subscription.") && c.id != "" {
			if subs := gn.subsOf[c.id]; len(subs) > 0 {
				s := subs[r.IntN(len(subs))]
				resType, resID, details = "subscription", s.id, s.name
			}
			if action == "subscription.quantity_changed" {
				q := 1 + r.IntN(40)
				before, after = jsonOf(map[string]int{"quantity": q}), jsonOf(map[string]int{"quantity": q + 1 + r.IntN(10)})
			}
		}
		if err := gn.l.add(gn.tAct, gn.id('9'), gn.partner, at, actorID, actorName, c.id, c.name, resType, resID,
			action, details, before, after); err != nil {
			return err
		}
		gn.rep.Activity++
		if n >= 10 && (i+1)%(n/10) == 0 {
			gn.progress("activity %d/%d", i+1, n)
		}
	}
	return gn.l.flush()
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
