package speechminer

import (
	"bytes"
	"context"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/internal/plugintest"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestThePluginProcessDelivers(t *testing.T) {
	srv := davtest.Start(t)
	c := plugintest.Launch(t, "github.com/reel-project/reel/cmd/reel-plugin-analytics-speechminer", configFor(srv, "/proc"))
	if info := c.Info(); info.Name != "analytics-speechminer" || info.Version != Version {
		t.Errorf("Info = %+v", info)
	}
	a, err := c.Analytics()
	if err != nil {
		t.Fatal(err)
	}
	obj, data := sdktest.NewObject("rec-proc", "call.wav", 1<<20+3)
	loc, err := a.Deliver(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if got := sha256Of(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("delivered sha256 %s, want %s", got, obj.SHA256)
	}
}
