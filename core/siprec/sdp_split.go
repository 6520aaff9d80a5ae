package siprec

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// maxStreams bounds the m-lines of one offer.
const maxStreams = 32

// Stream is one m-line of an SRC's offer.
type Stream struct {
	Index int    // position in the offer, from 0
	Media string // "audio", "video", …
	Port  int    // 0: the SRC disabled the stream
	Label string // a=label (RFC 4574); "" when absent
	// Direction is the stream's direction attribute as the SRC wrote it
	// (m-line level, else session level, else "sendrecv"); "inactive" also
	// for a legacy hold (c=0.0.0.0).
	Direction string
	// SDP is a standalone description of this stream alone: the offer's
	// session lines and this m-line's section, CRLF line ends.
	SDP []byte

	mline string // the m= line as offered, for a refusal
}

// Active reports whether the SRC sends media on the stream.
func (s Stream) Active() bool {
	return s.Port > 0 && (s.Direction == "sendonly" || s.Direction == "sendrecv")
}

// SplitSDP cuts an offer into its streams. It reads only what it needs to
// cut and to label; core/sdp parses each stream's SDP fully.
func SplitSDP(b []byte) ([]Stream, error) {
	session, sections := sections(b)
	if len(sections) == 0 {
		return nil, fmt.Errorf("%w: SDP without m-lines", ErrMalformed)
	}
	if len(sections) > maxStreams {
		return nil, fmt.Errorf("%w: %d m-lines, limit %d", ErrMalformed, len(sections), maxStreams)
	}
	sessDir, sessHold := direction(session)
	head := strings.Join(session, "\r\n") + "\r\n"
	out := make([]Stream, len(sections))
	for i, sec := range sections {
		st, err := newStream(i, sec, sessDir, sessHold)
		if err != nil {
			return nil, err
		}
		st.SDP = []byte(head + strings.Join(sec, "\r\n") + "\r\n")
		out[i] = st
	}
	return out, nil
}

// sections splits SDP lines (any line end) into the session part and one
// part per m-line; empty lines are dropped.
func sections(b []byte) (session []string, media [][]string) {
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	for line := range strings.SplitSeq(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "m="):
			media = append(media, []string{line})
		case len(media) == 0:
			session = append(session, line)
		default:
			media[len(media)-1] = append(media[len(media)-1], line)
		}
	}
	return session, media
}

func newStream(i int, sec []string, sessDir string, sessHold bool) (Stream, error) {
	f := strings.Fields(strings.TrimPrefix(sec[0], "m="))
	if len(f) < 3 {
		return Stream{}, fmt.Errorf("%w: m-line %d %q", ErrMalformed, i+1, sec[0])
	}
	port, err := strconv.Atoi(strings.SplitN(f[1], "/", 2)[0])
	if err != nil || port < 0 || port > 65535 {
		return Stream{}, fmt.Errorf("%w: m-line %d port %q", ErrMalformed, i+1, f[1])
	}
	st := Stream{Index: i, Media: strings.ToLower(f[0]), Port: port, mline: sec[0], Label: attr(sec, "label")}
	dir, hold := direction(sec)
	st.Direction = first(dir, first(sessDir, "sendrecv"))
	if hold || (sessHold && !hasConnection(sec)) {
		st.Direction = "inactive"
	}
	return st, nil
}

// direction is the direction attribute among lines, and whether a c= line
// puts the part on hold (0.0.0.0).
func direction(lines []string) (dir string, hold bool) {
	for _, l := range lines {
		switch v := strings.ToLower(l); v {
		case "a=sendonly", "a=recvonly", "a=inactive", "a=sendrecv":
			dir = v[2:]
		case "c=in ip4 0.0.0.0":
			hold = true
		}
	}
	return dir, hold
}

func hasConnection(lines []string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, "c=") {
			return true
		}
	}
	return false
}

// attr is the value of the first a=<name>:<value> line, trimmed.
func attr(lines []string, name string) string {
	for _, l := range lines {
		k, v, ok := strings.Cut(strings.TrimPrefix(l, "a="), ":")
		if ok && strings.HasPrefix(l, "a=") && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// mSection is the part of an SDP from its first m-line on.
func mSection(b []byte) ([]byte, bool) {
	if bytes.HasPrefix(b, []byte("m=")) {
		return b, true
	}
	i := bytes.Index(b, []byte("\nm="))
	if i < 0 {
		return nil, false
	}
	return b[i+1:], true
}
