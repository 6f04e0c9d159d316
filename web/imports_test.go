package web_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module is the product's module path.
const module = "portal"

// deps lists each package of the module matched by pattern with the
// module's packages it depends on, directly or not (go list -deps).
func deps(t *testing.T, pattern string) map[string][]string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list imports: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, pattern)
	cmd.Dir = filepath.Join("..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pattern, err, stderr.String())
	}
	got := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var own []string
		for _, d := range f[1:] {
			if d == module || strings.HasPrefix(d, module+"/") {
				own = append(own, d)
			}
		}
		got[f[0]] = own
	}
	if len(got) == 0 {
		t.Fatalf("go list %s listed no package", pattern)
	}
	return got
}

func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }

// The import map (STYLE: direction of imports): nothing under internal/
// reaches the web layer or the templates, even through another package.
func TestImports_InternalNeverImportsWebOrViews(t *testing.T) {
	t.Parallel()
	for pkg, ds := range deps(t, "./internal/...") {
		for _, d := range ds {
			if under(d, module+"/web") || under(d, module+"/views") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
}

// Templates receive view models: views/ depends only on views/*,
// internal/platform/* and the permission table, never on a feature's
// database code.
func TestImports_ViewsImportOnlyViewsPlatformAndPerm(t *testing.T) {
	t.Parallel()
	for pkg, ds := range deps(t, "./views/...") {
		for _, d := range ds {
			if !under(d, module+"/views") && !under(d, module+"/internal/platform") && !under(d, module+"/internal/perm") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
}
