package customers

import "gorm.io/gorm"

// SetProbeBound sets how many terms a word may match and still drive a
// search from its customers, and returns a function that restores it.
func SetProbeBound(n int64) (restore func()) {
	old := probeBound
	probeBound = n
	return func() { probeBound = old }
}

// SetPairBound sets how many rows a pair of words may have and still drive
// a search of common words (-1: pairs never do), and returns a function
// that restores it.
func SetPairBound(n int64) (restore func()) {
	old := pairBound
	pairBound = n
	return func() { pairBound = old }
}

// PairOf returns the pair key that drives a search of q, or "".
func PairOf(g *gorm.DB, partnerID, q string) (string, error) {
	sr, _, err := newSearch(g, partnerID, q)
	return sr.pair, err
}

// PairKey returns the key of two beginnings of words.
func PairKey(a, b string) string { return pairKey(a, b) }
