package s3

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestS3ErrorsMapToTheirClassAndCode(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		code      string
		grpc      codes.Code
		permanent bool
	}{
		{"a wrong secret is permanent", 403, "SignatureDoesNotMatch", codes.Unauthenticated, true},
		{"an unknown access key is permanent", 403, "InvalidAccessKeyId", codes.Unauthenticated, true},
		{"a refused access is permanent", 403, "AccessDenied", codes.PermissionDenied, true},
		{"a missing bucket is permanent", 404, "NoSuchBucket", codes.FailedPrecondition, true},
		{"a bad request is permanent", 400, "InvalidArgument", codes.FailedPrecondition, true},
		{"a skewed clock is retried", 403, "RequestTimeTooSkewed", codes.Unavailable, false},
		{"SlowDown is retried as exhausted", 503, "SlowDown", codes.ResourceExhausted, false},
		{"too many requests is retried as exhausted", 429, "", codes.ResourceExhausted, false},
		{"an internal error is retried", 500, "InternalError", codes.Unavailable, false},
		{"a bad gateway without a body is retried", 502, "", codes.Unavailable, false},
		{"a request timeout is retried", 400, "RequestTimeout", codes.Unavailable, false},
		{"a damaged payload is a retried mismatch", 400, "XAmzContentSHA256Mismatch", codes.DataLoss, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := (&Error{Op: "PUT", Target: "b/k", Status: tc.status, Code: tc.code}).classified()
			if got := sdk.Code(err); got != tc.grpc {
				t.Errorf("code = %v, want %v", got, tc.grpc)
			}
			if sdk.IsPermanent(err) != tc.permanent {
				t.Errorf("IsPermanent = %v, want %v", sdk.IsPermanent(err), tc.permanent)
			}
		})
	}
}

func TestADamagedPayloadMatchesErrMismatch(t *testing.T) {
	err := (&Error{Status: 400, Code: "BadDigest"}).classified()
	if !errors.Is(err, sdk.ErrMismatch) {
		t.Errorf("%v does not match sdk.ErrMismatch", err)
	}
}

func TestResponseErrorReadsTheXMLBodyOrMinIOHeaders(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code>` +
		`<Message>The specified bucket does not exist</Message><RequestId>R1</RequestId></Error>`
	resp := &http.Response{StatusCode: 404, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	err := responseError("PUT", "b/k", resp)
	var e *Error
	if !errors.As(err, &e) || e.Code != "NoSuchBucket" || !strings.Contains(err.Error(), "bucket does not exist") {
		t.Errorf("from a body: %v", err)
	}
	head := &http.Response{StatusCode: 404, Body: http.NoBody,
		Header: http.Header{"X-Minio-Error-Code": {"NoSuchBucket"}, "X-Minio-Error-Desc": {"gone"}}}
	if err := responseError("HEAD", "b/k", head); !errors.As(err, &e) || e.Code != "NoSuchBucket" {
		t.Errorf("from MinIO's headers: %v", err)
	}
}

func TestAnErrorInsideA200CompleteIsAnError(t *testing.T) {
	body := []byte(`<Error><Code>InternalError</Code><Message>try again</Message></Error>`)
	if err := bodyError("CompleteMultipartUpload", "b/k", 200, body); !sdk.IsRetryable(err) {
		t.Errorf("bodyError = %v, want a retryable error", err)
	}
	ok := []byte(`<CompleteMultipartUploadResult><ETag>"x"</ETag></CompleteMultipartUploadResult>`)
	if err := bodyError("CompleteMultipartUpload", "b/k", 200, ok); err != nil {
		t.Errorf("bodyError of a result = %v", err)
	}
}

// FuzzErrorBodies feeds S3 answers to the error readers: a failed
// response always gives a classified error with its status, and a 200 body
// is an error only when it holds an S3 <Error> with a code.
func FuzzErrorBodies(f *testing.F) {
	f.Add(503, []byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>`))
	f.Add(200, []byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>`))
	f.Add(200, []byte(`<CompleteMultipartUploadResult><ETag>"3858f6"</ETag></CompleteMultipartUploadResult>`))
	f.Add(403, []byte(`<html>Forbidden</html>`))
	f.Add(400, []byte(``))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(string(body)))}
		err := responseError("PUT", "b/k", resp)
		var e *Error
		if !errors.As(err, &e) || e.Status != status || (!sdk.IsRetryable(err) && !sdk.IsPermanent(err)) {
			t.Errorf("responseError(%d, %q) = %v, want a classified *Error with the status", status, body, err)
		}
		if err := bodyError("CompleteMultipartUpload", "b/k", 200, body); err != nil && !errors.As(err, &e) {
			t.Errorf("bodyError(%q) = %v, not an *Error", body, err)
		}
	})
}
