package dtmf

import "time"

// Path is the way a key press reached us.
type Path uint8

// The paths a key press can take.
const (
	RFC4733 Path = 1 << iota // RTP telephone-event
	INFO                     // SIP INFO (dtmf-relay or dtmf)
	InBand                   // tones in the audio
)

// DefaultWindow is how far apart the same press may arrive on two paths:
// an RFC 4733 event is reported at its end, in-band tones after 30 ms, and
// an INFO after a SIP round through proxies.
const DefaultWindow = 800 * time.Millisecond

// dedupeLen is how many recent presses a Deduper remembers.
const dedupeLen = 16

// Deduper counts each key press once when the caller's equipment sends it
// on more than one path (a gateway sending RFC 4733 and leaving the tones in
// the audio, or INFO and RFC 4733). A press on one path is a copy of an
// earlier press of the same key on another path within the window that no
// press on this path has matched yet; presses on the same path are always
// distinct (each path de-duplicates itself). Not safe for concurrent use:
// one per call.
type Deduper struct {
	Window time.Duration // 0: DefaultWindow
	recent [dedupeLen]press
	next   int
}

type press struct {
	key   byte
	at    time.Time
	paths Path // the paths that carried it
}

// Press reports whether key, arriving on path at time at, is a new press
// (true) or a copy of one already counted (false).
func (d *Deduper) Press(key byte, path Path, at time.Time) bool {
	w := d.Window
	if w <= 0 {
		w = DefaultWindow
	}
	oldest := -1
	for i := range d.recent {
		p := &d.recent[i]
		if p.key != key || p.paths&path != 0 || at.Sub(p.at).Abs() > w {
			continue
		}
		if oldest < 0 || p.at.Before(d.recent[oldest].at) {
			oldest = i
		}
	}
	if oldest >= 0 {
		d.recent[oldest].paths |= path
		return false
	}
	d.recent[d.next] = press{key: key, at: at, paths: path}
	d.next = (d.next + 1) % dedupeLen
	return true
}
