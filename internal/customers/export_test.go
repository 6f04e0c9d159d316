package customers

// SetProbeBound sets how many terms a word may match and still drive a
// search from its customers, and returns a function that restores it.
func SetProbeBound(n int64) (restore func()) {
	old := probeBound
	probeBound = n
	return func() { probeBound = old }
}
