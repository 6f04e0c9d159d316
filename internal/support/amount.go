package support

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"portal/internal/platform/money"
)

// MaxAmount bounds an amount requested: USD 10 million.
const MaxAmount money.Cents = 1_000_000_000

// ErrBadAmount is an amount that cannot be read as dollars and cents.
var ErrBadAmount = errors.New("support: not an amount")

var (
	plainAmount     = regexp.MustCompile(`^(\d+)(?:[.,](\d{1,2}))?$`)
	groupedComma    = regexp.MustCompile(`^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$`)   // 1,234.56
	groupedDot      = regexp.MustCompile(`^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$`)   // 1.234,56
	groupedSpace    = regexp.MustCompile(`^(\d{1,3}(?: \d{3})+)(?:[.,](\d{1,2}))?$`) // 1 234,56
	spaceCharacters = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\t", " ")
)

// ParseAmount reads an amount of US dollars as people type it — "1234",
// "1,234.56", "1234.5", "1 234,56", "$1,234.56" — into cents. Thousands
// separators must group by three, and at most two decimals are allowed, so
// "1,234" is one thousand two hundred thirty-four dollars and "1,23" is one
// dollar twenty-three. The empty string is zero. Negative, ambiguous or huge
// amounts are refused.
func ParseAmount(s string) (money.Cents, error) {
	s = strings.TrimSpace(spaceCharacters.Replace(s))
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(s, "USD"), "$US"), "$"))
	s = strings.TrimSpace(strings.TrimSuffix(s, "$"))
	if s == "" {
		return 0, nil
	}
	var whole, frac string
	for _, re := range []*regexp.Regexp{plainAmount, groupedComma, groupedDot, groupedSpace} {
		if m := re.FindStringSubmatch(s); m != nil {
			whole, frac = strings.NewReplacer(",", "", ".", "", " ", "").Replace(m[1]), m[2]
			break
		}
	}
	if whole == "" || len(whole) > 12 {
		return 0, ErrBadAmount
	}
	dollars, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, ErrBadAmount
	}
	cents := int64(0)
	if frac != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		cents, _ = strconv.ParseInt(frac, 10, 64)
	}
	total := money.Cents(dollars*100 + cents)
	if total > MaxAmount {
		return 0, ErrBadAmount
	}
	return total, nil
}
