package sdp

import (
	"strconv"
	"strings"
)

// eventSet is a set of RFC 4733 event codes 0–31 (we only use 0–16; higher
// codes are dropped when read).
type eventSet uint32

// parseEvents reads an fmtp event list such as "0-15" or "0-11,16". Malformed
// items are skipped; an unreadable list means the RFC 4733 default 0–15.
func parseEvents(v string) eventSet {
	var s eventSet
	parsed := false
	for item := range strings.SplitSeq(v, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(item), "-")
		if !isRange {
			hi = lo
		}
		a, errA := strconv.Atoi(strings.TrimSpace(lo))
		b, errB := strconv.Atoi(strings.TrimSpace(hi))
		if errA != nil || errB != nil || a < 0 || a > b {
			continue
		}
		parsed = true
		for e := a; e <= min(b, 31); e++ {
			s |= 1 << e
		}
	}
	if !parsed {
		return defaultEvents
	}
	return s
}

// String writes the set as fmtp ranges, e.g. "0-15" or "0-11,16".
func (s eventSet) String() string {
	var b strings.Builder
	for e := 0; e < 32; e++ {
		if s&(1<<e) == 0 {
			continue
		}
		end := e
		for end < 31 && s&(1<<(end+1)) != 0 {
			end++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(e))
		if end > e {
			b.WriteByte('-')
			b.WriteString(strconv.Itoa(end))
		}
		e = end
	}
	return b.String()
}
