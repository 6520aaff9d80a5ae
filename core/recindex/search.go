package recindex

import (
	"bytes"
	"encoding/json"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Page is one page of results, newest first. Next and Prev are the cursors
// of the older and newer pages (Query.After and Query.Before), "" at
// either end.
type Page struct {
	Items      []Summary
	Next, Prev string
}

// Search returns the page of recordings q selects. A bad query is an
// ErrQuery.
func (x *Index) Search(q Query) (Page, error) {
	if err := q.Validate(); err != nil {
		return Page{}, err
	}
	var p Page
	err := x.db.View(func(tx *bolt.Tx) error {
		var err error
		p, err = search(tx, &q)
		return err
	})
	return p, err
}

func search(tx *bolt.Tx, q *Query) (Page, error) {
	sp := spanOf(q)
	n := q.limit()
	if q.Before != "" {
		cur, _ := decodeCursor(q.Before)
		items, err := scan(tx, q, sp, append(bytes.Clone(sp.prefix), cur...), true, n+1)
		if err != nil {
			return Page{}, err
		}
		more := len(items) > n
		items = items[:min(n, len(items))]
		slices.Reverse(items)
		p := Page{Items: items}
		if more && len(items) > 0 {
			p.Prev = cursorOf(&items[0])
		}
		if len(items) > 0 {
			p.Next = cursorOf(&items[len(items)-1])
		}
		return p, nil
	}
	var from []byte
	if q.After != "" {
		cur, _ := decodeCursor(q.After)
		from = append(bytes.Clone(sp.prefix), cur...)
	}
	items, err := scan(tx, q, sp, from, false, n+1)
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: items[:min(n, len(items))]}
	if len(items) > n {
		p.Next = cursorOf(&p.Items[n-1])
	}
	if q.After != "" && len(p.Items) > 0 {
		p.Prev = cursorOf(&p.Items[0])
	}
	return p, nil
}

// scan walks sp from the exclusive key from (nil: the span's end in the
// walk's direction) — backwards (older) unless up — and returns up to n
// summaries that match q.
func scan(tx *bolt.Tx, q *Query, sp span, from []byte, up bool, n int) ([]Summary, error) {
	c := tx.Bucket(sp.bucket).Cursor()
	sums := tx.Bucket(bucketSum)
	var out []Summary
	for k := first(c, sp, from, up); k != nil && n > len(out); k = step(c, up) {
		if bytes.Compare(k, sp.lo) < 0 || bytes.Compare(k, sp.hi) >= 0 {
			break
		}
		raw := sums.Get(k[len(sp.prefix)+8:])
		if raw == nil {
			continue // an orphan key (cannot happen inside one transaction)
		}
		var s Summary
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		if s.match(q) {
			out = append(out, s)
		}
	}
	return out, nil
}

// first positions c on the first key strictly past from in the walk's
// direction, or at the span's edge when from is nil.
func first(c *bolt.Cursor, sp span, from []byte, up bool) []byte {
	if up {
		start := sp.lo
		if from != nil && bytes.Compare(from, start) >= 0 {
			start = from
		}
		k, _ := c.Seek(start)
		if k != nil && from != nil && bytes.Equal(k, from) {
			k, _ = c.Next()
		}
		return k
	}
	end := sp.hi
	if from != nil && bytes.Compare(from, end) < 0 {
		end = from
	}
	k, _ := c.Seek(end) // the first key ≥ end; we want the one before it
	if k == nil {
		k, _ = c.Last()
		return k
	}
	k, _ = c.Prev()
	return k
}

func step(c *bolt.Cursor, up bool) []byte {
	if up {
		k, _ := c.Next()
		return k
	}
	k, _ := c.Prev()
	return k
}
