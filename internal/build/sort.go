package build

import (
	"cmp"
	"slices"
	"strings"

	"gongkai/internal/site"
)

// sortNewest orders pages newest first, then by path.
func sortNewest(pages []*site.Page) {
	slices.SortFunc(pages, func(a, c *site.Page) int {
		return cmp.Or(c.Date.Compare(a.Date), strings.Compare(a.Path, c.Path))
	})
}

func sortByYear[T any](list []T, year func(T) int) {
	slices.SortStableFunc(list, func(a, c T) int { return cmp.Compare(year(a), year(c)) })
}
