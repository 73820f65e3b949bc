package tomlpos

import "testing"

func TestScan(t *testing.T) {
	src := []byte(`title = "x"
# comment
note = """
a = 1
"""
[organization]
name = "y"
a.b = 2
[[attachment]]
file = "a.pdf"
[[attachment]]
file = "b.pdf"
[year.2021]
"quoted key" = 3
`)
	tests := []struct {
		key  []string
		want int
	}{
		{[]string{"title"}, 1},
		{[]string{"note"}, 3},
		{[]string{"a"}, 0}, // inside a multi-line string
		{[]string{"organization"}, 6},
		{[]string{"organization", "name"}, 7},
		{[]string{"organization", "a", "b"}, 8},
		{[]string{"attachment", "0", "file"}, 10},
		{[]string{"attachment", "1", "file"}, 12},
		{[]string{"attachment", "1", "title"}, 11}, // falls back to the table
		{[]string{"year", "2021", "quoted key"}, 14},
	}
	lines := Scan(src)
	for _, tt := range tests {
		if have := lines.Of(tt.key...); have != tt.want {
			t.Errorf("Of(%q): have %d, want %d", tt.key, have, tt.want)
		}
	}
}
