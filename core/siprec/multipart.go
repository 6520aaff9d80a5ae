package siprec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strings"
)

// Media types of the parts we read (RFC 7866 §9, RFC 7865 §10).
const (
	typeSDP       = "application/sdp"
	typeMultipart = "multipart/mixed"
	// typeMetadata is also accepted without "+xml" (vendor variant).
	typeMetadata = "application/rs-metadata+xml"
)

// maxParts bounds the parts of one body: SDP, metadata and a few extras.
const maxParts = 16

// Body is an offer's body split into the parts we use; both slices point
// into the body given to Split (or its decoded copy).
type Body struct {
	SDP      []byte // the application/sdp part
	Metadata []byte // the rs-metadata part; nil when there is none
	Ignored  []string
}

// Split reads an offer's body by its Content-Type: application/sdp alone
// (a session without metadata), or multipart/mixed with an SDP part, an
// optional rs-metadata part and any other parts, which are skipped and
// listed in Ignored. A multipart Content-Type without a boundary takes the
// boundary from the body's first delimiter line.
func Split(contentType string, body []byte) (Body, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return Body{}, fmt.Errorf("%w: Content-Type %q: %v", ErrMalformed, contentType, err)
	}
	switch mt {
	case typeSDP:
		return Body{SDP: body}, nil
	case typeMultipart:
	default:
		return Body{}, fmt.Errorf("%w: Content-Type %q (want %s or %s)", ErrUnsupported, mt, typeSDP, typeMultipart)
	}
	boundary := params["boundary"]
	if boundary == "" {
		if boundary = sniffBoundary(body); boundary == "" {
			return Body{}, fmt.Errorf("%w: multipart/mixed without a boundary", ErrMalformed)
		}
	}
	return splitParts(multipart.NewReader(bytes.NewReader(body), boundary))
}

// sniffBoundary is the boundary of a body whose first line is "--<boundary>".
func sniffBoundary(body []byte) string {
	line, _, _ := bytes.Cut(body, []byte("\n"))
	line = bytes.TrimRight(line, "\r \t")
	if !bytes.HasPrefix(line, []byte("--")) || len(line) < 3 || len(line) > 72 {
		return ""
	}
	return string(line[2:])
}

func splitParts(r *multipart.Reader) (Body, error) {
	var b Body
	for n := 0; ; n++ {
		p, err := r.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Body{}, fmt.Errorf("%w: multipart part %d: %v", ErrMalformed, n+1, err)
		}
		if n == maxParts {
			return Body{}, fmt.Errorf("%w: more than %d multipart parts", ErrMalformed, maxParts)
		}
		if err := b.add(p); err != nil {
			return Body{}, fmt.Errorf("%w: multipart part %d: %v", ErrMalformed, n+1, err)
		}
	}
	if b.SDP == nil {
		return Body{}, fmt.Errorf("%w: multipart body without an %s part", ErrUnsupported, typeSDP)
	}
	return b, nil
}

// add keeps an SDP or metadata part (the first of each) and lists the rest.
func (b *Body) add(p *multipart.Part) error {
	ct := p.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(ct))
	}
	if enc := p.Header.Get("Content-Transfer-Encoding"); enc != "" && !identity(enc) {
		return fmt.Errorf("Content-Transfer-Encoding %q", enc)
	}
	data, err := io.ReadAll(p)
	if err != nil {
		return err
	}
	switch {
	case mt == typeSDP && b.SDP == nil:
		b.SDP = data
	case isMetadata(mt) && b.Metadata == nil:
		b.Metadata = data
	default:
		b.Ignored = append(b.Ignored, mt)
	}
	return nil
}

// isMetadata accepts application/rs-metadata+xml and, as some SRCs send it,
// application/rs-metadata.
func isMetadata(mt string) bool {
	return mt == typeMetadata || mt == strings.TrimSuffix(typeMetadata, "+xml")
}

// identity reports whether a transfer encoding leaves the bytes as they are.
func identity(enc string) bool {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "7bit", "8bit", "binary":
		return true
	}
	return false
}
