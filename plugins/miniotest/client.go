package miniotest

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/reel-project/reel/internal/sigv4"
)

// Get returns an object's bytes, read with the root credentials.
func (m *Server) Get(bucket, key string) ([]byte, error) {
	return m.do(&url.URL{Path: "/" + bucket + "/" + key})
}

// List returns the keys of a bucket's objects under prefix.
func (m *Server) List(bucket, prefix string) ([]string, error) {
	body, err := m.do(&url.URL{Path: "/" + bucket, RawQuery: url.Values{"list-type": {"2"}, "prefix": {prefix}}.Encode()})
	if err != nil {
		return nil, err
	}
	var res struct {
		Contents []struct{ Key string }
	}
	if err := xml.Unmarshal(body, &res); err != nil {
		return nil, err
	}
	keys := make([]string, len(res.Contents))
	for i, c := range res.Contents {
		keys[i] = c.Key
	}
	return keys, nil
}

// do sends a signed GET (the test servers speak plain HTTP).
func (m *Server) do(u *url.URL) ([]byte, error) {
	full, err := url.Parse(m.Endpoint())
	if err != nil {
		return nil, err
	}
	full.Path, full.RawPath = u.Path, sigv4.URIEscape(u.Path, false)
	full.RawQuery = sigv4.CanonicalQuery(u)
	req, err := http.NewRequest(http.MethodGet, full.String(), nil)
	if err != nil {
		return nil, err
	}
	sigv4.Signer{AccessKey: AccessKey, SecretKey: SecretKey, Region: "us-east-1", Now: time.Now}.Sign(req, sigv4.EmptySHA256)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s: %s", u, resp.Status, body)
	}
	return body, err
}
