package s3

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// Destination is a parsed "S3:bucket[/prefix]" destination.
type Destination struct {
	Bucket string
	Prefix string // "" or slash-separated segments, no leading or trailing slash
}

// maxPrefix leaves room for "/<recording id>/<name>" in S3's 1024-byte keys.
const maxPrefix = 512

var errNotS3 = errors.New(`must start with "S3:"`)

// ParseDestination parses "S3:bucket" or "S3:bucket/prefix/…" strictly: a
// valid S3 bucket name, then a prefix of non-empty segments without ".",
// "..", backslashes or control characters.
func ParseDestination(s string) (Destination, error) {
	rest, ok := strings.CutPrefix(s, "S3:")
	if !ok {
		return Destination{}, fmt.Errorf("destination %q: %w", s, errNotS3)
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	if err := checkBucket(bucket); err != nil {
		return Destination{}, fmt.Errorf("destination %q: %w", s, err)
	}
	if strings.Contains(rest, "/") && prefix == "" {
		return Destination{}, fmt.Errorf("destination %q: empty prefix after %q", s, bucket+"/")
	}
	if err := checkPrefix(prefix); err != nil {
		return Destination{}, fmt.Errorf("destination %q: %w", s, err)
	}
	return Destination{Bucket: bucket, Prefix: prefix}, nil
}

// String is the destination in its "S3:bucket[/prefix]" form.
func (d Destination) String() string {
	if d.Prefix == "" {
		return "S3:" + d.Bucket
	}
	return "S3:" + d.Bucket + "/" + d.Prefix
}

// checkBucket applies S3's bucket naming rules: 3–63 lowercase letters,
// digits, dots and dashes, starting and ending with a letter or digit, no
// "..", not an IPv4 address.
func checkBucket(b string) error {
	if len(b) < 3 || len(b) > 63 {
		return fmt.Errorf("bucket %q must be 3 to 63 characters", b)
	}
	for i := range len(b) {
		if !bucketChar(b[i], i == 0 || i == len(b)-1) {
			return fmt.Errorf("bucket %q: lowercase letters, digits, '.' and '-' only, starting and ending with a letter or digit", b)
		}
	}
	if strings.Contains(b, "..") || strings.Contains(b, ".-") || strings.Contains(b, "-.") {
		return fmt.Errorf("bucket %q: no empty or dashed label", b)
	}
	if a, err := netip.ParseAddr(b); err == nil && a.Is4() {
		return fmt.Errorf("bucket %q looks like an IP address", b)
	}
	return nil
}

func bucketChar(c byte, edge bool) bool {
	alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	return alnum || !edge && (c == '.' || c == '-')
}

// checkPrefix accepts "" or segments joined by single slashes.
func checkPrefix(p string) error {
	if p == "" {
		return nil
	}
	if len(p) > maxPrefix || !utf8.ValidString(p) {
		return fmt.Errorf("prefix must be valid UTF-8 of at most %d bytes", maxPrefix)
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("prefix %q: empty, \".\" or \"..\" segment", p)
		}
		if strings.ContainsFunc(seg, badPrefixRune) {
			return fmt.Errorf("prefix %q: control character or backslash", p)
		}
	}
	return nil
}

func badPrefixRune(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }
