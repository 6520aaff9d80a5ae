package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// progressBar draws "[=====>    ]  42% 12.0/28.5 MiB" on one line of w,
// at most ten times a second.
type progressBar struct {
	w     io.Writer
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar { return &progressBar{w: w} }

const barWidth = 30

func (b *progressBar) update(p spool.Progress) {
	if p.Total <= 0 || time.Since(b.last) < 100*time.Millisecond && p.Done < p.Total {
		return
	}
	b.last = time.Now()
	fill := int(int64(barWidth) * p.Done / p.Total)
	fmt.Fprintf(b.w, "\r[%s%s] %3d%% %.1f/%.1f MiB", strings.Repeat("=", fill), strings.Repeat(" ", barWidth-fill),
		100*p.Done/p.Total, mib(p.Done), mib(p.Total))
	b.drawn = true
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// finish ends the bar's line; safe on a nil bar.
func (b *progressBar) finish() {
	if b != nil && b.drawn {
		fmt.Fprintln(b.w)
	}
}
