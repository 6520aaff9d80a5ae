package plugintest

import "testing"

func TestLaunchBuildsStartsAndConfiguresAPlugin(t *testing.T) {
	c := Launch(t, "github.com/reel-project/reel/cmd/reel-plugin-metadata-rps", []byte(`{"url": "http://127.0.0.1:1/rp"}`))
	if info := c.Info(); info.Name != "metadata-rps" {
		t.Errorf("Info = %+v, want the plugin's name", info)
	}
}
