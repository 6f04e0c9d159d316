package web

import (
	"net/mail"
	"strings"

	"portal/views/components"
)

// checkContact validates the contact fields a support request carries
// (SUP-1, RES-4): a name and an email address, both required, and an
// optional phone number.
func checkContact(errs components.FieldErrors, name, email, phone string) {
	checkText(errs, "contact_name", name, 200, true)
	checkText(errs, "contact_email", email, 254, true)
	if !errs.Has("contact_email") && !validEmail(email) {
		errs.Add("contact_email", "field.bad_email")
	}
	checkPhone(errs, "contact_phone", phone)
}

// validEmail accepts a plain address such as name@example.com.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	at := strings.LastIndex(s, "@")
	return err == nil && a.Address == s && at > 0 && strings.Contains(s[at:], ".")
}

// checkPhone accepts an optional phone number: digits, spaces and + ( ) - .
func checkPhone(errs components.FieldErrors, field, v string) {
	if len(v) > 40 {
		errs.Add(field, "field.too_long", 40)
		return
	}
	digits := 0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()-.", r):
		default:
			errs.Add(field, "res.wizard.bad_phone")
			return
		}
	}
	if v != "" && digits < 6 {
		errs.Add(field, "res.wizard.bad_phone")
	}
}
