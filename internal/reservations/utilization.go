package reservations

import (
	"encoding/binary"
	"hash/fnv"
	"time"
)

// The portal has no Azure usage feed, so a reservation's utilization is a
// series computed from its ID and the dates, the same on every node and at
// every request:
//
//   - the matching resources start running StartLag(id) days after the
//     purchase (0 to 7): before that day the reservation is unused (0%);
//   - from then on each day's utilization is between 55% and 99%, drawn
//     from a hash of the ID and the date;
//   - nothing is used after the reservation ends (cancelled, exchanged,
//     expired).
//
// "Used" in RES-2 means that some day up to now has a utilization above 0.

// maxStartLag bounds StartLag: some reservations are still unused a few
// days after purchase, so both rows of the 5-day rule occur.
const maxStartLag = 8

func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		_, _ = h.Write([]byte(p))
		_, _ = h.Write([]byte{0})
	}
	return h.Sum64()
}

// StartLag is the number of whole days after its purchase before a
// reservation's first use.
func StartLag(id string) int { return int(hash64(id, "lag") % maxStartLag) }

// Day is one day of a utilization series.
type Day struct {
	Date time.Time // midnight UTC
	// Percent is the day's utilization, 0 to 100.
	Percent int
	// Active is false for a day outside the reservation's life (before its
	// purchase or after its end): it has no value.
	Active bool
}

func midnight(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// endOf returns when the reservation stopped applying: its cancellation,
// or its expiry.
func (r Reservation) endOf() time.Time {
	if r.CancelledAt != nil && r.CancelledAt.Before(r.ExpiresAt) {
		return *r.CancelledAt
	}
	return r.ExpiresAt
}

// UtilizationOn returns the utilization of calendar day date (UTC).
func UtilizationOn(r Reservation, date time.Time) Day {
	date = midnight(date)
	d := Day{Date: date}
	start, end := midnight(r.PurchasedAt), r.endOf()
	if date.Before(start) || !date.Before(end) {
		return d
	}
	d.Active = true
	dayIndex := int(date.Sub(start) / (24 * time.Hour))
	if dayIndex < StartLag(r.ID) {
		return d
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(date.Unix()))
	d.Percent = 55 + int(hash64(r.ID, string(buf[:]))%45)
	return d
}

// Utilization returns the series of the days ending with now's day, oldest
// first.
func Utilization(r Reservation, now time.Time, days int) []Day {
	out := make([]Day, 0, days)
	last := midnight(now)
	for i := days - 1; i >= 0; i-- {
		out = append(out, UtilizationOn(r, last.AddDate(0, 0, -i)))
	}
	return out
}

// Average returns the mean utilization of the active days of a series, and
// how many there were.
func Average(days []Day) (pct, n int) {
	sum := 0
	for _, d := range days {
		if d.Active {
			sum += d.Percent
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return (sum + n/2) / n, n
}

// Used reports whether the reservation has been used by now: some day from
// its purchase to now has a utilization above zero (RES-2).
func Used(r Reservation, now time.Time) bool {
	if now.Before(r.PurchasedAt) {
		return false
	}
	firstUse := midnight(r.PurchasedAt).AddDate(0, 0, StartLag(r.ID))
	return !now.Before(firstUse) && firstUse.Before(r.endOf())
}
