package host

import (
	"context"
	"errors"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestErrorCarriesCodeSentinelAndContext(t *testing.T) {
	err := error(&Error{Plugin: "p", Op: "storage.Put", Code: codes.DataLoss, Msg: "bad", ctxErr: context.Canceled})
	if !errors.Is(err, sdk.ErrMismatch) || !errors.Is(err, context.Canceled) {
		t.Errorf("%v does not match its sentinel and context error", err)
	}
	if status.Code(err) != codes.DataLoss || sdk.Code(err) != codes.DataLoss {
		t.Errorf("code = %v / %v, want DataLoss", status.Code(err), sdk.Code(err))
	}
	if got, want := err.Error(), `plugin "p": storage.Put: DataLoss: bad`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
}

func TestErrorClassFollowsTheCode(t *testing.T) {
	for code, permanent := range map[codes.Code]bool{
		codes.Unavailable: false, codes.Internal: false, codes.ResourceExhausted: false,
		codes.PermissionDenied: true, codes.Unauthenticated: true, codes.AlreadyExists: true,
	} {
		if got := sdk.IsPermanent(&Error{Code: code}); got != permanent {
			t.Errorf("IsPermanent(%v) = %v, want %v", code, got, permanent)
		}
	}
}
