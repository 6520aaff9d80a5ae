package host

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"github.com/reel-project/reel/plugins/sdk"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// Client is one running plugin. Its methods are safe for concurrent use.
type Client struct {
	opts  options
	conn  grpc.ClientConnInterface
	proc  *plugin.Client // nil for Connect
	info  sdk.Info
	kinds []sdk.Kind
	local bool // the plugin accepts local_path

	closeOnce sync.Once
}

// Connect attaches to a plugin already served on conn (see sdk.Register):
// in-process tests and custom transports. Close does not close conn.
func Connect(ctx context.Context, conn grpc.ClientConnInterface, opts ...Option) (*Client, error) {
	c := &Client{opts: newOptions("plugin", opts), conn: conn}
	if err := c.handshake(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// handshake asks the plugin who it is and checks the contract version.
func (c *Client) handshake(ctx context.Context) error {
	resp, err := c.getInfo(ctx)
	if err != nil {
		return err
	}
	if v := resp.GetProtocolVersion(); v != sdk.ProtocolVersion {
		return fmt.Errorf("%w: plugin %q speaks v%d, host v%d", ErrProtocol, c.opts.name, v, sdk.ProtocolVersion)
	}
	c.info = sdk.Info{Name: resp.GetName(), Version: resp.GetVersion()}
	if !c.opts.named && c.proc == nil {
		c.opts.name = c.info.Name
	}
	c.kinds = kindsFromPB(resp.GetKinds())
	c.local = resp.GetAcceptsLocalPath()
	return nil
}

func (c *Client) getInfo(ctx context.Context) (*pb.GetInfoResponse, error) {
	ctx, cancel := c.callContext(ctx)
	defer cancel()
	resp, err := pb.NewPluginClient(c.conn).GetInfo(ctx, &pb.GetInfoRequest{})
	return resp, c.fail(ctx, "plugin.GetInfo", err)
}

// Info is the name and version the plugin reported at start.
func (c *Client) Info() sdk.Info { return c.info }

// Kinds lists the kinds the plugin implements.
func (c *Client) Kinds() []sdk.Kind { return append([]sdk.Kind(nil), c.kinds...) }

// LocalFiles reports whether Put and Deliver name a file to the plugin
// instead of streaming it (see storageClient.Put): the plugin said it takes
// local files and WithLocalFiles did not turn them off.
func (c *Client) LocalFiles() bool { return c.local && c.opts.localFiles }

// Ping checks that the plugin answers.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.getInfo(ctx)
	return err
}

// Exited reports whether the plugin process has ended (always false for
// Connect): the host should Close the client and Launch a new one.
func (c *Client) Exited() bool { return c.proc != nil && c.proc.Exited() }

// Pid is the plugin's process id; 0 for Connect or before the start.
func (c *Client) Pid() int {
	if c.proc == nil {
		return 0
	}
	if rc := c.proc.ReattachConfig(); rc != nil {
		return rc.Pid
	}
	return 0
}

// Close stops the plugin process (gracefully, then by force) and waits for
// its output to be logged. It is safe to call twice.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		if c.proc != nil {
			c.proc.Kill()
		}
	})
	return nil
}

// Configure hands the plugin its configuration block (a JSON object; nil
// means "{}"). A rejected configuration is an error wrapping one
// *sdk.ConfigError per problem.
func (c *Client) Configure(ctx context.Context, config json.RawMessage) error {
	if config == nil {
		config = json.RawMessage("{}")
	}
	ctx, cancel := c.callContext(ctx)
	defer cancel()
	resp, err := pb.NewPluginClient(c.conn).Configure(ctx, &pb.ConfigureRequest{ConfigJson: config})
	if err != nil {
		return c.fail(ctx, "plugin.Configure", err)
	}
	var problems []error
	for _, e := range resp.GetErrors() {
		problems = append(problems, &sdk.ConfigError{Key: e.GetKey(), Err: errors.New(e.GetMessage())})
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("plugin %q: %w", c.opts.name, errors.Join(problems...))
}

// callContext applies the per-call timeout.
func (c *Client) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.opts.callTimeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.opts.callTimeout)
}

// fail turns a gRPC error into an *Error; nil stays nil.
func (c *Client) fail(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	st := status.Convert(err)
	return &Error{Plugin: c.opts.name, Op: op, Code: st.Code(), Msg: st.Message(), ctxErr: contextErr(ctx)}
}

// contextErr is ctx.Err(), or DeadlineExceeded once the deadline passed even
// if ctx's timer has not fired yet (the plugin's copy of the deadline may
// fire first).
func contextErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

func (c *Client) hasKind(k sdk.Kind) error {
	for _, have := range c.kinds {
		if have == k {
			return nil
		}
	}
	return fmt.Errorf("%w: plugin %q is not %s", ErrKind, c.opts.name, k)
}

// Storage returns the plugin's storage client, or ErrKind.
func (c *Client) Storage() (sdk.Storage, error) {
	if err := c.hasKind(sdk.KindStorage); err != nil {
		return nil, err
	}
	return &storageClient{c: c, pb: pb.NewStorageClient(c.conn)}, nil
}

// Metadata returns the plugin's metadata client, or ErrKind.
func (c *Client) Metadata() (sdk.Metadata, error) {
	if err := c.hasKind(sdk.KindMetadata); err != nil {
		return nil, err
	}
	return &metadataClient{c: c, pb: pb.NewMetadataClient(c.conn)}, nil
}

// Analytics returns the plugin's analytics client, or ErrKind.
func (c *Client) Analytics() (sdk.Analytics, error) {
	if err := c.hasKind(sdk.KindAnalytics); err != nil {
		return nil, err
	}
	return &analyticsClient{c: c, pb: pb.NewAnalyticsClient(c.conn)}, nil
}

// TTS returns the plugin's text-to-speech client, or ErrKind.
func (c *Client) TTS() (sdk.TTS, error) {
	if err := c.hasKind(sdk.KindTTS); err != nil {
		return nil, err
	}
	return &ttsClient{c: c, pb: pb.NewTTSClient(c.conn)}, nil
}

var kindFromPB = map[pb.Kind]sdk.Kind{
	pb.Kind_KIND_STORAGE:   sdk.KindStorage,
	pb.Kind_KIND_METADATA:  sdk.KindMetadata,
	pb.Kind_KIND_ANALYTICS: sdk.KindAnalytics,
	pb.Kind_KIND_TTS:       sdk.KindTTS,
}

// kindsFromPB drops kinds this host does not know (a newer plugin's).
func kindsFromPB(in []pb.Kind) []sdk.Kind {
	var out []sdk.Kind
	for _, k := range in {
		if kind, ok := kindFromPB[k]; ok {
			out = append(out, kind)
		}
	}
	return out
}
