package siprec

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Answerer writes the SRS's answers of one recording session: one m-line
// per offered m-line, in order (RFC 3264 §6), labels echoed (RFC 7866
// §8.1.1). Its o= line keeps one session id and gets the next version
// whenever the answer changes (RFC 3264 §8). Not safe for concurrent use.
type Answerer struct {
	SessionID uint64
	version   uint64
	last      []byte // the previous answer without its o= line
}

// Answer merges the media side's answers, one per offered stream: a
// stream's answer is a one-m-line SDP (its session part is taken from the
// first one), nil refuses the stream (port 0). At least one stream must be
// answered.
func (a *Answerer) Answer(offer []Stream, answers [][]byte) ([]byte, error) {
	if len(offer) != len(answers) {
		return nil, fmt.Errorf("siprec: %d answers for %d streams", len(answers), len(offer))
	}
	var head []byte
	var body bytes.Buffer
	for i, st := range offer {
		sec, ok := mSection(answers[i])
		if answers[i] == nil || !ok {
			body.WriteString(refusal(st))
			continue
		}
		if head == nil {
			head = answers[i][:len(answers[i])-len(sec)]
		}
		body.Write(withLabel(sec, st.Label))
	}
	if head == nil {
		return nil, fmt.Errorf("%w: none of %d m-lines answered", ErrNoStreams, len(offer))
	}
	return a.finish(head, body.Bytes()), nil
}

// finish puts our o= line on the merged answer.
func (a *Answerer) finish(head, media []byte) []byte {
	rest := append(bytes.Clone(withoutOrigin(head)), media...)
	if !bytes.Equal(rest, a.last) {
		a.version++
		a.last = rest
	}
	o := "o=reel " + strconv.FormatUint(a.SessionID, 10) + " " + strconv.FormatUint(a.version, 10) + originAddr(head) + "\r\n"
	v, after, _ := bytes.Cut(rest, []byte("\r\n"))
	out := make([]byte, 0, len(rest)+len(o)+2)
	return append(append(append(append(out, v...), "\r\n"...), o...), after...)
}

// withoutOrigin drops the o= line of a session part.
func withoutOrigin(head []byte) []byte {
	var out []byte
	for line := range bytes.Lines(head) {
		if !bytes.HasPrefix(line, []byte("o=")) {
			out = append(out, line...)
		}
	}
	return out
}

// originAddr is " IN IP4 <addr>" from the o= line of a session part.
func originAddr(head []byte) string {
	for line := range bytes.Lines(head) {
		if f := strings.Fields(string(line)); len(f) == 6 && strings.HasPrefix(f[0], "o=") {
			return " " + f[3] + " " + f[4] + " " + f[5]
		}
	}
	return " IN IP4 0.0.0.0"
}

// withLabel appends a=label:<label> to an answer's m-section.
func withLabel(sec []byte, label string) []byte {
	out := bytes.Clone(sec)
	if label == "" {
		return out
	}
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, "\r\n"...)
	}
	return append(out, "a=label:"+label+"\r\n"...)
}

// refusal is a refused m-line: the offered media, proto and formats on port 0.
func refusal(st Stream) string {
	f := strings.Fields(strings.TrimPrefix(st.mline, "m="))
	f[1] = "0"
	s := "m=" + strings.Join(f, " ") + "\r\n"
	if st.Label != "" {
		s += "a=label:" + st.Label + "\r\n"
	}
	return s
}
