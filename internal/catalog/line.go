package catalog

// Fields of a cart line a problem can name.
const (
	FieldQuantity  = "quantity"
	FieldFrequency = "frequency"
)

// Message keys of a cart line's problems (CAT-5).
const (
	ProblemQuantityRange = "cart.error.quantity_range" // args: the minimum and maximum
	ProblemFrequency     = "cart.error.frequency"
)

// LineProblem is what is wrong with one field of a cart line: a message
// key and its arguments.
type LineProblem struct {
	Field string
	Key   string
	Args  []any
}

// Line is a license count and billing frequency as an offer takes them.
type Line struct {
	Quantity  int
	Frequency string
}

// CheckLine checks a license count and billing frequency against an offer
// (CAT-5) and returns them as the offer takes them, with the problems, if
// any (frequency first). The count is a whole number within the offer's
// minimum and maximum; the frequency one of the offer's, and may be left
// out when the offer has only one. A Microsoft trial takes its fixed count
// and a monthly term whatever is asked (CAT-12); software and reservations
// are bought for their term, without a frequency.
func CheckLine(o Offer, quantity int, frequency string) (Line, []LineProblem) {
	if o.FixedCount() {
		return Line{Quantity: o.TrialLicenses, Frequency: Monthly}, nil
	}
	var problems []LineProblem
	line := Line{Quantity: quantity}
	if !o.Upfront() {
		freqs := o.FrequencyList()
		if frequency == "" && len(freqs) == 1 {
			frequency = freqs[0]
		}
		if !o.OffersFrequency(frequency) {
			problems = append(problems, LineProblem{Field: FieldFrequency, Key: ProblemFrequency})
		}
		line.Frequency = frequency
	}
	if quantity < o.MinQuantity || quantity > o.MaxQuantity {
		problems = append(problems, LineProblem{Field: FieldQuantity, Key: ProblemQuantityRange, Args: []any{o.MinQuantity, o.MaxQuantity}})
	}
	return line, problems
}

// FixedCount reports whether the offer's license count is fixed, whatever
// the buyer asks: a Microsoft trial's (CAT-12).
func (o Offer) FixedCount() bool { return o.MicrosoftTrial() }
