package main

import (
	"regexp"
	"slices"
	"testing"
)

// TestHelpInChinese: every verb's help, and the list of commands, have
// a Chinese version naming the same flags as the English, so that the
// two do not drift apart as flags are added.
func TestHelpInChinese(t *testing.T) {
	flags := regexp.MustCompile(`(?m)(?:^|\s|\[)(--?[a-z][a-z-]*)`)
	names := func(s string) []string {
		var out []string
		for _, m := range flags.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, m[1]) {
				out = append(out, m[1])
			}
		}
		slices.Sort(out)
		return out
	}
	pairs := map[string][2]string{"usage": {usageEN, usageZH}}
	for verb, en := range helpEN {
		pairs[verb] = [2]string{en, helpZH[verb]}
	}
	for name, p := range pairs {
		if p[1] == "" {
			t.Errorf("%s: no Chinese help", name)
			continue
		}
		if en, zh := names(p[0]), names(p[1]); !slices.Equal(en, zh) {
			t.Errorf("%s: the English help names the flags %v, the Chinese %v", name, en, zh)
		}
	}
	if len(helpZH) != len(helpEN) {
		t.Errorf("%d verbs have Chinese help, %d English", len(helpZH), len(helpEN))
	}
}
