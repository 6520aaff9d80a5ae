// Package pluginv1 is the Go code generated from plugins/proto/v1 by
// scripts/proto.sh; do not edit the *.pb.go files, regenerate them.
//
// It is internal: plugin authors use the plain interfaces of package sdk,
// and the host uses package host.
package pluginv1
