package httpput

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/reel-project/reel/plugins/sdk"
)

// ErrStatus is a response the plugin did not expect; the wrapped error
// carries the method, URL, status and the first 512 bytes of the body.
var ErrStatus = errors.New("unexpected HTTP status")

// maxReason is how much of a refusing server's body an error repeats.
const maxReason = 512

// StatusError reads resp's body (up to 512 bytes), closes it and returns
// the error for a status the caller did not expect, classed by Class.
func StatusError(method string, u *url.URL, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxReason))
	Drain(resp)
	reason := strings.TrimSpace(string(body))
	err := fmt.Errorf("%w: %s %s: %s: %q", ErrStatus, method, Redacted(u), resp.Status, reason)
	if Retryable(resp.StatusCode) {
		return sdk.Retryable(err)
	}
	return sdk.Permanent(err)
}

// Retryable reports whether a request that got status may succeed later:
// 408, 425, 429 and every 5xx. Every other refusal (401, 403, 404, 405,
// 409, 412, 413, 415, …) needs an operator.
func Retryable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return true
	}
	return status >= 500
}

// transportError classes a failed round trip: the context's own error when
// it ended, else retryable (connection refused, reset, TLS handshake to a
// restarting server, timeout). A certificate that does not verify is
// permanent (a wrong ca_file): only the operator can fix the trust.
func transportError(ctx context.Context, method string, u *url.URL, err error) error {
	err = fmt.Errorf("%s %s: %w", method, Redacted(u), err)
	if ctx.Err() != nil {
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	var cert *tls.CertificateVerificationError
	if errors.As(err, &cert) {
		return sdk.Permanent(err)
	}
	return sdk.Retryable(err)
}
