package build

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gongkai/internal/site"
)

// Preview keeps a site in memory between builds, for the live preview: an
// update after a change re-reads only the changed files and re-renders
// only the outputs whose inputs changed — the changed page, its column's
// list pages, the home page, the pages that embed a changed dataset —
// then writes those into OUT in place and removes outputs that no longer
// exist. The result is byte-identical to a full build of the same files.
//
// Each output's key (job.key) says what it was made from; an output is
// rendered again when its key differs from the one it was written with.
// Site-wide inputs (settings, columns, the theme) are in every key, so
// changing one rebuilds everything. Build never uses a Preview: a full
// build never reuses state.
//
//	p := build.NewPreview(opt)
//	res, err := p.Update(nil)                          // first: a full build
//	res, err = p.Update([]string{"content/news/a.md"}) // then: what changed
type Preview struct {
	opt   Options
	cache site.Cache
	keys  map[string]string   // output path → the key it was written with
	used  map[string][]string // output path → datasets it embedded
}

// NewPreview makes a preview of o.Site written to o.Out.
func NewPreview(o Options) *Preview { return &Preview{opt: o} }

// Update rebuilds after the files in changed (paths relative to the site
// folder) changed on disk; the first update builds everything. On error
// OUT is left as it was and the next update tries again.
func (p *Preview) Update(changed []string) (Result, error) {
	full := p.keys == nil
	for _, c := range changed {
		if strings.HasPrefix(c, "themes/") {
			full = true // templates are parsed once per build; start afresh
		}
	}
	b := newBuilder(p.opt)
	if full {
		p.cache = site.Cache{}
		changed = nil
	}
	if !b.load(&p.cache, changed) {
		return Result{}, b.errs.Err()
	}
	b.plan()
	global := b.globalKey()
	keys := make(map[string]string, len(b.jobs))
	for i := range b.jobs {
		j := &b.jobs[i]
		keys[j.rel] = global + "|" + j.key() + "|" + p.usedKey(b, p.used[j.rel])
	}
	var only func(j *job) bool
	if !full {
		only = func(j *job) bool { return keys[j.rel] != p.keys[j.rel] }
	}
	res, err := b.runPreview(only, p.removed(keys))
	if err != nil {
		return res, err
	}
	// Record what is on disk now: the keys of the outputs rendered, with
	// the datasets they embedded this time.
	if full {
		p.keys, p.used = map[string]string{}, map[string][]string{}
	}
	for _, rel := range slices.Collect(maps.Keys(p.keys)) {
		if _, ok := keys[rel]; !ok {
			delete(p.keys, rel)
			delete(p.used, rel)
		}
	}
	for i := range b.jobs {
		j := &b.jobs[i]
		if only != nil && !only(j) {
			continue
		}
		p.used[j.rel] = j.used
		p.keys[j.rel] = global + "|" + j.key() + "|" + p.usedKey(b, j.used)
	}
	return res, nil
}

// usedKey stands for the state of the datasets an output embeds.
func (p *Preview) usedKey(b *builder, used []string) string {
	var k strings.Builder
	for _, d := range used {
		fmt.Fprintf(&k, "%s:%x;", d, b.dsHash[d])
	}
	return k.String()
}

// removed lists the outputs written before that the site no longer makes.
func (p *Preview) removed(keys map[string]string) []string {
	var list []string
	for rel := range p.keys {
		if _, ok := keys[rel]; !ok {
			list = append(list, rel)
		}
	}
	slices.Sort(list)
	return list
}

// runPreview is run for a preview: a full build when only is nil, else an
// update in place that also removes the outputs in removed.
func (b *builder) runPreview(only func(j *job) bool, removed []string) (Result, error) {
	if only == nil {
		return b.run(nil)
	}
	b.removed = removed
	res, err := b.run(only)
	res.Removed = removed
	return res, err
}
