package pluginhost

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// AnalyticsType is the only content type analytics destinations take.
const AnalyticsType = "audio/wav"

// destination adapts one kind of a plugin to spool.Destination.
type destination struct {
	p    *Plugin
	kind sdk.Kind
}

var (
	_ spool.Destination = destination{}
	_ spool.Stater      = destination{}
	_ spool.Selector    = destination{}
)

func newDestination(p *Plugin, k sdk.Kind) spool.Destination { return destination{p: p, kind: k} }

var kindStep = map[sdk.Kind]spool.Step{
	sdk.KindStorage: spool.Store, sdk.KindMetadata: spool.Metadata, sdk.KindAnalytics: spool.Analytics,
}

// Name is "<kind>/<plugin>", e.g. "storage/localdir".
func (d destination) Name() string { return string(d.kind) + "/" + d.p.spec.Name }

// Step maps the kind to its delivery step.
func (d destination) Step() spool.Step { return kindStep[d.kind] }

// Wants takes every file, but only WAV for analytics.
func (d destination) Wants(f spool.FileRef) bool {
	return d.kind != sdk.KindAnalytics || f.ContentType == AnalyticsType
}

// Deliver puts a file (storage, analytics) or publishes the document.
func (d destination) Deliver(ctx context.Context, job spool.JobView, file *spool.FileRef) (string, error) {
	c, err := d.p.Client(ctx)
	if err != nil {
		return "", err // retryable: the plugin is down
	}
	loc, err := d.deliver(ctx, c, job, file)
	return loc, classify(err)
}

func (d destination) deliver(ctx context.Context, c *host.Client, job spool.JobView, file *spool.FileRef) (string, error) {
	switch d.kind {
	case sdk.KindMetadata:
		return "", publish(ctx, c, job)
	case sdk.KindStorage:
		return put(ctx, c, job, file)
	default:
		return deliverAnalytics(ctx, c, job, file)
	}
}

func publish(ctx context.Context, c *host.Client, job spool.JobView) error {
	md, err := c.Metadata()
	if err != nil {
		return sdk.Permanent(err)
	}
	return md.Publish(ctx, sdk.Document{RecordingID: job.RecordingID, JSON: job.Document, IdempotencyKey: job.RecordingID})
}

func put(ctx context.Context, c *host.Client, job spool.JobView, file *spool.FileRef) (string, error) {
	st, err := c.Storage()
	if err != nil {
		return "", sdk.Permanent(err)
	}
	f, err := open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	loc, err := st.Put(ctx, object(job, file), f)
	return loc.URI, err
}

func deliverAnalytics(ctx context.Context, c *host.Client, job spool.JobView, file *spool.FileRef) (string, error) {
	an, err := c.Analytics()
	if err != nil {
		return "", sdk.Permanent(err)
	}
	f, err := open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	loc, err := an.Deliver(ctx, object(job, file), f)
	return loc.URI, err
}

// open opens the spooled file by its absolute path, so that a plugin that
// takes local files is handed the path instead of the bytes
// (docs/decisions/0025-local-file-delivery.md).
func open(file *spool.FileRef) (*os.File, error) {
	path, err := filepath.Abs(file.Path)
	if err != nil {
		return nil, err
	}
	return os.Open(path)
}

// object is the file as a plugin sees it: its key, type, size, SHA-256 and
// the labels of its recording.
func object(job spool.JobView, file *spool.FileRef) sdk.Object {
	return sdk.Object{
		Key:         sdk.Key{RecordingID: job.RecordingID, Name: file.Name},
		ContentType: file.ContentType, Size: file.Size, SHA256: file.SHA256,
		Metadata: labels(job.Document, file.Name),
	}
}

// Stat asks a storage plugin whether the file is already stored intact.
func (d destination) Stat(ctx context.Context, job spool.JobView, file *spool.FileRef) (string, bool, error) {
	if d.kind != sdk.KindStorage {
		return "", false, nil
	}
	c, err := d.p.Client(ctx)
	if err != nil {
		return "", false, err
	}
	st, err := c.Storage()
	if err != nil {
		return "", false, nil
	}
	got, err := st.Stat(ctx, sdk.Key{RecordingID: job.RecordingID, Name: file.Name})
	switch {
	case errors.Is(err, sdk.ErrNotFound):
		return "", false, nil
	case err != nil:
		return "", false, classify(err)
	}
	return got.Location.URI, got.Size == file.Size && got.SHA256 == file.SHA256, nil
}

// classify maps the plugin's permanent class to the spool's; everything
// else is retried.
func classify(err error) error {
	if err != nil && sdk.IsPermanent(err) {
		return spool.Permanent(err)
	}
	return err
}
