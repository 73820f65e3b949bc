package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/diag"
	"gongkai/internal/figures"
)

// The example site publishes the seed report faithfully: every sentence of
// the seed is on the page, and every figure in content/data is a number the
// seed states. The seed lives in ../shared beside the repository.
func seedText(t *testing.T) string {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("no ../shared/seeds beside the repository")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestExampleSiteIsFaithful(t *testing.T) {
	seed := seedText(t)
	out := filepath.Join(t.TempDir(), "public")
	root, _ := filepath.Abs("../..")
	if _, err := Build(Options{Site: os.DirFS(root), Out: out, Now: fixedNow("2021-03-01")}); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "reports/2020-fazhi-zhengfu/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(html)
	body = body[strings.Index(body, `<div class="body">`):]
	body = regexp.MustCompile(`(?s)<figure.*?</figure>`).ReplaceAllString(body, "")
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(body, "")
	for _, line := range strings.Split(seed, "\n")[1:] {
		for _, sentence := range strings.Split(line, "。") {
			if s := strings.TrimSpace(sentence); s != "" && !strings.Contains(text, s) {
				t.Errorf("the page lacks the seed's sentence %q", s)
			}
		}
	}
}

func TestExampleFiguresAreInTheSeed(t *testing.T) {
	seed := seedText(t)
	files, _ := filepath.Glob("../../content/data/*.toml")
	if len(files) == 0 {
		t.Fatal("no datasets in the example site")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, errs := figures.Decode(f, strings.TrimSuffix(filepath.Base(f), ".toml"), src)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for year, values := range d.Values {
			for key, v := range values {
				// The number as the seed writes it, next to no other digit.
				re := regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(v.String()) + `($|[^0-9])`)
				if !re.MatchString(seed) {
					t.Errorf("%s: %s in %d is %s, a number the seed does not state", filepath.Base(f), key, year, v)
				}
			}
		}
	}
}

// The example site passes check with no errors, and check flags the slip
// the seed report was published with (积积参与), which the site keeps.
func TestExampleSiteChecks(t *testing.T) {
	root, _ := filepath.Abs("../..")
	res, err := Build(Options{Site: os.DirFS(root), Check: true, Now: fixedNow("2021-03-01")})
	if err != nil {
		t.Fatalf("check found errors in the example site:\n%v", err)
	}
	found := false
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), `content/reports/2020-fazhi-zhengfu.md:16:195: "积积" doubles "积"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("check did not flag 积积 at content/reports/2020-fazhi-zhengfu.md:16:195; warnings:\n%v", diag.List(res.Warnings))
	}
}
