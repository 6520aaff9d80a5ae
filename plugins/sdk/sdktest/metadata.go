package sdktest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// SampleDocument is a metadata document in the shape of docs/wire.md §5.
var SampleDocument = json.RawMessage(`{
  "id": "sdktest-0001", "callerPhoneNumber": "+15550100", "dialedPhoneNumber": "+15550199",
  "startTime": "2026-01-02T03:04:05.000+0000", "stopTime": "2026-01-02T03:04:17.523+0000",
  "mediaFiles": [{"callUUID": "sdktest-0001", "mediaId": "sdktest-0001.mp3", "type": "audio/mp3",
    "startTime": "2026-01-02T03:04:05.000+0000", "stopTime": "2026-01-02T03:04:17.523+0000",
    "duration": "12523", "size": "199296", "tenant": "sdktest", "ivrprofile": "default",
    "parameters": {"dnis": "+15550199", "ani": "+15550100"},
    "mediaDescriptor": {"storage": [{"uri": "file:///tmp/sdktest-0001.mp3"}]}}],
  "eventHistory": [{"event": "start", "time": "2026-01-02T03:04:05.000+0000"},
    {"event": "stop", "time": "2026-01-02T03:04:17.523+0000"}]
}`)

// Metadata runs the conformance suite for a metadata plugin: configuration,
// Publish, idempotency, cancellation and the host's document check.
func Metadata(t *testing.T, f Factory) {
	checkInfo(t, f, sdk.KindMetadata)
	doc := sdk.Document{RecordingID: "sdktest-0001", JSON: SampleDocument, IdempotencyKey: "sdktest-0001/1"}
	t.Run("Publish accepts a document", func(t *testing.T) {
		if err := metadataOf(t, startConfigured(t, f, nil)).Publish(context.Background(), doc); err != nil {
			t.Fatalf("Publish: %v", err)
		}
	})
	t.Run("Publish of the same idempotency key twice succeeds", func(t *testing.T) {
		md := metadataOf(t, startConfigured(t, f, nil))
		for i := range 2 {
			if err := md.Publish(context.Background(), doc); err != nil {
				t.Fatalf("Publish #%d: %v", i+1, err)
			}
		}
	})
	t.Run("a cancelled Publish returns the context's error", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := metadataOf(t, startConfigured(t, f, nil)).Publish(ctx, doc)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Publish = %v, want an error matching context.Canceled", err)
		}
	})
	t.Run("a document that is not a JSON object is refused as permanent", func(t *testing.T) {
		bad := doc
		bad.JSON = json.RawMessage(`"just a string"`)
		err := metadataOf(t, startConfigured(t, f, nil)).Publish(context.Background(), bad)
		if !errors.Is(err, sdk.ErrInvalid) || !sdk.IsPermanent(err) {
			t.Fatalf("Publish = %v, want a permanent sdk.ErrInvalid", err)
		}
	})
}

func metadataOf(t *testing.T, c *host.Client) sdk.Metadata {
	t.Helper()
	m, err := c.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
