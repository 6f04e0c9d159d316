package support

import "testing"

// AUTH-13: file names lose Unicode bidirectional controls, so
// "inv\u202egpj.txt" cannot show as "invtxt.jpg".
func TestFileNameBidi_AUTH13(t *testing.T) {
	cases := map[string]string{
		"inv\u202egpj.txt":                  "invgpj.txt",
		"a\u202ab\u202bc\u202cd\u202de.pdf": "abcde.pdf",
		"\u2066x\u2067y\u2068z\u2069.png":   "xyz.png",
		"l\u200er\u200fm\u061c.log":         "lrm.log",
		"plain-é-名前.txt":                    "plain-é-名前.txt",
		"keeps\u200djoiner.txt":             "keeps\u200djoiner.txt", // not a bidi control
		"\u202e\u202e\u202e":                "file",
	}
	for in, want := range cases {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
		if got := StripBidi(in); len(got) > len(in) || containsBidi(got) {
			t.Errorf("StripBidi(%q) = %q", in, got)
		}
	}
	for _, r := range []rune{0x202A, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x061C} {
		if !IsBidiControl(r) {
			t.Errorf("%U is a bidi control", r)
		}
	}
	for _, r := range []rune{0x2029, 0x202F, 0x2065, 0x206A, 0x200D, 'a'} {
		if IsBidiControl(r) {
			t.Errorf("%U is not a bidi control", r)
		}
	}
}

func containsBidi(s string) bool {
	for _, r := range s {
		if IsBidiControl(r) {
			return true
		}
	}
	return false
}
