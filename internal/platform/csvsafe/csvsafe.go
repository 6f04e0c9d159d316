// Package csvsafe defuses CSV formula injection in exported files.
package csvsafe

import "strings"

// Cell returns a text cell a spreadsheet will not run as a formula: a value
// starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, so it shows as text. Use it for free text, not for numbers.
func Cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
