package httpput

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestStatusesMapToErrorClasses(t *testing.T) {
	u, _ := url.Parse("http://user:secret@dav.example.com/rec/a.wav")
	cases := []struct {
		status    int
		permanent bool
	}{
		{401, true}, {403, true}, {404, true}, {405, true}, {409, true}, {412, true}, {413, true}, {301, true},
		{408, false}, {425, false}, {429, false}, {500, false}, {502, false}, {503, false}, {507, false},
	}
	for _, tc := range cases {
		resp := &http.Response{StatusCode: tc.status, Status: http.StatusText(tc.status),
			Body: io.NopCloser(strings.NewReader(strings.Repeat("why ", 300)))}
		err := StatusError(http.MethodPut, u, resp)
		switch {
		case !errors.Is(err, ErrStatus) || sdk.IsPermanent(err) != tc.permanent:
			t.Errorf("%d: %v, want permanent=%v", tc.status, err, tc.permanent)
		case strings.Contains(err.Error(), "secret"):
			t.Errorf("%d: the error shows the password: %v", tc.status, err)
		case strings.Count(err.Error(), "why") > maxReason/4+1:
			t.Errorf("%d: the error repeats more than %d bytes of the body", tc.status, maxReason)
		}
	}
}

func TestTransportErrorsAreRetryableUnlessTheContextEnded(t *testing.T) {
	u, _ := url.Parse("http://dav.example.com/rec/a.wav")
	if err := transportError(context.Background(), "PUT", u, errors.New("connection refused")); !sdk.IsRetryable(err) {
		t.Errorf("a refused connection: %v is not retryable", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := transportError(ctx, "PUT", u, errors.New("boom")); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled call: %v does not match context.Canceled", err)
	}
}
