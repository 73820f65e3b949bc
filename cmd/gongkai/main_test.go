package main

import (
	"gongkai/internal/stamp"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(removeBinDir{m}, map[string]func(){
		"gongkai": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// removeBinDir runs the tests, then removes the binary gongkaiBinary built.
type removeBinDir struct{ m *testing.M }

func (r removeBinDir) Run() int {
	code := r.m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	return code
}

// TestCLI runs the scripts in testdata/*.txt: the command line as an
// editor uses it. Messages are in English (GONGKAI_LANG=en) unless a
// script sets GONGKAI_LANG itself ("env GONGKAI_LANG=" for the site's).
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata", Setup: func(env *testscript.Env) error {
		env.Setenv("GONGKAI_LANG", "en")
		return nil
	}, Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// settle waits until the files just written are settled: a build
		// trusts a file by its stamp only a clock tick after its change
		// (package stamp).
		"settle": func(*testscript.TestScript, bool, []string) { time.Sleep(stamp.Tick) },
	}})
}
