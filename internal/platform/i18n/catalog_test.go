package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/internal/activity"
)

var verbPattern = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// I18N-1: a message has the same placeholders in both languages (else one of
// them prints "%!(EXTRA…)" or loses a value), and no message is empty.
func TestCatalogPlaceholdersMatch_I18N1(t *testing.T) {
	b := MustLoad()
	for _, k := range b.Keys("en") {
		en, fr := b.For("en").T(k), b.For("fr").T(k)
		if strings.TrimSpace(en) == "" || strings.TrimSpace(fr) == "" {
			t.Errorf("%s: empty message", k)
		}
		ve, vf := verbPattern.FindAllString(en, -1), verbPattern.FindAllString(fr, -1)
		if !slices.Equal(ve, vf) {
			t.Errorf("%s: placeholders %v in English, %v in French", k, ve, vf)
		}
	}
}

// I18N-1, LOG-2: every action registered in code has a label in both
// languages, and every action label names a well-formed action.
func TestActivityActionLabels_I18N1(t *testing.T) {
	b := MustLoad()
	for _, a := range activity.KnownActions() {
		for _, lang := range Languages() {
			if !b.Has(lang, "activity.action."+a) {
				t.Errorf("action %s has no %s label", a, lang)
			}
		}
	}
	for _, k := range b.Keys("en") {
		if name, ok := strings.CutPrefix(k, "activity.action."); ok && !activity.ValidActionName(name) {
			t.Errorf("label %s names no valid action", k)
		}
	}
}
