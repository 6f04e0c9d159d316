package customers

import (
	"slices"
	"strings"
)

// NormalizeDomain trims a domain, lower-cases it and drops one final dot.
func NormalizeDomain(s string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")
}

// ValidDomain reports whether d (normalized) is a host name with at least
// two labels (CUST-2): labels of 1 to 63 letters, digits and inner hyphens,
// 253 characters at most, and a top-level label that is not all digits.
// International names are written in their ASCII (xn--) form.
func ValidDomain(d string) bool {
	if len(d) == 0 || len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return strings.ContainsFunc(tld, func(r rune) bool { return r < '0' || r > '9' })
}

// ValidSegment reports whether s is one of the segments of CUST-2.
func ValidSegment(s string) bool { return slices.Contains(Segments(), s) }

// ValidPhone reports whether s looks like a phone number: digits, spaces and
// + ( ) - . only, with 6 to 20 digits.
func ValidPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ ()-.", r):
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 20
}
