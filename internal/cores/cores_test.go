package cores

import (
	"sync/atomic"
	"testing"
)

// TestEveryIterationOnce: each i below n runs once, whatever n, and each
// worker's state is its own.
func TestEveryIterationOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]int32, n)
		var workers atomic.Int32
		EachWith(n, func() *int { workers.Add(1); return new(int) }, func(w *int, i int) {
			*w++ // a worker's own: no race
			atomic.AddInt32(&seen[i], 1)
		})
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: iteration %d ran %d times", n, i, c)
			}
		}
		if n > 0 && workers.Load() == 0 {
			t.Fatalf("n=%d: no worker", n)
		}
	}
}

// TestEachReadingEveryIterationOnce: the same for the loop that reads.
func TestEachReadingEveryIterationOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]int32, n)
		EachReading(n, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: iteration %d ran %d times", n, i, c)
			}
		}
	}
}
