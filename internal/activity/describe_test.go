package activity_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/platform/i18n"
)

var actionName = regexp.MustCompile(`^[a-z_]+\.[a-z_]+$`)

// writtenActions finds every action name the product records: string
// constants named Action…, values of an Action field, and values given to
// a variable named action, in the non-test Go files of internal/.
func writtenActions(t *testing.T) []string {
	t.Helper()
	found := map[string]bool{}
	add := func(e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && actionName.MatchString(s) {
			found[s] = true
		}
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec:
				for i, name := range x.Names {
					if strings.HasPrefix(name.Name, "Action") && i < len(x.Values) {
						add(x.Values[i])
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Action" {
					add(x.Value)
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "action" && i < len(x.Rhs) {
						add(x.Rhs[i])
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for a := range found {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// UX-3: every action the product writes reads as a sentence, in English and
// in French; so does every field a change line shows.
func TestEveryActionHasASentence_UX3(t *testing.T) {
	b := i18n.MustLoad()
	actions := writtenActions(t)
	if len(actions) < 50 {
		t.Fatalf("found only %d actions: %v", len(actions), actions)
	}
	for _, a := range actions {
		d := activity.Describe(activity.Entry{Action: a})
		if !strings.HasPrefix(d.Summary.Key, "activity.says."+a) {
			t.Errorf("%s has no sentence (reads %q)", a, d.Summary.Key)
		}
		for _, lang := range i18n.Languages() {
			if !b.Has(lang, d.Summary.Key) {
				t.Errorf("%s: no %s text for %s", a, lang, d.Summary.Key)
			}
			if !b.Has(lang, "activity.action."+a) {
				t.Errorf("%s: no %s label for the type filter", a, lang)
			}
		}
	}
	for _, f := range activity.ShownFields() {
		for _, lang := range i18n.Languages() {
			if !b.Has(lang, "activity.change."+f) {
				t.Errorf("no %s text for a change of %s", lang, f)
			}
		}
	}
}

// UX-3: a change reads with typed values, before and after, and the fields
// a reader must not see (IDs, internal keys) are not shown.
func TestDescribeSubscriptionChange_UX3(t *testing.T) {
	e := activity.Entry{
		Action: "subscription.quantity_changed", ResourceType: "subscription",
		Before: `{"offer":"Microsoft 365 E3","status":"active","quantity":4,"auto_renew":true,"unit_price_cents":3600}`,
		After:  `{"offer":"Microsoft 365 E3","status":"suspended","quantity":7,"auto_renew":false,"unit_price_cents":3600}`,
	}
	d := activity.Describe(e)
	if d.Summary.Key != "activity.says.subscription.quantity_changed" || len(d.Summary.Args) != 1 || d.Summary.Args[0].Text != "Microsoft 365 E3" {
		t.Fatalf("summary %+v", d.Summary)
	}
	var keys []string
	for _, ch := range d.Changes {
		keys = append(keys, ch.Key)
	}
	want := "activity.change.status activity.change.quantity activity.change.auto_renew"
	if strings.Join(keys, " ") != want {
		t.Fatalf("changes %v, want %s", keys, want)
	}
	q := d.Changes[1]
	if q.Args[0].Kind != activity.ArgNumber || q.Args[0].Int != 4 || q.Args[1].Int != 7 {
		t.Errorf("quantity %+v", q)
	}
	st := d.Changes[0]
	if st.Args[0].Kind != activity.ArgLabel || st.Args[0].Prefix != "subscription.status." || st.Args[1].Text != "suspended" {
		t.Errorf("status %+v", st)
	}

	o := activity.Describe(activity.Entry{Action: "order.placed", ResourceType: "order", Details: "A, B",
		After: `{"order_id":"x","lines":3,"total":3520}`})
	if a := o.Summary.Args; len(a) != 3 || a[0].Int != 3 || a[1].Kind != activity.ArgMoney || a[1].Int != 3520 || len(o.Changes) != 0 {
		t.Errorf("order %+v", o)
	}
}

// UX-3: a renewal the lifecycle engine writes names its product, read from
// the entry's detail when its values do not carry it (no "— renewed").
func TestDescribeRenewalNamesItsProduct_UX3(t *testing.T) {
	d := activity.Describe(activity.Entry{
		Action:  "subscription.renewed",
		Details: "Microsoft 365 E3: renewed until 2027-11-19",
		After:   `{"term_end":"2027-11-20T00:00:00Z"}`,
	})
	if len(d.Summary.Args) == 0 || d.Summary.Args[0].Text != "Microsoft 365 E3" {
		t.Fatalf("renewal sentence %+v does not name the product", d.Summary)
	}
}
