package s3

import (
	"strings"
	"testing"
)

func TestParseDestination(t *testing.T) {
	cases := []struct {
		in, bucket, prefix string
		ok                 bool
	}{
		{"S3:recordings", "recordings", "", true},
		{"S3:recordings/2026/eu", "recordings", "2026/eu", true},
		{"S3:my.bucket-1/p", "my.bucket-1", "p", true},
		{"S3:rec/sp ace/é", "rec", "sp ace/é", true},
		{"s3:recordings", "", "", false},   // the scheme is upper case
		{"S3://recordings", "", "", false}, // not a URL
		{"S3:", "", "", false},             // no bucket
		{"S3:ab", "", "", false},           // too short
		{"S3:" + strings.Repeat("a", 64), "", "", false},
		{"S3:Recordings", "", "", false},  // upper case
		{"S3:rec_ordings", "", "", false}, // underscore
		{"S3:-rec", "", "", false},        // dash at the start
		{"S3:rec.", "", "", false},        // dot at the end
		{"S3:re..c", "", "", false},       // empty label
		{"S3:re.-c", "", "", false},       // dashed label
		{"S3:192.168.1.1", "", "", false}, // an IP address
		{"S3:rec/", "", "", false},        // empty prefix
		{"S3:rec//a", "", "", false},      // empty segment
		{"S3:rec/a/", "", "", false},      // trailing slash
		{"S3:rec/a/../b", "", "", false},  // dot-dot
		{"S3:rec/./b", "", "", false},     // dot
		{"S3:rec/a\\b", "", "", false},    // backslash
		{"S3:rec/a\x00b", "", "", false},  // control character
		{"S3:rec/\xff", "", "", false},    // not UTF-8
		{"S3:rec/" + strings.Repeat("a", 513), "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDestination(tc.in)
			if tc.ok != (err == nil) || d.Bucket != tc.bucket || d.Prefix != tc.prefix {
				t.Fatalf("ParseDestination(%q) = %+v, %v", tc.in, d, err)
			}
			if tc.ok && d.String() != tc.in {
				t.Errorf("String() = %q, want %q", d.String(), tc.in)
			}
		})
	}
}

// FuzzParseDestination: whatever parses round-trips through String and
// yields a bucket and prefix the validators accept.
func FuzzParseDestination(f *testing.F) {
	for _, s := range []string{"S3:rec", "S3:rec/a/b", "S3:a.b-c/x y", "S3:rec//", "s3:x", "S3:1.2.3.4/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDestination(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDestination(%q).String() = %q", s, d.String())
		}
		if checkBucket(d.Bucket) != nil || checkPrefix(d.Prefix) != nil {
			t.Fatalf("ParseDestination(%q) accepted %+v", s, d)
		}
		if strings.HasPrefix(d.Prefix, "/") || strings.HasSuffix(d.Prefix, "/") || strings.Contains(d.Prefix, "//") {
			t.Fatalf("ParseDestination(%q) prefix %q has a stray slash", s, d.Prefix)
		}
	})
}
