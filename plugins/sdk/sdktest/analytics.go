package sdktest

import (
	"context"
	"io"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// Analytics runs the conformance suite for an analytics plugin: the same
// stream checks as Storage, except that nothing can tell whether a failed
// delivery left something behind.
func Analytics(t *testing.T, f Factory) {
	checkInfo(t, f, sdk.KindAnalytics)
	checkStream(t, f, streamKind{
		op:     "Deliver",
		client: func(t *testing.T, c *host.Client) sendFunc { return analyticsOf(t, c).Deliver },
		inject: func(p sdk.Plugin, wrap wrapReader) sdk.Plugin {
			return &wrappedAnalytics{Plugin: p, Analytics: p.(sdk.Analytics), wrap: wrap}
		},
	})
}

func analyticsOf(t *testing.T, c *host.Client) sdk.Analytics {
	t.Helper()
	a, err := c.Analytics()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// wrappedAnalytics is an analytics plugin whose Deliver reader is wrapped.
type wrappedAnalytics struct {
	sdk.Plugin
	sdk.Analytics
	wrap wrapReader
}

func (f *wrappedAnalytics) Deliver(ctx context.Context, obj sdk.Object, r io.Reader) (sdk.Location, error) {
	r, done := f.wrap(ctx, r)
	if done != nil {
		defer done()
	}
	return f.Analytics.Deliver(ctx, obj, r)
}
