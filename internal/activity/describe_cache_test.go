package activity_test

import (
	"reflect"
	"testing"

	"portal/internal/activity"
)

// UX-3, PERF-2: the kept descriptions are Describe's; an entry is told once
// for its later views (an entry never changes, so its ID names its
// description), at most size entries are kept, and an entry without an ID
// is told anew every time.
func TestDescriptionsKeepWhatDescribeSays_UX3_PERF2(t *testing.T) {
	d, err := activity.NewDescriptions(2)
	if err != nil {
		t.Fatal(err)
	}
	entry := func(id string, quantity string) activity.Entry {
		return activity.Entry{ID: id, Action: "subscription.quantity_changed", ResourceType: "subscription",
			Before: `{"quantity":4}`, After: `{"quantity":` + quantity + `}`}
	}
	a := entry("a", "7")
	if got, want := d.Describe(a), activity.Describe(a); !reflect.DeepEqual(got, want) {
		t.Fatalf("kept %+v, Describe says %+v", got, want)
	}
	if len(activity.Describe(a).Changes) == 0 {
		t.Fatal("the test entry tells no change")
	}
	// The same ID is the same entry: its description is the one kept.
	if got, want := d.Describe(entry("a", "9")), activity.Describe(a); !reflect.DeepEqual(got, want) {
		t.Fatalf("entry a told again: %+v, want the kept %+v", got, want)
	}
	// Two more entries push a out: told anew.
	d.Describe(entry("b", "1"))
	d.Describe(entry("c", "2"))
	if got, want := d.Describe(entry("a", "9")), activity.Describe(entry("a", "9")); !reflect.DeepEqual(got, want) {
		t.Fatalf("entry a after eviction: %+v, want %+v", got, want)
	}
	// No ID: never kept.
	if got, want := d.Describe(entry("", "5")), activity.Describe(entry("", "5")); !reflect.DeepEqual(got, want) {
		t.Fatalf("entry without ID: %+v", got)
	}
	if got, want := d.Describe(entry("", "6")), activity.Describe(entry("", "6")); !reflect.DeepEqual(got, want) {
		t.Fatalf("entry without ID told from the first: %+v", got)
	}
	if _, err := activity.NewDescriptions(0); err == nil {
		t.Fatal("a cache of no entry was made")
	}
}
