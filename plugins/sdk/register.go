package sdk

import (
	"fmt"

	"google.golang.org/grpc"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// Register registers p's services (Plugin, and one per kind p implements) on
// s. Serve does this for plugin processes; call it yourself only to host a
// plugin in-process, as package sdktest does.
func Register(s grpc.ServiceRegistrar, p Plugin) error {
	kinds := kindsOf(p)
	if len(kinds) == 0 {
		return fmt.Errorf("%w: %s", ErrNoKind, p.Info().Name)
	}
	pb.RegisterPluginServer(s, &pluginServer{p: p, kinds: kinds})
	if st, ok := p.(Storage); ok {
		pb.RegisterStorageServer(s, &storageServer{s: st})
	}
	if md, ok := p.(Metadata); ok {
		pb.RegisterMetadataServer(s, &metadataServer{m: md})
	}
	if an, ok := p.(Analytics); ok {
		pb.RegisterAnalyticsServer(s, &analyticsServer{a: an})
	}
	if t, ok := p.(TTS); ok {
		pb.RegisterTTSServer(s, &ttsServer{t: t})
	}
	return nil
}
