package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildBinary compiles gongkai for tests that need a real process to kill.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gongkai")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
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
	write("content/site.toml", "title = \"示例\"\nbase_url = \"https://www.example.gov.cn/\"\n[organization]\nname = \"示例局\"\n")
	body := strings.Repeat("科技项目管理，依法行政。", 200)
	for i := 0; i < n; i++ {
		write(fmt.Sprintf("content/news/p%04d.md", i), fmt.Sprintf("+++\ntitle = \"第%d号\"\ndate = 2022-01-01\n+++\n%s\n\n%s\n", i, v, body))
	}
}

// TestKilledBuildLeavesOutputIntact kills builds at random moments: the
// output must always be one whole site, old or new, never a mix; the next
// build must work; no temporary folder may be left behind.
func TestKilledBuildLeavesOutputIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary and many sites")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, site, 1500, "版本一")
	if out, err := exec.Command(bin, "build", "-s", site, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	writeSite(t, site, 1500, "版本二")
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for i := 0; i < 12; i++ {
		cmd := exec.Command(bin, "build", "-s", site, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Intn(250)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		assertWholeSite(t, out, 1500)
	}
	if out, err := exec.Command(bin, "build", "-s", site, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("build after kills: %v\n%s", err, out)
	}
	if v := assertWholeSite(t, out, 1500); v != "版本二" {
		t.Errorf("after a full build the site is %s, want 版本二", v)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
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
		v := "版本一"
		if bytes.Contains(data, []byte("版本二")) {
			v = "版本二"
		}
		if version == "" {
			version = v
		} else if v != version {
			t.Fatalf("a mixed site: page 0 is %s, page %d is %s", version, i, v)
		}
	}
	return version
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
	writeSite(t, site, 1500, "版本一")
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
		} else if !strings.Contains(outs[i].String(), "another build is writing") {
			t.Errorf("build %d failed otherwise: %v\n%s", i, err, outs[i].String())
		}
	}
	if ok == 0 {
		t.Errorf("neither build succeeded")
	}
	assertWholeSite(t, out, 1500)
}
