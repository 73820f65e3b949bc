package build

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"gongkai/internal/diag"
	"gongkai/internal/site"
	"gongkai/themes"
)

var update = flag.Bool("update", false, "rewrite the expected output of the testdata scenarios")

// Each testdata/*.txtar is a site scenario, one feature each. Its comment
// says what it shows, and holds options, one per line:
//
//	now: 2021-03-01        the build clock (default 2026-01-01)
//	drafts: true           publish drafts
//	check: true            run gongkai check (Options.Check): compare
//	                       want/errors and want/warnings, no output
//	org: CODE              gongkai check --org CODE
//	only: data/ index.html compare just the outputs under these path
//	                       prefixes, and the names of all outputs against
//	                       want/files, so a golden holds only the pages
//	                       that matter to its feature
//
// Files under public/ are the expected output, compared exactly (theme
// static files only for presence, and the built-in theme's fingerprinted
// names written css/site.FINGERPRINT.css, so that a change of its CSS does
// not rewrite every golden); a want/errors file is the expected error
// report instead, and then the test checks that the old output was left
// exactly as it was. A want/warnings file, where a scenario has one, is
// the expected editorial warnings of a successful build.
func TestScenarios(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runScenario(t, file)
		})
	}
}

func runScenario(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	out := filepath.Join(dir, "out")
	want := map[string][]byte{}
	var wantErrs, wantWarnings *string
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "public/"):
			want[strings.TrimPrefix(f.Name, "public/")] = f.Data
		case f.Name == "want/errors":
			s := string(f.Data)
			wantErrs = &s
		case f.Name == "want/warnings":
			s := string(f.Data)
			wantWarnings = &s
		case strings.HasPrefix(f.Name, "want/"):
		default:
			writeFile(t, filepath.Join(siteDir, f.Name), f.Data)
		}
	}
	opt := Options{Site: os.DirFS(siteDir), Out: out, Now: fixedNow("2026-01-01")}
	var only []string // output prefixes to compare; nil for all
	searched := false // compare the search page and index (else left out)
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch strings.TrimSpace(k) {
		case "now":
			opt.Now = fixedNow(strings.TrimSpace(v))
		case "drafts":
			opt.Drafts = strings.TrimSpace(v) == "true"
		case "check":
			opt.Check = strings.TrimSpace(v) == "true"
		case "org":
			opt.Org = strings.TrimSpace(v)
		case "only":
			only = strings.Fields(v)
		case "search":
			searched = strings.TrimSpace(v) == "true"
		case "sitemap_max":
			old := sitemapMax
			fmt.Sscan(v, &sitemapMax)
			defer func() { sitemapMax = old }()
		}
	}
	compared := func(name string) bool {
		return only == nil || slices.ContainsFunc(only, func(prefix string) bool { return strings.HasPrefix(name, prefix) })
	}
	// An old site in OUT: a failed build must leave it as it was, and a
	// successful one must replace it whole.
	writeFile(t, filepath.Join(out, "old", "index.html"), []byte("old site"))
	res, err := Build(opt)
	if wantErrs != nil || (err != nil && *update) {
		var list diag.List
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("build: %v", err)
		}
		have := list.Error()
		if have != "" {
			have += "\n"
		}
		if *update {
			setFiles(ar, map[string][]byte{"want/errors": []byte(have)}, "want/")
			os.WriteFile(file, txtar.Format(ar), 0o644)
			return
		}
		if have != *wantErrs {
			t.Errorf("errors:\nhave:\n%s\nwant:\n%s", have, *wantErrs)
		}
		got := readTree(t, out)
		if len(got) != 1 || string(got["old/index.html"]) != "old site" {
			t.Errorf("a failed build changed the output folder: %v", slices.Sorted(mapKeys(got)))
		}
		assertNoTemp(t, dir)
		return
	}
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if opt.Check {
		checkScenario(t, file, ar, res, wantWarnings)
		if got := readTree(t, out); len(got) != 1 || string(got["old/index.html"]) != "old site" {
			t.Errorf("a check changed the output folder: %v", slices.Sorted(mapKeys(got)))
		}
		return
	}
	got := normalizeFingerprints(readTree(t, out))
	assertNoTemp(t, dir)
	if !searched {
		// Every site has a /search/ page and index; one scenario
		// (search.txtar) shows them, the others leave them out.
		for name := range got {
			if isSearch(name) {
				delete(got, name)
			}
		}
	}
	names := strings.Join(slices.Sorted(mapKeys(got)), "\n") + "\n"
	warnings := diag.List(res.Warnings).Error()
	if warnings != "" {
		warnings += "\n"
	}
	if wantWarnings != nil && !*update && warnings != *wantWarnings {
		t.Errorf("warnings:\nhave:\n%s\nwant:\n%s", warnings, *wantWarnings)
	}
	if *update {
		if wantWarnings != nil {
			setFiles(ar, map[string][]byte{"want/warnings": []byte(warnings)}, "want/warnings")
		}
		for name := range got {
			switch {
			case !compared(name):
				delete(got, name)
			case isThemeStatic(name):
				got[name] = nil
			}
		}
		setFiles(ar, got, "public/")
		if only != nil {
			setFiles(ar, map[string][]byte{"want/files": []byte(names)}, "want/files")
		}
		os.WriteFile(file, txtar.Format(ar), 0o644)
		return
	}
	if only != nil {
		wantNames := ""
		for _, f := range ar.Files {
			if f.Name == "want/files" {
				wantNames = string(f.Data)
			}
		}
		if names != wantNames {
			t.Errorf("the outputs are not want/files:\n%s", diffLines(names, wantNames))
		}
	}
	for _, name := range slices.Sorted(mapKeys(got)) {
		w, ok := want[name]
		switch {
		case !compared(name):
		case !ok:
			t.Errorf("unexpected output %s", name)
		case isThemeStatic(name):
		case !bytes.Equal(got[name], w):
			t.Errorf("%s differs:\n%s", name, diffLines(string(got[name]), string(w)))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("missing output %s", name)
		} else if !compared(name) {
			t.Errorf("%s is outside only: %v", name, only)
		}
	}
}

// checkScenario compares the warnings of a check that found no error,
// and that it wrote nothing.
func checkScenario(t *testing.T, file string, ar *txtar.Archive, res Result, want *string) {
	t.Helper()
	have := diag.List(res.Warnings).Error()
	if have != "" {
		have += "\n"
	}
	if *update {
		setFiles(ar, map[string][]byte{"want/warnings": []byte(have)}, "want/warnings")
		os.WriteFile(file, txtar.Format(ar), 0o644)
		return
	}
	if want == nil {
		t.Fatal("a check scenario needs want/warnings or want/errors")
	}
	if have != *want {
		t.Errorf("warnings:\nhave:\n%s\nwant:\n%s", have, *want)
	}
}

// writeScenarioSite writes the input files of a scenario (all but its
// expected public/ output) into dir.
func writeScenarioSite(t *testing.T, file, dir string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "public/") && !strings.HasPrefix(f.Name, "want/") {
			writeFile(t, filepath.Join(dir, f.Name), f.Data)
		}
	}
}

// normalizeFingerprints writes the built-in theme's fingerprints in the
// names and content of files as FINGERPRINT.
func normalizeFingerprints(files map[string][]byte) map[string][]byte {
	var from []string
	fs.WalkDir(themes.Default, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if name, ok := fingerprint(themes.Default, strings.TrimPrefix(p, "static/")); ok {
				from = append(from, name)
			}
		}
		return nil
	})
	out := map[string][]byte{}
	for name, data := range files {
		for _, f := range from {
			ext := path.Ext(f)
			to := strings.TrimSuffix(f, ext)
			to = to[:strings.LastIndexByte(to, '.')] + ".FINGERPRINT" + ext
			name = strings.ReplaceAll(name, f, to)
			data = bytes.ReplaceAll(data, []byte(f), []byte(to))
		}
		out[name] = data
	}
	return out
}

// isThemeStatic reports whether name is compared for presence only: the
// default theme's static files (css/, js/), as a style change must not
// rewrite every golden, and the search index (tested in internal/search).
func isThemeStatic(name string) bool {
	return strings.HasPrefix(name, "css/") || strings.HasPrefix(name, "js/") || isSearchIndex(name)
}

// isSearchIndex: the index's files, not the search page.
func isSearchIndex(name string) bool { return isSearch(name) && !strings.HasSuffix(name, ".html") }

func isSearch(name string) bool {
	return strings.HasPrefix(name, "search/") || strings.HasPrefix(name, "js/search.")
}

func fixedNow(s string) func(*time.Location) time.Time {
	return func(loc *time.Location) time.Time {
		t, err := site.ParseTime(s, loc)
		if err != nil {
			panic(err)
		}
		return t
	}
}

// setFiles replaces the archive's files under prefix by files.
func setFiles(ar *txtar.Archive, files map[string][]byte, prefix string) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, prefix) {
			kept = append(kept, f)
		}
	}
	for _, name := range slices.Sorted(mapKeys(files)) {
		n := name
		if !strings.HasPrefix(n, prefix) {
			n = prefix + n
		}
		kept = append(kept, txtar.File{Name: n, Data: files[name]})
	}
	ar.Files = kept
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// assertNoTemp checks that no temporary folder was left beside OUT.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// diffLines shows the first differing line of two texts.
func diffLines(have, want string) string {
	h, w := strings.Split(have, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(h), len(w)); i++ {
		var hl, wl string
		if i < len(h) {
			hl = h[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if hl != wl {
			return fmt.Sprintf("line %d:\nhave: %s\nwant: %s", i+1, hl, wl)
		}
	}
	return "(equal lines, different bytes)"
}
