package disclosure

import "testing"

func TestKeyLines(t *testing.T) {
	src := `# comment with [brackets] and key = 1
year = 2021
"format" = "2021 # not a comment"
applications.received = [
  1, 2, # a row over lines
  3, 4, 5, 6,
]
[ active ]
rules = { issued = 1,
  repealed = 2 }
fees = 12.50 # 万元
[applications.'withheld']
security = [0, 0, 0, 0, 0, 0]
`
	lines, raw := keyLines(src)
	for key, want := range map[string]int{
		"year":                           2,
		"format":                         3,
		"applications":                   4,
		"applications.received":          4,
		"active":                         8,
		"active.rules":                   9,
		"active.rules.issued":            9,
		"active.rules.repealed":          10,
		"active.fees":                    11,
		"applications.withheld":          12,
		"applications.withheld.security": 13,
	} {
		if have := lines[key]; have != want {
			t.Errorf("line of %s: have %d, want %d", key, have, want)
		}
	}
	if have := raw["active.fees"]; have != "12.50" {
		t.Errorf("raw fees: have %q, want 12.50", have)
	}
}
