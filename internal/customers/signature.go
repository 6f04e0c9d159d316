package customers

import "hash/fnv"

// Signature is a 128-bit, one-hash Bloom filter of a customer's prefixes of
// at least sigMinLen letters, carried in each of its search_prefixes rows
// (CUST-1, PERF-2). A walk of one common word checks the other words in
// the row itself: a customer that has a word has every prefix of it, so
// every bit of the word's mask (one per prefix) is set in its signature.
// A row that fails is skipped without a probe; the few that pass are
// still checked exactly by key. Two signed 64-bit halves, as both engines
// store and AND them.
type Signature struct{ A, B int64 }

// UnknownSignature has every bit set: it passes every mask, so a row
// written before signatures existed (the columns' default) stays found.
var UnknownSignature = Signature{-1, -1}

// sigMinLen is the shortest prefix in a signature: single letters would
// set bits every name shares and filter nothing.
const sigMinLen = 2

// sigBit returns the bit of a prefix: FNV-1a, the same in every process.
func sigBit(p string) Signature {
	h := fnv.New64a()
	h.Write([]byte(p))
	b := h.Sum64() & 127
	if b < 64 {
		return Signature{A: int64(uint64(1) << b)}
	}
	return Signature{B: int64(uint64(1) << (b - 64))}
}

func (s Signature) or(o Signature) Signature { return Signature{s.A | o.A, s.B | o.B} }

// SignatureOf returns the signature of a customer's prefixes (Prefixes).
func SignatureOf(prefixes []string) Signature {
	var s Signature
	for _, p := range prefixes {
		if len([]rune(p)) >= sigMinLen {
			s = s.or(sigBit(p))
		}
	}
	return s
}

// wordMask returns the bits a customer having the query word w has in its
// signature: those of every stored prefix of w. Zero when w is too short.
func wordMask(w string) Signature {
	pre, _ := prefixOf(w)
	return SignatureOf(Prefixes([]string{pre}))
}
