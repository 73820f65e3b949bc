package build

import (
	"cmp"
	"slices"
	"strings"

	"gongkai/internal/site"
)

// sortNewest orders pages newest first, then by path (newestFirst).
func sortNewest(pages []*site.Page) { slices.SortFunc(pages, newestFirst) }

// newestFirst orders pages newest first, then by path: no two are equal.
func newestFirst(a, c *site.Page) int {
	if d := c.Date.Compare(a.Date); d != 0 {
		return d
	}
	return strings.Compare(a.Path, c.Path) // only then: cmp.Or would compare every pair's paths
}

func sortByYear[T any](list []T, year func(T) int) {
	slices.SortStableFunc(list, func(a, c T) int { return cmp.Compare(year(a), year(c)) })
}
