package support

import (
	"bytes"
	"testing"

	"portal/internal/platform/money"
)

// SUP-1: the amount requested is read safely from what people type.
func TestParseAmount_SUP1(t *testing.T) {
	cases := []struct {
		in   string
		want money.Cents
		ok   bool
	}{
		{"", 0, true},
		{"1234", 123_400, true},
		{"1,234.56", 123_456, true},
		{"$1,234.56", 123_456, true},
		{"1234.5", 123_450, true},
		{"1,234", 123_400, true},
		{"1,23", 123, true},
		{"1 234,56", 123_456, true},
		{"1\u202f234,56\u00a0$US", 123_456, true},
		{"1.234,56", 123_456, true},
		{"9,999,999.99", 999_999_999, true},
		{"12,345,678.90", 0, false}, // above the USD 10M bound
		{"0.01", 1, true},
		{"-5", 0, false},
		{"1,2345", 0, false},
		{"12,34,567", 0, false},
		{"1.234.56", 0, false},
		{"abc", 0, false},
		{"1e6", 0, false},
		{"99999999999999999999", 0, false},
		{"1.999", 199_900, true}, // a dot grouping thousands, as in "1.999,00"
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in)
		if c.ok != (err == nil) || (c.ok && got != c.want) {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

// SUP-1: attachments are limited in size and type; the content must match
// the extension.
func TestCheckFile_SUP1(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	pdf := []byte("%PDF-1.7\n")
	zip := []byte("PK\x03\x04\x14\x00")
	jpg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF")
	text := []byte("date,amount\n2026-11-20,12.00\n")
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00")
	cases := []struct {
		name    string
		size    int64
		head    []byte
		problem string
		ctype   string
	}{
		{"shot.png", 100, png, FileOK, "image/png"},
		{"SHOT.PNG", 100, png, FileOK, "image/png"},
		{"invoice.pdf", 100, pdf, FileOK, "application/pdf"},
		{"logs.zip", 100, zip, FileOK, "application/zip"},
		{"photo.jpeg", 100, jpg, FileOK, "image/jpeg"},
		{"photo.jpg", 100, jpg, FileOK, "image/jpeg"},
		{"usage.csv", 100, text, FileOK, "text/csv"},
		{"notes.txt", 100, text, FileOK, "text/plain"},
		{"app.log", 100, text, FileOK, "text/plain"},
		{"exactly5mb.txt", MaxFileSize, text, FileOK, "text/plain"},
		{"toobig.txt", MaxFileSize + 1, text, FileTooBig, ""},
		{"empty.txt", 0, nil, FileEmpty, ""},
		{"setup.exe", 100, exe, FileBadType, ""},
		{"noext", 100, text, FileBadType, ""},
		{"fake.png", 100, exe, FileMismatch, ""},
		{"fake.pdf", 100, text, FileMismatch, ""},
		{"binary.txt", 100, exe, FileMismatch, ""},
	}
	for _, c := range cases {
		ct, problem := CheckFile(c.name, c.size, c.head)
		if problem != c.problem || ct != c.ctype {
			t.Errorf("%s: got %q %q, want %q %q", c.name, ct, problem, c.ctype, c.problem)
		}
	}
}

// SUP-1: stored file names are plain base names.
func TestCleanFileName_SUP1(t *testing.T) {
	cases := map[string]string{
		"report.pdf":             "report.pdf",
		`C:\Users\me\report.pdf`: "report.pdf",
		"../../etc/passwd.txt":   "passwd.txt",
		"bad\x00\"name\r\n.txt":  "badname.txt",
		"":                       "file",
		string(bytes.Repeat([]byte("a"), 300)) + ".txt": string(bytes.Repeat([]byte("a"), 116)) + ".txt",
	}
	for in, want := range cases {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
