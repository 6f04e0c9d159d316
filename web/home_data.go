package web

import (
	"context"
	"sync"
	"time"

	"portal/internal/billing"
	"portal/internal/dashboard"
	"portal/internal/platform/db"
	"portal/internal/support"
)

// homeData is what the home page reads for a partner (DASH-1, DASH-2): the
// parts that the viewer's roles show.
type homeData struct {
	exact  map[string]int64 // the summaries' counts
	soon   dashboard.Soon
	bars   []dashboard.OfferLicenses
	reqs   []support.Request
	months []dashboard.MonthTotal
}

// homeParts are the parts of the home page a viewer's roles show.
type homeParts struct{ counts, customers, support, billing bool }

type homeKey struct {
	partnerID string
	parts     homeParts
}

// homeKept is what was read for a key, with the instants it answers for:
// the second the dated lists were read at (dashboard.SecondOf) and the
// billing period of the billed chart's last month, and the page's lists
// and charts as written from it, by language (home).
type homeKept struct {
	at, period time.Time
	data       homeData
	bodies     *sync.Map // language → []byte
}

// homeMemoKeys bounds the home pages kept: each is worth keeping for one
// second only, so only the partners viewed in that second matter.
const homeMemoKeys = 256

// newHomeMemo keeps the home page's reads while nothing is written, on
// both engines: on PostgreSQL one round trip (the database's snapshot)
// stands for the page's six.
func newHomeMemo() *db.Memo[homeKey, homeKept] {
	return db.NewMemo[homeKey, homeKept](homeMemoKeys).AcrossNodes()
}

// homeData returns the parts of a partner's home page, read at now: as
// read by an earlier view in the same second when nothing has been
// written since (db.Memo), so the many views of one partner's home page
// within a second read it once (PERF-2), and with the page's lists and
// charts as an earlier of those views wrote them. What it returns is shared
// with other views and must not be changed.
func (s *Server) homeData(ctx context.Context, partnerID string, parts homeParts, now time.Time) (homeKept, error) {
	at := dashboard.SecondOf(now)
	period, _ := billing.PeriodOf(now)
	return s.homeMemo.Read(ctx, s.db, homeKey{partnerID, parts},
		func(k homeKept) bool { return k.at.Equal(at) && k.period.Equal(period) },
		func(ctx context.Context) (homeKept, error) {
			d, err := s.readHomeData(ctx, partnerID, parts, now)
			return homeKept{at: at, period: period, data: d, bodies: new(sync.Map)}, err
		})
}

func (s *Server) readHomeData(ctx context.Context, partnerID string, parts homeParts, now time.Time) (homeData, error) {
	var d homeData
	var err error
	if parts.counts {
		if d.exact, err = s.dashboard.Counts(ctx, partnerID); err != nil {
			return d, err
		}
	}
	if parts.customers {
		if d.soon, err = s.dashboard.Soon(ctx, partnerID, now); err != nil {
			return d, err
		}
		if d.bars, err = s.dashboard.LicensesByOffer(ctx, partnerID, licensesChartBars); err != nil {
			return d, err
		}
	}
	if parts.support {
		if d.reqs, err = s.support.OpenRequests(ctx, partnerID, dashboard.PerList); err != nil {
			return d, err
		}
	}
	if parts.billing {
		if d.months, err = s.dashboard.BilledByMonth(ctx, partnerID, now); err != nil {
			return d, err
		}
	}
	return d, nil
}
