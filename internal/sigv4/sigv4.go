package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// AWS Signature Version 4 for S3, as documented in "Signature Calculations
// for the Authorization Header" (AWS S3 API reference): a canonical request
// of method, path, query, headers and payload hash is hashed into a string
// to sign, which is signed with a key derived from the secret, the day, the
// region and the service.

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	amzDateTime  = "20060102T150405Z"
	// EmptySHA256 is the SHA-256 of no bytes.
	EmptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Signer signs requests for one set of credentials and region. It is safe
// for concurrent use.
type Signer struct {
	AccessKey, SecretKey, Region string
	Now                          func() time.Time
}

// Sign adds X-Amz-Date, X-Amz-Content-Sha256 and Authorization to req.
// Every header already set is signed, except Content-Length and
// User-Agent, which proxies may change. payloadHash is the body's hex
// SHA-256.
func (s Signer) Sign(req *http.Request, payloadHash string) {
	now := s.Now().UTC().Format(amzDateTime)
	req.Header.Set("X-Amz-Date", now)
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	names, headers := canonicalHeaders(req)
	creq := strings.Join([]string{req.Method, canonicalPath(req.URL), CanonicalQuery(req.URL),
		headers, names, payloadHash}, "\n")
	scope := now[:8] + "/" + s.Region + "/s3/aws4_request"
	toSign := sigAlgorithm + "\n" + now + "\n" + scope + "\n" + HexSHA256([]byte(creq))
	sig := hex.EncodeToString(hmacSHA256(s.signingKey(now[:8]), toSign))
	req.Header.Set("Authorization", sigAlgorithm+" Credential="+s.AccessKey+"/"+scope+
		", SignedHeaders="+names+", Signature="+sig)
}

func (s Signer) signingKey(day string) []byte {
	k := hmacSHA256([]byte("AWS4"+s.SecretKey), day)
	k = hmacSHA256(k, s.Region)
	k = hmacSHA256(k, "s3")
	return hmacSHA256(k, "aws4_request")
}

// canonicalHeaders returns the signed header names ("host;x-amz-date") and
// the canonical header block, one "name:value\n" per header.
func canonicalHeaders(req *http.Request) (names, block string) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	vals := map[string]string{"host": host}
	for k, v := range req.Header {
		lk := strings.ToLower(k)
		if lk == "authorization" || lk == "content-length" || lk == "user-agent" {
			continue
		}
		vals[lk] = strings.Join(v, ",")
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range vals {
			if !yield(k) {
				return
			}
		}
	})
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + ":" + strings.Join(strings.Fields(vals[k]), " ") + "\n")
	}
	return strings.Join(keys, ";"), b.String()
}

// canonicalPath is the URI-encoded path; S3 does not encode it twice.
func canonicalPath(u *url.URL) string {
	if p := u.EscapedPath(); p != "" {
		return p
	}
	return "/"
}

// CanonicalQuery sorts the parameters and encodes them like URIEscape.
func CanonicalQuery(u *url.URL) string {
	q := u.Query()
	pairs := make([]string, 0, len(q))
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, URIEscape(k, true)+"="+URIEscape(v, true))
		}
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "&")
}

// URIEscape percent-encodes every byte except A–Z a–z 0–9 - . _ ~, and "/"
// unless escapeSlash, with uppercase hex, as SigV4 requires.
func URIEscape(s string, escapeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := range len(s) {
		c := s[i]
		if unreserved(c) || c == '/' && !escapeSlash {
			b.WriteByte(c)
			continue
		}
		b.Write([]byte{'%', hexDigits[c>>4], hexDigits[c&15]})
	}
	return b.String()
}

func unreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func HexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
