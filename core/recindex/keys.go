package recindex

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"
)

// Bucket names.
var (
	bucketSum  = []byte("sum")
	bucketDoc  = []byte("doc")
	bucketTime = []byte("time")
	bucketDN   = []byte("dn")
	bucketUUID = []byte("uuid")
)

// timeKey is the order of every scan: start (big-endian ns since 1970, so
// bytes sort as times) then id.
func timeKey(start time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, stamp(start))
	return append(k, id...)
}

func stamp(t time.Time) uint64 {
	if t.IsZero() || t.Before(time.Unix(0, 0)) {
		return 0
	}
	return uint64(t.UnixNano())
}

// bound is the 8-byte time part alone, for range limits.
func bound(t time.Time, open uint64) []byte {
	b := make([]byte, 8)
	v := open
	if !t.IsZero() {
		v = stamp(t)
	}
	binary.BigEndian.PutUint64(b, v)
	return b
}

// prefixed is a secondary key: value 0x00 timeKey.
func prefixed(value string, start time.Time, id string) []byte {
	return append(append([]byte(value), 0), timeKey(start, id)...)
}

func uuidValue(u string) string { return strings.ToUpper(u) }

// cursorOf is a result's opaque cursor.
func cursorOf(s *Summary) string {
	return base64.RawURLEncoding.EncodeToString(timeKey(s.Start, s.ID))
}

func decodeCursor(c string) ([]byte, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) <= 8 {
		return nil, fmt.Errorf("%w: cursor %q is not one this server gave out", ErrQuery, c)
	}
	return b, nil
}

// span is the part of one bucket a query scans: keys prefix+[lo, hi).
type span struct {
	bucket []byte
	prefix []byte
	lo, hi []byte // full keys
}

// spanOf picks the narrowest bucket for q: the CallUUID's, an exact DN's,
// or every recording's by time.
func spanOf(q *Query) span {
	s := span{bucket: bucketTime}
	switch {
	case q.CallUUID != "":
		s.bucket, s.prefix = bucketUUID, append([]byte(uuidValue(q.CallUUID)), 0)
	case q.DN != "" && !strings.ContainsAny(q.DN, "*?["):
		s.bucket, s.prefix = bucketDN, append([]byte(q.DN), 0)
	}
	s.lo = append(bytes.Clone(s.prefix), bound(q.From, 0)...)
	s.hi = append(bytes.Clone(s.prefix), bound(q.To, math.MaxUint64)...)
	return s
}
