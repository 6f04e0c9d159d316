package clock_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/platform/clock"
)

// wallClockReads are the time package's functions that read the wall clock.
var wallClockReads = map[string]bool{"Now": true, "Since": true, "Until": true}

// LIFE-2: the clock is injected everywhere. No Go file of the portal outside
// this package (tests and generated templates aside) reads the wall clock
// with time.Now, time.Since or time.Until.
func TestNoWallClockOutsideClockPackage_LIFE2(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s", root)
	}
	self := filepath.Join(root, "internal", "platform", "clock")
	checked := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "artifacts", "data", "bin":
				return filepath.SkipDir
			}
			if path == self {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_templ.go") {
			return nil
		}
		checked++
		for _, at := range wallClockCalls(t, path) {
			rel, _ := filepath.Rel(root, path)
			t.Errorf("%s:%s reads the wall clock: use the injected clock.Clock", rel, at)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("only %d files checked: the walk missed the repository", checked)
	}
}

// wallClockCalls returns the positions of time.Now/Since/Until calls in a
// file, whatever name it imports the time package under.
func wallClockCalls(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	names := map[string]bool{}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "time" {
			name := "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = true
		}
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || !wallClockReads[sel.Sel.Name] {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] {
			out = append(out, strconv.Itoa(fset.Position(sel.Pos()).Line))
		}
		return true
	})
	return out
}

// LIFE-2: the detector finds calls under any import name, and only calls of
// the time package.
func TestWallClockDetector_LIFE2(t *testing.T) {
	src := `package x
import (
	tm "time"
	"time"
)
type c struct{}
func (c) Now() int { return 0 }
func f() {
	_ = tm.Now()
	_ = time.Since(time.Time{})
	var clk c
	_ = clk.Now()
	g := time.Now
	_ = g
}
`
	path := filepath.Join(t.TempDir(), "x.go")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(wallClockCalls(t, path), ",")
	if got != "9,10,13" {
		t.Fatalf("found calls on lines %q, want 9,10,13", got)
	}
}

// LIFE-2: a manual clock moves only when told to, and the demo clock's shift
// follows its base.
func TestManualAndOffsetClocks_LIFE2(t *testing.T) {
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	m := clock.NewManual(start)
	if got := m.Now(); !got.Equal(start) || got.Location() != time.UTC {
		t.Fatalf("manual now %v", got)
	}
	m.Advance(time.Hour)
	o := clock.NewOffset(m, 3)
	if got := o.Now(); !got.Equal(start.Add(time.Hour).AddDate(0, 0, 3)) {
		t.Fatalf("offset now %v", got)
	}
	o.SetDays(0)
	if o.Days() != 0 || !o.Now().Equal(m.Now()) {
		t.Fatalf("offset reset: %v", o.Now())
	}
	if clock.StartStopwatch().Elapsed() < 0 {
		t.Fatal("negative elapsed time")
	}
}
