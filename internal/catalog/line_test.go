package catalog

import (
	"reflect"
	"testing"
)

// CAT-5, CAT-12: a cart line's license count is a whole number within the
// offer's limits and its frequency one of the offer's; a Microsoft trial's
// count is fixed; software and reservations take no frequency.
func TestCheckLine_CAT5_CAT12(t *testing.T) {
	online := Offer{ID: "o", Tab: TabOnline, Frequencies: "monthly,annual", MinQuantity: 1, MaxQuantity: 300}
	annualOnly := Offer{ID: "a", Tab: TabOnline, Frequencies: "annual", MinQuantity: 5, MaxQuantity: 10}
	software := Offer{ID: "s", Tab: TabSoftware, MinQuantity: 1, MaxQuantity: 50}
	trial := Offer{ID: "t", Tab: TabTrial, Frequencies: "monthly", MinQuantity: 1, MaxQuantity: 1, TrialLicenses: 25}
	qtyRange := func(min, max int) LineProblem {
		return LineProblem{Field: FieldQuantity, Key: ProblemQuantityRange, Args: []any{min, max}}
	}
	freq := LineProblem{Field: FieldFrequency, Key: ProblemFrequency}
	cases := []struct {
		name     string
		o        Offer
		qty      int
		freq     string
		want     Line
		problems []LineProblem
	}{
		{"CAT-5 the minimum is accepted", online, 1, "monthly", Line{1, "monthly"}, nil},
		{"CAT-5 the maximum is accepted", online, 300, "annual", Line{300, "annual"}, nil},
		{"CAT-5 zero is below the minimum", online, 0, "monthly", Line{0, "monthly"}, []LineProblem{qtyRange(1, 300)}},
		{"CAT-5 one above the maximum", online, 301, "monthly", Line{301, "monthly"}, []LineProblem{qtyRange(1, 300)}},
		{"CAT-5 a negative count", online, -1, "monthly", Line{-1, "monthly"}, []LineProblem{qtyRange(1, 300)}},
		{"CAT-5 a frequency the offer lacks", annualOnly, 5, "monthly", Line{5, "monthly"}, []LineProblem{freq}},
		{"CAT-5 the only frequency may be left out", annualOnly, 5, "", Line{5, "annual"}, nil},
		{"CAT-5 of two frequencies one must be chosen", online, 5, "", Line{5, ""}, []LineProblem{freq}},
		{"CAT-5 bad frequency and count: frequency first", annualOnly, 4, "weekly", Line{4, "weekly"}, []LineProblem{freq, qtyRange(5, 10)}},
		{"CAT-5 software takes no frequency", software, 2, "monthly", Line{2, ""}, nil},
		{"CAT-5 software count within limits", software, 51, "", Line{51, ""}, []LineProblem{qtyRange(1, 50)}},
		{"CAT-12 a Microsoft trial's count is fixed", trial, 999, "", Line{25, Monthly}, nil},
		{"CAT-12 a Microsoft trial runs monthly", trial, 0, "annual", Line{25, Monthly}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, problems := CheckLine(c.o, c.qty, c.freq)
			if got != c.want || !reflect.DeepEqual(problems, c.problems) {
				t.Fatalf("got %+v %+v, want %+v %+v", got, problems, c.want, c.problems)
			}
		})
	}
}
