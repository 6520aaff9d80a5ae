package sdp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pion/sdp/v3"
)

// maxSize bounds a description; a SIP body is far smaller.
const maxSize = 64 << 10

// mLine is an m-line as its writer spelled it, kept so that a refused stream is
// echoed with its own media, proto and formats (RFC 3264 §6).
type mLine struct {
	media   string
	proto   string
	formats []string
}

// session is a parsed description: pion's view plus the m-lines as written,
// index for index.
type session struct {
	desc  sdp.SessionDescription
	lines []mLine
}

// parse normalises b and hands it to pion.
func parse(b []byte) (*session, error) {
	text, lines, err := normalize(b)
	if err != nil {
		return nil, err
	}
	s := &session{lines: lines}
	if err := s.desc.UnmarshalString(text); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if len(s.desc.MediaDescriptions) != len(lines) {
		return nil, fmt.Errorf("%w: %d m-lines, pion read %d", ErrMalformed, len(lines), len(s.desc.MediaDescriptions))
	}
	return s, nil
}

// Line types we keep, in RFC 4566 order. Every other type (i u e p b r z k, and
// letters SDP does not define) is dropped: we do not use them, and a strange
// b= or z= must not fail a call.
const (
	sessionOrder = "vosctA" // A: a= at session level, after t=
	mediaOrder   = "mca"
)

// normalize returns b as CRLF lines in the order pion's parser demands, with
// s= and t= supplied when missing, and the m-lines as written.
func normalize(b []byte) (string, []mLine, error) {
	if len(b) > maxSize {
		return "", nil, fmt.Errorf("%w: %d bytes, limit %d", ErrMalformed, len(b), maxSize)
	}
	sections, err := split(string(b))
	if err != nil {
		return "", nil, err
	}
	head, err := sessionLines(sections[0])
	if err != nil {
		return "", nil, err
	}
	var out strings.Builder
	out.Grow(len(b) + 32)
	writeLines(&out, head)
	lines := make([]mLine, 0, len(sections)-1)
	for _, sec := range sections[1:] {
		ml, canonical, err := parseMLine(sec[0])
		if err != nil {
			return "", nil, err
		}
		lines = append(lines, ml)
		sec[0] = canonical
		slices.SortStableFunc(sec[1:], byRank(false))
		writeLines(&out, sec)
	}
	return out.String(), lines, nil
}

// split cuts the text into lines (any of CR, LF, CRLF; trailing blanks
// trimmed; empty lines skipped) and groups them into the session section and
// one section per m-line. Lines of a type the section does not use are dropped.
func split(text string) ([][]string, error) {
	sections := [][]string{nil}
	n := 0
	for line := range strings.FieldsFuncSeq(text, isLineEnd) {
		n++
		line = strings.TrimRight(line, " \t")
		if line == "" {
			continue
		}
		if err := checkLine(n, line); err != nil {
			return nil, err
		}
		switch line[0] {
		case 'm':
			sections = append(sections, []string{line})
			continue
		case 'o':
			line = fixOrigin(line)
		}
		last := len(sections) - 1
		if rank(line, last == 0) >= 0 {
			sections[last] = append(sections[last], line)
		}
	}
	return sections, nil
}

// fixOrigin joins a user name written with blanks ("o=Some UA 1 2 IN IP4 …",
// seen in the wild) into one field, so the five fields after it parse.
func fixOrigin(line string) string {
	f := strings.Fields(line[2:])
	if len(f) <= 6 {
		return line
	}
	user := strings.Join(f[:len(f)-5], "_")
	return "o=" + user + " " + strings.Join(f[len(f)-5:], " ")
}

func isLineEnd(r rune) bool { return r == '\r' || r == '\n' }

// rank is the position of the line's type in its section's order, -1 for a
// type we drop. A session-level a= sorts after t= (sessionOrder spells it A).
func rank(line string, inSession bool) int {
	if !inSession {
		return strings.IndexByte(mediaOrder, line[0])
	}
	if line[0] == 'a' {
		return strings.IndexByte(sessionOrder, 'A')
	}
	return strings.IndexByte(sessionOrder, line[0])
}

// byRank orders the lines of one section by rank.
func byRank(inSession bool) func(a, b string) int {
	return func(a, b string) int { return rank(a, inSession) - rank(b, inSession) }
}

// checkLine accepts "<letter>=<text>" without control characters.
func checkLine(n int, line string) error {
	if len(line) < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z' {
		return fmt.Errorf("%w: line %d is not <type>=<value>: %.40q", ErrMalformed, n, line)
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return fmt.Errorf("%w: line %d has control character %#02x", ErrMalformed, n, c)
		}
	}
	return nil
}

// sessionLines orders the session section and supplies s= and t= when a
// sloppy writer left them out; v= and o= are required.
func sessionLines(lines []string) ([]string, error) {
	has := func(t byte) bool {
		return slices.ContainsFunc(lines, func(l string) bool { return l[0] == t })
	}
	for _, t := range []byte{'v', 'o'} {
		if !has(t) {
			return nil, fmt.Errorf("%w: no %c= line", ErrMalformed, t)
		}
	}
	if !has('s') {
		lines = append(lines, "s=-")
	}
	if !has('t') {
		lines = append(lines, "t=0 0")
	}
	slices.SortStableFunc(lines, byRank(true))
	return lines, nil
}

func writeLines(b *strings.Builder, lines []string) {
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString("\r\n")
	}
}
