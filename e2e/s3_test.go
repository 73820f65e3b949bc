//go:build linux

package e2e

// The tests of gongkai publish --to s3://… (issue 16) against a real
// S3-compatible store: SeaweedFS's `weed`, which .ci/run installs, started
// on loopback with its S3 gateway, which also answers plain HTTP GETs.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"gongkai/internal/build"
	"gongkai/internal/publish"
)

// store is a running weed with one bucket.
type store struct {
	endpoint string // http://127.0.0.1:PORT
	bucket   string
	client   *s3.Client
}

func findWeed() (string, bool) {
	if p := os.Getenv("WEED"); p != "" {
		return p, fileExists(p)
	}
	if p, err := exec.LookPath("weed"); err == nil {
		return p, true
	}
	return "", false
}

// freePorts returns n distinct free loopback ports. The listeners are
// held until all are chosen: closed one by one, the kernel may hand
// the same port out twice (weed then fails to bind it).
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// startStore starts weed (master, volume, filer, S3 gateway) on free
// loopback ports with its data in a temporary folder, until the test
// ends, and makes a bucket.
func startStore(t *testing.T) *store {
	t.Helper()
	weed, ok := findWeed()
	require(t, ok, "weed (SeaweedFS) not found")
	t.Setenv("AWS_ACCESS_KEY_ID", "gongkai")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "gongkai-secret")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	dir := t.TempDir()
	// The publisher's key may write; anyone may read, as a CDN would.
	s3conf := filepath.Join(dir, "s3.json")
	if err := os.WriteFile(s3conf, []byte(`{"identities": [
  {"name": "anonymous", "actions": ["Read"]},
  {"name": "publisher", "credentials": [{"accessKey": "gongkai", "secretKey": "gongkai-secret"}], "actions": ["Admin", "Read", "List", "Write", "Tagging"]}
]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// A port chosen free may be taken by another process before weed
	// binds it; weed then exits, and is started again on other ports.
	var s *store
	for attempt := 1; s == nil; attempt++ {
		s = startWeed(t, weed, s3conf, attempt == 3)
	}
	return s
}

// startWeed starts weed on fresh ports and makes the bucket. It returns
// nil if weed exited before that, unless last, when the test fails.
func startWeed(t *testing.T, weed, s3conf string, last bool) *store {
	t.Helper()
	data := t.TempDir()
	ports := freePorts(t, 8) // master, volume, filer, s3; then their gRPC ports
	args := []string{"server", "-dir=" + data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-master.telemetry=false",
		fmt.Sprintf("-master.port=%d", ports[0]), fmt.Sprintf("-master.port.grpc=%d", ports[4]),
		fmt.Sprintf("-volume.port=%d", ports[1]), fmt.Sprintf("-volume.port.grpc=%d", ports[5]),
		fmt.Sprintf("-filer.port=%d", ports[2]), fmt.Sprintf("-filer.port.grpc=%d", ports[6]),
		"-s3", "-s3.config=" + s3conf, fmt.Sprintf("-s3.port=%d", ports[3]), fmt.Sprintf("-s3.port.grpc=%d", ports[7]),
		"-s3.port.iceberg=0", "-s3.port.lance=0", "-master.volumeSizeLimitMB=64", "-volume.max=0"}
	var out syncBuffer
	cmd := exec.Command(weed, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting weed: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	s := &store{endpoint: fmt.Sprintf("http://127.0.0.1:%d", ports[3]), bucket: "site"}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	s.client = s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(s.endpoint); o.UsePathStyle = true })
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := s.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: &s.bucket})
		if err == nil {
			return s
		}
		select {
		case <-exited:
			if !last {
				t.Logf("weed exited before its S3 gateway made a bucket; starting it again on other ports:\n%s", out.String())
				return nil
			}
			t.Fatalf("weed exited before its S3 gateway made a bucket: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("weed's S3 gateway did not make a bucket within 60s: %v\n%s", err, out.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer that weed's output and the test may use
// at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (s *store) target(t *testing.T, prefix string) *publish.Bucket {
	t.Helper()
	b, err := publish.OpenBucket("s3://"+s.bucket+"/"+prefix, publish.S3Config{Endpoint: s.endpoint})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (s *store) publish(t *testing.T, b *publish.Bucket, dir string, o publish.Options) publish.Report {
	t.Helper()
	o.Build.Site = os.DirFS(dir)
	rep, err := b.Publish(o)
	if err != nil {
		t.Fatalf("publish %s to %s: %v", dir, b, err)
	}
	return rep
}

// keys lists the objects under prefix, with their hashes as gongkai
// sent them (the gongkai-sha256 metadata is checked against the bytes by
// readBack).
func (s *store) keys(t *testing.T, prefix string) []string {
	t.Helper()
	var keys []string
	pages := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: &s.bucket, Prefix: aws.String(prefix)})
	for pages.HasMorePages() {
		out, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out.Contents {
			keys = append(keys, strings.TrimPrefix(aws.ToString(o.Key), prefix))
		}
	}
	return keys
}

// site lists the files of the site in the bucket, without gongkai's own.
func (s *store) site(t *testing.T, prefix string) map[string]bool {
	m := map[string]bool{}
	for _, k := range s.keys(t, prefix) {
		if !strings.HasPrefix(k, ".gongkai/") {
			m[k] = true
		}
	}
	return m
}

// plainHTTP does not ask for gzip, nor undo a Content-Encoding: the body
// is the object as stored.
var plainHTTP = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// httpGet reads a key over plain HTTP, as a CDN would.
func (s *store) httpGet(key string) (*http.Response, []byte, error) {
	resp, err := plainHTTP.Get(s.endpoint + "/" + s.bucket + "/" + key)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// readBack reads every file of the build back over the S3 API and over
// plain HTTP, and checks its bytes and headers.
func (s *store) readBack(t *testing.T, prefix string, outputs []build.Output) {
	t.Helper()
	var problems []string
	var mu sync.Mutex
	fail := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	work := make(chan build.Output)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for o := range work {
				key := prefix + o.Path
				wantType, wantCache, wantEnc := expectHeaders(o.Path)
				out, err := s.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: &s.bucket, Key: &key})
				if err != nil {
					fail("%s: S3 GET: %v", key, err)
					continue
				}
				body, _ := io.ReadAll(out.Body)
				out.Body.Close()
				sum := sha256.Sum256(body)
				switch {
				case hex.EncodeToString(sum[:]) != o.Hash:
					fail("%s: S3 GET: other content than the build's", key)
				case aws.ToString(out.ContentType) != wantType:
					fail("%s: Content-Type %q, want %q", key, aws.ToString(out.ContentType), wantType)
				case aws.ToString(out.CacheControl) != wantCache:
					fail("%s: Cache-Control %q, want %q", key, aws.ToString(out.CacheControl), wantCache)
				case aws.ToString(out.ContentEncoding) != wantEnc:
					fail("%s: Content-Encoding %q, want %q", key, aws.ToString(out.ContentEncoding), wantEnc)
				case out.Metadata["gongkai-sha256"] != o.Hash:
					fail("%s: gongkai-sha256 %q, want %q", key, out.Metadata["gongkai-sha256"], o.Hash)
				}
				resp, hbody, err := s.httpGet(key)
				if err != nil {
					fail("%s: HTTP GET: %v", key, err)
					continue
				}
				if resp.StatusCode != 200 || !bytes.Equal(hbody, body) || resp.Header.Get("Content-Type") != wantType || resp.Header.Get("Cache-Control") != wantCache || resp.Header.Get("Content-Encoding") != wantEnc {
					fail("%s: HTTP GET: %d, %d bytes (S3: %d), Content-Type %q, Cache-Control %q", key, resp.StatusCode, len(hbody), len(body), resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
				}
			}
		})
	}
	for _, o := range outputs {
		work <- o
	}
	close(work)
	wg.Wait()
	for i, p := range problems {
		if i == 20 {
			t.Errorf("… and %d more", len(problems)-20)
			break
		}
		t.Error(p)
	}
}

// expectHeaders is what a file must be served with, written out here
// apart from package publish's own table.
func expectHeaders(p string) (ctype, cache, enc string) {
	base := strings.TrimSuffix(p, ".gz")
	if base != p {
		enc = "gzip"
	}
	types := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
		".js": "text/javascript; charset=utf-8", ".json": "application/json", ".csv": "text/csv; charset=utf-8",
		".txt": "text/plain; charset=utf-8", ".xml": "application/xml", ".pdf": "application/pdf",
		".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/vnd.microsoft.icon",
		".bin": "application/octet-stream"}
	ext := filepath.Ext(base)
	ctype = types[ext]
	if filepath.Base(base) == "atom.xml" {
		ctype = "application/atom+xml"
	}
	switch {
	case fingerprintRE.MatchString(base) && strings.Count(filepath.Base(base), ".") == 2:
		cache = "public, max-age=31536000, immutable"
	case ext == ".html" || ext == ".xml" || base == "robots.txt" || strings.HasPrefix(base, "search/"):
		cache = "public, max-age=60"
	default:
		cache = "public, max-age=3600"
	}
	return
}

// TestS3ExampleSite publishes the example site to a bucket and reads
// every file back, over the S3 API and over plain HTTP.
func TestS3ExampleSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startStore(t)
	b := s.target(t, "kjj")
	rep := s.publish(t, b, repoRoot(t), publish.Options{})
	if !rep.Installed || rep.Sent.Objects != len(rep.Build.Outputs) {
		t.Errorf("first publish: installed %v, %d objects sent for %d files", rep.Installed, rep.Sent.Objects, len(rep.Build.Outputs))
	}
	s.readBack(t, "kjj/", rep.Build.Outputs)
	if have, want := len(s.site(t, "kjj/")), len(rep.Build.Outputs); have != want {
		t.Errorf("the bucket holds %d files of the site, want %d", have, want)
	}
	// Nothing changed: nothing sent.
	again := s.publish(t, b, repoRoot(t), publish.Options{})
	if again.Installed || again.Sent.Objects+again.Sent.Copied+again.Sent.Deleted != 0 {
		t.Errorf("publishing the same site again: installed %v, sent %+v", again.Installed, *again.Sent)
	}
}

// TestS3LargeSite publishes a 2,000-page site, reads it all back, then
// publishes a one-page change (only that page's files are sent, and the
// rest taken from the build cache), removes a page (deleted last, within
// --max-deletes) and rolls back.
func TestS3LargeSite(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startStore(t)
	dir := t.TempDir()
	writeLargeSite(t, dir, 2000, "版本1", "")
	b := s.target(t, "kjj")
	cached := publish.Options{Build: build.Options{Cache: filepath.Join(dir, build.CacheDir)}}
	start := time.Now()
	full := s.publish(t, b, dir, cached)
	t.Logf("full publish: %d files, %d objects sent (%d bytes) in %v", len(full.Build.Outputs), full.Sent.Objects, full.Sent.Bytes, time.Since(start).Round(time.Millisecond))
	s.readBack(t, "kjj/", full.Build.Outputs)

	page := "content/news/p000004.md"
	appendTo(t, filepath.Join(dir, page), "\n新增一段。\n")
	start = time.Now()
	one := s.publish(t, b, dir, cached)
	if one.Build.Reused < len(one.Build.Outputs)*9/10 {
		t.Errorf("one-page publish: %d of %d files taken from the build cache", one.Build.Reused, len(one.Build.Outputs))
	}
	if _, err := os.Lstat(filepath.Join(cached.Build.Cache, "upload")); err == nil {
		t.Error("the folder the publish sent was left in the build cache")
	}
	// What was sent is what a build without the cache makes.
	clean, err := build.Build(build.Options{Site: os.DirFS(dir), Out: filepath.Join(t.TempDir(), "clean"), Sources: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(clean.Outputs) != len(one.Build.Outputs) {
		t.Fatalf("a build without the cache made %d files, the publish %d", len(clean.Outputs), len(one.Build.Outputs))
	}
	for i, o := range clean.Outputs {
		if have := one.Build.Outputs[i]; have.Path != o.Path || have.Hash != o.Hash {
			t.Errorf("published %s %.12s; a build without the cache makes %s %.12s", have.Path, have.Hash, o.Path, o.Hash)
		}
	}
	changed := 0
	for _, o := range one.Build.Outputs {
		if !o.Linked {
			changed++
		}
	}
	t.Logf("one-page publish: %d objects sent (%d bytes), %d copied, in %v", one.Sent.Objects, one.Sent.Bytes, one.Sent.Copied, time.Since(start).Round(time.Millisecond))
	// The page and its .gz, and the few files of the search index that
	// hold the words added: index.json, and for each of the 7 tokens of
	// 「新增一段」 (新增 增一 一段 新 增 一 段) its dictionary and its pack.
	if one.Sent.Objects != changed || changed < 2 || changed > 2+1+2*7 || len(one.Changes.Changed) != 1 {
		t.Errorf("one-page change: %d objects sent, %d files changed, pages changed %v; want the page, its .gz and a few search index files", one.Sent.Objects, changed, one.Changes.Changed)
	}
	s.readBack(t, "kjj/", one.Build.Outputs)

	// Removing pages: refused above --max-deletes, deleted once allowed.
	for i := 3; i < 2000; i += 500 {
		if err := os.Remove(filepath.Join(dir, fmt.Sprintf("content/%s/p%06d.md", []string{"reports", "notices", "policies", "annual", "news"}[i%5], i))); err != nil {
			t.Fatal(err)
		}
	}
	before := s.site(t, "kjj/")
	if _, err := b.Publish(publish.Options{Build: build.Options{Site: os.DirFS(dir)}, MaxDeletes: 3}); err == nil || !strings.Contains(err.Error(), "--max-deletes") {
		t.Errorf("deleting 8 files with --max-deletes 3: %v", err)
	}
	if after := s.site(t, "kjj/"); len(after) != len(before) {
		t.Errorf("a refused publish changed the bucket: %d files, was %d", len(after), len(before))
	}
	del := s.publish(t, b, dir, publish.Options{MaxDeletes: 8})
	if del.Sent.Deleted != 8 || len(del.Changes.Removed) != 4 {
		t.Errorf("removing 4 pages: %d deleted, removed %v", del.Sent.Deleted, del.Changes.Removed)
	}
	s.readBack(t, "kjj/", del.Build.Outputs)

	// Rollback: back to the release with the 4 pages, copied in the bucket.
	from, to, err := b.Rollback("")
	if err != nil || from != del.Changes.Release || to != one.Changes.Release {
		t.Fatalf("rollback: from %s to %s, %v; want from %s to %s", from, to, err, del.Changes.Release, one.Changes.Release)
	}
	s.readBack(t, "kjj/", one.Build.Outputs)
	if have, want := len(s.site(t, "kjj/")), len(one.Build.Outputs); have != want {
		t.Errorf("after rollback the bucket holds %d files, want %d", have, want)
	}
	// Rolled back twice more: to the first release, without the new paragraph.
	if _, _, err := b.Rollback(full.Changes.Release); err != nil {
		t.Fatal(err)
	}
	s.readBack(t, "kjj/", full.Build.Outputs)
	list, err := b.Releases()
	if err != nil || len(list) != 3 || !list[0].Current {
		t.Errorf("releases: %+v, %v", list, err)
	}
}

// gongkaiBinary builds the gongkai command once, for the crash tests.
var gongkaiBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gongkai-e2e-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "gongkai")
	out, err := exec.Command("go", "build", "-o", bin, "gongkai/cmd/gongkai").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%v\n%s", err, out)
	}
	return bin, nil
})

// TestS3KilledPublish kills a publish at each of its kill points: the
// bucket must serve whole files of the old release or the new one, every
// page finding the stylesheet it links, and the next publish must leave
// exactly the new release.
func TestS3KilledPublish(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startStore(t)
	bin, err := gongkaiBinary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	baseCSS, err := os.ReadFile(filepath.Join(repoRoot(t), "themes/default/static/css/site.css"))
	if err != nil {
		t.Fatal(err)
	}
	points := []string{"publish:built", "publish:staged", "publish:saved", "publish:sent:3", "publish:assets", "publish:sent:40", "publish:pages", "publish:lists", "publish:deleted", "publish:switched", "publish:pruned"}
	write := func(version int) {
		// Each release removes 5 pages, which the lists of the one before link
		// (writeLargeSite links pages in a ring, whole for n a multiple of 5).
		os.RemoveAll(filepath.Join(dir, "content"))
		writeLargeSite(t, dir, 100-5*version, fmt.Sprintf("版本%d", version), fmt.Sprintf("%s\n/* release %d */\n", baseCSS, version))
	}
	tmp := t.TempDir()
	run := func(version int, killpoint string) ([]byte, error) {
		write(version)
		cmd := exec.Command(bin, "publish", "-s", dir, "--to", "s3://site/kjj", "--endpoint", s.endpoint, "--keep", "2")
		// A killed publish leaves its build in TMPDIR: the test's, removed
		// with it.
		cmd.Env = append(os.Environ(), "GONGKAI_KILLPOINT="+killpoint, "GONGKAI_LANG=en", "TMPDIR="+tmp)
		return cmd.CombinedOutput()
	}
	if out, err := run(0, ""); err != nil {
		t.Fatalf("publish: %v\n%s", err, out)
	}
	for i, point := range points {
		out, err := run(i+1, point)
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("GONGKAI_KILLPOINT=%s: publish was not killed: %v\n%s", point, err, out)
		}
		for _, p := range s.consistency(t, "kjj/") {
			t.Errorf("killed at %s: %s", point, p)
		}
		// The next publish completes the bucket: the same site again, or
		// every other time the site of the release before, as if the
		// editor undid the change: what the killed one sent must go.
		if i%2 == 1 {
			write(i)
		}
		cmd := exec.Command(bin, "publish", "-s", dir, "--to", "s3://site/kjj", "--endpoint", s.endpoint, "--keep", "2")
		cmd.Env = append(os.Environ(), "GONGKAI_LANG=en")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("publish after a kill at %s: %v\n%s", point, err, out)
		}
		res, err := build.Build(build.Options{Site: os.DirFS(dir), Out: filepath.Join(t.TempDir(), "out"), Sources: true})
		if err != nil {
			t.Fatal(err)
		}
		s.readBack(t, "kjj/", res.Outputs)
		made := map[string]bool{}
		for _, o := range res.Outputs {
			made[o.Path] = true
		}
		for key := range s.site(t, "kjj/") {
			// Besides the release: the CSS and JS of the one kept.
			if !made[key] && !fingerprintRE.MatchString(key) {
				t.Errorf("after completing a publish killed at %s, the bucket still holds %s", point, key)
			}
		}
		for _, p := range s.consistency(t, "kjj/") {
			t.Errorf("after completing a publish killed at %s: %s", point, p)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
}

// consistency checks every page of the bucket (HTML under prefix): each
// stylesheet and script it links is served, and is the one it was built
// with, and each page it links is there.
func (s *store) consistency(t *testing.T, prefix string) []string {
	t.Helper()
	var problems []string
	keys := s.site(t, prefix)
	for key := range keys {
		if !strings.HasSuffix(key, ".html") {
			continue
		}
		resp, body, err := s.httpGet(prefix + key)
		if err != nil || resp.StatusCode != 200 || !bytes.HasSuffix(body, []byte("</html>\n")) {
			problems = append(problems, fmt.Sprintf("%s: not a whole page (%v)", key, err))
			continue
		}
		problems = append(problems, s.assetProblems(prefix, key, body)...)
		for _, m := range siteLinkRE.FindAllStringSubmatch(string(body), -1) {
			target := m[1]
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if !keys[target] {
				problems = append(problems, fmt.Sprintf("%s links /kjj/%s, which the bucket does not hold", key, m[1]))
			}
		}
	}
	return problems
}

var siteLinkRE = regexp.MustCompile(`href="/kjj/([^"#?]*)"`)

// assetProblems checks the fingerprinted CSS and JS a page links.
func (s *store) assetProblems(prefix, key string, body []byte) []string {
	var problems []string
	for _, m := range fingerprintRE.FindAllStringSubmatch(string(body), -1) {
		asset := prefix + strings.TrimPrefix(m[0], "/kjj/")
		resp, css, err := s.httpGet(asset)
		sum := sha256.Sum256(css)
		switch {
		case err != nil || resp.StatusCode != 200:
			problems = append(problems, fmt.Sprintf("%s, linked by %s: missing (%v)", asset, key, err))
		case hex.EncodeToString(sum[:5]) != m[1]:
			problems = append(problems, fmt.Sprintf("%s, linked by %s, holds another stylesheet", asset, key))
		}
	}
	return problems
}

// TestS3ZeroDowntime publishes a site 10 times and rolls back once while
// four clients read pages over HTTP and the stylesheets they link: none
// may be missing, and each page's stylesheet must be its own release's.
func TestS3ZeroDowntime(t *testing.T) {
	_ = os.Getenv("GONGKAI_E2E_RUN")
	s := startStore(t)
	dir := t.TempDir()
	baseCSS, err := os.ReadFile(filepath.Join(repoRoot(t), "themes/default/static/css/site.css"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	release := func(i int) {
		writeLargeSite(t, dir, n, fmt.Sprintf("版本%d", i), fmt.Sprintf("%s\n/* release %d */\n", baseCSS, i))
	}
	b := s.target(t, "kjj")
	release(0)
	s.publish(t, b, dir, publish.Options{})
	var paths []string
	for i := 0; i < n; i += 7 {
		paths = append(paths, fmt.Sprintf("%s/p%06d/index.html", []string{"reports", "notices", "policies", "annual", "news"}[i%5], i))
	}
	paths = append(paths, "index.html", "notices/index.html", "data/ds001/index.html")
	var requests, failures atomic.Int64
	var mu sync.Mutex
	var problems []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for {
				select {
				case <-stop:
					return
				default:
				}
				p := paths[r.IntN(len(paths))]
				resp, body, err := s.httpGet("kjj/" + p)
				requests.Add(1)
				var found []string
				if err != nil || resp.StatusCode != 200 || !bytes.HasSuffix(body, []byte("</html>\n")) {
					found = append(found, fmt.Sprintf("%s: %v", p, err))
				} else {
					found = s.assetProblems("kjj/", p, body)
					requests.Add(int64(len(fingerprintRE.FindAllString(string(body), -1))))
				}
				if len(found) > 0 {
					failures.Add(1)
					mu.Lock()
					if len(problems) < 20 {
						problems = append(problems, found...)
					}
					mu.Unlock()
				}
			}
		})
	}
	start := time.Now()
	for i := 1; i <= 10; i++ {
		release(i)
		s.publish(t, b, dir, publish.Options{})
		if i == 6 {
			if _, _, err := b.Rollback(""); err != nil {
				t.Errorf("rollback: %v", err)
			}
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("10 publishes and 1 rollback in %v; %d requests, %d failed", time.Since(start).Round(time.Millisecond), requests.Load(), failures.Load())
	for _, p := range problems {
		t.Error(p)
	}
	if requests.Load() < 1000 {
		t.Errorf("only %d requests: the clients hardly ran", requests.Load())
	}
}

// TestS3Numbers10k reports objects, bytes and time for a full and a
// one-page publish of a 10,000-page site (GONGKAI_S3_NUMBERS=1; not timed
// as a pass or fail).
func TestS3Numbers10k(t *testing.T) {
	if os.Getenv("GONGKAI_S3_NUMBERS") == "" {
		t.Skip("set GONGKAI_S3_NUMBERS=1 to measure a 10,000-page publish")
	}
	s := startStore(t)
	dir := t.TempDir()
	writeLargeSite(t, dir, 10000, "版本1", "")
	b := s.target(t, "big")
	cached := publish.Options{Build: build.Options{Cache: filepath.Join(dir, build.CacheDir)}}
	start := time.Now()
	full := s.publish(t, b, dir, cached)
	t.Logf("full publish of %d pages: %d files, %d objects sent, %.1f MB, in %v", full.Build.Pages, len(full.Build.Outputs), full.Sent.Objects, float64(full.Sent.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	appendTo(t, filepath.Join(dir, "content/news/p000004.md"), "\n新增一段。\n")
	start = time.Now()
	one := s.publish(t, b, dir, cached)
	if one.Build.Reused < len(one.Build.Outputs)*9/10 {
		t.Errorf("one-page publish: %d of %d files taken from the build cache", one.Build.Reused, len(one.Build.Outputs))
	}
	if _, err := os.Lstat(filepath.Join(cached.Build.Cache, "upload")); err == nil {
		t.Error("the folder the publish sent was left in the build cache")
	}
	t.Logf("one-page publish: %d objects sent, %d bytes, %d copied, in %v", one.Sent.Objects, one.Sent.Bytes, one.Sent.Copied, time.Since(start).Round(time.Millisecond))
}
