package figures

import "testing"

func num(t testing.TB, s string) Number {
	t.Helper()
	n, err := ParseNumber(s)
	if err != nil {
		t.Fatalf("ParseNumber(%q): %v", s, err)
	}
	return n
}

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in, want string // want "" means an error
	}{
		{"120", "120"},
		{"-3", "-3"},
		{"+3", "3"},
		{"135.5", "135.5"},
		{"0.25", "0.25"},
		{"-0.25", "-0.25"},
		{"27.50", "27.50"}, // places as typed
		{"1_000", "1000"},
		{"007", "7"},
		{"0.000001", "0.000001"},
		{"999999999999999", "999999999999999"},
		{"1000000000000000", ""}, // 16 digits
		{"0.0000001", ""},        // 7 places
		{"1e3", ""},
		{"abc", ""},
		{"", ""},
		{"1.", ""},
		{".5", ""},
		{"-", ""},
	} {
		n, err := ParseNumber(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseNumber(%q): have %s, want an error", tt.in, n)
		case tt.want != "" && err != nil:
			t.Errorf("ParseNumber(%q): have error %v, want %s", tt.in, err, tt.want)
		case tt.want != "" && n.String() != tt.want:
			t.Errorf("ParseNumber(%q): have %s, want %s", tt.in, n, tt.want)
		}
	}
}

func TestNumberFromFloat(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{
		{135.5, "135.5"},
		{0.1, "0.1"},
		{1e3, "1000"},
		{-0.25, "-0.25"},
	} {
		n, err := NumberFromFloat(tt.in)
		if err != nil || n.String() != tt.want {
			t.Errorf("NumberFromFloat(%v): have %s, %v, want %s", tt.in, n, err, tt.want)
		}
	}
}

func TestAddSubEqual(t *testing.T) {
	for _, tt := range []struct {
		a, b, sum, diff string
	}{
		{"0.1", "0.2", "0.3", "-0.1"},
		{"135.5", "120", "255.5", "15.5"},
		{"1.50", "1.5", "3.00", "0.00"},
		{"-3", "5", "2", "-8"},
		{"0.005", "-0.005", "0.000", "0.010"},
	} {
		a, b := num(t, tt.a), num(t, tt.b)
		if have, ok := a.Add(b); !ok || have.String() != tt.sum {
			t.Errorf("%s + %s: have %s, want %s", tt.a, tt.b, have, tt.sum)
		}
		if have, ok := a.Sub(b); !ok || have.String() != tt.diff {
			t.Errorf("%s - %s: have %s, want %s", tt.a, tt.b, have, tt.diff)
		}
	}
	if !num(t, "1.50").Equal(num(t, "1.5")) {
		t.Errorf("1.50 and 1.5: have unequal, want equal")
	}
}

// TestCompare is the arithmetic of 较上年增减 and 增幅.
func TestCompare(t *testing.T) {
	for _, tt := range []struct {
		prev, last    string
		change, pct   string
		chNeg, pctNeg bool
	}{
		{"31", "39", "+8", "+25.8%", false, false},
		{"120", "150", "+30", "+25.0%", false, false},
		{"100", "99.5", "-0.5", "-0.5%", true, true},
		{"120", "135.5", "+15.5", "+12.9%", false, false},
		{"135.50", "120", "-15.50", "-11.4%", true, true},
		{"39", "36", "-3", "-7.7%", true, true},
		{"5", "5", "0", "0.0%", false, false},
		{"5", "0", "-5", "-100.0%", true, true},
		{"1", "3", "+2", "+200.0%", false, false},
		{"3", "1", "-2", "-66.7%", true, true},
		{"0.1", "0.3", "+0.2", "+200.0%", false, false},
		// exactly .05 rounds away from zero, either way
		{"1000", "1000.5", "+0.5", "+0.1%", false, false},
		{"1000", "999.5", "-0.5", "-0.1%", true, true},
		{"200", "200.1", "+0.1", "+0.1%", false, false},
		{"8", "8.02", "+0.02", "+0.3%", false, false},
		{"8", "7.98", "-0.02", "-0.3%", true, true},
		{"1000", "1000.4999", "+0.4999", "0.0%", false, false},
		// a change too small to show keeps its sign; its percent rounds to 0.0%
		{"10000", "9999.996", "-0.004", "0.0%", true, false},
		// the percent of a negative base has the sign of the change
		{"-10", "-5", "+5", "+50.0%", false, false},
		{"-10", "-15", "-5", "-50.0%", true, true},
		{"-2", "3", "+5", "+250.0%", false, false},
		// zero base: no percent
		{"0", "5", "+5", "—", false, false},
		{"0.0", "0", "0.0", "—", false, false},
	} {
		change, pct := Compare(num(t, tt.prev), num(t, tt.last))
		if change.Text != tt.change || change.Negative != tt.chNeg || change.Missing {
			t.Errorf("%s → %s change: have %+v, want %q negative=%v", tt.prev, tt.last, change, tt.change, tt.chNeg)
		}
		if pct.Text != tt.pct || pct.Negative != tt.pctNeg || pct.Missing != (tt.pct == "—") {
			t.Errorf("%s → %s percent: have %+v, want %q negative=%v", tt.prev, tt.last, pct, tt.pct, tt.pctNeg)
		}
	}
}
