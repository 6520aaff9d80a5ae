package recindex

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Index is an open recordings index. Its methods are safe for concurrent
// use (bbolt serialises writers; readers run in parallel).
type Index struct {
	db *bolt.DB
}

// Open opens (creating it when missing) the index file at path. A second
// process opening the same file waits up to a second, then fails.
func Open(path string) (*Index, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, NoFreelistSync: true})
	if err != nil {
		return nil, fmt.Errorf("recindex: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSum, bucketDoc, bucketTime, bucketDN, bucketUUID} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("recindex: %s: %w", path, err)
	}
	return &Index{db: db}, nil
}

// Close closes the file; a second Close is harmless.
func (x *Index) Close() error {
	if err := x.db.Close(); err != nil && !errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return err
	}
	return nil
}

// Len returns how many recordings the index holds.
func (x *Index) Len() int {
	n := 0
	_ = x.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketSum).Stats().KeyN
		return nil
	})
	return n
}

// Put adds or replaces recordings (one transaction, one fsync).
func (x *Index) Put(ds ...Detail) error {
	return x.db.Update(func(tx *bolt.Tx) error {
		for i := range ds {
			if err := put(tx, &ds[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func put(tx *bolt.Tx, d *Detail) error {
	if d.ID == "" {
		return fmt.Errorf("recindex: a recording without an id")
	}
	sums := tx.Bucket(bucketSum)
	if old := sums.Get([]byte(d.ID)); old != nil {
		var o Summary
		if err := json.Unmarshal(old, &o); err == nil {
			if err := unlink(tx, &o); err != nil {
				return err
			}
		}
	}
	sum, det := d.encode()
	if err := sums.Put([]byte(d.ID), sum); err != nil {
		return err
	}
	if err := tx.Bucket(bucketDoc).Put([]byte(d.ID), det); err != nil {
		return err
	}
	return eachKey(tx, &d.Summary, func(b *bolt.Bucket, k []byte) error { return b.Put(k, nil) })
}

// unlink removes the secondary keys of s.
func unlink(tx *bolt.Tx, s *Summary) error {
	return eachKey(tx, s, func(b *bolt.Bucket, k []byte) error { return b.Delete(k) })
}

// eachKey calls f with every secondary key of s and its bucket.
func eachKey(tx *bolt.Tx, s *Summary, f func(*bolt.Bucket, []byte) error) error {
	if err := f(tx.Bucket(bucketTime), timeKey(s.Start, s.ID)); err != nil {
		return err
	}
	dns := tx.Bucket(bucketDN)
	for _, n := range s.numbers() {
		if err := f(dns, prefixed(n, s.Start, s.ID)); err != nil {
			return err
		}
	}
	if s.CallUUID != "" {
		return f(tx.Bucket(bucketUUID), prefixed(uuidValue(s.CallUUID), s.Start, s.ID))
	}
	return nil
}

// Get returns the detail of one recording, or ErrNotFound.
func (x *Index) Get(id string) (Detail, error) {
	var d Detail
	err := x.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDoc).Get([]byte(id))
		if b == nil {
			return fmt.Errorf("%w: %q", ErrNotFound, id)
		}
		return json.Unmarshal(b, &d)
	})
	return d, err
}
