package tone

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// fetchHTTP GETs u within opt.Timeout and returns the body of a 2xx response.
func fetchHTTP(ctx context.Context, u *url.URL, opt LoadOptions) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	what := "GET " + u.Redacted()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, what, err)
	}
	resp, err := opt.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err) // *url.Error names the method and URL
	}
	defer drainClose(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%w: %s: status %d", ErrFetch, what, resp.StatusCode)
	}
	if resp.ContentLength > opt.MaxBytes {
		return nil, fmt.Errorf("%w: %s: Content-Length %d, limit %d", ErrTooLarge, what, resp.ContentLength, opt.MaxBytes)
	}
	return readAtMost(resp.Body, opt.MaxBytes, what)
}

// drainClose reads a little of what is left of body, so that the connection
// can be reused, and closes it.
func drainClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}
