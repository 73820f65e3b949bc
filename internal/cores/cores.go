// Package cores runs the iterations of a loop on all cores, each taken
// by the next free worker:
//
//	cores.Each(len(pages), func(i int) { render(pages[i]) })
//
// EachWith gives each worker state of its own (a buffer, a compressor),
// made once per worker rather than once per iteration:
//
//	cores.EachWith(len(files), newGzipWriter, func(z *gzipWriter, i int) { … })
//
// Both return when every iteration has. The order in which iterations
// run is not fixed: f writes its result into its own slot i.
package cores

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for each i below n, on all cores.
func Each(n int, f func(i int)) {
	EachWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { f(i) })
}

// EachWith calls f(w, i) for each i below n, on all cores, w being the
// state start made for the worker that runs it.
func EachWith[W any](n int, start func() W, f func(w W, i int)) {
	var next atomic.Int64 // workers take iterations by number: no feeding goroutine
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := start()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(w, i)
			}
		}()
	}
	wg.Wait()
}
