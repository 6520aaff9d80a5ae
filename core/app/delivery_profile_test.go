package app

import (
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/plugins/davtest"
)

// A call as reel-rm forwards it: no gvp-tenant-id, the profile in
// reel-profile. The profile's tenant is the document's, and the WebDAV
// plugin's path template files the recording under it and its start date.
func TestAProfilesTenantFilesTheRecordingUnderItsWebDAVFolderAndInTheRPSDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs Apache and two plugin processes")
	}
	dav := davtest.Start(t)
	rps := newRPS(t, dav, "")
	m, addr, _ := deliveryMCP(t, dav, rps, func(c *config.MCP) {
		c.Plugins[0].Config["path"] = "{tenant}/{date:2006/01/02}/{recording_id}"
		c.Profiles["acme"] = config.Profile{Tenant: "acme", Storage: []string{"dav"}, Metadata: []string{"rp"}}
	})
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	c := callWithURI(t, emu, "sip:msml=conf-acme@"+addr+";dn=7001;record;reel-profile=acme")
	c.talk(t, audio(t, g711.MuLaw, 10, 2), audio(t, g711.ALaw, 60, 2))
	time.Sleep(200 * time.Millisecond)
	c.hangUp(t)
	j := waitJob(t, m)
	want := spooledSums(t, m, j)
	waitDelivered(t, m, 30*time.Second)

	posts := rps.got()
	if len(posts) != 1 {
		t.Fatalf("%d RPS posts, want 1", len(posts))
	}
	d := posts[0].doc
	checkDoc(t, dav, d, want)
	start, err := recmeta.ParseTime(d.StartTime)
	if err != nil {
		t.Fatal(err)
	}
	folder := "acme/" + start.UTC().Format("2006/01/02") + "/" + j.ID
	for _, mf := range d.MediaFiles {
		if mf.Tenant != "acme" {
			t.Errorf("%s: tenant %q, want the profile's acme", mf.MediaID, mf.Tenant)
		}
		if uri := mf.MediaDescriptor.Storage[0].URI; uri != dav.URL+"/"+folder+"/"+mf.MediaID {
			t.Errorf("%s stored at %s, want it in %s", mf.MediaID, uri, folder)
		}
	}
	if names := davFolder(t, dav, folder); len(names) != len(want) {
		t.Errorf("WebDAV folder %s holds %v, want the %d files", folder, names, len(want))
	}
}
