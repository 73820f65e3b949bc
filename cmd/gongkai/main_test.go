package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gongkai": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestCLI runs the scripts in testdata/*.txt: the command line as an
// editor uses it.
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata"})
}
