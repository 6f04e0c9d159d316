// Package activity is the append-only activity log (LOG-1). Every feature
// records its state changes here, inside its own transaction, so an entry
// exists exactly when the change does. Entries are never edited or deleted.
package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
)

// Entry is one line of the activity log.
//
// The log is append-only (LOG-1): this package offers Record to add an entry
// and Log to read them, and deliberately nothing that updates or deletes one.
//
// The five indexes serve the activity page (LOG-2, PERF-1) and the objects'
// histories (UX-3): each starts with the partner, then the one filter it
// serves (none, action, user, customer, resource),
// then (at, id), the page's order and keyset, so every filter reads its index
// in order and stops after one page.
type Entry struct {
	ID           string    `gorm:"primaryKey;size:36;index:idx_activity_at_id,priority:3;index:idx_activity_action_at_id,priority:4;index:idx_activity_actor_at_id,priority:4;index:idx_activity_customer_at_id,priority:4;index:idx_activity_resource_at_id,priority:4"`
	PartnerID    string    `gorm:"size:36;not null;index:idx_activity_at_id,priority:1;index:idx_activity_action_at_id,priority:1;index:idx_activity_actor_at_id,priority:1;index:idx_activity_customer_at_id,priority:1;index:idx_activity_resource_at_id,priority:1"`
	At           time.Time `gorm:"not null;index:idx_activity_at_id,priority:2;index:idx_activity_action_at_id,priority:3;index:idx_activity_actor_at_id,priority:3;index:idx_activity_customer_at_id,priority:3;index:idx_activity_resource_at_id,priority:3"`
	ActorID      string    `gorm:"size:36;not null;default:'';index:idx_activity_actor_at_id,priority:2"`
	ActorName    string    `gorm:"size:254;not null"`
	CustomerID   string    `gorm:"size:36;not null;default:'';index:idx_activity_customer_at_id,priority:2"`
	CustomerName string    `gorm:"size:200;not null;default:''"`
	ResourceType string    `gorm:"size:40;not null;default:''"`
	ResourceID   string    `gorm:"size:64;not null;default:'';index:idx_activity_resource_at_id,priority:2"`
	Action       string    `gorm:"size:60;not null;index:idx_activity_action_at_id,priority:2"`
	Details      string    `gorm:"size:2000;not null;default:''"`
	Before       string    `gorm:"size:4000;not null;default:''"`
	After        string    `gorm:"size:4000;not null;default:''"`
	// Via says how a user made the change when not in a page: "API token
	// “name”" for a call to the JSON API (API-5); empty for the pages.
	Via string `gorm:"size:160;not null;default:''"`
}

// TableName keeps the table name short and stable.
func (Entry) TableName() string { return "activity_entries" }

// Actor is who made a change: a user, the system (lifecycle engine), or an
// anonymous download link.
type Actor struct {
	UserID string
	Name   string
	// Via is how the user acted when not through a page (API-5).
	Via string
}

// ViaAPI is Actor.Via of a change made through the JSON API with the named
// token (API-5).
func ViaAPI(tokenName string) string { return viaAPIPrefix + tokenName }

// APIToken returns the token's name of a Via written by ViaAPI.
func APIToken(via string) (name string, ok bool) { return strings.CutPrefix(via, viaAPIPrefix) }

const viaAPIPrefix = "api:"

// System is the actor of time-driven changes (LIFE-1).
var System = Actor{Name: "system"}

// Anonymous is the actor of downloads made through a link (SW-4).
var Anonymous = Actor{Name: "anonymous link"}

// Change describes one state change to record.
type Change struct {
	PartnerID    string
	Actor        Actor
	CustomerID   string
	CustomerName string
	ResourceType string
	ResourceID   string
	Action       string
	Details      string
	Before       any // marshalled to JSON when not nil
	After        any
}

// Recorder writes entries; it joins the caller's transaction when ctx has one.
type Recorder struct {
	DB *gorm.DB
}

// Record appends one entry at time at.
func (r Recorder) Record(ctx context.Context, at time.Time, c Change) error {
	e := Entry{
		ID:           keyset.NewID(),
		PartnerID:    c.PartnerID,
		At:           at.UTC(),
		ActorID:      c.Actor.UserID,
		ActorName:    c.Actor.Name,
		CustomerID:   c.CustomerID,
		CustomerName: c.CustomerName,
		ResourceType: c.ResourceType,
		ResourceID:   c.ResourceID,
		Action:       c.Action,
		Details:      truncate(c.Details, 2000),
		Before:       toJSON(c.Before),
		After:        toJSON(c.After),
		Via:          truncate(c.Actor.Via, 160),
	}
	err := db.Conn(ctx, r.DB).Exec(recordSQL, e.ID, e.PartnerID, e.At, e.ActorID, e.ActorName, e.CustomerID,
		e.CustomerName, e.ResourceType, e.ResourceID, e.Action, e.Details, e.Before, e.After, e.Via).Error
	if err != nil {
		return fmt.Errorf("activity: record %s: %w", c.Action, err)
	}
	return nil
}

// recordSQL writes an entry. Every change records one or more, inside its
// transaction, so it is written as SQL: GORM's Create walked the entry's
// fields by reflection for each, a sixth of an entry's time in the
// writer's turn under the checkout load.
const recordSQL = `INSERT INTO activity_entries (id, partner_id, at, actor_id, actor_name, customer_id, customer_name,
resource_type, resource_id, action, details, "before", "after", via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return truncate(string(b), 4000)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	for len(string(r)) > n {
		r = r[:len(r)-1]
	}
	return string(r)
}
