package recindex

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// PageSize is the most results one page holds.
const PageSize = 100

// Query selects recordings. The zero Query selects every recording, newest
// first.
type Query struct {
	From, To     time.Time // start time in [From, To); zero: open
	DN           string    // ANI, DNIS or a leg's DN; * and ? wildcards
	ANI, DNIS    string    // wildcards too
	CallUUID     string    // exact, any case
	Tenant       string    // exact
	Completeness Completeness
	Limit        int    // 1..PageSize; 0 is PageSize
	After        string // cursor: the page after (older than) this one
	Before       string // cursor: the page before (newer than) this one
}

// Completeness filters by what a recording lacks.
type Completeness string

// Completeness filters.
const (
	AnyCompleteness Completeness = ""
	Complete        Completeness = "complete"  // nothing lost, not cut short, not dead
	AnyLoss         Completeness = "loss"      // packets lost
	CutShort        Completeness = "cut-short" // ended by a crash or a failure
	DeadLettered    Completeness = "dead"      // delivery gave up
)

func (c Completeness) match(s *Summary) bool {
	switch c {
	case Complete:
		return s.Lost == 0 && !s.CutShort && s.State != StateDead
	case AnyLoss:
		return s.Lost > 0
	case CutShort:
		return s.CutShort
	case DeadLettered:
		return s.State == StateDead
	}
	return true
}

// queryKeys are the parameters ParseQuery knows; any other is an error.
var queryKeys = map[string]bool{"startTime": true, "endTime": true, "dn": true, "ani": true, "dnis": true,
	"callUUID": true, "tenant": true, "completeness": true, "limit": true, "after": true, "before": true}

// ParseQuery reads a query from URL parameters (docs/console.md):
// startTime and endTime (RFC 3339, or a day YYYY-MM-DD for its whole UTC
// day), dn, ani, dnis, callUUID, tenant, completeness, limit, after, before.
// Every error wraps ErrQuery and names the parameter.
func ParseQuery(v url.Values) (Query, error) {
	for k := range v {
		if !queryKeys[k] {
			return Query{}, fmt.Errorf("%w: unknown parameter %q", ErrQuery, k)
		}
	}
	q := Query{DN: v.Get("dn"), ANI: v.Get("ani"), DNIS: v.Get("dnis"), CallUUID: v.Get("callUUID"),
		Tenant: v.Get("tenant"), Completeness: Completeness(v.Get("completeness")), After: v.Get("after"), Before: v.Get("before")}
	var err error
	if q.From, _, err = parseTime("startTime", v.Get("startTime")); err != nil {
		return Query{}, err
	}
	var day bool
	if q.To, day, err = parseTime("endTime", v.Get("endTime")); err != nil {
		return Query{}, err
	}
	if day {
		q.To = q.To.Add(24 * time.Hour) // the whole day
	}
	if s := v.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil {
			return Query{}, fmt.Errorf("%w: limit %q is not a number", ErrQuery, s)
		}
	}
	return q, q.Validate()
}

func parseTime(key, s string) (t time.Time, day bool, err error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	if t, err = time.Parse(time.DateOnly, s); err == nil {
		return t, true, nil
	}
	if t, err = time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), false, nil
	}
	return time.Time{}, false, fmt.Errorf("%w: %s %q is neither RFC 3339 (2026-12-08T10:00:00Z) nor a day (2026-12-08)", ErrQuery, key, s)
}

// Validate checks the ranges, patterns and cursors.
func (q *Query) Validate() error {
	switch {
	case q.Limit < 0 || q.Limit > PageSize:
		return fmt.Errorf("%w: limit %d is outside 1..%d", ErrQuery, q.Limit, PageSize)
	case !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To):
		return fmt.Errorf("%w: startTime %s is not before endTime %s", ErrQuery, q.From.Format(time.RFC3339), q.To.Format(time.RFC3339))
	case q.After != "" && q.Before != "":
		return fmt.Errorf("%w: after and before together", ErrQuery)
	}
	switch q.Completeness {
	case AnyCompleteness, Complete, AnyLoss, CutShort, DeadLettered:
	default:
		return fmt.Errorf("%w: completeness %q is not one of complete, loss, cut-short, dead", ErrQuery, q.Completeness)
	}
	for _, p := range [][2]string{{"dn", q.DN}, {"ani", q.ANI}, {"dnis", q.DNIS}} {
		if _, err := path.Match(p[1], ""); err != nil || strings.ContainsAny(p[1], "\x00/") {
			return fmt.Errorf("%w: %s %q is not a pattern (digits, *, ?, [0-9])", ErrQuery, p[0], p[1])
		}
	}
	for _, c := range []string{q.After, q.Before} {
		if _, err := decodeCursor(c); err != nil {
			return err
		}
	}
	return nil
}

func (q *Query) limit() int {
	if q.Limit == 0 {
		return PageSize
	}
	return q.Limit
}

// Values returns q as URL parameters (for next/prev links), without the cursors.
func (q *Query) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !q.From.IsZero() {
		set("startTime", q.From.UTC().Format(time.RFC3339Nano))
	}
	if !q.To.IsZero() {
		set("endTime", q.To.UTC().Format(time.RFC3339Nano))
	}
	set("dn", q.DN)
	set("ani", q.ANI)
	set("dnis", q.DNIS)
	set("callUUID", q.CallUUID)
	set("tenant", q.Tenant)
	set("completeness", string(q.Completeness))
	if q.Limit != 0 {
		set("limit", strconv.Itoa(q.Limit))
	}
	return v
}
