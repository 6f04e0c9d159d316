package customers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/platform/db"
)

// Word pairs (CUST-1, PERF-2). Two common words that rarely share a
// customer ("services solutions": 12,000 and 9,000 customers of a
// partner of 100,000, 46 with both) cost a walk of one word's whole run,
// each row checked for the other word, to find a page and a count. So a
// customer also has a search_prefixes row for every two distinct
// beginnings (PairLen letters) of its terms, keyed "ser\x1fsol": the
// customers that may have both words, in the list's order. A search of
// common words walks the run of its rarest pair instead, checking every
// word exactly in each row (signature, then key), as a word's walk does.
// The run holds every match (a customer with both words has a term
// beginning with each, two terms since the beginnings differ) and few
// others, so its cost follows the matches, not the words' frequency.

// PairLen is how many letters of a term begin its pair keys; a query word
// shorter than that is not looked up by pair.
const PairLen = 3

// pairSep joins a pair key's two beginnings. No stored prefix holds it:
// names are checked for control characters, and a query splits its words
// at it (QueryWords), so no word is ever a pair key.
const pairSep = "\x1f"

// pairBound is how many rows a pair's run may hold and still drive a
// search (a variable so tests can turn pairs off with -1).
var pairBound int64 = 1000

// maxPairWords bounds the words whose pairs a search counts: at most six
// bounded counts.
const maxPairWords = 4

// head returns the beginning of a term or query word that pair keys use,
// and false when it is too short or holds a space (a whole name's term:
// no query word holds one).
func head(w string) (string, bool) {
	rs := []rune(w)
	if len(rs) < PairLen {
		return "", false
	}
	h := string(rs[:PairLen])
	return h, !strings.ContainsFunc(h, unicode.IsSpace)
}

// pairKey returns the key of two distinct beginnings, in either order.
func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + pairSep + b
}

// PairKeys returns the pair keys of a customer's terms: one per two
// distinct beginnings of its terms, each once.
func PairKeys(terms []string) []string {
	var heads []string
	for _, t := range terms {
		if h, ok := head(t); ok && !slices.Contains(heads, h) {
			heads = append(heads, h)
		}
	}
	slices.Sort(heads)
	var out []string
	for i, a := range heads {
		for _, b := range heads[i+1:] {
			out = append(out, a+pairSep+b)
		}
	}
	return out
}

// pairRows returns a customer's search_prefixes rows of its pair keys,
// with its signature as its prefix rows carry it.
func pairRows(c Customer) []SearchPrefix {
	terms := SearchTerms(c.Name, c.Domain)
	return keyRows(c, PairKeys(terms), SignatureOf(Prefixes(terms)))
}

// choosePair sets the pair that drives a search of common words: of the
// pairs of its first words with distinct beginnings, the one with the
// shortest run, when that run holds at most pairBound rows. Otherwise the
// search walks one word's run.
func (sr *search) choosePair(conn *gorm.DB) error {
	if pairBound < 0 {
		return nil
	}
	words := sr.words[:min(len(sr.words), maxPairWords)]
	best := int64(-1)
	for i, a := range words {
		ha, ok := head(a)
		if !ok {
			continue
		}
		for _, b := range words[i+1:] {
			hb, ok := head(b)
			if !ok || ha == hb {
				continue
			}
			key := pairKey(ha, hb)
			var n int64
			err := conn.Raw("SELECT COUNT(*) FROM (SELECT 1 AS one FROM search_prefixes WHERE partner_id = ? AND prefix = ? LIMIT ?) AS hits",
				sr.partnerID, key, pairBound+1).Find(&n).Error
			if err != nil {
				return fmt.Errorf("customers: search %q %q: %w", a, b, err)
			}
			if n <= pairBound && (best < 0 || n < best) {
				best, sr.pair = n, key
			}
		}
	}
	return nil
}

// FillPairs writes the pair rows of every customer (CUST-1, PERF-2), for
// a database whose customers were written before pairs: customers by
// batches in ID order, their rows inserted many at a time; a row that is
// there already is left as it is.
func FillPairs(ctx context.Context, g *gorm.DB) error {
	conn := db.Conn(ctx, g)
	after := ""
	for {
		var cs []Customer
		err := conn.Select("id", "partner_id", "name", "name_key", "domain", "segment", "country").
			Where("id > ?", after).Order("id").Limit(fillCustomers).Find(&cs).Error
		if err != nil {
			return fmt.Errorf("customers: fill pairs: %w", err)
		}
		if len(cs) == 0 {
			return nil
		}
		var rows []SearchPrefix
		for _, c := range cs {
			rows = append(rows, pairRows(c)...)
		}
		if len(rows) > 0 {
			if err := conn.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 100).Error; err != nil {
				return fmt.Errorf("customers: fill pairs: %w", err)
			}
		}
		after = cs[len(cs)-1].ID
	}
}
