package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// scriptPath is the browser's side of the cutting rules.
const scriptPath = "../../themes/default/static/js/search.js"

// cutCase is one case of testdata/segment.json: a text, the tokens both
// sides must cut it into, and the terms the script makes of it as a query.
type cutCase struct {
	Text   string  `json:"text"`
	Tokens [][]any `json:"tokens"`
	Terms  []struct {
		Toks [][]any  `json:"toks"`
		Unis []string `json:"unis"`
	} `json:"terms"`
}

func loadCases(t *testing.T) []cutCase {
	t.Helper()
	data, err := os.ReadFile("testdata/segment.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []cutCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// pairs turns tokens into the JSON form of the cases: [key, pos].
func pairs(list []Token) [][]any {
	out := [][]any{}
	for _, tok := range list {
		out = append(out, []any{tok.Key, float64(tok.Pos)})
	}
	return out
}

func TestCut(t *testing.T) {
	for _, c := range loadCases(t) {
		have, want := pairs(Tokens(c.Text)), c.Tokens
		if len(want) == 0 {
			want = [][]any{}
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("Cut(%q):\nhave %v\nwant %v", c.Text, have, want)
		}
	}
}

// node returns node's path, skipping the test without it (failing under
// CI, where it must be installed).
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found (CI=true: not skipping)")
		}
		t.Skip("node not found; skipping the script's side")
	}
	return p
}

// runScript runs testdata/run.js with input on stdin and decodes its output.
func runScript(t *testing.T, input any, out any, args ...string) {
	t.Helper()
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	// Read here, so that go test's cache knows the result depends on them:
	// node reads them in a process of its own, which the cache cannot see.
	for _, f := range []string{scriptPath, "testdata/run.js"} {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node(t), append([]string{"testdata/run.js", scriptPath}, args...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node run.js %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		t.Fatalf("node run.js %s printed %q: %v", strings.Join(args, " "), stdout.String(), err)
	}
}

// TestScriptCutsAlike runs the script's cutter on the same cases: pages
// are cut in Go, queries in the browser, and they must agree.
func TestScriptCutsAlike(t *testing.T) {
	cases := loadCases(t)
	var out []struct {
		Tokens [][]any `json:"tokens"`
		Terms  []struct {
			Toks [][]any  `json:"toks"`
			Unis []string `json:"unis"`
		} `json:"terms"`
	}
	runScript(t, cases, &out, "cut")
	if len(out) != len(cases) {
		t.Fatalf("the script answered %d cases of %d", len(out), len(cases))
	}
	for i, c := range cases {
		want := c.Tokens
		if len(want) == 0 {
			want = [][]any{}
		}
		if !reflect.DeepEqual(out[i].Tokens, want) {
			t.Errorf("search.js cut(%q):\nhave %v\nwant %v", c.Text, out[i].Tokens, want)
		}
		if !reflect.DeepEqual(norm(out[i].Terms), norm(c.Terms)) {
			t.Errorf("search.js queryTerms(%q):\nhave %v\nwant %v", c.Text, out[i].Terms, c.Terms)
		}
	}
}

// norm makes empty lists compare equal to missing ones.
func norm[T any](v T) string {
	data, _ := json.Marshal(v)
	return strings.ReplaceAll(string(data), "null", "[]")
}
