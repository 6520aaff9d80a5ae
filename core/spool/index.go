package spool

import (
	"container/heap"
	"sync"
	"time"
)

// index is the in-memory view of the jobs in <spool>/jobs: when each is due
// and whether a worker has it. Only the worker that claimed a job writes its
// record. The heap holds the jobs not claimed, soonest first.
type index struct {
	byID map[string]*entry
	due  dueHeap
}

type entry struct {
	id      string
	at      time.Time
	claimed bool
	pos     int // in due; -1 while claimed
}

func newIndex() *index { return &index{byID: map[string]*entry{}} }

// put adds id (or moves it) to be due at t; a claimed job stays claimed.
func (x *index) put(id string, t time.Time) {
	e, ok := x.byID[id]
	if !ok {
		e = &entry{id: id, pos: -1}
		x.byID[id] = e
	}
	e.at = t
	switch {
	case e.claimed:
	case e.pos >= 0:
		heap.Fix(&x.due, e.pos)
	default:
		heap.Push(&x.due, e)
	}
}

// next claims the soonest job due by now, or says how long until one is.
func (x *index) next(now time.Time) (id string, wait time.Duration, ok bool) {
	if len(x.due) == 0 {
		return "", time.Hour, false
	}
	e := x.due[0]
	if d := e.at.Sub(now); d > 0 {
		return "", d, false
	}
	heap.Pop(&x.due)
	e.claimed = true
	return e.id, 0, true
}

// claim takes a job that is waiting (for Retry); false when a worker has it
// or it is not indexed.
func (x *index) claim(id string) bool {
	e, ok := x.byID[id]
	if !ok || e.claimed {
		return false
	}
	heap.Remove(&x.due, e.pos)
	e.claimed = true
	return true
}

// release gives a claimed job back, due at t.
func (x *index) release(id string, t time.Time) {
	if e, ok := x.byID[id]; ok {
		e.claimed = false
		x.put(id, t)
	}
}

// remove forgets a job (delivered, dead or quarantined).
func (x *index) remove(id string) {
	e, ok := x.byID[id]
	if !ok {
		return
	}
	if !e.claimed {
		heap.Remove(&x.due, e.pos)
	}
	delete(x.byID, id)
}

// counts returns the jobs waiting and the jobs claimed by workers.
func (x *index) counts() (waiting, claimed int) {
	return len(x.due), len(x.byID) - len(x.due)
}

type dueHeap []*entry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h dueHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].pos, h[j].pos = i, j
}
func (h *dueHeap) Push(x any) {
	e := x.(*entry)
	e.pos = len(*h)
	*h = append(*h, e)
}
func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.pos = -1
	return e
}

// idLocks serialises the operations that create or move one job's record
// (Submit, Retry, recovery) without holding up other jobs.
type idLocks struct {
	mu sync.Mutex
	m  map[string]*idLock
}

type idLock struct {
	sync.Mutex
	users int
}

// lock locks id and returns the unlock function.
func (l *idLocks) lock(id string) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[string]*idLock{}
	}
	k := l.m[id]
	if k == nil {
		k = &idLock{}
		l.m[id] = k
	}
	k.users++
	l.mu.Unlock()
	k.Lock()
	return func() {
		k.Unlock()
		l.mu.Lock()
		if k.users--; k.users == 0 {
			delete(l.m, id)
		}
		l.mu.Unlock()
	}
}
