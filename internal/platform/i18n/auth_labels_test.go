package i18n

import (
	"testing"

	"portal/internal/auth"
)

// I18N-1, AUTH-8 to AUTH-11: the sign-in actions have activity labels, and
// the password problems of auth.CheckPassword have messages, in both
// languages.
func TestAuthLabels_I18N1_AUTH11(t *testing.T) {
	b := MustLoad()
	keys := []string{auth.PasswordTooShort, auth.PasswordTooLong, auth.PasswordCommon, auth.PasswordHasName,
		auth.PasswordBadText, auth.PasswordRequired, auth.PasswordWrong, auth.PasswordsDiffer, auth.PasswordUnchanged}
	for _, a := range auth.Actions() {
		keys = append(keys, "activity.action."+a)
	}
	for _, k := range keys {
		for _, lang := range Languages() {
			if !b.Has(lang, k) {
				t.Errorf("%s has no %s message", k, lang)
			}
		}
	}
}
