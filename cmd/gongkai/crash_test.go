package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// binDir holds the gongkai binary that gongkaiBinary builds; TestMain
// removes it.
var binDir string

// gongkaiBinary compiles gongkai once, for all the tests that need a real
// process to kill (as FiloSottile/age's tests build their helpers).
var gongkaiBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gongkai-test-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "gongkai")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func buildBinary(t *testing.T) string {
	t.Helper()
	bin, err := gongkaiBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// writeSite writes a site of n pages whose text carries version v.
func writeSite(t *testing.T, dir string, n int, v string) {
	t.Helper()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/news/_index.md", "+++\ntitle = \"新闻\"\n+++\n")
	write("content/site.toml", "title = \"示例\"\nbase_url = \"https://www.example.gov.cn/\"\n[organization]\nname = \"示例局\"\n")
	body := strings.Repeat("科技项目管理，依法行政。", 20)
	for i := 0; i < n; i++ {
		write(fmt.Sprintf("content/news/p%04d.md", i), fmt.Sprintf("+++\ntitle = \"第%d号\"\ndate = 2022-01-01\n+++\n%s\n\n%s\n", i, v, body))
	}
}

// crashPages is the size of the crash tests' site: enough files that a
// build has many writes in flight when it is killed.
const crashPages = 300

// TestKilledBuildLeavesOutputIntact kills builds at each kill point of
// GONGKAI_KILLPOINT (internal/build/output.go): at several file writes,
// just before OUT is swapped and just after. The output must be the old
// site up to the swap and the new one after it, never a mix; a killed
// build's temporary folder must not pile up; the next build must work and
// leave nothing beside OUT.
func TestKilledBuildLeavesOutputIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	build := func(killpoint string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "-s", site, "-o", out)
		cmd.Env = append(os.Environ(), "GONGKAI_KILLPOINT="+killpoint)
		return cmd
	}
	kill := func(killpoint, want string) {
		t.Helper()
		output, err := build(killpoint).CombinedOutput()
		ws, _ := err.(*exec.ExitError)
		if ws == nil || ws.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("GONGKAI_KILLPOINT=%s: the build was not killed: %v\n%s", killpoint, err, output)
		}
		if want == "" {
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("killed at %s before the first site was in place, OUT is there: %v", killpoint, err)
			}
		} else if have := assertWholeSite(t, out, crashPages); have != want {
			t.Errorf("killed at %s, the site is %s, want %s", killpoint, have, want)
		}
		if tmp, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(tmp) > 1 {
			t.Errorf("killed at %s, temporary folders pile up: %v", killpoint, tmp)
		}
	}

	writeSite(t, site, crashPages, "版本一")
	kill("write:100", "")
	kill("commit", "")
	if output, err := build("").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, output)
	}
	writeSite(t, site, crashPages, "版本二")
	for _, point := range []string{"write:1", "write:2", "write:50", "write:150", "write:300", "commit"} {
		kill(point, "版本一")
	}
	kill("swapped", "版本二")
	writeSite(t, site, crashPages, "版本三")
	kill("write:200", "版本二")
	if output, err := build("").CombinedOutput(); err != nil {
		t.Fatalf("build after kills: %v\n%s", err, output)
	}
	if v := assertWholeSite(t, out, crashPages); v != "版本三" {
		t.Errorf("after a full build the site is %s, want 版本三", v)
	}
	if have := ls(t, dir); !slices.Equal(have, []string{"public", "site"}) {
		t.Errorf("after a full build, OUT's folder holds %q, want only public and site", have)
	}
}

// assertWholeSite checks that every page of out carries the same version,
// and returns it.
func assertWholeSite(t *testing.T, out string, n int) string {
	t.Helper()
	version := ""
	for i := 0; i < n; i++ {
		data, err := os.ReadFile(filepath.Join(out, "news", fmt.Sprintf("p%04d", i), "index.html"))
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		v := ""
		for _, s := range []string{"版本一", "版本二", "版本三"} {
			if bytes.Contains(data, []byte(s)) {
				v = s
			}
		}
		if version == "" {
			version = v
		} else if v != version {
			t.Fatalf("a mixed site: page 0 is %s, page %d is %s", version, i, v)
		}
	}
	return version
}

// ls lists the names in dir, sorted.
func ls(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestConcurrentBuildsRefused starts two builds into one folder at once:
// one waits its turn or is refused, and the output is one whole site.
func TestConcurrentBuildsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, site, crashPages, "版本一")
	var outs [2]bytes.Buffer
	var cmds [2]*exec.Cmd
	for i := range cmds {
		cmds[i] = exec.Command(bin, "build", "-s", site, "-o", out)
		cmds[i].Stderr = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	ok := 0
	for i, c := range cmds {
		if err := c.Wait(); err == nil {
			ok++
		} else if !strings.Contains(outs[i].String(), "另一次生成正在写入") { // the site is Chinese
			t.Errorf("build %d failed otherwise: %v\n%s", i, err, outs[i].String())
		}
	}
	if ok == 0 {
		t.Errorf("neither build succeeded")
	}
	assertWholeSite(t, out, crashPages)
	if have := ls(t, dir); !slices.Equal(have, []string{"public", "site"}) {
		t.Errorf("after both builds, OUT's folder holds %q, want only public and site", have)
	}
}

// TestKilledBuildLeavesCacheSound kills builds that use the build cache
// (SITE/.gongkai-cache) at each kill point, the site changed between
// builds, the last point just after the cache's manifest is written,
// before the files it no longer names are removed. The build after each
// kill, of the site changed again, must make exactly the bytes a build
// without the cache makes.
func TestKilledBuildLeavesCacheSound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	run := func(killpoint string, args ...string) error {
		cmd := exec.Command(bin, append([]string{"build", "-s", site}, args...)...)
		cmd.Env = append(os.Environ(), "GONGKAI_KILLPOINT="+killpoint)
		output, err := cmd.CombinedOutput()
		if killpoint == "" && err != nil {
			t.Fatalf("build %v: %v\n%s", args, err, output)
		}
		return err
	}
	versions := []string{"版本一", "版本二", "版本三"}
	writeSite(t, site, crashPages, versions[0])
	run("")
	for i, point := range []string{"write:1", "write:150", "write:300", "commit", "swapped", "cache"} {
		writeSite(t, site, crashPages, versions[(2*i+1)%3])
		if err := run(point); err == nil {
			t.Fatalf("GONGKAI_KILLPOINT=%s: the build was not killed", point)
		}
		writeSite(t, site, crashPages, versions[(2*i+2)%3])
		run("")
		clean := filepath.Join(dir, "clean")
		run("", "-o", clean, "--no-cache")
		have, want := tree(t, filepath.Join(site, "public")), tree(t, clean)
		for name, data := range want {
			if !bytes.Equal(have[name], data) {
				t.Errorf("killed at %s, the next build's %s is not a clean build's", point, name)
			}
		}
		if len(have) != len(want) {
			t.Errorf("killed at %s, the next build made %d files, a clean build %d", point, len(have), len(want))
		}
	}
}

// tree reads every file under dir, by slash-separated relative path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
