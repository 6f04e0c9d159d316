package webtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// vnuJar finds the Nu HTML Checker that `npm ci` installs (package.json at
// the repository's root).
func vnuJar() string {
	p := filepath.Join(repoRoot(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// vnuReport is the part of the checker's JSON output the tests read.
type vnuReport struct {
	Messages []struct {
		Type    string `json:"type"`
		SubType string `json:"subType"`
		URL     string `json:"url"`
		Line    int    `json:"lastLine"`
		Message string `json:"message"`
		Extract string `json:"extract"`
	} `json:"messages"`
}

// CheckCollectedHTML sends the HTML of every page the browser tests visited
// through the Nu HTML Checker in one run (UX-1) and returns one line per
// error, and a note when the check could not run. Without Java or the
// checker the check is skipped on a developer's machine and fails in CI
// (CI=true). It removes the saved pages.
func CheckCollectedHTML() (errs []string, note string) {
	pc := &pageChecks
	pc.mu.Lock()
	files := append([]checkedFile(nil), pc.files...)
	dir := pc.dir
	pc.mu.Unlock()
	if dir == "" {
		return nil, ""
	}
	defer os.RemoveAll(dir)
	if len(files) == 0 {
		return nil, ""
	}
	java, _ := exec.LookPath("java")
	jar := vnuJar()
	if java == "" || jar == "" {
		if os.Getenv("CI") == "true" {
			return []string{"UX-1: the Nu HTML Checker needs Java and node_modules/vnu-jar (npm ci) in CI"}, ""
		}
		return nil, "UX-1: Nu HTML Checker skipped (Java or node_modules/vnu-jar missing; run npm ci)"
	}
	args := []string{"-jar", jar, "--format", "json", "--exit-zero-always"}
	byPath := map[string]string{}
	for _, f := range files {
		args = append(args, f.path)
		byPath[f.path] = f.page
	}
	cmd := exec.Command(java, args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return []string{fmt.Sprintf("UX-1: run the Nu HTML Checker: %v: %s", err, stderr.String())}, ""
	}
	// The checker writes its JSON report to stderr.
	raw := stderr.Bytes()
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = out.Bytes()
	}
	var rep vnuReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		return []string{fmt.Sprintf("UX-1: read the Nu HTML Checker's report: %v: %.500s", err, raw)}, ""
	}
	for _, m := range rep.Messages {
		if m.Type != "error" && !(m.Type == "non-document-error") {
			continue
		}
		path := strings.TrimPrefix(m.URL, "file:")
		page := byPath[path]
		if page == "" {
			page = path
		}
		errs = append(errs, fmt.Sprintf("UX-1 Nu HTML Checker on %s, line %d: %s [%s]", page, m.Line, m.Message, strings.TrimSpace(m.Extract)))
	}
	sort.Strings(errs)
	return errs, fmt.Sprintf("UX-1: Nu HTML Checker read %d pages", len(files))
}
