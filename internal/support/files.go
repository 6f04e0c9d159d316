package support

import (
	"net/http"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Attachment limits (SUP-1).
const (
	MaxFiles    = 5
	MaxFileSize = 5 << 20 // 5 MB per file
	// MaxBody bounds a whole new-request form: every file at its largest
	// plus the text fields.
	MaxBody = MaxFiles*MaxFileSize + 1<<20
)

// fileType is an allowed kind of file: the content type it is stored and
// served with, and what http.DetectContentType must find in it.
type fileType struct {
	contentType string
	sniffed     string // prefix of http.DetectContentType's answer
}

// allowed maps each accepted extension to its type.
var allowed = map[string]fileType{
	".pdf":  {"application/pdf", "application/pdf"},
	".png":  {"image/png", "image/png"},
	".jpg":  {"image/jpeg", "image/jpeg"},
	".jpeg": {"image/jpeg", "image/jpeg"},
	".txt":  {"text/plain", "text/plain"},
	".log":  {"text/plain", "text/plain"},
	".csv":  {"text/csv", "text/plain"},
	".zip":  {"application/zip", "application/zip"},
}

// AllowedExtensions lists the accepted extensions, for the form's help.
func AllowedExtensions() []string {
	return []string{"pdf", "png", "jpg", "txt", "csv", "log", "zip"}
}

// File problems, each a message the form shows beside the file field.
const (
	FileOK       = ""
	FileEmpty    = "empty"
	FileTooBig   = "too_big"
	FileBadType  = "bad_type"
	FileMismatch = "mismatch" // the content is not what the extension says
)

// CheckFile decides whether a file may be attached: its size, its
// extension, and its content as http.DetectContentType sees it (head is the
// start of the file, at most 512 bytes are read). It returns the content
// type to store, or the problem.
func CheckFile(name string, size int64, head []byte) (contentType, problem string) {
	ft, ok := allowed[strings.ToLower(filepath.Ext(name))]
	switch {
	case !ok:
		return "", FileBadType
	case size == 0:
		return "", FileEmpty
	case size > MaxFileSize:
		return "", FileTooBig
	}
	if !strings.HasPrefix(http.DetectContentType(head), ft.sniffed) {
		return "", FileMismatch
	}
	return ft.contentType, FileOK
}

// IsBidiControl reports whether r is a Unicode bidirectional control
// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): in a file name
// one can make "inv\u202egpj.txt" read as "invtxt.jpg" (AUTH-13).
func IsBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// StripBidi returns s without bidirectional controls (AUTH-13), for any file
// name shown or sent in a Content-Disposition header.
func StripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// CleanFileName keeps the base name of an uploaded file, without control
// characters, bidirectional controls (AUTH-13) or path separators, at most
// 120 characters.
func CleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || IsBidiControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 120 {
		ext := filepath.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:120-utf8.RuneCountInString(ext)]) + ext
	}
	if name == "" || name == "." {
		name = "file"
	}
	return name
}
