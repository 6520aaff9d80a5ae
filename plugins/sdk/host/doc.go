// Package host starts Reel plugins and talks to them: the MCP's side of the
// plugin contract.
//
// Start here: Launch a plugin binary, Configure it, then use the typed client
// of its kind, which implements the same sdk interface the plugin does:
//
//	c, err := host.Launch(ctx, "/usr/lib/reel/reel-plugin-storage-webdav",
//		host.WithName("webdav-main"), host.WithLogger(log), host.WithChecksum(sum))
//	defer c.Close()
//	err = c.Configure(ctx, block)
//	st, err := c.Storage()
//	loc, err := st.Put(ctx, obj, file)
//
// Put and Deliver stream the reader's bytes, except that an *os.File opened
// by an absolute path and at offset 0 is named to a plugin that takes local
// files (every Go plugin does), which reads it itself; WithLocalFiles(false)
// turns that off.
//
// Launch uses go-plugin with AutoMTLS over a Unix socket, pins the binary's
// SHA-256 when given one, and re-logs the plugin's stderr through the
// slog.Logger under plugin=<name>. Errors are *Error values: sdk.IsPermanent
// tells the spool to dead-letter, anything else is retried; errors.Is matches
// the sdk sentinels (sdk.ErrNotFound, sdk.ErrUnimplemented, …) and the
// caller's context error. A Client is safe for concurrent use.
package host
