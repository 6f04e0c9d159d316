package ui

import "context"

// Label returns the catalog's text for the key prefix+name, or name itself
// when the catalogs have none: for names that features add over time, such
// as activity actions, whose labels live in each feature's catalog.
func Label(ctx context.Context, prefix, name string) string {
	key := prefix + name
	if s := T(ctx, key); s != key {
		return s
	}
	return name
}

// ActionLabel names an activity action in the page's language, from the key
// "activity.action.<action>", else the action's raw name (LOG-2).
func ActionLabel(ctx context.Context, action string) string {
	return Label(ctx, "activity.action.", action)
}
