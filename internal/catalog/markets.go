package catalog

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
)

// unavailableMarketsCSV is the table of markets where Azure reservations are
// not sold (CAT-3): the French names of the source table, each mapped to an
// ISO 3166 alpha-2 code (some names share a code).
//
//go:embed data/azure-reservations-unavailable-markets.csv
var unavailableMarketsCSV []byte

// Markets is a set of ISO 3166 alpha-2 country codes.
type Markets map[string]bool

// Has reports whether country (any case) is in the set.
func (m Markets) Has(country string) bool { return m[strings.ToUpper(strings.TrimSpace(country))] }

// UnavailableMarkets parses the embedded table of markets where Azure
// reservations cannot be bought (CAT-3).
func UnavailableMarkets() (Markets, error) {
	rows, err := csv.NewReader(bytes.NewReader(unavailableMarketsCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("catalog: read unavailable markets: %w", err)
	}
	if len(rows) < 2 || len(rows[0]) < 2 || rows[0][1] != "iso2" {
		return nil, fmt.Errorf("catalog: unavailable markets: unexpected header")
	}
	m := Markets{}
	for i, r := range rows[1:] {
		code := strings.ToUpper(strings.TrimSpace(r[1]))
		if len(code) != 2 {
			return nil, fmt.Errorf("catalog: unavailable markets line %d: bad code %q", i+2, r[1])
		}
		m[code] = true
	}
	return m, nil
}

// MustUnavailableMarkets is UnavailableMarkets for program start: the table
// is embedded, so a failure is a build mistake.
func MustUnavailableMarkets() Markets {
	m, err := UnavailableMarkets()
	if err != nil {
		panic(err)
	}
	return m
}
