package web

import (
	"portal/internal/customers"
	"portal/internal/platform/i18n"
	"portal/views/components"
)

// countryNames holds every country's name in each language, built once at
// start: the selects list them sorted by name, the pages show names for codes.
type countryNames struct {
	sorted map[string][]customers.Country
	byCode map[string]map[string]string
	// lists are the countries as a select's options, rendered once: the
	// customer list's filter shows them on every view.
	lists map[string]components.OptionList
}

func newCountryNames() countryNames {
	cn := countryNames{sorted: map[string][]customers.Country{}, byCode: map[string]map[string]string{},
		lists: map[string]components.OptionList{}}
	for _, lang := range i18n.Languages() {
		list := customers.CountriesByName(lang)
		cn.sorted[lang] = list
		m := make(map[string]string, len(list))
		opts := make([]components.Option, 0, len(list))
		for _, c := range list {
			m[c.Code] = c.Name
			opts = append(opts, components.Option{Value: c.Code, Label: c.Name})
		}
		cn.byCode[lang] = m
		rendered, err := components.NewOptionList(opts)
		if err != nil {
			panic("countries: " + err.Error()) // rendering into memory does not fail
		}
		cn.lists[lang] = rendered
	}
	return cn
}

// name returns the name of a country code in lang, or the code.
func (cn countryNames) name(lang, code string) string {
	if n, ok := cn.byCode[lang][code]; ok {
		return n
	}
	return code
}

// options returns the countries as select options, after a first option
// with an empty value and the label first.
func (cn countryNames) options(lang, first string) []components.Option {
	list := cn.sorted[lang]
	out := make([]components.Option, 0, len(list)+1)
	out = append(out, components.Option{Value: "", Label: first})
	for _, c := range list {
		out = append(out, components.Option{Value: c.Code, Label: c.Name})
	}
	return out
}
