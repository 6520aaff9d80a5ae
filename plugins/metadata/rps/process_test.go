package rps

import (
	"context"
	"testing"

	"github.com/reel-project/reel/plugins/internal/plugintest"
)

func TestThePluginProcessPublishes(t *testing.T) {
	p, srv := startProcessor(t)
	c := plugintest.Launch(t, "github.com/reel-project/reel/cmd/reel-plugin-metadata-rps", configFor(srv.URL))
	if info := c.Info(); info.Name != "metadata-rps" || info.Version != Version {
		t.Errorf("Info = %+v", info)
	}
	md, err := c.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	if err := md.Publish(context.Background(), sample); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	if _, ok := p.docs["sdktest-0001"]; !ok {
		t.Error("the processor got nothing")
	}
}
