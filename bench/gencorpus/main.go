// Command gencorpus writes a generated portal (package corpus) for
// measuring gongkai at scale:
//
//	go run ./bench/gencorpus -pages 100000 -orgs 500 -out /dev/shm/portal
//	gongkai build -s /dev/shm/portal -o /dev/shm/portal-public
package main

import (
	"flag"
	"fmt"
	"log"

	"gongkai/internal/corpus"
)

func main() {
	log.SetFlags(0)
	var o corpus.Options
	flag.IntVar(&o.Pages, "pages", 10000, "Markdown pages, beyond each body's two annual reports")
	flag.IntVar(&o.Orgs, "orgs", 500, "bodies, each a column with its own [organization]; 0 for a single body's site")
	flag.IntVar(&o.Datasets, "datasets", 20, "figures datasets")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed: the same seed writes the same site")
	out := flag.String("out", "", "the site folder to write (required; must not exist)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gencorpus: -out is required")
	}
	if err := corpus.Write(*out, o); err != nil {
		log.Fatalf("gencorpus: %v", err)
	}
	fmt.Printf("wrote %d pages of %d bodies and %d datasets into %s\n", o.Pages, o.Orgs, o.Datasets, *out)
}
