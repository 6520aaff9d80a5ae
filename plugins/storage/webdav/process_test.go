package webdav

import (
	"bytes"
	"context"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/internal/plugintest"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func TestThePluginProcessStoresOnApache(t *testing.T) {
	srv := davtest.Start(t)
	c := plugintest.Launch(t, "github.com/reel-project/reel/cmd/reel-plugin-storage-webdav", configFor(srv, ""))
	if info := c.Info(); info.Name != "storage-webdav" || info.Version != Version {
		t.Errorf("Info = %+v", info)
	}
	st, err := c.Storage()
	if err != nil {
		t.Fatal(err)
	}
	obj, data := sdktest.NewObject("rec-proc", "call.mp3", 3<<20+1)
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if got := getSHA256(t, srv, loc.URI); got != obj.SHA256 {
		t.Errorf("stored sha256 %s, want %s", got, obj.SHA256)
	}
	stored, err := st.Stat(context.Background(), obj.Key)
	if err != nil || stored.SHA256 != obj.SHA256 || stored.Size != obj.Size {
		t.Errorf("Stat = %+v, %v", stored, err)
	}
}
