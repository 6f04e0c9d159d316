package i18n_test

import (
	"testing"

	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
)

// I18N-2: a chart's compact amounts read as each language writes money:
// French with the decimal comma and "k$" / "M$" after a no-break space.
func TestCompactMoney_I18N2(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cents  money.Cents
		en, fr string
	}{
		{0, "$0", "0\u00a0$"},
		{95_000, "$950", "950\u00a0$"},
		{2_740_000, "$27.4k", "27,4\u00a0k$"},
		{3_300_000, "$33k", "33\u00a0k$"},
		{41_234_500, "$412k", "412\u00a0k$"},
		{99_999_000, "$1M", "1\u00a0M$"},
		{120_000_000, "$1.2M", "1,2\u00a0M$"},
		{1_234_500_000_00, "$1,234.5M", "1\u202f234,5\u00a0M$"},
		{-2_740_000, "-$27.4k", "-27,4\u00a0k$"},
	} {
		if got := b.For("en").CompactMoney(c.cents); got != c.en {
			t.Errorf("en %d: %q, want %q", c.cents, got, c.en)
		}
		if got := b.For("fr").CompactMoney(c.cents); got != c.fr {
			t.Errorf("fr %d: %q, want %q", c.cents, got, c.fr)
		}
	}
}
