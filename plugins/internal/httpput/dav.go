package httpput

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/reel-project/reel/plugins/sdk"
)

// Namespace is the XML namespace of Reel's WebDAV dead properties.
const Namespace = "urn:reel:"

// Props are what PROPFIND tells about a resource.
type Props struct {
	Size   int64
	ETag   string
	SHA256 string // Reel's dead property; "" when the server keeps none
}

const propfindBody = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:R="` + Namespace + `"><D:prop><D:getcontentlength/><D:getetag/><R:sha256/></D:prop></D:propfind>`

// Propfind asks for u's size, ETag and sha256 property with Depth 0; a
// missing resource is sdk.ErrNotFound.
func (c *Client) Propfind(ctx context.Context, u *url.URL) (Props, error) {
	hdr := http.Header{"Depth": {"0"}, "Content-Type": {"application/xml; charset=utf-8"}}
	resp, err := c.do(ctx, "PROPFIND", u, strings.NewReader(propfindBody), hdr)
	if err != nil {
		return Props{}, err
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		Drain(resp)
		return Props{}, sdk.ErrNotFound
	case http.StatusMultiStatus:
		defer Drain(resp)
		return decodeProps(resp.Body)
	}
	return Props{}, StatusError("PROPFIND", u, resp)
}

type multistatus struct {
	Props []struct {
		Length string `xml:"prop>getcontentlength"`
		ETag   string `xml:"prop>getetag"`
		SHA256 string `xml:"urn:reel: prop>sha256"`
		Status string `xml:"status"`
	} `xml:"response>propstat"`
}

// maxMultistatus bounds the PROPFIND answer read: a Depth 0 answer for
// three properties is well under a kilobyte.
const maxMultistatus = 1 << 20

// decodeProps reads a 207 Multi-Status body; properties in a propstat that
// is not 200, and lengths that are not a non-negative number, are ignored.
func decodeProps(body io.Reader) (Props, error) {
	var ms multistatus
	if err := xml.NewDecoder(io.LimitReader(body, maxMultistatus)).Decode(&ms); err != nil {
		return Props{}, sdk.Retryable(fmt.Errorf("PROPFIND: bad multistatus: %w", err))
	}
	var p Props
	for _, ps := range ms.Props {
		if !strings.Contains(ps.Status, " 200 ") {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(ps.Length), 10, 64); err == nil && n >= 0 {
			p.Size = n
		}
		p.ETag = firstNonEmpty(p.ETag, strings.TrimSpace(ps.ETag))
		p.SHA256 = firstNonEmpty(p.SHA256, strings.TrimSpace(ps.SHA256))
	}
	return p, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// SetSHA256 stores sum as u's sha256 dead property (PROPPATCH).
func (c *Client) SetSHA256(ctx context.Context, u *url.URL, sum string) error {
	body := `<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:R="` + Namespace + `"><D:set><D:prop><R:sha256>` + sum + `</R:sha256></D:prop></D:set></D:propertyupdate>`
	hdr := http.Header{"Content-Type": {"application/xml; charset=utf-8"}}
	resp, err := c.do(ctx, "PROPPATCH", u, strings.NewReader(body), hdr)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusMultiStatus && resp.StatusCode/100 != 2 {
		return StatusError("PROPPATCH", u, resp)
	}
	Drain(resp)
	return nil
}

// Move renames from to to without overwriting: it reports false when to
// already exists (412 Precondition Failed).
func (c *Client) Move(ctx context.Context, from, to *url.URL) (bool, error) {
	hdr := http.Header{"Destination": {to.String()}, "Overwrite": {"F"}}
	resp, err := c.do(ctx, "MOVE", from, nil, hdr)
	if err != nil {
		return false, err
	}
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		Drain(resp)
		return false, nil
	case resp.StatusCode/100 == 2:
		Drain(resp)
		return true, nil
	}
	return false, StatusError("MOVE", from, resp)
}

// Delete removes u; a missing resource is success.
func (c *Client) Delete(ctx context.Context, u *url.URL) error {
	resp, err := c.do(ctx, http.MethodDelete, u, nil, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNotFound || resp.StatusCode/100 == 2 {
		Drain(resp)
		return nil
	}
	return StatusError(http.MethodDelete, u, resp)
}

// Get opens u for reading; the caller closes the body.
func (c *Client) Get(ctx context.Context, u *url.URL) (*http.Response, error) {
	resp, err := c.do(ctx, http.MethodGet, u, nil, nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		Drain(resp)
		return nil, sdk.ErrNotFound
	}
	if resp.StatusCode != http.StatusOK {
		return nil, StatusError(http.MethodGet, u, resp)
	}
	return resp, nil
}

// Post sends body to u and returns the response for the caller to judge.
func (c *Client) Post(ctx context.Context, u *url.URL, body []byte, hdr http.Header) (*http.Response, error) {
	return c.doSized(ctx, http.MethodPost, u, strings.NewReader(string(body)), int64(len(body)), hdr)
}
