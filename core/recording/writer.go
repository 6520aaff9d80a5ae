package recording

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/recmeta"
)

// frame is one queued tick of stereo audio.
type frame struct {
	pcm    [frameSamples]int16
	silent bool
}

// frames is the free list every writer of the process shares: a recording
// holds frames only while they wait for its encoders, so the memory of a
// backlog (an encoder that fell behind for a moment) goes back to the other
// recordings once it is drained, instead of staying with the recording that
// had it until its call ends.
var frames = sync.Pool{New: func() any { return new(frame) }}

// writer owns the files of one recording. enqueue takes a frame from the
// shared free list, or reports a drop when QueueFrames already wait. Once
// batchFrames are queued it asks the Pool for a worker, which drains the
// queue into every encoder in one call each (one cgo call per batch keeps
// LAME's state hot in the cache) and gives the frames back. In steady state
// nothing is allocated per tick.
type writer struct {
	outs  []*output // opened by the first drain (open)
	names []string  // the outputs' media ids, known before they are opened
	dir   string
	pool  *Pool
	queue chan *frame
	flush int

	queued    atomic.Int32 // frames in queue
	scheduled atomic.Bool  // a drain is queued in the pool

	onFlush   func()     // after each periodic flush (Recording.saveProgress)
	enc       sync.Mutex // one drain at a time; guards outs, opened, batch, mono, unflushed
	opened    bool
	failed    atomic.Bool // the files could not be opened
	batch     []int16     // stereo frames being encoded (a drain's scratch)
	mono      []int16     // their downmix (a drain's scratch)
	unflushed int

	mu     sync.Mutex
	frames int64
	err    error
}

// newWriter plans the recording's files; nothing touches the file system
// until the first drain opens them (open), on a Pool worker: the clock and
// the caller's locks never wait for a mkdir, a file creation or LAME's
// set-up, and the frames written meanwhile wait in the queue.
func newWriter(o Options) *writer {
	w := &writer{
		dir:   o.Dir,
		pool:  o.Pool,
		queue: make(chan *frame, o.QueueFrames),
		flush: o.FlushFrames,
	}
	base := o.CallUUID
	if base == "" {
		base = o.ID
	}
	for _, f := range o.Formats {
		name := recmeta.MediaID(base, o.Start, o.Node, o.Seq, o.Counter, f.Ext)
		w.outs = append(w.outs, &output{format: f, path: filepath.Join(o.Dir, name), name: name})
		w.names = append(w.names, name)
	}
	return w
}

// open makes the folder and creates every file; on failure it removes what
// it created, keeps the error and drops every frame from then on. The
// caller holds w.enc.
func (w *writer) open() {
	w.opened = true
	err := os.MkdirAll(w.dir, 0o750)
	for i, o := range w.outs {
		if err != nil {
			break
		}
		if err = o.open(); err != nil {
			for _, done := range w.outs[:i] {
				_ = done.close()
				_ = os.Remove(done.path)
			}
		}
	}
	if err != nil {
		w.outs = nil
		w.setErr(fmt.Errorf("%w: %w", ErrOpen, err))
		w.failed.Store(true)
	}
}

// batchFrames queued frames make a writer ask for a worker; a worker encodes
// at most maxBatch frames per encoder call.
const (
	batchFrames = 10
	maxBatch    = 2 * batchFrames
)

// scratch is the memory of one drain: borrowed from a pool for the drain
// only, so that a recording between drains (nearly always) holds none of it
// — 19 KB per recording at 300 calls is 6 MB.
type scratch struct {
	batch []int16
	mono  []int16
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{batch: make([]int16, 0, maxBatch*frameSamples), mono: make([]int16, maxBatch*frameSamples/2)}
}}

func (w *writer) enqueue(pcm []int16, silent bool) bool {
	f := w.take()
	if f == nil {
		w.schedule()
		return false
	}
	f.silent = silent
	if !silent {
		copy(f.pcm[:], pcm)
	}
	w.queue <- f
	if w.queued.Add(1) >= batchFrames {
		w.schedule()
	}
	return true
}

// schedule asks the pool to drain this writer, once.
func (w *writer) schedule() {
	if w.scheduled.CompareAndSwap(false, true) && !w.pool.submit(w) {
		w.scheduled.Store(false)
	}
}

// take returns a free frame, or nil when the queue is full. Only enqueue's
// goroutine adds to the queue, so a frame taken here always fits in it.
func (w *writer) take() *frame {
	if len(w.queue) == cap(w.queue) {
		return nil
	}
	return frames.Get().(*frame)
}

// drain encodes every queued frame and flushes the files when a flush
// interval's worth was written since the last flush.
func (w *writer) drain() {
	w.scheduled.Store(false)
	w.enc.Lock()
	defer w.enc.Unlock()
	if !w.opened {
		w.open()
	}
	sc := scratchPool.Get().(*scratch)
	w.batch, w.mono = sc.batch[:0], sc.mono
	defer func() {
		w.batch, w.mono = nil, nil
		scratchPool.Put(sc)
	}()
	for {
		select {
		case f := <-w.queue:
			w.queued.Add(-1)
			if f.silent {
				clear(f.pcm[:])
			}
			w.batch = append(w.batch, f.pcm[:]...)
			frames.Put(f)
			if len(w.batch) == cap(w.batch) {
				w.unflushed += maxBatch
				w.write()
			}
			continue
		default:
		}
		break
	}
	w.unflushed += len(w.batch) / frameSamples
	w.write()
	if w.unflushed >= w.flush {
		w.unflushed = 0
		w.flushAll()
		if w.onFlush != nil {
			w.onFlush()
		}
	}
}

// write encodes the batch into every output.
func (w *writer) write() {
	if len(w.batch) == 0 {
		return
	}
	stereo := w.batch
	var mono []int16
	for _, o := range w.outs {
		pcm := stereo
		if o.format.Channels == 1 {
			if mono == nil {
				mono = downmix(w.mono[:len(stereo)/2], stereo)
			}
			pcm = mono
		}
		w.setErr(o.fw.WritePCM(pcm))
	}
	w.mu.Lock()
	w.frames += int64(len(stereo) / frameSamples)
	w.mu.Unlock()
	w.batch = w.batch[:0]
}

// downmix sums the two channels with saturation into dst.
func downmix(dst, stereo []int16) []int16 {
	for i := range dst {
		s := int32(stereo[2*i]) + int32(stereo[2*i+1])
		dst[i] = int16(max(-32768, min(32767, s)))
	}
	return dst
}

func (w *writer) flushAll() {
	for _, o := range w.outs {
		w.setErr(o.flush())
	}
}

func (w *writer) setErr(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

// finish encodes what is still queued, closes every file and reports them.
// No enqueue may happen after it started.
func (w *writer) finish() ([]FileResult, error) {
	w.drain()
	w.enc.Lock()
	err := w.closeAll()
	w.enc.Unlock()
	d := w.duration()
	res := make([]FileResult, 0, len(w.outs))
	for _, o := range w.outs {
		res = append(res, FileResult{Format: o.format, MediaID: o.name, Path: o.path, Size: o.size(), Duration: d})
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return res, errors.Join(w.err, err)
}

func (w *writer) closeAll() error {
	var err error
	for _, o := range w.outs {
		err = errors.Join(err, o.close())
	}
	return err
}

func (w *writer) duration() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return time.Duration(w.frames) * codecs.FrameDuration
}
