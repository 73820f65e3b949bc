package build

import (
	"errors"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/history"
	"gongkai/internal/site"
)

// gitHistory is what a build knows of its site's git history: read once
// per build (package history runs one git log for all files), and kept by
// a Preview between updates.
type gitHistory struct {
	log *history.Log // nil: the site is not a git checkout
}

// startHistory starts reading the site's git history, beside the loading
// of the site, unless a preview already holds it (kept) or the site does
// not want it; the function it returns waits for it. A problem reading it
// is a warning, said when it is read.
func (b *builder) startHistory(kept *gitHistory) func() *gitHistory {
	if kept != nil {
		return func() *gitHistory { return kept }
	}
	none := func() *gitHistory { return &gitHistory{} }
	if b.opt.Dir == "" {
		return none
	}
	// The settings are read again by the load: this is one small file.
	if cfg, _ := site.ReadConfig(b.opt.Site); cfg == nil || cfg.History == "off" {
		return none
	}
	type read struct {
		log *history.Log
		err error
	}
	done := make(chan read, 1)
	go func() {
		log, err := history.Read(b.opt.Dir)
		done <- read{log, err}
	}()
	return func() *gitHistory {
		r := <-done
		g := &gitHistory{log: r.log}
		switch {
		case errors.Is(r.err, history.ErrShallow):
			b.notice(diag.Warnf(site.ConfigPath, 0, "the git checkout is shallow (cloned with --depth), so its history is cut: pages show their front-matter date as 更新日期; clone the whole history (git fetch --unshallow) for dates from git"))
		case r.err != nil:
			g.log = &history.Log{}
			b.notice(diag.Warnf(site.ConfigPath, 0, "cannot read the git history (%v): pages show their front-matter date as 更新日期", r.err))
		}
		return g
	}
}

// history fills in page p's 更新日期 and 更新记录 from git. A page git does
// not know (new, not committed yet), and every page of a shallow clone,
// shows its front-matter date.
func (b *builder) history(p *site.Page, pv *pageView) {
	if b.git == nil || b.git.log == nil {
		return
	}
	pv.Updated = b.date(b.updated(p))
	if b.site.Config.History == "revisions" {
		for _, r := range b.revisions(p) {
			pv.Revisions = append(pv.Revisions, revisionView{Date: b.date(r.Time), Message: r.Message})
		}
	}
}

// revisions are the commits that changed page p (its bundle's files
// too), newest first; none without git.
func (b *builder) revisions(p *site.Page) []history.Revision {
	if b.git == nil || b.git.log == nil {
		return nil
	}
	if p.Extras().BundleDir != "" {
		return b.git.log.Under(p.Extras().BundleDir)
	}
	return b.git.log.Of(p.Path)
}

// updated is page p's 更新日期: its last commit's date when that is after
// its own date, else its date. The sitemap's lastmod and the feeds'
// updated say it too, so that crawlers and feed readers see an update.
func (b *builder) updated(p *site.Page) time.Time {
	revs := b.revisions(p)
	// The oldest commit added the page: that is its publication, not an
	// update.
	if len(revs) > 1 && revs[0].Time.After(publishedAt(p)) {
		return revs[0].Time
	}
	return publishedAt(p)
}

// publishedAt is when page p was published: its date, or the end of its
// embargo (publish_at) when that is later — a citizen could not read it
// before, so its 发布日期 is not before.
func publishedAt(p *site.Page) time.Time {
	if at := p.Extras().PublishAt; at.After(p.Date) {
		return at
	}
	return p.Date
}

// notice warns about the output itself: check prints it with the rest,
// and build prints it too, as a publisher must know what the site lacks.
func (b *builder) notice(w diag.Error) {
	b.warns = append(b.warns, w)
	b.notices = append(b.notices, w)
}
