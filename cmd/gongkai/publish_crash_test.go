package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestKilledPublishLeavesCurrentIntact kills publish at each of its kill
// points (GONGKAI_KILLPOINT: build's while it writes the release, then
// publish's own, package publish), and checks that current serves one
// whole release — the old one up to the switch, the new one after — that
// nothing a killed publish left piles up, and that the next publish works
// and leaves only current and releases in the web root.
func TestKilledPublishLeavesCurrentIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site, root := filepath.Join(dir, "site"), filepath.Join(dir, "www")
	publish := func(killpoint string) ([]byte, error) {
		cmd := exec.Command(bin, "publish", "-s", site, "--to", root, "--keep", "2")
		cmd.Env = append(os.Environ(), "GONGKAI_KILLPOINT="+killpoint, "GONGKAI_LANG=en")
		return cmd.CombinedOutput()
	}
	current := func() string {
		t.Helper()
		return assertWholeSite(t, filepath.Join(root, "current"), crashPages)
	}
	// left is what a killed publish may leave, besides the releases.
	left := func() []string {
		var names []string
		for _, n := range ls(t, root) {
			if n != "current" && n != "releases" {
				names = append(names, n)
			}
		}
		return names
	}
	kill := func(killpoint, want string) {
		t.Helper()
		output, err := publish(killpoint)
		ws, _ := err.(*exec.ExitError)
		if ws == nil || ws.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("GONGKAI_KILLPOINT=%s: publish was not killed: %v\n%s", killpoint, err, output)
		}
		if have := current(); have != want {
			t.Errorf("killed at %s, current serves %s, want %s", killpoint, have, want)
		}
		// At most: the releases kept, one release not switched in, and
		// one thing of each kind a killed publish leaves.
		if n := len(ls(t, filepath.Join(root, "releases"))); n > 3 {
			t.Errorf("killed at %s, releases pile up: %q", killpoint, ls(t, filepath.Join(root, "releases")))
		}
		if l := left(); len(l) > 4 {
			t.Errorf("killed at %s, the web root holds %q", killpoint, l)
		}
	}
	ok := func(want string) {
		t.Helper()
		if output, err := publish(""); err != nil {
			t.Fatalf("publish: %v\n%s", err, output)
		}
		if have := current(); have != want {
			t.Errorf("after a publish, current serves %s, want %s", have, want)
		}
		if l := left(); len(l) > 0 {
			t.Errorf("after a publish, the web root holds %q besides current and releases", l)
		}
	}

	writeSite(t, site, crashPages, "版本一")
	ok("版本一")
	writeSite(t, site, crashPages, "版本二")
	for _, point := range []string{"write:1", "write:100", "write:300", "commit", "swapped", "publish:built", "publish:staged", "publish:installed"} {
		kill(point, "版本一")
	}
	kill("publish:switched", "版本二")
	writeSite(t, site, crashPages, "版本三")
	ok("版本三")
	writeSite(t, site, crashPages, "版本一")
	kill("publish:pruned", "版本一")
	writeSite(t, site, crashPages, "版本二")
	ok("版本二")
	if n := ls(t, filepath.Join(root, "releases")); len(n) != 2 {
		t.Errorf("with --keep 2, releases holds %q", n)
	}
	// The release a killed publish switched in (版本二, unmarked) was
	// marked by the next, and rollback reaches the one before.
	cmd := exec.Command(bin, "rollback", "--to", root)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rollback: %v\n%s", err, output)
	}
	if have := current(); have != "版本一" {
		t.Errorf("after rollback, current serves %s, want 版本一", have)
	}
}

// TestConcurrentPublishRefused starts two publishes into one web root at
// once: each succeeds or is refused by the lock, and current is whole.
func TestConcurrentPublishRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	site, root := filepath.Join(dir, "site"), filepath.Join(dir, "www")
	writeSite(t, site, crashPages, "版本一")
	var outs [2]bytes.Buffer
	var cmds [2]*exec.Cmd
	for i := range cmds {
		cmds[i] = exec.Command(bin, "publish", "-s", site, "--to", root)
		cmds[i].Env = append(os.Environ(), "GONGKAI_LANG=en")
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for i, c := range cmds {
		if err := c.Wait(); err == nil {
			n++
		} else if !strings.Contains(outs[i].String(), "another publish or rollback is writing") {
			t.Errorf("publish %d failed otherwise: %v\n%s", i, err, outs[i].String())
		}
	}
	if n == 0 {
		t.Errorf("neither publish succeeded")
	}
	assertWholeSite(t, filepath.Join(root, "current"), crashPages)
	if have := ls(t, root); !slices.Equal(have, []string{"current", "releases"}) {
		t.Errorf("after both, the web root holds %q", have)
	}
}
