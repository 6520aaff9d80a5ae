package sigv4

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// The "GET Object" example of AWS's "Examples: Signature Calculations in AWS
// Signature Version 4" for S3.
func TestSignMatchesTheAWSExampleForGetObject(t *testing.T) {
	s := Signer{
		AccessKey: "AKIAIOSFODNN7EXAMPLE",
		SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		Region:    "us-east-1",
		Now:       func() time.Time { return time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC) },
	}
	req, _ := http.NewRequest(http.MethodGet, "https://examplebucket.s3.amazonaws.com/test.txt", nil)
	req.Header.Set("Range", "bytes=0-9")
	s.Sign(req, EmptySHA256)
	want := "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
		"SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
		"Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization =\n%s\nwant\n%s", got, want)
	}
}

func TestCanonicalQuerySortsAndEncodes(t *testing.T) {
	u, _ := url.Parse("http://h/b/k?uploadId=a%2Fb+c&partNumber=2&uploads=")
	if got, want := CanonicalQuery(u), "partNumber=2&uploadId=a%2Fb%20c&uploads="; got != want {
		t.Errorf("CanonicalQuery = %s, want %s", got, want)
	}
}

func TestURIEscapeKeepsOnlyUnreservedBytes(t *testing.T) {
	cases := []struct{ in, path, query string }{
		{"rec-1/call.wav", "rec-1/call.wav", "rec-1%2Fcall.wav"},
		{"a b+c$~", "a%20b%2Bc%24~", "a%20b%2Bc%24~"},
		{"é", "%C3%A9", "%C3%A9"},
	}
	for _, tc := range cases {
		if got := URIEscape(tc.in, false); got != tc.path {
			t.Errorf("URIEscape(%q, path) = %s, want %s", tc.in, got, tc.path)
		}
		if got := URIEscape(tc.in, true); got != tc.query {
			t.Errorf("URIEscape(%q, query) = %s, want %s", tc.in, got, tc.query)
		}
	}
}
