// Command reel-plugin-storage-webdav is the WebDAV storage plugin process;
// see plugins/storage/webdav.
package main

import (
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/webdav"
)

func main() { sdk.Serve(webdav.New()) }
