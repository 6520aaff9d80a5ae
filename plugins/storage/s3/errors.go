package s3

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/reel-project/reel/plugins/sdk"
)

var (
	// errNotConfigured: a call before Configure, a host bug no retry fixes.
	errNotConfigured = sdk.Permanent(errors.New("storage-s3: not configured"))
	// errNoSHA256: a stored object without x-amz-meta-sha256 (not put by this plugin).
	errNoSHA256 = errors.New("stored object has no x-amz-meta-sha256")
	// errVanished: the object was deleted between a conflict and its HEAD.
	errVanished = errors.New("object vanished during a concurrent put")
)

// Error is an S3 error response: the HTTP status and, when the server sent
// one, the XML error's code and message (a HEAD response has no body).
type Error struct {
	Op        string // "PUT", "HEAD", "CreateMultipartUpload"…
	Target    string // bucket/key
	Status    int
	Code      string // e.g. "SignatureDoesNotMatch", "NoSuchBucket", "SlowDown"
	Message   string
	RequestID string
}

func (e *Error) Error() string {
	code := e.Code
	if code == "" {
		code = http.StatusText(e.Status)
	}
	return fmt.Sprintf("s3: %s %s: %d %s: %s (request id %s)", e.Op, e.Target, e.Status, code, e.Message, e.RequestID)
}

// retryableCodes are S3 error codes a retry can fix whatever their status.
var retryableCodes = map[string]bool{
	"SlowDown": true, "RequestTimeout": true, "InternalError": true, "ServiceUnavailable": true,
	"OperationAborted": true, "RequestTimeTooSkewed": true, // the clock may be fixed by NTP
	"XAmzContentSHA256Mismatch": true, "BadDigest": true, "IncompleteBody": true, // damaged on the way
}

// mismatchCodes mean the server received other bytes than we sent.
var mismatchCodes = map[string]bool{"XAmzContentSHA256Mismatch": true, "BadDigest": true, "IncompleteBody": true}

// Retryable reports whether a retry may succeed: 5xx, 408, 429 and the
// codes above. Everything else (400, 403, 404, …) needs an operator.
func (e *Error) Retryable() bool {
	return e.Status >= 500 || e.Status == http.StatusRequestTimeout ||
		e.Status == http.StatusTooManyRequests || retryableCodes[e.Code]
}

// Unwrap makes a damaged upload match sdk.ErrMismatch.
func (e *Error) Unwrap() error {
	if mismatchCodes[e.Code] {
		return sdk.ErrMismatch
	}
	return nil
}

// GRPCStatus is the code the error crosses the wire with.
func (e *Error) GRPCStatus() *status.Status { return status.New(e.grpcCode(), e.Error()) }

func (e *Error) grpcCode() codes.Code {
	switch {
	case mismatchCodes[e.Code]:
		return codes.DataLoss
	case e.Code == "SlowDown" || e.Status == http.StatusTooManyRequests:
		return codes.ResourceExhausted
	case e.Retryable():
		return codes.Unavailable
	case e.Code == "InvalidAccessKeyId" || e.Code == "SignatureDoesNotMatch":
		return codes.Unauthenticated
	case e.Status == http.StatusForbidden:
		return codes.PermissionDenied
	}
	return codes.FailedPrecondition
}

// classified marks e with its class.
func (e *Error) classified() error {
	if e.Retryable() {
		return sdk.Retryable(e)
	}
	return sdk.Permanent(e)
}

// xmlError is the body of an S3 error response.
type xmlError struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	RequestID string   `xml:"RequestId"`
}

// maxErrorBody bounds how much of an error response is read.
const maxErrorBody = 64 << 10

// responseError builds the classified error of a failed response from its
// XML body, or from MinIO's x-minio-error-* headers for a HEAD.
func responseError(op, target string, resp *http.Response) error {
	e := &Error{Op: op, Target: target, Status: resp.StatusCode, RequestID: resp.Header.Get("X-Amz-Request-Id")}
	var body xmlError
	if b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)); xml.Unmarshal(b, &body) == nil {
		e.Code, e.Message = body.Code, body.Message
	}
	if e.Code == "" {
		e.Code, e.Message = resp.Header.Get("X-Minio-Error-Code"), resp.Header.Get("X-Minio-Error-Desc")
	}
	return e.classified()
}

// bodyError returns the S3 error inside a 200 response, which
// CompleteMultipartUpload may send after it started answering.
func bodyError(op, target string, status int, body []byte) error {
	var x xmlError
	if xml.Unmarshal(body, &x) != nil || x.Code == "" {
		return nil
	}
	return (&Error{Op: op, Target: target, Status: status, Code: x.Code, Message: x.Message, RequestID: x.RequestID}).classified()
}
