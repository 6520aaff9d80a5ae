package recindex

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchN is how many recordings BenchmarkSearchDNDay indexes
// (REEL_INDEX_N overrides the 1,000,000).
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("REEL_INDEX_N")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

var (
	bigOnce  sync.Once
	bigIndex *Index
	bigErr   error
)

// big builds the benchmark index once per process: benchN recordings over 30
// days (about 33,000 a day), 2,000 agent DNs, 100,000 callers.
func big(b *testing.B) *Index {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "recindex-bench-")
		if err != nil {
			bigErr = err
			return
		}
		bigIndex, bigErr = Open(filepath.Join(dir, "index.db"))
		if bigErr != nil {
			return
		}
		n := benchN()
		step := 30 * 24 * time.Hour / time.Duration(n)
		start := time.Now()
		ds := make([]Detail, 0, 10_000)
		for i := range n {
			doc := rec(fmt.Sprint(33100000000+i%100_000), fmt.Sprint(7000+i%2000), fmt.Sprintf("%016X", i), "t"+strconv.Itoa(i%5),
				day0.Add(time.Duration(i)*step), fmt.Sprint(7000+i%2000), fmt.Sprint(9000+i%50))
			ds = append(ds, FromDocument(fmt.Sprintf("%016x", i), StateDelivered, doc))
			if len(ds) == cap(ds) || i == n-1 {
				if bigErr = bigIndex.Put(ds...); bigErr != nil {
					return
				}
				ds = ds[:0]
			}
		}
		var size int64
		if fi, err := os.Stat(filepath.Join(dir, "index.db")); err == nil {
			size = fi.Size()
		}
		fmt.Fprintf(os.Stderr, "recindex: indexed %d recordings in %s: %d bytes (%d a recording)\n",
			n, time.Since(start).Round(time.Millisecond), size, size/int64(n))
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigIndex
}

// BenchmarkSearchDNDay is the target: a DN + one day over 1,000,000
// recordings, p95 ≤ 50 ms. It reports p95-ms beside ns/op.
func BenchmarkSearchDNDay(b *testing.B) {
	x := big(b)
	b.ReportAllocs()
	var lat []time.Duration
	found := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		day := day0.Add(time.Duration(i%30) * 24 * time.Hour)
		q := Query{DN: fmt.Sprint(7000 + i%2000), From: day, To: day.Add(24 * time.Hour)}
		t0 := time.Now()
		p, err := x.Search(q)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		found += len(p.Items)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(found)/float64(len(lat)), "rows/op")
}

// BenchmarkSearchWildcardDay scans a whole day for a DN pattern (no index
// on patterns): the slow path, for comparison.
func BenchmarkSearchWildcardDay(b *testing.B) {
	x := big(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		day := day0.Add(time.Duration(i%30) * 24 * time.Hour)
		if _, err := x.Search(Query{DN: "70*1", From: day, To: day.Add(24 * time.Hour)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPut is the indexing cost of one recording as the MCP pays it: one
// transaction (and fsync) per recording delivered.
func BenchmarkPut(b *testing.B) {
	x := openTemp(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		doc := rec("5551234", "7001", fmt.Sprintf("%016X", i), "acme", day0.Add(time.Duration(i)*time.Second), "7001", "9001")
		if err := x.Put(FromDocument(fmt.Sprintf("%016x", i), StateDelivered, doc)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMain removes the benchmark index, when one was built.
func TestMain(m *testing.M) {
	code := m.Run()
	if bigIndex != nil {
		path := bigIndex.db.Path()
		_ = bigIndex.Close()
		_ = os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}
