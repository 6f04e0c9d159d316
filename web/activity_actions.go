package web

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/views/components"
)

// actionOptions keeps the activity log's type filter choices, sorted and
// rendered, per language: the actions and their labels do not change while
// the server runs, and building and sorting them with accent folding, then
// writing each, was most of the log page's CPU per request (PERF-2). The
// zero value is ready.
type actionOptions struct {
	byLang sync.Map // language → components.OptionList, "all types" first
}

// actionChoices writes the choices of the type filter, selected chosen:
// all types, then the actions registered in code and those the catalogs
// label (each feature labels its own), sorted by label, with selected among
// them when it is a well-formed name of neither.
func (s *Server) actionChoices(c echo.Context, selected string) (templ.Component, error) {
	l := localizerOf(c)
	all := components.Option{Value: "", Label: l.T("activity.filter.all_types")}
	if v, ok := s.actionOpts.byLang.Load(l.Lang); ok {
		list := v.(components.OptionList)
		if selected == "" || list.Has(selected) || !activity.ValidActionName(selected) {
			return list.Selecting(selected), nil
		}
		// A name only this link knows: rare.
		list, err := components.NewOptionList(append([]components.Option{all}, s.sortedActions(c, selected)...))
		return list.Selecting(selected), err
	}
	list, err := components.NewOptionList(append([]components.Option{all}, s.sortedActions(c, "")...))
	if err != nil {
		return nil, err
	}
	s.actionOpts.byLang.Store(l.Lang, list)
	return s.actionChoices(c, selected)
}

// sortedActions builds the choices in the request's language, with extra
// when it is not empty.
func (s *Server) sortedActions(c echo.Context, extra string) []components.Option {
	names := map[string]bool{}
	for _, a := range activity.KnownActions() {
		names[a] = true
	}
	const prefix = "activity.action."
	for _, k := range s.bundle.Keys("en") {
		if strings.HasPrefix(k, prefix) {
			names[strings.TrimPrefix(k, prefix)] = true
		}
	}
	if extra != "" {
		names[extra] = true
	}
	label := actionLabeler(c)
	fold := sortFolder()
	type keyed struct {
		opt components.Option
		key string
	}
	list := make([]keyed, 0, len(names))
	for n := range names {
		lb := label(n)
		list = append(list, keyed{components.Option{Value: n, Label: lb}, fold.Replace(strings.ToLower(lb))})
	}
	slices.SortFunc(list, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.opt.Value, b.opt.Value))
	})
	opts := make([]components.Option, len(list))
	for i, k := range list {
		opts[i] = k.opt
	}
	return opts
}

// sortFolder folds the accents of French and other Latin letters, so labels
// sort as a reader expects ("Échec" among the E's).
func sortFolder() *strings.Replacer {
	return strings.NewReplacer("à", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
		"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y", "œ", "oe", "æ", "ae")
}
