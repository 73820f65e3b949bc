package publish

import (
	"path/filepath"
	"strings"
)

// A Target is where releases are installed: a web root (publish.go) or an
// S3-compatible bucket (s3.go). gongkai publish, rollback and releases
// choose one by the scheme of --to and do the same with either.
type Target interface {
	Publish(Options) (Report, error)
	// Rollback switches to release id, or to the one the current one
	// replaced when id is "", and returns the releases switched from and to.
	Rollback(id string) (from, to string, err error)
	Releases() ([]Release, error) // oldest first
	// ChangesPath says where the changes.json of release id is kept.
	ChangesPath(id string) string
	String() string
}

// Open returns the target --to names: s3://BUCKET/PREFIX, a bucket
// reached with c; anything else, a web root.
func Open(to string, c S3Config) (Target, error) {
	if strings.HasPrefix(to, "s3://") {
		return OpenBucket(to, c)
	}
	return WebRoot(to), nil
}

// WebRoot is a folder of releases a web server serves current/ of.
type WebRoot string

func (w WebRoot) Publish(o Options) (Report, error) {
	o.WebRoot = string(w)
	return Publish(o)
}

func (w WebRoot) Rollback(id string) (string, string, error) { return Rollback(string(w), id) }
func (w WebRoot) Releases() ([]Release, error)               { return Releases(string(w)) }
func (w WebRoot) String() string                             { return string(w) }

func (w WebRoot) ChangesPath(id string) string {
	return filepath.Join(string(w), releasesDir, id, filepath.FromSlash(changesFile))
}
