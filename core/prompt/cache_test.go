package prompt

import (
	"context"
	"strconv"
	"testing"
)

func TestCacheIsBoundedByBytesLeastRecentlyUsedFirst(t *testing.T) {
	a := mustAudio(t, ramp(1000)) // 2000 bytes + overhead
	per := entryOverhead + 2 + a.size()
	c := NewCache(3*per, 0)
	load := func(context.Context, *Audio, []byte) (*Audio, []byte, error) { return a, nil, nil }
	for i := range 3 {
		if _, err := c.get(context.Background(), "k"+strconv.Itoa(i), load); err != nil {
			t.Fatal(err)
		}
	}
	c.peek("k0") // k1 is now the least recently used
	_, _ = c.get(context.Background(), "k3", load)
	if c.Used() > 3*per || c.peek("k1") != nil || c.peek("k0") == nil || c.peek("k3") == nil {
		t.Fatalf("used %d of %d; k1 kept %v, k0 %v", c.Used(), 3*per, c.peek("k1") != nil, c.peek("k0") != nil)
	}
}

func TestCacheDoesNotKeepAnEntryLargerThanItself(t *testing.T) {
	c := NewCache(100, 0)
	a := mustAudio(t, ramp(1000))
	got, err := c.get(context.Background(), "big", func(context.Context, *Audio, []byte) (*Audio, []byte, error) { return a, nil, nil })
	if err != nil || got != a || c.Used() != 0 {
		t.Fatalf("got %v, used %d", err, c.Used())
	}
}

func mustAudio(t testing.TB, pcm []int16) *Audio {
	t.Helper()
	a, err := NewAudio(pcm)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
