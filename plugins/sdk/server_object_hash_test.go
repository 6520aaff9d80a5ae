package sdk

import (
	"bytes"
	"crypto/sha256"
	"sync"
	"testing"
)

func TestAsyncHashSumsTheChunksInOrder(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	want := sha256.Sum256(data)
	for _, size := range []int{1, 7, 4096, len(data)} {
		h := newAsyncHash()
		for b := data; len(b) > 0; {
			n := min(size, len(b))
			h.Write(b[:n])
			b = b[n:]
		}
		if got := h.Sum(); !bytes.Equal(got, want[:]) {
			t.Errorf("chunks of %d: sum %x, want %x", size, got, want)
		}
		h.Stop() // after Sum: nothing left to stop
	}
}

func TestAsyncHashOfNothingIsTheEmptySum(t *testing.T) {
	want := sha256.Sum256(nil)
	if got := newAsyncHash().Sum(); !bytes.Equal(got, want[:]) {
		t.Errorf("sum %x, want %x", got, want)
	}
}

func TestAStoppedAsyncHashNeitherBlocksNorSums(t *testing.T) {
	h := newAsyncHash()
	h.Stop()
	h.Stop()
	for range hashQueue * 4 { // more than the queue holds
		h.Write([]byte("late"))
	}
	if got := h.Sum(); got != nil {
		t.Errorf("sum after Stop = %x, want nil", got)
	}
}

func TestAsyncHashStopsWhileAnotherGoroutineWrites(t *testing.T) {
	h := newAsyncHash()
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 1000 {
			h.Write(make([]byte, 512))
		}
	})
	h.Stop()
	wg.Wait()
}
