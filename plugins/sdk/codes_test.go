package sdk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

var errPlain = errors.New("plain")

var codeCases = []struct {
	name      string
	err       error
	code      codes.Code
	permanent bool
}{
	{"an unclassified error is Unknown and retried", errPlain, codes.Unknown, false},
	{"Permanent defaults to FailedPrecondition", sdk.Permanent(errPlain), codes.FailedPrecondition, true},
	{"Retryable defaults to Unavailable", sdk.Retryable(errPlain), codes.Unavailable, false},
	{"ErrNotFound is NotFound", fmt.Errorf("x: %w", sdk.ErrNotFound), codes.NotFound, true},
	{"ErrExists is AlreadyExists", fmt.Errorf("x: %w", sdk.ErrExists), codes.AlreadyExists, true},
	{"ErrMismatch is DataLoss and retried", fmt.Errorf("x: %w", sdk.ErrMismatch), codes.DataLoss, false},
	{"ErrInvalid is InvalidArgument", fmt.Errorf("x: %w", sdk.ErrInvalid), codes.InvalidArgument, true},
	{"ErrUnimplemented is Unimplemented", sdk.ErrUnimplemented, codes.Unimplemented, true},
	{"a ConfigError is InvalidArgument", sdk.ConfigErrorf("dir", "empty"), codes.InvalidArgument, true},
	{"context.Canceled is Canceled", fmt.Errorf("x: %w", context.Canceled), codes.Canceled, false},
	{"context.DeadlineExceeded is DeadlineExceeded", context.DeadlineExceeded, codes.DeadlineExceeded, false},
	{"a wrapped gRPC status keeps its code", fmt.Errorf("x: %w", status.Error(codes.ResourceExhausted, "quota")), codes.ResourceExhausted, false},
	{"a permanent mark wins over a retryable code", sdk.Permanent(context.DeadlineExceeded), codes.FailedPrecondition, true},
	{"a retryable mark wins over a permanent code", sdk.Retryable(sdk.ErrExists), codes.Unavailable, false},
	{"a mark keeps a code of its own class", sdk.Permanent(status.Error(codes.PermissionDenied, "no")), codes.PermissionDenied, true},
	{"the outermost mark wins", sdk.Retryable(sdk.Permanent(errPlain)), codes.Unavailable, false},
}

func TestCodeMapsEveryErrorToItsClass(t *testing.T) {
	for _, tc := range codeCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sdk.Code(tc.err); got != tc.code {
				t.Errorf("Code = %v, want %v", got, tc.code)
			}
			if got := sdk.IsPermanent(tc.err); got != tc.permanent {
				t.Errorf("IsPermanent = %v, want %v", got, tc.permanent)
			}
			if sdk.IsRetryable(tc.err) == tc.permanent {
				t.Errorf("IsRetryable = %v, want %v", !tc.permanent, tc.permanent)
			}
		})
	}
}

func TestNilIsNeitherPermanentNorRetryable(t *testing.T) {
	if sdk.IsPermanent(nil) || sdk.IsRetryable(nil) || sdk.Permanent(nil) != nil || sdk.Retryable(nil) != nil {
		t.Error("nil must stay nil and unclassified")
	}
}

// statFails is a storage plugin whose Stat fails with err.
type statFails struct {
	*memplugin.Plugin
	err error
}

func (s statFails) Stat(context.Context, sdk.Key) (sdk.Stored, error) { return sdk.Stored{}, s.err }

func TestErrorsKeepCodeAndClassAcrossTheWire(t *testing.T) {
	for _, tc := range codeCases {
		if tc.code == codes.NotFound { // Stat answers it as exists=false
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			st, err := sdktest.Start(t, statFails{memplugin.New(), tc.err}).Storage()
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.Stat(context.Background(), sdk.Key{RecordingID: "r", Name: "n"})
			if got := status.Code(err); got != tc.code {
				t.Errorf("code across the wire = %v, want %v (%v)", got, tc.code, err)
			}
			if got := sdk.IsPermanent(err); got != tc.permanent {
				t.Errorf("IsPermanent across the wire = %v, want %v", got, tc.permanent)
			}
		})
	}
}

func TestSentinelsMatchAcrossTheWire(t *testing.T) {
	for _, sentinel := range []error{sdk.ErrExists, sdk.ErrMismatch, sdk.ErrInvalid, sdk.ErrUnimplemented} {
		t.Run(sentinel.Error(), func(t *testing.T) {
			st, _ := sdktest.Start(t, statFails{memplugin.New(), fmt.Errorf("deep: %w", sentinel)}).Storage()
			_, err := st.Stat(context.Background(), sdk.Key{RecordingID: "r", Name: "n"})
			if !errors.Is(err, sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, sentinel)
			}
		})
	}
}

func TestAMissingObjectIsErrNotFoundOnTheHost(t *testing.T) {
	st, _ := sdktest.Start(t, statFails{memplugin.New(), io.EOF}).Storage()
	_, err := st.Stat(context.Background(), sdk.Key{RecordingID: "r", Name: "n"})
	if errors.Is(err, sdk.ErrNotFound) {
		t.Fatalf("a failing Stat must not read as not found: %v", err)
	}
	st, _ = sdktest.Start(t, statFails{memplugin.New(), sdk.ErrNotFound}).Storage()
	_, err = st.Stat(context.Background(), sdk.Key{RecordingID: "r", Name: "n"})
	if !errors.Is(err, sdk.ErrNotFound) || !sdk.IsPermanent(err) {
		t.Fatalf("Stat = %v, want a permanent sdk.ErrNotFound", err)
	}
}
