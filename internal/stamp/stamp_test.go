package stamp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStamp(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.md")
	write := func(s string) os.FileInfo {
		t.Helper()
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	info := write("甲乙")
	if Of(info) == 0 {
		t.Skip("no stat data read on this system")
	}
	if st := Settled(info, time.Now()); st != 0 {
		t.Errorf("a file just written is settled: %x", st)
	}
	st := Settled(info, info.ModTime().Add(time.Second))
	if st == 0 || st != Of(info) {
		t.Fatalf("a file unchanged for a second: Settled %x, Of %x", st, Of(info))
	}
	// The same size, its modification time set back: the change time
	// still tells it.
	mtime := info.ModTime()
	time.Sleep(2 * Tick)
	write("丙丁")
	if err := os.Chtimes(name, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	again, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if again.Size() != info.Size() || !again.ModTime().Equal(mtime) {
		t.Fatalf("size or time not kept: %d %v", again.Size(), again.ModTime())
	}
	if Of(again) == st {
		t.Error("a file written again, its size and time kept, has its old stamp")
	}
}
