package publish

// Publishing to an S3-compatible bucket (政务云 OSS/OBS, Ceph RGW,
// SeaweedFS), for a site served from object storage through a CDN. A
// bucket has no symlink to switch, so a release is written in place, in
// an order that keeps every page's links whole:
//
//	s3://BUCKET/PREFIX/
//	  index.html, news/a/index.html, css/site.3f2a9c01de.css, …   the site, served
//	  .gongkai/live.json.gz            what the bucket serves: each file and its hash
//	  .gongkai/pending.json.gz         what a publish or rollback is writing, while it is
//	  .gongkai/releases/ID/manifest.json.gz, changes.json   the release history
//	  .gongkai/blobs/SHA256            contents replaced or removed that a kept release holds
//
// A publish builds into a temporary folder, compares each output's hash
// with live.json and sends only what differs, with its Content-Type,
// Cache-Control (a year for the fingerprinted CSS and JS, a minute for
// HTML, feeds and the sitemap, an hour for the rest) and, for the .gz
// files of gzip = true, Content-Encoding: gzip. It goes:
//
//  1. write pending.json (kill point publish:staged);
//  2. copy every object about to be replaced or removed to blobs/, by a
//     server-side copy, so that any machine can roll back without a
//     build; mark pending saved (publish:saved);
//  3. send new assets and attachments, then pages, then lists (HTML that
//     is not a page: columns, the home page, aliases, 404), then feeds and
//     robots.txt, then sitemap.xml: a page is never served before what it
//     links (publish:assets, publish:pages, publish:lists, publish:sent:N
//     after the Nth object);
//  4. delete what the release no longer has — never more than
//     Options.MaxDeletes, unless raised — keeping the fingerprinted CSS
//     and JS of the releases kept, for pages a CDN still holds
//     (publish:deleted);
//  5. write the release's manifest and changes.json, then live.json, and
//     remove pending.json (publish:switched);
//  6. remove the releases beyond Keep and the blobs no kept release holds
//     (publish:pruned).
//
// Every object is whole when served (a PUT is atomic), and every page
// finds what it links; while a publish runs, some pages are the new
// release's and some the old's. A publish killed after step 2 leaves
// pending.json: the next publish or rollback treats each path the killed
// one may have written as unknown, sends it again and so completes the
// bucket. Rollback is the same walk towards an earlier release's
// manifest, its contents copied from blobs/ inside the bucket.
//
// Only one publish may write a bucket at a time: a bucket has no lock.

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"gongkai/internal/build"
	"gongkai/internal/diag"
)

// S3Config says how to reach a bucket. Credentials come from the
// standard AWS environment variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_PROFILE, …) or the shared configuration
// (~/.aws/config, ~/.aws/credentials).
type S3Config struct {
	Endpoint string // the store's URL; "" for AWS or AWS_ENDPOINT_URL_S3. Addressed path-style
	Region   string // "" for AWS_REGION or the shared configuration, else us-east-1
}

// DefaultMaxDeletes is how many objects a publish may delete from a
// bucket when not told.
const DefaultMaxDeletes = 100

// workers is how many requests a bucket is sent at once.
const workers = 16

// Transfer is what a publish or rollback did to a bucket.
type Transfer struct {
	Objects   int   // objects sent (PUT)
	Bytes     int64 // their bytes
	Copied    int   // server-side copies: saved to blobs/, or restored from them
	Deleted   int   // objects deleted from the site
	Unchanged int   // files the bucket held already
}

// Bucket is a bucket, or a prefix in one, that releases are published to.
type Bucket struct {
	url    string // s3://bucket/prefix
	bucket string
	prefix string // "" or "kjj/"
	client *s3.Client
	blobs  map[string]bool // hashes in blobs/
	sent   *Transfer       // the publish's or rollback's
	mu     sync.Mutex
}

// Names in a bucket, under its prefix.
const (
	liveKey     = ".gongkai/live.json.gz"
	pendingKey  = ".gongkai/pending.json.gz"
	releasesKey = ".gongkai/releases/"
	blobsKey    = ".gongkai/blobs/"
	hashMeta    = "gongkai-sha256"
)

// state is what a bucket serves (live.json), or what a publish or
// rollback is writing (pending.json).
type state struct {
	Release  string  `json:"release"`
	Previous string  `json:"previous,omitempty"`
	Files    []entry `json:"files"` // every file served, with its hash
	// Saved: every object about to be replaced is in blobs/.
	Saved bool `json:"saved,omitempty"`
	// Unknown are paths an earlier killed publish may or may not have
	// written, still to be written again.
	Unknown []string `json:"unknown,omitempty"`
}

// OpenBucket reaches the bucket that to (s3://BUCKET/PREFIX) names.
func OpenBucket(to string, c S3Config) (*Bucket, error) {
	u, err := url.Parse(to)
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.RawQuery != "" {
		return nil, diag.Errorf("", 0, "--to %s: want s3://BUCKET or s3://BUCKET/PREFIX", to)
	}
	b := &Bucket{url: to, bucket: u.Host, prefix: strings.Trim(u.Path, "/")}
	if b.prefix != "" {
		b.prefix += "/"
	}
	var opts []func(*config.LoadOptions) error
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), opts...)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // what S3-compatible stores accept
	}
	// Stores other than AWS do not all check the newer checksums.
	cfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	cfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	pathStyle := c.Endpoint != "" || os.Getenv("AWS_ENDPOINT_URL_S3") != "" || os.Getenv("AWS_ENDPOINT_URL") != ""
	b.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
		}
		o.UsePathStyle = pathStyle
	})
	return b, nil
}

func (b *Bucket) String() string { return b.url }

func (b *Bucket) ChangesPath(id string) string {
	return strings.TrimSuffix(b.url, "/") + "/" + releasesKey + id + "/changes.json"
}

// Publish builds the site and publishes it to the bucket as a new
// release, sending only what changed.
func (b *Bucket) Publish(o Options) (Report, error) {
	ctx := context.Background()
	if o.Keep == 0 {
		o.Keep = DefaultKeep
	}
	if o.MaxDeletes == 0 {
		o.MaxDeletes = DefaultMaxDeletes
	}
	b.sent = &Transfer{}
	live, pending, ids, err := b.load(ctx)
	if err != nil {
		return Report{}, err
	}
	opt := o.Build
	dir, release, busy, err := uploadDir(&opt)
	if err != nil {
		return Report{}, err
	}
	defer release()
	opt.Out, opt.LinkFrom, opt.Sources = dir, "", true
	rep := Report{Sent: b.sent}
	delivered := false
	opt.Deliver = func(res build.Result) error {
		// Removed before the build cache records its kept files, which
		// the folder's files are links to.
		defer removeTree(dir)
		rep.Build, delivered = res, true
		return b.send(ctx, o, &rep, live, pending, ids, dir)
	}
	res, err := build.Build(opt)
	if !delivered {
		rep.Build = res // the build's errors
	}
	// Another publish of the site holds the upload folder: built without
	// the cache, which says why it took as long.
	rep.Build.CacheBusy = rep.Build.CacheBusy || busy
	return rep, err
}

// uploadDir makes the folder a publish to a bucket builds the site into,
// and sends it from: upload/ in the build cache's folder (opt.Cache),
// where the build can link the files it kept, while no other publish of
// the site holds it; else a temporary folder, and no cache (busy: as
// another publish holds it). release removes what is left of it and
// lets it go.
func uploadDir(opt *build.Options) (dir string, release func(), busy bool, err error) {
	if opt.Cache != "" && os.MkdirAll(opt.Cache, 0o755) == nil {
		dir := filepath.Join(opt.Cache, "upload")
		unlock, err := build.Lock(dir + ".lock")
		if err == nil {
			removeTree(dir) // a killed publish's
			return dir, func() { removeTree(dir); unlock() }, false, nil
		}
		busy = errors.Is(err, build.ErrLocked)
	}
	opt.Cache = ""
	tmp, err := os.MkdirTemp("", "gongkai-publish-")
	if err != nil {
		return "", nil, false, err
	}
	return filepath.Join(tmp, "site"), func() { os.RemoveAll(tmp) }, busy, nil
}

// send sends the build in dir to the bucket as the release after live
// (pending: a publish killed there; ids: the releases the bucket has),
// saying what it did in rep. The build calls it once dir holds the site
// (build.Options.Deliver).
func (b *Bucket) send(ctx context.Context, o Options, rep *Report, live, pending *state, ids []string, dir string) error {
	build.KillPoint("publish:built")
	res := &rep.Build
	prev := live.Release
	var old *manifest
	if prev != "" {
		var err error
		if old, err = b.manifest(ctx, prev); err != nil {
			return err
		}
		was := map[string]string{}
		for _, e := range old.Files {
			was[e.Path] = e.Hash
		}
		for i := range res.Outputs {
			out := &res.Outputs[i]
			out.Linked = was[out.Path] == out.Hash
		}
	}
	now := time.Now
	if o.Clock != nil {
		now = o.Clock
	}
	id := releaseID(now(), res.Outputs, ids)
	rep.Changes = compare(old, res.Outputs, nil) // the release before is in the bucket, not here to read
	rep.Changes.Release, rep.Changes.Previous, rep.Changes.BaseURL = id, prev, res.BaseURL
	rep.Changes.Time = now().UTC().Truncate(time.Second)
	same := prev != "" && rep.Changes.None()
	if same {
		id = prev // a publish completing a killed one, or nothing to do
	}

	// The new release's files, then the fingerprinted CSS and JS of the
	// releases kept, for pages still cached that link them.
	m := newManifest(id, res.Outputs)
	for i, out := range res.Outputs {
		m.Files[i].Hash = out.Hash
	}
	want := &state{Release: id, Previous: prev, Files: slices.Clone(m.Files)}
	kept := keep(ids, prev, o.Keep)
	if err := b.carry(ctx, want, kept); err != nil {
		return err
	}
	p, err := b.plan(ctx, live, pending, want, dir)
	if err != nil {
		return err
	}
	b.sent.Unchanged = p.unchanged
	if len(p.deletes) > o.MaxDeletes {
		return diag.Errorf("", 0, "this publish would delete %d files from %s, more than --max-deletes %d allows: check that the site is whole, then publish with --max-deletes %d", len(p.deletes), b.url, max(o.MaxDeletes, 0), len(p.deletes))
	}
	if o.DryRun || (same && p.empty() && pending == nil) {
		return nil
	}
	err = b.write(ctx, want, p, func() error {
		if same {
			return nil
		}
		if err := b.putJSON(ctx, releasesKey+id+"/manifest.json.gz", m, true); err != nil {
			return err
		}
		return b.putJSON(ctx, releasesKey+id+"/changes.json", rep.Changes, false)
	})
	if err != nil {
		return err
	}
	rep.Installed = !same
	if same {
		return nil
	}
	rep.Pruned, err = b.prune(ctx, append(kept, id))
	return err
}

// Rollback switches the bucket to release id, or to the one the current
// release replaced, copying the files that differ from blobs/.
func (b *Bucket) Rollback(id string) (from, to string, err error) {
	ctx := context.Background()
	b.sent = &Transfer{}
	live, pending, ids, err := b.load(ctx)
	if err != nil {
		return "", "", err
	}
	cur := live.Release
	if len(ids) == 0 {
		return "", "", notWebRoot(b.url)
	}
	switch {
	case id != "" && !slices.Contains(ids, id):
		return cur, "", diag.Errorf("", 0, "there is no release %s in %s (gongkai releases --to %s lists them)", id, b.url+releasesKey, b.url)
	case id != "":
		to = id
	default:
		replaced := ""
		if c := b.changes(ctx, cur); c != nil {
			replaced = c.Previous
		}
		if to = previousRelease(ids, cur, replaced); to == "" {
			return cur, "", diag.Errorf("", 0, "there is no release before %s to roll back to", cur)
		}
	}
	if to == cur && pending == nil {
		return cur, to, nil
	}
	m, err := b.manifest(ctx, to)
	if err != nil {
		return cur, to, err
	}
	want := &state{Release: to, Previous: cur, Files: slices.Clone(m.Files)}
	if err := b.carry(ctx, want, ids); err != nil {
		return cur, to, err
	}
	p, err := b.plan(ctx, live, pending, want, "")
	if err != nil {
		return cur, to, err
	}
	return cur, to, b.write(ctx, want, p, func() error { return nil })
}

// Releases lists the bucket's releases, oldest first.
func (b *Bucket) Releases() ([]Release, error) {
	ctx := context.Background()
	live, _, ids, err := b.load(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, notWebRoot(b.url)
	}
	list := make([]Release, len(ids))
	for i, id := range ids {
		list[i] = Release{ID: id, Current: id == live.Release, Changes: b.changes(ctx, id)}
	}
	return list, nil
}

// load reads what the bucket serves, what a killed publish left pending,
// the releases, and which contents blobs/ holds.
func (b *Bucket) load(ctx context.Context) (live, pending *state, ids []string, err error) {
	live = &state{}
	if _, err := b.getJSON(ctx, liveKey, live); err != nil {
		return nil, nil, nil, err
	}
	p := &state{}
	found, err := b.getJSON(ctx, pendingKey, p)
	if err != nil {
		return nil, nil, nil, err
	}
	if found {
		pending = p
	}
	keys, err := b.list(ctx, releasesKey)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, k := range keys {
		if id, ok := strings.CutSuffix(strings.TrimPrefix(k, releasesKey), "/manifest.json.gz"); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	blobs, err := b.list(ctx, blobsKey)
	if err != nil {
		return nil, nil, nil, err
	}
	b.blobs = map[string]bool{}
	for _, k := range blobs {
		b.blobs[strings.TrimPrefix(k, blobsKey)] = true
	}
	return live, pending, ids, nil
}

// carry adds to want the fingerprinted CSS and JS of the releases kept
// that it does not hold.
func (b *Bucket) carry(ctx context.Context, want *state, kept []string) error {
	has := map[string]bool{}
	for _, e := range want.Files {
		has[e.Path] = true
	}
	for _, id := range kept {
		m, err := b.manifest(ctx, id)
		if err != nil {
			return err
		}
		hash := map[string]string{}
		for _, e := range m.Files {
			hash[e.Path] = e.Hash
		}
		for _, a := range m.Assets {
			if !has[a] && hash[a] != "" {
				has[a] = true
				want.Files = append(want.Files, entry{Path: a, Hash: hash[a]})
			}
		}
	}
	return nil
}

// plan is what a publish or rollback sends, saves and deletes.
type plan struct {
	saves     map[string]string // blob hash → the path holding it now
	unknown   []string          // paths to save by the hash they hold
	phases    [5][]entry        // sent in this order
	local     string            // the build's folder
	fromBlob  map[string]bool   // paths copied from blobs/, not sent from local
	deletes   []string
	unchanged int
}

func (p *plan) empty() bool {
	n := len(p.deletes)
	for _, ph := range p.phases {
		n += len(ph)
	}
	return n == 0
}

// plan compares what the bucket serves (live, and what a killed publish
// may have written, pending) with want.
func (b *Bucket) plan(ctx context.Context, live, pending, want *state, local string) (*plan, error) {
	have := map[string]string{}
	for _, e := range live.Files {
		have[e.Path] = e.Hash
	}
	unknown := map[string]bool{}
	if pending != nil {
		for _, u := range pending.Unknown {
			unknown[u] = true
		}
		if pending.Saved {
			in := map[string]string{}
			for _, e := range pending.Files {
				in[e.Path] = e.Hash
				if have[e.Path] != e.Hash {
					unknown[e.Path] = true
				}
			}
			for p := range have {
				if _, ok := in[p]; !ok {
					unknown[p] = true
				}
			}
		}
	}
	p := &plan{saves: map[string]string{}, local: local, fromBlob: map[string]bool{}}
	wanted := map[string]bool{}
	pages := map[string]bool{}
	for _, e := range want.Files {
		if e.Page {
			pages[e.Path] = true
		}
	}
	replaced := func(path string) {
		switch h, ok := have[path]; {
		case unknown[path]:
			p.unknown = append(p.unknown, path)
		case ok && !b.blobs[h]:
			p.saves[h] = path
		}
	}
	for _, e := range want.Files {
		wanted[e.Path] = true
		if h, ok := have[e.Path]; ok && h == e.Hash && !unknown[e.Path] {
			p.unchanged++
			continue
		}
		replaced(e.Path)
		if local != "" {
			if _, err := os.Stat(filepath.Join(local, filepath.FromSlash(e.Path))); err == nil {
				ph := phase(e.Path, pages)
				p.phases[ph] = append(p.phases[ph], e)
				continue
			}
		}
		p.fromBlob[e.Path] = true
		if !b.blobs[e.Hash] {
			// From a path that holds it now, saved before anything is sent.
			var from string
			for q, h := range have {
				if h == e.Hash && !unknown[q] {
					from = q
					break
				}
			}
			if from == "" {
				return nil, diag.Errorf("", 0, "%s: the bucket no longer holds %s of release %s", b.url, e.Path, want.Release)
			}
			p.saves[e.Hash] = from
		}
		ph := phase(e.Path, pages)
		p.phases[ph] = append(p.phases[ph], e)
	}
	for path := range have {
		if !wanted[path] {
			replaced(path)
			p.deletes = append(p.deletes, path)
		}
	}
	for path := range unknown {
		if _, ok := have[path]; !ok && !wanted[path] {
			p.unknown = append(p.unknown, path)
			p.deletes = append(p.deletes, path)
		}
	}
	slices.Sort(p.deletes)
	p.deletes = slices.Compact(p.deletes)
	slices.Sort(p.unknown)
	p.unknown = slices.Compact(p.unknown)
	for i := range p.phases {
		slices.SortFunc(p.phases[i], func(a, b entry) int { return cmp.Compare(a.Path, b.Path) })
	}
	return p, nil
}

// phase says when a file is sent: 0 assets and attachments, 1 pages, 2
// lists (other HTML), 3 feeds, robots.txt and the parts of a large
// site's sitemap, 4 sitemap.xml.
func phase(p string, pages map[string]bool) int {
	base := strings.TrimSuffix(p, ".gz")
	switch {
	case path.Base(base) == "sitemap.xml":
		return 4
	case strings.HasSuffix(base, ".xml") || base == "robots.txt":
		return 3
	case pages[base]:
		return 1
	case strings.HasSuffix(base, ".html"):
		return 2
	}
	return 0
}

// write takes the bucket from what it serves to want as p says; commit
// runs once every file is in place, before live.json is written.
func (b *Bucket) write(ctx context.Context, want *state, p *plan, commit func() error) error {
	want.Unknown = p.unknown
	if err := b.putJSON(ctx, pendingKey, want, true); err != nil {
		return err
	}
	build.KillPoint("publish:staged")
	saves := make([]string, 0, len(p.saves))
	for h := range p.saves {
		saves = append(saves, h)
	}
	slices.Sort(saves)
	err := parallel(saves, func(h string) error { return b.copy(ctx, p.saves[h], blobsKey+h, nil) })
	if err == nil {
		err = parallel(p.unknown, func(path string) error { return b.saveUnknown(ctx, path) })
	}
	if err != nil {
		return err
	}
	want.Saved = true
	if err := b.putJSON(ctx, pendingKey, want, true); err != nil {
		return err
	}
	build.KillPoint("publish:saved")
	var n atomic.Int64
	for i, ph := range p.phases {
		err := parallel(ph, func(e entry) error {
			var err error
			if !p.fromBlob[e.Path] {
				err = b.putFile(ctx, e, filepath.Join(p.local, filepath.FromSlash(e.Path)))
			} else {
				err = b.copy(ctx, blobsKey+e.Hash, e.Path, &e)
			}
			if err == nil {
				build.KillPoint(fmt.Sprintf("publish:sent:%d", n.Add(1)))
			}
			return err
		})
		if err != nil {
			return err
		}
		build.KillPoint([]string{"publish:assets", "publish:pages", "publish:lists", "publish:feeds", "publish:sitemap"}[i])
	}
	if err := parallel(p.deletes, func(path string) error { return b.delete(ctx, path) }); err != nil {
		return err
	}
	build.KillPoint("publish:deleted")
	if err := commit(); err != nil {
		return err
	}
	live := &state{Release: want.Release, Previous: want.Previous, Files: want.Files}
	if err := b.putJSON(ctx, liveKey, live, true); err != nil {
		return err
	}
	if err := b.delete(ctx, pendingKey); err != nil {
		return err
	}
	build.KillPoint("publish:switched")
	return nil
}

// saveUnknown saves what path holds, by the hash it was sent with, when
// blobs/ does not hold it yet.
func (b *Bucket) saveUnknown(ctx context.Context, p string) error {
	out, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + p)})
	if notFound(err) {
		return nil
	}
	if err != nil {
		return b.errorf(p, err)
	}
	h := out.Metadata[hashMeta]
	b.mu.Lock()
	saved := h == "" || b.blobs[h]
	b.mu.Unlock()
	if saved {
		return nil
	}
	return b.copy(ctx, p, blobsKey+h, nil)
}

// prune removes the releases not in kept, and the blobs no kept release
// holds.
func (b *Bucket) prune(ctx context.Context, kept []string) ([]string, error) {
	keys, err := b.list(ctx, releasesKey)
	if err != nil {
		return nil, err
	}
	var pruned, gone []string
	for _, k := range keys {
		id, _, _ := strings.Cut(strings.TrimPrefix(k, releasesKey), "/")
		if !slices.Contains(kept, id) {
			gone = append(gone, k)
			if !slices.Contains(pruned, id) {
				pruned = append(pruned, id)
			}
		}
	}
	held := map[string]bool{}
	for _, id := range kept {
		m, err := b.manifest(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, e := range m.Files {
			held[e.Hash] = true
		}
	}
	for h := range b.blobs {
		if !held[h] {
			gone = append(gone, blobsKey+h)
		}
	}
	slices.Sort(gone)
	if err := parallel(gone, func(k string) error { return b.delete(ctx, k) }); err != nil {
		return nil, err
	}
	build.KillPoint("publish:pruned")
	return pruned, nil
}

func (b *Bucket) manifest(ctx context.Context, id string) (*manifest, error) {
	m := &manifest{}
	found, err := b.getJSON(ctx, releasesKey+id+"/manifest.json.gz", m)
	if err == nil && !found {
		err = diag.Errorf("", 0, "%s: release %s has no manifest", b.url, id)
	}
	return m, err
}

func (b *Bucket) changes(ctx context.Context, id string) *Changes {
	c := &Changes{}
	if found, err := b.getJSON(ctx, releasesKey+id+"/changes.json", c); !found || err != nil {
		return nil
	}
	return c
}

// putFile sends one file of the build, with the headers its name calls for.
func (b *Bucket) putFile(ctx context.Context, e entry, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	ctype, cache, enc := headers(e.Path)
	in := &s3.PutObjectInput{
		Bucket: &b.bucket, Key: aws.String(b.prefix + e.Path), Body: bytes.NewReader(data),
		ContentType: &ctype, CacheControl: &cache, Metadata: map[string]string{hashMeta: e.Hash},
	}
	if enc != "" {
		in.ContentEncoding = &enc
	}
	if _, err := b.client.PutObject(ctx, in); err != nil {
		return b.errorf(e.Path, err)
	}
	b.mu.Lock()
	b.sent.Objects++
	b.sent.Bytes += int64(len(data))
	b.mu.Unlock()
	return nil
}

// copy copies from to to inside the bucket; to a site file e, with its
// headers, else (to blobs/) as it is.
func (b *Bucket) copy(ctx context.Context, from, to string, e *entry) error {
	var src strings.Builder
	src.WriteString(b.bucket)
	for seg := range strings.SplitSeq(b.prefix+from, "/") {
		src.WriteString("/" + url.PathEscape(seg))
	}
	in := &s3.CopyObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + to), CopySource: aws.String(src.String())}
	if e != nil {
		ctype, cache, enc := headers(e.Path)
		in.MetadataDirective = types.MetadataDirectiveReplace
		in.ContentType, in.CacheControl, in.Metadata = &ctype, &cache, map[string]string{hashMeta: e.Hash}
		if enc != "" {
			in.ContentEncoding = &enc
		}
	}
	if _, err := b.client.CopyObject(ctx, in); err != nil {
		return b.errorf(from, err)
	}
	b.mu.Lock()
	b.sent.Copied++
	if h, ok := strings.CutPrefix(to, blobsKey); ok {
		b.blobs[h] = true
	}
	b.mu.Unlock()
	return nil
}

func (b *Bucket) delete(ctx context.Context, key string) error {
	if _, err := b.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)}); err != nil {
		return b.errorf(key, err)
	}
	if !strings.HasPrefix(key, ".gongkai/") {
		b.mu.Lock()
		b.sent.Deleted++
		b.mu.Unlock()
	}
	return nil
}

// list returns the keys under dir, relative to the prefix.
func (b *Bucket) list(ctx context.Context, dir string) ([]string, error) {
	var keys []string
	pages := s3.NewListObjectsV2Paginator(b.client, &s3.ListObjectsV2Input{Bucket: &b.bucket, Prefix: aws.String(b.prefix + dir)})
	for pages.HasMorePages() {
		out, err := pages.NextPage(ctx)
		if err != nil {
			return nil, b.errorf(dir, err)
		}
		for _, o := range out.Contents {
			keys = append(keys, strings.TrimPrefix(aws.ToString(o.Key), b.prefix))
		}
	}
	return keys, nil
}

// getJSON reads key into v, gunzipping a .gz; false when there is no key.
func (b *Bucket) getJSON(ctx context.Context, key string, v any) (bool, error) {
	out, err := b.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)})
	if notFound(err) {
		return false, nil
	}
	if err != nil {
		return false, b.errorf(key, err)
	}
	defer out.Body.Close()
	r := out.Body
	if strings.HasSuffix(key, ".gz") {
		zr, err := gzip.NewReader(out.Body)
		if err != nil {
			return false, diag.Errorf("", 0, "%s%s: %v", b.url, key, err)
		}
		r = zr
	}
	if err := json.NewDecoder(r).Decode(v); err != nil {
		return false, diag.Errorf("", 0, "%s%s: %v", b.url, key, err)
	}
	return true, nil
}

func (b *Bucket) putJSON(ctx context.Context, key string, v any, gz bool) error {
	var buf bytes.Buffer
	if gz {
		zw := gzip.NewWriter(&buf)
		if err := json.NewEncoder(zw).Encode(v); err != nil {
			return err
		}
		zw.Close()
	} else {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(append(data, '\n'))
	}
	in := &s3.PutObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key), Body: bytes.NewReader(buf.Bytes()),
		ContentType: aws.String("application/json"), CacheControl: aws.String("no-store")}
	if gz {
		in.ContentType = aws.String("application/gzip")
	}
	if _, err := b.client.PutObject(ctx, in); err != nil {
		return b.errorf(key, err)
	}
	return nil
}

func (b *Bucket) errorf(key string, err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return diag.Errorf("", 0, "%s%s: %s: %s", "s3://"+b.bucket+"/"+b.prefix, key, ae.ErrorCode(), ae.ErrorMessage())
	}
	return diag.Errorf("", 0, "%s%s: %v", "s3://"+b.bucket+"/"+b.prefix, key, err)
}

func notFound(err error) bool {
	var nk *types.NoSuchKey
	var nf *types.NotFound
	var ae smithy.APIError
	return errors.As(err, &nk) || errors.As(err, &nf) || (errors.As(err, &ae) && (ae.ErrorCode() == "NoSuchKey" || ae.ErrorCode() == "NotFound"))
}

// parallel runs f on each of list, workers at a time, and returns the
// first error.
func parallel[T any](list []T, f func(T) error) error {
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		first error
		once  sync.Once
	)
	for range min(workers, len(list)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(list) {
					return
				}
				if err := f(list[i]); err != nil {
					once.Do(func() { first = err })
					next.Store(int64(len(list)))
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

var fingerprintName = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)(\.gz)?$`)

// headers returns the Content-Type, Cache-Control and Content-Encoding a
// file is served with: a .gz is its original's type, gzip-encoded.
func headers(p string) (ctype, cache, encoding string) {
	base := p
	if b, ok := strings.CutSuffix(p, ".gz"); ok {
		base, encoding = b, "gzip"
	}
	ext := path.Ext(base)
	switch ext {
	case ".html":
		ctype = "text/html; charset=utf-8"
	case ".css":
		ctype = "text/css; charset=utf-8"
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".json":
		ctype = "application/json"
	case ".csv":
		ctype = "text/csv; charset=utf-8"
	case ".txt":
		ctype = "text/plain; charset=utf-8"
	case ".xml":
		ctype = "application/xml"
		if path.Base(base) == "atom.xml" {
			ctype = "application/atom+xml"
		}
	default:
		ctype = mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
	}
	switch {
	case fingerprintName.MatchString(p):
		cache = "public, max-age=31536000, immutable"
	case ext == ".html" || ext == ".xml" || base == "robots.txt" || strings.HasPrefix(base, "search/"):
		// Pages, lists and the search index change with every release.
		cache = "public, max-age=60"
	default:
		cache = "public, max-age=3600"
	}
	return ctype, cache, encoding
}
