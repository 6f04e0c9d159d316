package web

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/views/components"
)

// actionOptions keeps the activity log's type filter choices, sorted, per
// language: the actions and their labels do not change while the server
// runs, and building and sorting them with accent folding was most of the
// log page's CPU per request (PERF-2). The zero value is ready.
type actionOptions struct {
	byLang sync.Map // language → []components.Option
}

// actionChoices lists the actions of the type filter: those registered in
// code and those the catalogs label (each feature labels its own), sorted by
// label, with selected added when it is a well-formed name of neither.
func (s *Server) actionChoices(c echo.Context, selected string) []components.Option {
	l := localizerOf(c)
	var opts []components.Option
	if v, ok := s.actionOpts.byLang.Load(l.Lang); ok {
		opts = v.([]components.Option)
	} else {
		opts = s.sortedActions(c, "")
		s.actionOpts.byLang.Store(l.Lang, opts)
	}
	if activity.ValidActionName(selected) && !slices.ContainsFunc(opts, func(o components.Option) bool { return o.Value == selected }) {
		opts = s.sortedActions(c, selected) // a name only this link knows: rare
	}
	all := components.Option{Value: "", Label: l.T("activity.filter.all_types")}
	return append([]components.Option{all}, opts...)
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
